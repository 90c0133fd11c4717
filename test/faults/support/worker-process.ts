// `leakwatch worker` for the fault tests, as a separate process: the same startWorkers() the CLI
// runs, with a short lock so a SIGKILLed worker's jobs are picked up again within seconds rather
// than the production 30 s. Logs JSON lines to stdout (the test sends them to a file it audits).
import { loadForums } from '../../../src/actions/load-forums.js';
import { readConfig } from '../../../src/config.js';
import { deriveKeys } from '../../../src/keys.js';
import { createLogger } from '../../../src/log.js';
import { createMetrics } from '../../../src/metrics.js';
import { createShutdown } from '../../../src/shutdown.js';
import { startWorkers } from '../../../workers/start-workers.js';

const config = readConfig();
const log = createLogger({ level: config.logLevel, pretty: false });
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const workers = startWorkers({
  config,
  log,
  keys: deriveKeys(config.secretKey),
  metrics: createMetrics(),
  forums: await loadForums(config, log),
  tuning: {
    lockDuration: number('FAULT_LOCK_MS', 5000),
    stalledInterval: number('FAULT_STALLED_MS', 2000),
    actionBackoffMs: number('FAULT_ACTION_BACKOFF_MS', 200),
  },
});
await Promise.all([workers.scanWorker.waitUntilReady(), workers.actionWorker.waitUntilReady()]);
log.info({ pid: process.pid }, 'fault worker ready');
const shutdown = createShutdown([{ name: 'workers', run: () => workers.close() }], log);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void shutdown().then(() => process.exit(0)));
}
