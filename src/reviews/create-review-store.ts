import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { decryptText, encryptText } from '../crypto.js';
import type { FindingType, Severity } from '../scanner/types.js';
import { fromCursor, toCursor, toScore } from './review-cursor.js';
import { createReviewKeys } from './review-keys.js';
import {
  REVIEW_STATUSES,
  type AuthorAnswer,
  type ListFilter,
  type ListResult,
  type OutboxEntry,
  type Plan,
  type ReviewCounts,
  type ReviewItem,
} from './types.js';

const TYPES: FindingType[] = ['email', 'phone', 'card'];
const SEVERITIES: Severity[] = ['low', 'medium', 'high'];
const LOCK_MS = 10_000;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

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

  async function withLock<T>(forum: string, postId: string, fn: () => Promise<T>): Promise<T> {
    const key = keys.lock(forum, postId);
    const token = randomUUID();
    for (let attempt = 0; ; attempt++) {
      if ((await redis.set(key, token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
      if (attempt > 500) throw new Error('review item is locked; try again');
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
    try {
      return await fn();
    } finally {
      await redis.eval(UNLOCK, 1, key, token).catch(() => undefined);
    }
  }

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
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
      const key = filter.status
        ? keys.status(filter.status)
        : filter.author
          ? keys.author(filter.author)
          : filter.type
            ? keys.type(filter.type)
            : filter.severity
              ? keys.severity(filter.severity)
              : keys.all;
      let max = '+inf';
      if (filter.cursor !== undefined) {
        const score = fromCursor(filter.cursor);
        if (score === undefined) throw new TypeError('bad cursor');
        max = `(${score}`;
      }
      const matches: Array<{ item: ReviewItem; score: number }> = [];
      const batch = Math.max(limit * 2, 50);
      while (matches.length <= limit) {
        const raw = await redis.zrevrangebyscore(key, max, '-inf', 'WITHSCORES', 'LIMIT', 0, batch);
        if (raw.length === 0) break;
        const ids: string[] = [];
        const scores: number[] = [];
        for (let i = 0; i < raw.length; i += 2) {
          ids.push(raw[i]!);
          scores.push(Number(raw[i + 1]));
        }
        const jsons = await redis.mget(ids.map((id) => keys.item(id)));
        const gone: string[] = [];
        jsons.forEach((json, i) => {
          if (!json) {
            gone.push(ids[i]!);
            return;
          }
          const item = JSON.parse(json) as ReviewItem;
          if (matchesFilter(item, filter)) matches.push({ item, score: scores[i]! });
        });
        if (gone.length > 0) await redis.zrem(key, ...gone);
        max = `(${scores[scores.length - 1]}`;
        if (raw.length < batch * 2) break;
      }
      const page = matches.slice(0, limit);
      const nextCursor = matches.length > limit ? toCursor(page[page.length - 1]!.score) : null;
      return { items: await withSeenIn(page.map((m) => m.item)), nextCursor };
    },

    async counts() {
      const pipe = redis.pipeline();
      for (const s of REVIEW_STATUSES) pipe.zcard(keys.status(s));
      for (const t of TYPES) pipe.zcard(keys.type(t));
      for (const s of SEVERITIES) pipe.zcard(keys.severity(s));
      const results = ((await pipe.exec()) ?? []).map(([, n]) => Number(n ?? 0));
      const take = <K extends string>(names: readonly K[], offset: number) =>
        Object.fromEntries(names.map((name, i) => [name, results[offset + i] ?? 0])) as Record<
          K,
          number
        >;
      return {
        status: take(REVIEW_STATUSES, 0),
        type: take(TYPES, REVIEW_STATUSES.length),
        severity: take(SEVERITIES, REVIEW_STATUSES.length + TYPES.length),
      };
    },

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

function matchesFilter(item: ReviewItem, filter: ListFilter): boolean {
  if (filter.status && item.status !== filter.status) return false;
  if (filter.type && !item.findings.some((f) => f.type === filter.type)) return false;
  if (filter.severity && !item.findings.some((f) => f.severity === filter.severity)) return false;
  if (filter.author) {
    const a = filter.author.toLowerCase();
    if (item.author.id.toLowerCase() !== a && item.author.username.toLowerCase() !== a)
      return false;
  }
  return true;
}
