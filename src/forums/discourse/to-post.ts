import type { DiscoursePost } from './types.js';

export interface ToPostOptions {
  /** The forum's base URL (DISCOURSE_URL), used to build the post's link. */
  baseUrl?: string;
}

function asInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function postUrl(
  baseUrl: string | undefined,
  id: number,
  topicId: number | null,
  slug: string | null,
  postNumber: number | null,
): string | null {
  if (!baseUrl) return null;
  const base = baseUrl.replace(/\/+$/, '');
  if (topicId !== null && postNumber !== null) {
    return `${base}/t/${encodeURIComponent(slug || '-')}/${topicId}/${postNumber}`;
  }
  // `/p/:post_id` is Discourse's short link (PostsController#short_link).
  return `${base}/p/${id}`;
}

/**
 * Normalises a post payload (webhook `post` object or an item of `GET /posts.json`). Returns null
 * when the payload is not a post (no integer `id`); never throws on outside input.
 */
export function toPost(payload: unknown, options: ToPostOptions = {}): DiscoursePost | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const id = asInt(p.id);
  if (id === null || id <= 0) return null;
  const raw = asString(p.raw);
  const cooked = asString(p.cooked);
  const topicId = asInt(p.topic_id);
  const postNumber = asInt(p.post_number);
  const slug = asString(p.topic_slug);
  const archetype = asString(p.topic_archetype) || 'regular';
  const version = asInt(p.version);
  return {
    id,
    version: version !== null && version > 0 ? version : 1,
    text: raw ?? cooked ?? '',
    format: raw === null && cooked !== null ? 'html' : 'markdown',
    author: { id: asInt(p.user_id), username: asString(p.username) },
    topic: { id: topicId, title: asString(p.topic_title), slug, archetype },
    postNumber,
    url: postUrl(options.baseUrl, id, topicId, slug, postNumber),
    hidden: p.hidden === true,
    deleted: (typeof p.deleted_at === 'string' && p.deleted_at !== '') || p.user_deleted === true,
    isPrivate: archetype === 'private_message',
  };
}
