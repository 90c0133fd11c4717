import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingPost } from '../../src/forums/types.js';
import { createLogger } from '../../src/log.js';
import { createQueues, type Queues } from '../../src/queue/create-queues.js';
import { QueueUnavailableError } from '../../src/queue/errors.js';
import { createIngest, type Ingest } from '../../src/queue/ingest.js';
import { readScanText } from '../../src/queue/job-data.js';
import { toKey } from '../../src/queue/names.js';
import { createRedis, waitForRedis } from '../../src/redis.js';
import { deleteKeys, LogCapture, randomPrefix, REDIS_URL, waitFor } from './support/service.js';

function post(id: string, version = 1, text = `post ${id} text`): IncomingPost {
  return {
    forum: 'generic',
    event: 'created',
    post: { id, version, text, format: 'text', author: { id: '1', username: 'ana' } },
  };
}

describe('createIngest: posts arriving together share their Redis round trips', () => {
  const prefix = randomPrefix('ingest-batch');
  const redis = createRedis(REDIS_URL, 'producer', 'ingest-batch-test');
  const payloadKey = randomBytes(32);
  const logs = new LogCapture();
  const log = createLogger({ level: 'debug', destination: logs });
  let queues: Queues;
  let ingest: Ingest;

  beforeAll(async () => {
    await waitForRedis(redis);
    queues = createQueues(redis, { prefix, failedJobsKept: 10 });
    ingest = createIngest({ redis, queues, payloadKey, prefix, dedupeDays: 1, log, maxBatch: 16 });
  });
  afterAll(async () => {
    await queues.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('enqueueScan × 40 in one tick (3 posts delivered twice) makes 37 jobs and marks each redelivery duplicate', async () => {
    const ids = Array.from({ length: 37 }, (_, i) => `b${i}`);
    const sent = [...ids, 'b3', 'b20', 'b36'];
    const results = await Promise.all(sent.map((id) => ingest.enqueueScan(post(id))));
    expect(results.map((r) => r.jobId)).toEqual(sent.map((id) => `generic-${id}-v1`));
    const fresh = results.filter((r) => !r.duplicate).map((r) => r.jobId);
    expect(new Set(fresh).size).toBe(37);
    expect(fresh).toHaveLength(37);
    expect(await queues.scan.getWaitingCount()).toBe(37);
    const job = await queues.scan.getJob('generic-b20-v1');
    expect(readScanText(job!.data, payloadKey, job!.id!)).toBe('post b20 text');
    expect(job!.data.text).not.toContain('b20 text');
    expect(await redis.get(toKey(prefix, 'scan', 'de', 'generic-b36-v1'))).toBe('generic-b36-v1');
    expect(await redis.ttl(toKey(prefix, 'scan', 'de', 'generic-b36-v1'))).toBeGreaterThan(86_000);
  });

  it('enqueueScan of a post whose job completed (and was removed) answers duplicate and adds nothing', async () => {
    const first = await ingest.enqueueScan(post('done'));
    expect(first).toEqual({ jobId: 'generic-done-v1', duplicate: false });
    const connection = createRedis(REDIS_URL, 'worker', 'ingest-batch-worker');
    const worker = new Worker('scan', async () => 'ok', { connection, prefix });
    await waitFor(async () => (await queues.scan.getJob('generic-done-v1')) === undefined);
    await worker.close();
    await connection.quit();
    const [again, other] = await Promise.all([
      ingest.enqueueScan(post('done')),
      ingest.enqueueScan(post('done', 2)),
    ]);
    expect(again).toEqual({ jobId: 'generic-done-v1', duplicate: true });
    expect(other).toEqual({ jobId: 'generic-done-v2', duplicate: false });
    expect(await queues.scan.getJob('generic-done-v1')).toBeUndefined();
    expect(await queues.scan.getJob('generic-done-v2')).toBeDefined();
  });

  it('enqueueScan of a post accepted before BullMQ deduplicated (an old dedupe key) answers duplicate', async () => {
    await redis.set(toKey(prefix, 'dedupe', 'generic-old-v1'), '1', 'EX', 60);
    expect(await ingest.enqueueScan(post('old'))).toEqual({
      jobId: 'generic-old-v1',
      duplicate: true,
    });
    expect(await queues.scan.getJob('generic-old-v1')).toBeUndefined();
  });

  it('enqueueScan with a bad forum name rejects with TypeError and does not hold up the batch', async () => {
    const results = await Promise.allSettled([
      ingest.enqueueScan({ ...post('ok1'), forum: 'bad:name' }),
      ingest.enqueueScan(post('ok1')),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(TypeError) });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { duplicate: false } });
  });

  it('enqueueScan × 5 (one post twice) while Redis is unreachable rejects all five with QueueUnavailableError', async () => {
    const down = createRedis('redis://127.0.0.1:1', 'producer', 'ingest-batch-down');
    const downQueues = createQueues(down, { prefix, failedJobsKept: 10 });
    const downIngest = createIngest({
      redis: down,
      queues: downQueues,
      payloadKey,
      prefix,
      dedupeDays: 1,
      log,
    });
    const results = await Promise.allSettled(
      // down0 twice: its redelivery waits for the first copy and fails with it.
      ['down0', 'down1', 'down2', 'down3', 'down0'].map((id) => downIngest.enqueueScan(post(id))),
    );
    for (const r of results) {
      expect(r).toMatchObject({ status: 'rejected', reason: expect.any(QueueUnavailableError) });
    }
    expect(logs.lines.join('\n')).toContain('enqueue failed');
    expect(logs.lines.join('\n')).not.toContain('post down0 text');
    down.disconnect();
    await downQueues.close();
  });
});
