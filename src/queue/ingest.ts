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

interface PendingScan {
  jobId: string;
  data: ScanJobData;
  resolve(result: EnqueueResult): void;
  reject(err: Error): void;
}

/**
 * Puts posts on the scan queue. Resolves only once the job is in Redis. Redeliveries of the same
 * post version are recognised by the job id while the job exists, and after that by BullMQ's
 * deduplication key (`<prefix>:scan:de:<jobId>`, TTL DEDUPE_DAYS), which BullMQ's add script
 * checks and sets in the same atomic step that stores the job.
 *
 * Posts arriving in the same turn of the event loop are written together: one MGET tells which
 * are redeliveries (for the answer and /metrics), one addBulk adds the others. That is two round
 * trips per batch instead of three per post. Each post still resolves only once its own job is in
 * Redis; when a step fails, every post of the batch rejects with QueueUnavailableError (503).
 *
 * The MGET only shapes the answer: should another process add the same post version between it
 * and the addBulk, BullMQ still keeps a single job, and this answer says `duplicate: false`.
 */
export function createIngest(deps: IngestDeps): Ingest {
  const ttlMs = deps.dedupeDays * 86_400_000;
  const maxBatch = Math.max(1, deps.maxBatch ?? 100);
  const seenKeys = (jobId: string) => [
    `${deps.queues.scan.keys.de}:${jobId}`,
    // Written by leakwatch before it let BullMQ deduplicate; unused once DEDUPE_DAYS have passed.
    toKey(deps.prefix, 'dedupe', jobId),
  ];
  let pending: PendingScan[] = [];
  let scheduled = false;
  /** Posts being written, by job id. */
  const inFlight = new Map<string, Promise<EnqueueResult>>();

  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    void writeBatch(batch);
  };

  async function writeBatch(batch: PendingScan[]): Promise<void> {
    try {
      const seen = await deps.redis.mget(batch.flatMap((p) => seenKeys(p.jobId)));
      const isNew = batch.map((_, i) => seen[2 * i] === null && seen[2 * i + 1] === null);
      const fresh = batch.filter((_, i) => isNew[i]);
      if (fresh.length > 0) {
        await deps.queues.scan.addBulk(
          fresh.map((p) => ({
            name: 'scan',
            data: p.data,
            opts: { jobId: p.jobId, deduplication: { id: p.jobId, ttl: ttlMs } },
          })),
        );
      }
      batch.forEach((p, i) => p.resolve({ jobId: p.jobId, duplicate: !isNew[i] }));
    } catch (err) {
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
        const first = inFlight.get(jobId);
        // A redelivery while its first copy is still being written: answered once that one is.
        if (first) return first.then(() => ({ jobId, duplicate: true }));
        const data = toScanJobData(input, deps.payloadKey, jobId);
        const written = new Promise<EnqueueResult>((resolve, reject) => {
          pending.push({ jobId, data, resolve, reject });
          if (pending.length >= maxBatch) flush();
          else if (!scheduled) {
            scheduled = true;
            setImmediate(flush);
          }
        });
        inFlight.set(jobId, written);
        const settled = () => inFlight.delete(jobId);
        written.then(settled, settled);
        return written;
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
