import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { ActionJobData, ScanJobData } from './job-data.js';
import { ACTIONS_QUEUE, SCAN_QUEUE } from './names.js';

export interface QueueSettings {
  prefix: string;
  /** Failed jobs kept (encrypted) for inspection. */
  failedJobsKept: number;
  scanAttempts?: number;
  actionAttempts?: number;
  /** First retry delay of an action; doubles each time. */
  actionBackoffMs?: number;
  /** How long finished actions are remembered so a retried scan cannot queue them twice. */
  completedActionsAgeSeconds?: number;
}

export interface Queues {
  scan: Queue<ScanJobData>;
  actions: Queue<ActionJobData>;
  close(): Promise<void>;
}

/** Both BullMQ queues on one connection (the producer side: API, and the scan worker for actions). */
export function createQueues(connection: Redis, settings: QueueSettings, log?: Logger): Queues {
  const scan = new Queue<ScanJobData>(SCAN_QUEUE, {
    connection,
    prefix: settings.prefix,
    defaultJobOptions: {
      attempts: settings.scanAttempts ?? 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { count: settings.failedJobsKept },
    },
  });
  const actions = new Queue<ActionJobData>(ACTIONS_QUEUE, {
    connection,
    prefix: settings.prefix,
    defaultJobOptions: {
      // 2 s doubling 15 times rides out a forum outage of about 18 hours.
      attempts: settings.actionAttempts ?? 15,
      backoff: { type: 'exponential', delay: settings.actionBackoffMs ?? 2000 },
      removeOnComplete: { age: settings.completedActionsAgeSeconds ?? 3600, count: 50_000 },
      removeOnFail: { count: settings.failedJobsKept },
    },
  });
  for (const queue of [scan, actions]) {
    // Connection errors surface on the calls that need Redis; here they would crash the process.
    queue.on('error', (err) => log?.debug({ queue: queue.name, err: err.message }, 'queue error'));
  }
  let closing: Promise<void> | undefined;
  return {
    scan,
    actions,
    close() {
      closing ??= Promise.allSettled([scan.close(), actions.close()]).then(() => undefined);
      return closing;
    },
  };
}
