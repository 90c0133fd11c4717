import type { Redis } from 'ioredis';
import type { EnqueueResult, IncomingPost } from '../forums/types.js';
import type { Logger } from '../log.js';
import type { OutboxEntry } from '../reviews/types.js';
import type { Queues } from './create-queues.js';
import { enqueueActions } from './enqueue-actions.js';
import { QueueUnavailableError } from './errors.js';
import { toScanJobId, toTextDigest } from './job-id.js';
import { toScanJobData, type ScanJobData } from './job-data.js';
import { toKey } from './names.js';

export interface IngestDeps {
  /** Producer connection: offline queue off and short timeouts, so a Redis outage fails fast. */
  redis: Redis;
  queues: Queues;
  payloadKey: Uint8Array;
  prefix: string;
  dedupeDays: number;
  log: Logger;
  /**
   * Most posts written to Redis together (default 100). Posts that arrive in the same turn of the
   * event loop share their Redis round trips; 1 writes each post on its own.
   */
  maxBatch?: number;
}

export interface Ingest {
  enqueueScan(post: IncomingPost): Promise<EnqueueResult>;
  /** Queues action jobs; throws QueueUnavailableError when Redis does not take them. */
  enqueueActions(entries: readonly OutboxEntry[]): Promise<void>;
  /** Redis answers and the scan queue is writable. */
  isReady(): Promise<boolean>;
}

/**
 * SET key 1 EX ttl NX for every key, in one command: a pipeline of SETs would do the same, but
 * ioredis builds each pipeline by copying every BullMQ script onto it, which costs more than the
 * SETs. Answers 1 for each key set, 0 where it was there already.
 */
const MARK_SEEN = `local out = {}
for i, key in ipairs(KEYS) do
  out[i] = redis.call('SET', key, '1', 'EX', ARGV[1], 'NX') and 1 or 0
end
return out`;

interface PendingScan {
  jobId: string;
  dedupeKey: string;
  data: ScanJobData;
  resolve(result: EnqueueResult): void;
  reject(err: Error): void;
}

/**
 * Puts posts on the scan queue. Resolves only once the job is in Redis. Redeliveries of the same
 * post version are recognised by a dedupe key (TTL DEDUPE_DAYS) that outlives the job, and by the
 * job id while the job exists.
 *
 * Posts arriving together are written together: one MGET of their dedupe keys, one addBulk of the
 * new ones, one script that sets their dedupe keys (SET NX). That is three round trips per batch
 * rather than three per post, and a batch costs Redis and this process a few writes instead of
 * hundreds. Each post still resolves only after its own job is in Redis; when a step fails, every
 * post of the batch not yet resolved rejects with QueueUnavailableError (the webhook answers 503).
 */
export function createIngest(deps: IngestDeps): Ingest {
  const ttl = deps.dedupeDays * 86_400;
  const maxBatch = Math.max(1, deps.maxBatch ?? 100);
  let pending: PendingScan[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    void writeBatch(batch);
  };

  async function writeBatch(batch: PendingScan[]): Promise<void> {
    try {
      const seen = await deps.redis.mget(batch.map((p) => p.dedupeKey));
      const fresh: PendingScan[] = [];
      batch.forEach((p, i) => {
        if (seen[i] === null) fresh.push(p);
        else p.resolve({ jobId: p.jobId, duplicate: true });
      });
      if (fresh.length === 0) return;
      await deps.queues.scan.addBulk(
        fresh.map((p) => ({ name: 'scan', data: p.data, opts: { jobId: p.jobId } })),
      );
      // Set after the add: a crash in between only means the next redelivery hits the job id.
      const marked = (await deps.redis.eval(
        MARK_SEEN,
        fresh.length,
        ...fresh.map((p) => p.dedupeKey),
        ttl,
      )) as number[];
      // 0: the same post version was accepted meanwhile (by another request or process).
      fresh.forEach((p, i) => p.resolve({ jobId: p.jobId, duplicate: marked[i] !== 1 }));
    } catch (err) {
      // Posts already resolved above ignore this.
      const error = unavailable(err, batch);
      for (const p of batch) p.reject(error);
    }
  }

  function unavailable(err: unknown, posts: readonly PendingScan[]): QueueUnavailableError {
    deps.log.warn(
      { jobs: posts.length, jobId: posts[0]?.jobId, err: (err as Error).message },
      'enqueue failed',
    );
    return new QueueUnavailableError(5, { cause: err });
  }

  return {
    enqueueScan(input) {
      try {
        const deleted = input.event === 'deleted';
        const digest =
          input.dedupeOnText && !deleted
            ? toTextDigest(deps.payloadKey, input.post.text)
            : undefined;
        const jobId = toScanJobId(input.forum, input.post.id, input.post.version, deleted, digest);
        const data = toScanJobData(input, deps.payloadKey, jobId);
        const dedupeKey = toKey(deps.prefix, 'dedupe', jobId);
        return new Promise<EnqueueResult>((resolve, reject) => {
          pending.push({ jobId, dedupeKey, data, resolve, reject });
          if (pending.length >= maxBatch) flush();
          else if (!scheduled) {
            scheduled = true;
            setImmediate(flush);
          }
        });
      } catch (err) {
        return Promise.reject(err as Error);
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
