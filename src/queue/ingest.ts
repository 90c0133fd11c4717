import type { Redis } from 'ioredis';
import type { EnqueueResult, IncomingPost } from '../forums/types.js';
import type { Logger } from '../log.js';
import type { OutboxEntry } from '../reviews/types.js';
import type { Queues } from './create-queues.js';
import { enqueueActions } from './enqueue-actions.js';
import { QueueUnavailableError } from './errors.js';
import { toScanJobId, toTextDigest } from './job-id.js';
import { toScanJobData } from './job-data.js';
import { toKey } from './names.js';

export interface IngestDeps {
  /** Producer connection: offline queue off and short timeouts, so a Redis outage fails fast. */
  redis: Redis;
  queues: Queues;
  payloadKey: Uint8Array;
  prefix: string;
  dedupeDays: number;
  log: Logger;
}

export interface Ingest {
  enqueueScan(post: IncomingPost): Promise<EnqueueResult>;
  /** Queues action jobs; throws QueueUnavailableError when Redis does not take them. */
  enqueueActions(entries: readonly OutboxEntry[]): Promise<void>;
  /** Redis answers and the scan queue is writable. */
  isReady(): Promise<boolean>;
}

/**
 * Puts posts on the scan queue. Resolves only once the job is in Redis. Redeliveries of the same
 * post version are recognised by a dedupe key (TTL DEDUPE_DAYS) that outlives the job, and by the
 * job id while the job exists.
 */
export function createIngest(deps: IngestDeps): Ingest {
  const ttl = deps.dedupeDays * 86_400;
  return {
    async enqueueScan(input) {
      const deleted = input.event === 'deleted';
      const digest =
        input.dedupeOnText && !deleted ? toTextDigest(deps.payloadKey, input.post.text) : undefined;
      const jobId = toScanJobId(input.forum, input.post.id, input.post.version, deleted, digest);
      const dedupeKey = toKey(deps.prefix, 'dedupe', jobId);
      try {
        if ((await deps.redis.exists(dedupeKey)) === 1) return { jobId, duplicate: true };
        const data = toScanJobData(input, deps.payloadKey, jobId);
        await deps.queues.scan.add('scan', data, { jobId });
        // Set after the add: a crash in between only means the next redelivery hits the job id.
        const fresh = await deps.redis.set(dedupeKey, '1', 'EX', ttl, 'NX');
        return { jobId, duplicate: fresh === null };
      } catch (err) {
        if (err instanceof TypeError) throw err;
        deps.log.warn({ jobId, err: (err as Error).message }, 'enqueue failed');
        throw new QueueUnavailableError(5, { cause: err });
      }
    },
    async enqueueActions(entries) {
      try {
        await enqueueActions(deps.queues.actions, entries);
      } catch (err) {
        deps.log.warn(
          { actions: entries.length, err: (err as Error).message },
          'enqueue actions failed',
        );
        throw new QueueUnavailableError(5, { cause: err });
      }
    },
    async isReady() {
      try {
        const probe = toKey(deps.prefix, 'ready');
        await deps.redis.set(probe, String(Date.now()), 'EX', 60);
        await deps.queues.scan.getJobCounts('waiting');
        return true;
      } catch {
        return false;
      }
    },
  };
}
