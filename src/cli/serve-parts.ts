import { createServer, type Server } from 'node:http';
import type { Redis } from 'ioredis';
import { createApp } from '../http/create-app.js';
import { createQueues } from '../queue/create-queues.js';
import { createIngest } from '../queue/ingest.js';
import { ACTIONS_QUEUE, SCAN_QUEUE } from '../queue/names.js';
import { createRedis, waitForRedis } from '../redis.js';
import { createReviewStore } from '../reviews/create-review-store.js';
import type { ShutdownStep } from '../shutdown.js';
import { closeServer, listen, type Runtime } from './service-runtime.js';

/** Builds the API (producer connections, queues, review store, app) and listens on HOST:PORT. */
export async function startApi(rt: Runtime): Promise<{ server: Server; steps: ShutdownStep[] }> {
  const { config, log, keys, metrics, forums } = rt;
  const producer = createRedis(config.redisUrl, 'producer');
  const storeRedis = createRedis(config.redisUrl, 'store');
  const queues = createQueues(
    producer,
    { prefix: config.prefix, failedJobsKept: config.failedJobsKept },
    log,
  );
  const ingest = createIngest({
    redis: producer,
    queues,
    payloadKey: keys.payload,
    prefix: config.prefix,
    dedupeDays: config.dedupeDays,
    log,
  });
  const reviews = createReviewStore({
    redis: storeRedis,
    prefix: config.prefix,
    payloadKey: keys.payload,
    retentionDays: config.reviewRetentionDays,
  });
  metrics.setQueueDepthSource(async () => ({
    [SCAN_QUEUE]: await queues.scan.getJobCounts('waiting', 'active', 'delayed', 'failed'),
    [ACTIONS_QUEUE]: await queues.actions.getJobCounts('waiting', 'active', 'delayed', 'failed'),
  }));
  // Give the fail-fast connections a moment so the first webhooks do not meet a 503.
  await Promise.all([waitForRedis(producer, 3000), waitForRedis(storeRedis, 3000)]).catch(() =>
    log.warn('Redis does not answer yet: webhooks answer 503 with Retry-After until it does'),
  );
  const app = createApp({ config, log, keys, metrics, ingest, reviews, forums });
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await listen(server, config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(
    { host: config.host, port, forums: forums.map((f) => f.name), dryRun: config.dryRun },
    `leakwatch API listening on http://${config.host}:${port}`,
  );
  return {
    server,
    steps: [
      { name: 'http', run: () => closeServer(server) },
      { name: 'queues', run: () => queues.close() },
      { name: 'redis', run: () => Promise.allSettled([quit(producer), quit(storeRedis)]) },
    ],
  };
}

async function quit(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
