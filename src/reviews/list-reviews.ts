import type { Redis } from 'ioredis';
import type { FindingType, Severity } from '../scanner/types.js';
import { fromCursor, toCursor } from './review-cursor.js';
import type { ReviewKeys } from './review-keys.js';
import {
  REVIEW_STATUSES,
  type ListFilter,
  type ListResult,
  type ReviewCounts,
  type ReviewItem,
} from './types.js';

const TYPES: FindingType[] = ['email', 'phone', 'card'];
const SEVERITIES: Severity[] = ['low', 'medium', 'high'];

/**
 * One page of review items, highest score (priority, then newest) first. The most selective
 * index is walked in batches; the other filters are applied to the items read.
 */
export async function listReviews(
  redis: Redis,
  keys: ReviewKeys,
  filter: ListFilter,
): Promise<ListResult> {
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
  return { items: page.map((m) => m.item), nextCursor };
}

/** Items per status, type and severity, over all items. */
export async function countReviews(redis: Redis, keys: ReviewKeys): Promise<ReviewCounts> {
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
