import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { toAdapterMap } from '../src/actions/load-forums.js';
import { createPerformAction } from '../src/actions/perform-action.js';
import { createScanPost } from '../src/actions/scan-post.js';
import { sweepOutboxes } from '../src/actions/sweep-outboxes.js';
import { defaultScanner, type ScannerApi } from '../src/actions/scanner-api.js';
import type { Config } from '../src/config.js';
import { startDiscourseCatchUp } from '../src/forums/discourse/index.js';
import type { ForumPlugin } from '../src/forums/types.js';
import type { Keys } from '../src/keys.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import { createQueues, type Queues } from '../src/queue/create-queues.js';
import { enqueueActions } from '../src/queue/enqueue-actions.js';
import { createIngest } from '../src/queue/ingest.js';
import type { ActionJobData, ScanJobData } from '../src/queue/job-data.js';
import { ACTIONS_QUEUE, SCAN_QUEUE } from '../src/queue/names.js';
import { createReviewStore, type ReviewStore } from '../src/reviews/create-review-store.js';
import { createRedis } from '../src/redis.js';

export interface WorkerTuning {
  concurrency?: number;
  /** BullMQ lock duration (ms): a crashed worker's job is picked up again after about this long. */
  lockDuration?: number;
  stalledInterval?: number;
  /** First retry delay of a failed action (ms), doubling each time. */
  actionBackoffMs?: number;
  actionAttempts?: number;
  /** How often (ms) outboxes left by a failed queueing are swept; 0 turns the sweeper off. */
  outboxSweepMs?: number;
}

/** Outboxes younger than this belong to whoever is queueing them right now. */
const OUTBOX_GRACE_MS = 60_000;

export interface StartWorkersDeps {
  config: Config;
  log: Logger;
  keys: Keys;
  metrics: Metrics;
  forums: readonly ForumPlugin[];
  scanner?: ScannerApi;
  tuning?: WorkerTuning;
}

export interface RunningWorkers {
  scanWorker: Worker<ScanJobData>;
  actionWorker: Worker<ActionJobData>;
  queues: Queues;
  reviews: ReviewStore;
  /** Stops taking jobs, lets running ones finish (or hands them back), closes Redis. Safe to call twice. */
  close(): Promise<void>;
}

/** The scan and actions workers in this process, each with its own Redis connections. */
export function startWorkers(deps: StartWorkersDeps): RunningWorkers {
  const { config, log, keys, metrics } = deps;
  const tuning = deps.tuning ?? {};
  const workerRedis = createRedis(config.redisUrl, 'worker');
  const storeRedis = createRedis(config.redisUrl, 'worker', 'leakwatch-store');
  const queues = createQueues(
    workerRedis,
    {
      prefix: config.prefix,
      failedJobsKept: config.failedJobsKept,
      actionBackoffMs: tuning.actionBackoffMs,
      actionAttempts: tuning.actionAttempts,
    },
    log,
  );
  const reviews = createReviewStore({
    redis: storeRedis,
    prefix: config.prefix,
    payloadKey: keys.payload,
    retentionDays: config.reviewRetentionDays,
  });
  const scanPost = createScanPost({
    scanner: deps.scanner ?? defaultScanner,
    store: reviews,
    keys,
    config,
    enqueueActions: (entries) => enqueueActions(queues.actions, entries),
    log,
    metrics,
  });
  const performAction = createPerformAction({
    adapters: toAdapterMap(deps.forums),
    keys,
    config,
    log,
    metrics,
  });
  const common = {
    connection: workerRedis,
    prefix: config.prefix,
    concurrency: tuning.concurrency ?? config.workerConcurrency,
    ...(tuning.lockDuration ? { lockDuration: tuning.lockDuration } : {}),
    ...(tuning.stalledInterval ? { stalledInterval: tuning.stalledInterval } : {}),
  };
  const jobLog = (job: Job) =>
    log.child({ queue: job.queueName, jobId: job.id, attempt: job.attemptsMade + 1 });
  const scanWorker = new Worker<ScanJobData>(
    SCAN_QUEUE,
    async (job) => scanPost({ id: job.id!, data: job.data }, jobLog(job)),
    common,
  );
  const actionWorker = new Worker<ActionJobData>(
    ACTIONS_QUEUE,
    async (job) => performAction({ id: job.id!, data: job.data }, jobLog(job)),
    common,
  );
  for (const worker of [scanWorker, actionWorker]) {
    const queue = worker.name;
    worker.on('completed', () => metrics.jobs.inc({ queue, result: 'completed' }));
    worker.on('failed', (job, err) => {
      const final =
        !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
      metrics.jobs.inc({ queue, result: final ? 'failed' : 'retry' });
      log.warn(
        { queue, jobId: job?.id, attempts: job?.attemptsMade, final, err: err.message },
        'job failed',
      );
    });
    worker.on('stalled', (jobId) => log.warn({ queue, jobId }, 'job stalled; picked up again'));
    worker.on('error', (err) => log.error({ queue, err: err.message }, 'worker error'));
  }
  metrics.setQueueDepthSource(async () => ({
    [SCAN_QUEUE]: await queues.scan.getJobCounts('waiting', 'active', 'delayed', 'failed'),
    [ACTIONS_QUEUE]: await queues.actions.getJobCounts('waiting', 'active', 'delayed', 'failed'),
  }));
  // Discourse does not retry deliveries it could not make: a periodic catch-up (CATCHUP_INTERVAL).
  const catchUp = deps.forums.some((f) => f.name === 'discourse')
    ? startDiscourseCatchUp(config, {
        redis: storeRedis,
        log,
        enqueueScan: createIngest({
          redis: storeRedis,
          queues,
          payloadKey: keys.payload,
          prefix: config.prefix,
          dedupeDays: config.dedupeDays,
          log,
        }).enqueueScan,
      })
    : undefined;
  const pruneTimer = setInterval(() => {
    reviews.prune().catch((err: Error) => log.warn({ err: err.message }, 'prune failed'));
  }, 3_600_000);
  pruneTimer.unref();
  const sweepMs = tuning.outboxSweepMs ?? 30_000;
  const sweepTimer =
    sweepMs > 0
      ? setInterval(() => {
          sweepOutboxes(
            { store: reviews, enqueueActions: (e) => enqueueActions(queues.actions, e), log },
            { graceMs: Math.min(OUTBOX_GRACE_MS, sweepMs * 2), limit: 100 },
          ).catch((err: Error) => log.warn({ err: err.message }, 'outbox sweep failed'));
        }, sweepMs)
      : undefined;
  sweepTimer?.unref();

  let closing: Promise<void> | undefined;
  return {
    scanWorker,
    actionWorker,
    queues,
    reviews,
    close() {
      closing ??= (async () => {
        clearInterval(pruneTimer);
        clearInterval(sweepTimer);
        await catchUp?.close();
        await Promise.allSettled([scanWorker.close(), actionWorker.close()]);
        await queues.close();
        await Promise.allSettled([quit(workerRedis), quit(storeRedis)]);
      })();
      return closing;
    },
  };
}

async function quit(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
