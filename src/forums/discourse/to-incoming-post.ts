import { createHash } from 'node:crypto';
import type { IncomingPost, PostEvent } from '../types.js';
import type { DiscoursePost, DiscourseQueuedPost } from './types.js';

export const FORUM_NAME = 'discourse';

/** A live post (post_created / post_edited / post_destroyed) as the scan queue takes it. */
export function toIncomingPost(post: DiscoursePost, event: PostEvent): IncomingPost {
  const ref: Record<string, number> = {};
  if (post.topic.id !== null) ref.topicId = post.topic.id;
  if (post.postNumber !== null) ref.postNumber = post.postNumber;
  return {
    forum: FORUM_NAME,
    event,
    post: {
      id: String(post.id),
      version: post.version,
      text: post.text,
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
  const url = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/review/${queued.reviewableId}` : undefined;
  return {
    forum: FORUM_NAME,
    event: 'pending',
    post: {
      id: toQueuedPostId(queued.reviewableId),
      version: queued.version + 1,
      // A queued new topic publishes its title too, so the gate scans it with the body (the
      // rejection feedback then shows both, masked). Live posts scan `raw` only: redact edits it.
      text: queued.title ? `${queued.title}\n\n${queued.text}` : queued.text,
      format: queued.format,
      author: { id: queued.authorId === null ? '' : String(queued.authorId), username: '' },
      ...(url ? { url } : {}),
      isPrivate: queued.isPrivate,
      ref,
    },
  };
}
