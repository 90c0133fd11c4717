import { createHash } from 'node:crypto';
import { joinTitle, TITLE_LENGTH_REF } from '../titled-text.js';
import type { IncomingPost, PostEvent } from '../types.js';
import type { DiscoursePost, DiscourseQueuedPost } from './types.js';

export const FORUM_NAME = 'discourse';

/**
 * A live post (post_created / post_edited / post_destroyed, a catch-up item, the first post
 * fetched for topic_edited) as the scan queue takes it. A topic's first post carries the topic
 * title (webhook and `GET /posts.json` payloads have `topic_title`): it is scanned with the body,
 * and redact edits it too.
 */
export function toIncomingPost(post: DiscoursePost, event: PostEvent): IncomingPost {
  const ref: Record<string, number> = {};
  if (post.topic.id !== null) ref.topicId = post.topic.id;
  if (post.postNumber !== null) ref.postNumber = post.postNumber;
  const titled =
    post.postNumber === 1 && event !== 'deleted' ? joinTitle(post.topic.title, post.text) : null;
  if (titled) ref[TITLE_LENGTH_REF] = titled.titleLength;
  return {
    forum: FORUM_NAME,
    event,
    post: {
      id: String(post.id),
      version: post.version,
      text: titled ? titled.text : post.text,
      format: post.format,
      author: {
        id: post.author.id === null ? '' : String(post.author.id),
        username: post.author.username ?? '',
      },
      ...(post.url ? { url: post.url } : {}),
      isPrivate: post.isPrivate,
      ref,
    },
    // Discourse keeps the version for edits inside its grace period (PostRevisor ninja edits), so
    // post id + version alone would take such an edit for a redelivery.
    ...(event === 'deleted' ? {} : { dedupeOnText: true }),
  };
}

/**
 * A short digest of a queued post's text, so the gate can tell, after a 409, whether a moderator
 * changed the text since it was scanned. 24 bits: enough to notice an edit, far too few to
 * recover anything from.
 */
export function toTextDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 6);
}

/**
 * Id under which a queued post is tracked: a reviewable is not a post yet, so its id is prefixed
 * to keep it apart from post ids.
 */
export function toQueuedPostId(reviewableId: number): string {
  return `r${reviewableId}`;
}

/**
 * A queued post (ReviewableQueuedPost) for the pre-publication gate. Reviewable versions start at
 * 0 and leakwatch versions at 1, hence the +1; the exact reviewable version travels in `ref`.
 */
export function toIncomingQueuedPost(
  queued: DiscourseQueuedPost,
  baseUrl: string | undefined,
): IncomingPost {
  const ref: Record<string, number | string> = {
    reviewableId: queued.reviewableId,
    reviewableVersion: queued.version,
    textDigest: toTextDigest(queued.text),
  };
  if (queued.topicId !== null) ref.topicId = queued.topicId;
  // A queued new topic publishes its title too, so the gate scans it with the body (the
  // rejection feedback then shows both, masked).
  const titled = joinTitle(queued.title, queued.text);
  if (titled) ref[TITLE_LENGTH_REF] = titled.titleLength;
  const url = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/review/${queued.reviewableId}` : undefined;
  return {
    forum: FORUM_NAME,
    event: 'pending',
    post: {
      id: toQueuedPostId(queued.reviewableId),
      version: queued.version + 1,
      text: titled ? titled.text : queued.text,
      format: queued.format,
      author: { id: queued.authorId === null ? '' : String(queued.authorId), username: '' },
      ...(url ? { url } : {}),
      isPrivate: queued.isPrivate,
      ref,
    },
  };
}
