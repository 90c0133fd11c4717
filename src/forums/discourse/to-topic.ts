import type { DiscourseTopic } from './types.js';

/**
 * Normalises a topic webhook payload (WebHookTopicViewSerializer). Null when it has no integer
 * `id` or no `title`; never throws on outside input.
 */
export function toTopic(payload: unknown): DiscourseTopic | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const t = payload as Record<string, unknown>;
  const id = typeof t.id === 'number' && Number.isSafeInteger(t.id) && t.id > 0 ? t.id : null;
  if (id === null || typeof t.title !== 'string') return null;
  const archetype = typeof t.archetype === 'string' && t.archetype ? t.archetype : 'regular';
  return {
    id,
    title: t.title,
    slug: typeof t.slug === 'string' && t.slug !== '' ? t.slug : null,
    archetype,
    isPrivate: archetype === 'private_message',
    deleted: typeof t.deleted_at === 'string' && t.deleted_at !== '',
  };
}
