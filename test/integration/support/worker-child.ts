// A worker in a child process for the crash test: it announces each scan and then blocks, so the
// test can SIGKILL it while the job is active.
import { loadForums } from '../../../src/actions/load-forums.js';
import { defaultScanner } from '../../../src/actions/scanner-api.js';
import { readConfig } from '../../../src/config.js';
import { deriveKeys } from '../../../src/keys.js';
import { createLogger } from '../../../src/log.js';
import { createMetrics } from '../../../src/metrics.js';
import { startWorkers } from '../../../workers/start-workers.js';

const config = readConfig();
const log = createLogger({ level: 'warn', destination: process.stderr as never });
const blocker = new Int32Array(new SharedArrayBuffer(4));
const workers = startWorkers({
  config,
  log,
  keys: deriveKeys(config.secretKey),
  metrics: createMetrics(),
  forums: await loadForums(config, log),
  scanner: {
    ...defaultScanner,
    scan(text, options) {
      process.stdout.write('scanning\n');
      Atomics.wait(blocker, 0, 0, 60_000);
      return defaultScanner.scan(text, options);
    },
  },
  tuning: { concurrency: 1, lockDuration: 2000, stalledInterval: 1000 },
});
await workers.scanWorker.waitUntilReady();
process.stdout.write('ready\n');
