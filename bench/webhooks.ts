// Webhook latency and sustained throughput: autocannon against POST /webhooks/generic on a real
// API instance (real Redis, own key prefix, deleted afterwards). Every request is a different,
// correctly signed post, so each one is verified, parsed, encrypted and queued.
//   npm run bench:webhooks -- [--duration 20] [--connections 20]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { startApi } from '../src/cli/serve-parts.js';
import { readConfig } from '../src/config.js';
import { signBody } from '../src/crypto.js';
import { deriveKeys } from '../src/keys.js';
import { createLogger } from '../src/log.js';
import { createMetrics } from '../src/metrics.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '20' },
    serve: { type: 'boolean', default: false },
  },
});

// The API runs in its own process (like `leakwatch serve`) so autocannon does not steal its CPU.
if (values.serve) {
  const config = readConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const log = createLogger({ level: 'warn' });
  const { createGenericForum } = await import('../src/forums/generic/index.js');
  const api = await startApi({
    config,
    log,
    keys: deriveKeys(config.secretKey),
    metrics: createMetrics(),
    forums: [createGenericForum(config, { log })],
  });
  const address = api.server.address();
  process.stdout.write(`port ${typeof address === 'object' && address ? address.port : 0}\n`);
  process.on('SIGTERM', () => {
    void (async () => {
      for (const step of api.steps) await step.run();
      process.exit(0);
    })();
  });
} else {
  await runBench();
}

async function runBench(): Promise<void> {
  const secret = randomBytes(16).toString('hex');
  const prefix = `lwbench-${randomBytes(4).toString('hex')}`;
  const env = {
    ...process.env,
    LEAKWATCH_PREFIX: prefix,
    LEAKWATCH_SECRET_KEY: randomBytes(32).toString('hex'),
    GENERIC_WEBHOOK_SECRET: secret,
  };
  // LW_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process there.
  const profile = process.env.LW_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LW_BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, ...process.execArgv, fileURLToPath(import.meta.url), '--serve'],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /port (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}`)));
  });
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

  const filler =
    'Thanks for the quick reply, I tried the steps from the wiki and the export works now. ';
  const samples = [
    'You can reach me on 020 7946 0958 after six.',
    'Mail me at jane.doe.bench@gmail.com if it breaks again.',
    'Card 4111 1111 1111 1111 was declined, any idea why?',
    'Release 2.4.1 fixed the crash on 2024-05-01 for me.',
    'Nothing personal here, just a long story about my garden.',
  ];
  let n = 0;
  function nextBody(): string {
    n++;
    const text = `${filler.repeat(1 + (n % 6))}${samples[n % samples.length]}`;
    return JSON.stringify({
      event: 'post.created',
      post: {
        id: `b${n}`,
        version: 1,
        text,
        format: 'markdown',
        author: { id: n % 500, username: `user${n % 500}` },
      },
    });
  }

  console.log(
    `leakwatch webhook bench: ${values.connections} connections, ${values.duration}s, prefix ${prefix}`,
  );
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/webhooks/generic`,
    connections: Number(values.connections),
    duration: Number(values.duration),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const body = nextBody();
          return {
            ...req,
            body,
            headers: {
              'content-type': 'application/json',
              'x-leakwatch-signature': signBody(secret, body),
            },
          };
        },
      },
    ],
  });

  const redis = new Redis(redisUrl);
  const queued = await redis.llen(`${prefix}:scan:wait`);
  const non2xx = result.non2xx + result.errors + result.timeouts;
  console.log(
    `requests: ${result.requests.total} (${non2xx} non-2xx/errors/timeouts), jobs queued: ${queued}`,
  );
  console.log(
    `latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  console.log(
    `throughput: ${result.requests.average.toFixed(0)} req/s sustained (min ${result.requests.min}, max ${result.requests.max})`,
  );

  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
  child.kill('SIGTERM');
}
