import type { DiscourseQueuedPost, ReviewableStatus } from './types.js';

const STATUS_BY_ID: readonly ReviewableStatus[] = [
  'pending',
  'approved',
  'rejected',
  'ignored',
  'deleted',
];

/** Reviewable.statuses: integers in most versions, names in some; both are accepted. */
export function toReviewableStatus(value: unknown): ReviewableStatus {
  if (typeof value === 'number') return STATUS_BY_ID[value] ?? 'unknown';
  if (typeof value === 'string') {
    return (STATUS_BY_ID as readonly string[]).includes(value)
      ? (value as ReviewableStatus)
      : 'unknown';
  }
  return 'unknown';
}

function asInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function authorIdOf(r: Record<string, unknown>): number | null {
  const direct = asInt(r.target_created_by_id);
  if (direct !== null) return direct;
  const embedded = r.target_created_by;
  if (typeof embedded === 'object' && embedded !== null) {
    return asInt((embedded as Record<string, unknown>).id);
  }
  return asInt(r.created_by_id);
}

/**
 * Normalises a `ReviewableQueuedPost` (webhook `reviewable` object or `GET /review/:id.json`'s
 * `reviewable`). Returns null for anything else, including other reviewable types.
 */
export function toQueuedPost(payload: unknown): DiscourseQueuedPost | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const r = payload as Record<string, unknown>;
  if (r.type !== 'ReviewableQueuedPost') return null;
  const id = asInt(r.id);
  const version = asInt(r.version);
  if (id === null || id <= 0 || version === null || version < 0) return null;
  const inner =
    typeof r.payload === 'object' && r.payload !== null
      ? (r.payload as Record<string, unknown>)
      : {};
  const raw = typeof inner.raw === 'string' ? inner.raw : '';
  const archetype = typeof inner.archetype === 'string' ? inner.archetype : 'regular';
  const targetUrl = typeof r.target_url === 'string' ? r.target_url : null;
  const topicUrl = typeof r.topic_url === 'string' ? r.topic_url : null;
  return {
    reviewableId: id,
    version,
    status: toReviewableStatus(r.status),
    text: raw,
    format: 'markdown',
    title: typeof inner.title === 'string' ? inner.title : null,
    archetype,
    isPrivate: archetype === 'private_message',
    topicId: asInt(r.topic_id),
    categoryId: asInt(r.category_id),
    authorId: authorIdOf(r),
    url: targetUrl ?? topicUrl,
  };
}
