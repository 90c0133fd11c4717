import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOutboxes } from '../../src/actions/sweep-outboxes.js';
import { createLogger } from '../../src/log.js';
import { createQueues, type Queues } from '../../src/queue/create-queues.js';
import { enqueueActions } from '../../src/queue/enqueue-actions.js';
import { createReviewStore, type ReviewStore } from '../../src/reviews/create-review-store.js';
import type { OutboxEntry } from '../../src/reviews/types.js';
import { openReviewItem } from './support/review-item.js';
import { deleteKeys, LogCapture, randomPrefix, REDIS_URL } from './support/service.js';

/**
 * A moderator's decision is saved with its actions in the item's outbox; if queueing them then
 * fails (Redis blips, the process dies), the worker's sweeper queues them later, once.
 */
describe('outbox sweeper on Redis and BullMQ', () => {
  const prefix = randomPrefix('outbox');
  let redis: Redis;
  let queues: Queues;
  let store: ReviewStore;
  let now = Date.parse('2026-01-01T00:00:00Z');
  const logs = new LogCapture();
  const log = createLogger({ level: 'info', destination: logs });

  const entry = (postId: string, kind: 'notify' | 'flag'): OutboxEntry => ({
    jobId: `generic-${postId}-v1-${kind}`,
    data: {
      v: 1,
      forum: 'generic',
      kind,
      post: { id: postId, version: 1 },
      author: { id: 'u1', username: 'jane' },
      findings: [],
      reasons: ['phone'],
    },
  });

  /** Saves an item whose outbox holds `actions` that nobody queued. */
  const saveWithOutbox = async (postId: string, actions: OutboxEntry[]) => {
    const applied = await store.updateForPost('generic', postId, async (_existing, slot) => {
      const item = openReviewItem(await slot(), {
        post: { id: postId, version: 1 },
        author: { id: 'u1', username: 'jane' },
        findings: [],
        at: new Date(now),
      });
      return { item, actions };
    });
    return applied.item!.id;
  };

  const sweep = (graceMs = 60_000) =>
    sweepOutboxes(
      { store, enqueueActions: (e) => enqueueActions(queues.actions, e), log },
      { graceMs, limit: 100 },
    );

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queues = createQueues(redis, { prefix, failedJobsKept: 10 });
    store = createReviewStore({
      redis,
      prefix,
      payloadKey: randomBytes(32),
      retentionDays: 1,
      now: () => now,
    });
  });
  afterAll(async () => {
    await queues.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('leaves a fresh outbox to its writer, then queues a stale one once and empties it', async () => {
    const id = await saveWithOutbox('p1', [entry('p1', 'notify'), entry('p1', 'flag')]);
    expect(await store.staleOutboxes(60_000, 10)).toEqual([]);
    expect(await sweep()).toBe(0);

    now += 61_000;
    expect(await store.staleOutboxes(60_000, 10)).toEqual([id]);
    expect(await sweep()).toBe(2);
    expect((await queues.actions.getJob('generic-p1-v1-notify'))?.name).toBe('notify');
    expect((await queues.actions.getJob('generic-p1-v1-flag'))?.name).toBe('flag');
    expect((await store.get(id))?.outbox).toEqual([]);
    expect(await store.staleOutboxes(0, 10)).toEqual([]);

    expect(await sweep(0)).toBe(0);
    expect(await queues.actions.getJobCounts('waiting')).toEqual({ waiting: 2 });
    expect(logs.lines.some((l) => l.includes('outbox swept'))).toBe(true);
  });

  it('does not queue an action twice when the first queueing got through but its clearing did not', async () => {
    const e = entry('p2', 'notify');
    const id = await saveWithOutbox('p2', [e]);
    await enqueueActions(queues.actions, [e]); // queued, then the process died before clearOutbox
    now += 61_000;
    expect(await sweep()).toBe(1);
    const waiting = await queues.actions.getJobs(['waiting']);
    expect(waiting.filter((j) => j.id === e.jobId)).toHaveLength(1);
    expect((await store.get(id))?.outbox).toEqual([]);
  });

  it('forgets outboxes of items that no longer exist', async () => {
    const id = await saveWithOutbox('p3', [entry('p3', 'notify')]);
    await redis.del(`${prefix}:rv:item:${id}`);
    now += 61_000;
    expect(await store.staleOutboxes(60_000, 10)).toEqual([]);
    expect(await redis.zscore(`${prefix}:rv:outbox`, id)).toBeNull();
  });
});
