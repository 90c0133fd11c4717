import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { decryptText, encryptText } from '../crypto.js';
import { countReviews, listReviews } from './list-reviews.js';
import { toScore } from './review-cursor.js';
import { createReviewKeys } from './review-keys.js';
import { withRedisLock } from './with-redis-lock.js';
import {
  type AuthorAnswer,
  type ListFilter,
  type ListResult,
  type OutboxEntry,
  type Plan,
  type ReviewCounts,
  type ReviewItem,
} from './types.js';

export interface ReviewStoreOptions {
  redis: Redis;
  prefix: string;
  /** Encrypts the stored redacted post text (needed later by a moderator's "redact"). */
  payloadKey: Uint8Array;
  retentionDays: number;
  now?: () => number;
}

/** The item after a plan was applied, and every action job still waiting to be queued for it. */
export interface Applied<T> {
  item?: ReviewItem;
  result?: T;
  outbox: OutboxEntry[];
}

export interface NewItemSlot {
  id: string;
  seq: number;
}

export interface ReviewStore {
  get(id: string): Promise<ReviewItem | undefined>;
  getByPost(forum: string, postId: string): Promise<ReviewItem | undefined>;
  list(filter?: ListFilter): Promise<ListResult>;
  counts(): Promise<ReviewCounts>;
  /**
   * Reads the post's item under a per-post lock, lets `plan` decide, writes the result. Every
   * writer goes through here or update(), so the bot and moderators never overwrite each other.
   */
  updateForPost<T>(
    forum: string,
    postId: string,
    plan: (
      existing: ReviewItem | undefined,
      slot: () => Promise<NewItemSlot>,
    ) => Plan<T> | Promise<Plan<T>>,
  ): Promise<Applied<T>>;
  update<T>(
    id: string,
    plan: (existing: ReviewItem) => Plan<T> | Promise<Plan<T>>,
  ): Promise<Applied<T> | undefined>;
  /** Removes outbox entries once their jobs are queued. */
  clearOutbox(id: string, jobIds: readonly string[]): Promise<void>;
  /**
   * Ids of items whose outbox has held actions for at least `ageMs` (oldest first, at most
   * `limit`): a queueing that failed or was cut short by a crash, for the sweeper to redo.
   */
  staleOutboxes(ageMs: number, limit: number): Promise<string[]>;
  /** The author's answer to a warning (the /respond page). */
  recordAuthorResponse(
    id: string,
    response: { answer: AuthorAnswer; note?: string; at?: Date },
  ): Promise<ReviewItem | undefined>;
  saveRedacted(id: string, redacted: string): Promise<void>;
  readRedacted(id: string): Promise<string | undefined>;
  /** For each fingerprint, whether a moderator allowed it. */
  isAllowed(fingerprints: readonly string[]): Promise<boolean[]>;
  allow(fingerprints: readonly string[]): Promise<void>;
  /** Deletes closed items older than the retention period; returns how many. */
  prune(): Promise<number>;
}

const CLOSED = new Set(['approved', 'confirmed', 'redacted', 'dismissed', 'resolved']);

export function isClosed(item: Pick<ReviewItem, 'status'>): boolean {
  return CLOSED.has(item.status);
}

export function createReviewStore(options: ReviewStoreOptions): ReviewStore {
  const { redis, payloadKey } = options;
  const keys = createReviewKeys(options.prefix);
  const now = options.now ?? Date.now;
  const retentionSeconds = options.retentionDays * 86_400;

  const withLock = <T>(forum: string, postId: string, fn: () => Promise<T>) =>
    withRedisLock(redis, keys.lock(forum, postId), fn);

  async function readItem(id: string): Promise<ReviewItem | undefined> {
    const json = await redis.get(keys.item(id));
    return json ? (JSON.parse(json) as ReviewItem) : undefined;
  }

  async function withSeenIn(items: ReviewItem[]): Promise<ReviewItem[]> {
    const fps = [...new Set(items.flatMap((item) => item.findings.map((f) => f.fingerprint)))];
    if (fps.length === 0) return items;
    const pipe = redis.pipeline();
    for (const fp of fps) pipe.scard(keys.fingerprint(fp));
    const results = (await pipe.exec()) ?? [];
    const counts = new Map(fps.map((fp, i) => [fp, Number(results[i]?.[1] ?? 0)]));
    return items.map((item) => ({
      ...item,
      findings: item.findings.map((f) => ({ ...f, seenIn: counts.get(f.fingerprint) ?? 1 })),
    }));
  }

  function indexKeys(item: ReviewItem): string[] {
    return [
      keys.all,
      keys.status(item.status),
      keys.author(item.author.id),
      ...(item.author.username ? [keys.author(item.author.username)] : []),
      ...new Set(item.findings.map((f) => keys.type(f.type))),
      ...new Set(item.findings.map((f) => keys.severity(f.severity))),
    ];
  }

  async function write(item: ReviewItem, previous: ReviewItem | undefined): Promise<void> {
    const stored: ReviewItem = {
      ...item,
      findings: item.findings.map(({ seenIn: _s, ...f }) => f),
    };
    const tx = redis.multi();
    const closed = isClosed(item);
    const json = JSON.stringify(stored);
    if (closed) {
      tx.set(keys.item(item.id), json, 'EX', retentionSeconds);
      tx.set(keys.post(item.forum, item.post.id), item.id, 'EX', retentionSeconds);
      tx.zadd(keys.closed, now(), item.id);
    } else {
      tx.set(keys.item(item.id), json);
      tx.set(keys.post(item.forum, item.post.id), item.id);
      tx.zrem(keys.closed, item.id);
    }
    const next = new Set(indexKeys(item));
    if (previous) for (const key of indexKeys(previous)) if (!next.has(key)) tx.zrem(key, item.id);
    const score = toScore(item.priority, item.seq);
    for (const key of next) tx.zadd(key, score, item.id);
    if (item.outbox.length > 0) tx.zadd(keys.outbox, 'NX', now(), item.id);
    else tx.zrem(keys.outbox, item.id);
    for (const finding of item.findings) {
      tx.sadd(keys.fingerprint(finding.fingerprint), `${item.forum}/${item.post.id}`);
      tx.expire(keys.fingerprint(finding.fingerprint), retentionSeconds * 2);
    }
    const results = await tx.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('review store write failed');
  }

  async function newSlot(): Promise<NewItemSlot> {
    const seq = await redis.incr(keys.seq);
    return { id: `rv_${randomBytes(9).toString('base64url')}`, seq };
  }

  async function applyPlan<T>(
    plan: Plan<T>,
    existing: ReviewItem | undefined,
  ): Promise<Applied<T>> {
    if (!plan.item) {
      return {
        item: existing,
        result: plan.result,
        outbox: [...(existing?.outbox ?? []), ...(plan.actions ?? [])],
      };
    }
    const item: ReviewItem = {
      ...plan.item,
      outbox: [...plan.item.outbox, ...(plan.actions ?? [])],
    };
    await write(item, existing);
    return { item, result: plan.result, outbox: item.outbox };
  }

  const store: ReviewStore = {
    async get(id) {
      const item = await readItem(id);
      return item ? (await withSeenIn([item]))[0] : undefined;
    },

    async getByPost(forum, postId) {
      const id = await redis.get(keys.post(forum, postId));
      return id ? store.get(id) : undefined;
    },

    async list(filter = {}) {
      const page = await listReviews(redis, keys, filter);
      return { items: await withSeenIn(page.items), nextCursor: page.nextCursor };
    },

    counts: () => countReviews(redis, keys),

    updateForPost(forum, postId, plan) {
      return withLock(forum, postId, async () => {
        const id = await redis.get(keys.post(forum, postId));
        const existing = id ? await readItem(id) : undefined;
        return applyPlan(await plan(existing, newSlot), existing);
      });
    },

    async update(id, plan) {
      const first = await readItem(id);
      if (!first) return undefined;
      return withLock(first.forum, first.post.id, async () => {
        const existing = await readItem(id);
        if (!existing) return undefined;
        return applyPlan(await plan(existing), existing);
      });
    },

    async clearOutbox(id, jobIds) {
      if (jobIds.length === 0) return;
      const done = new Set(jobIds);
      await store.update(id, (item) => ({
        item: { ...item, outbox: item.outbox.filter((entry) => !done.has(entry.jobId)) },
      }));
    },

    async staleOutboxes(ageMs, limit) {
      const ids = await redis.zrangebyscore(keys.outbox, '-inf', now() - ageMs, 'LIMIT', 0, limit);
      if (ids.length === 0) return [];
      // Items pruned or expired since: forget them here.
      const pipe = redis.pipeline();
      for (const id of ids) pipe.exists(keys.item(id));
      const exists = ((await pipe.exec()) ?? []).map(([, n]) => n === 1);
      const gone = ids.filter((_id, i) => !exists[i]);
      if (gone.length > 0) await redis.zrem(keys.outbox, ...gone);
      return ids.filter((_id, i) => exists[i]);
    },

    async recordAuthorResponse(id, response) {
      const at = (response.at ?? new Date(now())).toISOString();
      const updated = await store.update(id, (item) => ({
        item: {
          ...item,
          authorResponse: { answer: response.answer, at },
          priority:
            response.answer === 'not_personal' && item.status === 'open' ? 1 : item.priority,
          updatedAt: at,
          audit: [
            ...item.audit,
            {
              at,
              by: 'author',
              action: `respond:${response.answer}`,
              ...(response.note ? { note: response.note } : {}),
            },
          ],
        },
      }));
      return updated?.item ? store.get(id) : undefined;
    },

    async saveRedacted(id, redacted) {
      await redis.set(
        keys.redacted(id),
        encryptText(payloadKey, redacted, id),
        'EX',
        retentionSeconds,
      );
    },

    async readRedacted(id) {
      const box = await redis.get(keys.redacted(id));
      return box ? decryptText(payloadKey, box, id) : undefined;
    },

    async isAllowed(fingerprints) {
      if (fingerprints.length === 0) return [];
      const flags = await redis.smismember(keys.allowed, ...fingerprints);
      return flags.map((flag) => flag === 1);
    },

    async allow(fingerprints) {
      if (fingerprints.length > 0) await redis.sadd(keys.allowed, ...fingerprints);
    },

    async prune() {
      const cutoff = now() - retentionSeconds * 1000;
      const ids = await redis.zrangebyscore(keys.closed, '-inf', cutoff, 'LIMIT', 0, 1000);
      for (const id of ids) {
        const item = await readItem(id);
        const tx = redis.multi();
        if (item) {
          for (const key of indexKeys(item)) tx.zrem(key, id);
          tx.del(keys.item(id));
          const current = await redis.get(keys.post(item.forum, item.post.id));
          if (current === id) tx.del(keys.post(item.forum, item.post.id));
        } else {
          tx.zrem(keys.all, id);
        }
        tx.del(keys.redacted(id));
        tx.zrem(keys.closed, id);
        await tx.exec();
      }
      return ids.length;
    },
  };
  return store;
}
