import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewStore, type ReviewStore } from '../../src/reviews/create-review-store.js';
import type { Finding } from '../../src/scanner/types.js';
import { openReviewItem } from './support/review-item.js';
import { deleteKeys, randomPrefix, REDIS_URL, scanKeys } from './support/service.js';

const finding = (
  type: Finding['type'],
  fp: string,
  severity: Finding['severity'] = 'high',
): Finding => ({
  type,
  start: 0,
  end: 4,
  masked: '••••',
  fingerprint: fp,
  severity,
  confidence: 1,
  reasons: ['t'],
});

describe('review store on Redis', () => {
  const prefix = randomPrefix('store');
  let redis: Redis;
  let now = Date.parse('2026-01-01T00:00:00Z');
  let store: ReviewStore;

  const create = (postId: string, findings: Finding[], author = 'u1') =>
    store.updateForPost('generic', postId, async (existing, slot) => {
      if (existing) return {};
      const item = openReviewItem(await slot(), {
        post: { id: postId, version: 1 },
        author: { id: author, username: `name-${author}` },
        findings,
        at: new Date(now),
      });
      return { item };
    });

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    store = createReviewStore({
      redis,
      prefix,
      payloadKey: randomBytes(32),
      retentionDays: 1,
      now: () => now,
    });
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('list pages newest first with filters, and counts per status, type and severity', async () => {
    for (let i = 1; i <= 5; i++) {
      await create(
        `s-${i}`,
        [finding(i % 2 ? 'phone' : 'email', `fp-${i}`, i === 5 ? 'low' : 'high')],
        i <= 2 ? 'u1' : 'u2',
      );
    }
    const page1 = await store.list({ limit: 2 });
    expect(page1.items.map((i) => i.post.id)).toEqual(['s-5', 's-4']);
    const page2 = await store.list({ limit: 2, cursor: page1.nextCursor! });
    expect(page2.items.map((i) => i.post.id)).toEqual(['s-3', 's-2']);
    const page3 = await store.list({ limit: 2, cursor: page2.nextCursor! });
    expect(page3.items.map((i) => i.post.id)).toEqual(['s-1']);
    expect(page3.nextCursor).toBeNull();
    expect((await store.list({ type: 'email' })).items.map((i) => i.post.id)).toEqual([
      's-4',
      's-2',
    ]);
    expect((await store.list({ author: 'name-u1' })).items.map((i) => i.post.id)).toEqual([
      's-2',
      's-1',
    ]);
    expect(
      (await store.list({ severity: 'low', type: 'phone' })).items.map((i) => i.post.id),
    ).toEqual(['s-5']);
    const counts = await store.counts();
    expect(counts.status.open).toBe(5);
    expect(counts.type).toEqual({ email: 2, phone: 3, card: 0 });
    expect(counts.severity.low).toBe(1);
    await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toThrow(TypeError);
  });

  it('recordAuthorResponse(not_personal) appends to the audit trail and lists the item first', async () => {
    const s2 = (await store.getByPost('generic', 's-2'))!;
    const updated = await store.recordAuthorResponse(s2.id, {
      answer: 'not_personal',
      note: 'it is the shop number',
    });
    expect(updated?.audit.at(-1)).toMatchObject({
      by: 'author',
      action: 'respond:not_personal',
      note: 'it is the shop number',
    });
    expect(updated?.authorResponse?.answer).toBe('not_personal');
    expect((await store.list({ status: 'open', limit: 1 })).items[0]!.id).toBe(s2.id);
  });

  it('seenIn counts the posts sharing a fingerprint', async () => {
    await create('s-dup', [finding('phone', 'fp-1')]);
    const item = (await store.getByPost('generic', 's-dup'))!;
    expect(item.findings[0]!.seenIn).toBe(2);
  });

  it('concurrent updates of one item are serialised: none is lost', async () => {
    const id = (await store.getByPost('generic', 's-3'))!.id;
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        store.update(id, (item) => ({
          item: { ...item, audit: [...item.audit, { at: 'T', by: 'test', action: `a${n}` }] },
        })),
      ),
    );
    expect((await store.get(id))!.audit).toHaveLength(10);
  });

  it('saveRedacted stores the text encrypted and readRedacted returns it', async () => {
    const id = (await store.getByPost('generic', 's-4'))!.id;
    await store.saveRedacted(id, 'mail me at j•••@gmail.com please');
    expect(await store.readRedacted(id)).toBe('mail me at j•••@gmail.com please');
    const raw = await redis.get(`${prefix}:rv:redacted:${id}`);
    expect(raw).not.toContain('please');
  });

  it('allow + isAllowed remember allowed fingerprints', async () => {
    await store.allow(['fp-allowed']);
    expect(await store.isAllowed(['fp-1', 'fp-allowed'])).toEqual([false, true]);
  });

  it('closed items expire and prune() removes them from every index after REVIEW_RETENTION_DAYS', async () => {
    const id = (await store.getByPost('generic', 's-1'))!.id;
    await store.update(id, (item) => ({ item: { ...item, status: 'dismissed' } }));
    expect(await redis.ttl(`${prefix}:rv:item:${id}`)).toBeGreaterThan(0);
    expect(await store.prune()).toBe(0);
    now += 2 * 86_400_000;
    expect(await store.prune()).toBe(1);
    expect(await store.get(id)).toBeUndefined();
    const keys = await scanKeys(redis, prefix);
    for (const key of keys.filter((k) => k.includes(':idx:'))) {
      expect(await redis.zscore(key, id)).toBeNull();
    }
    expect((await store.counts()).status.dismissed).toBe(0);
  });
});
