import { HttpError } from '../../http/http-error.js';
import type { Logger } from '../../log.js';
import type { WebhookContext } from '../types.js';
import type { DiscourseClient } from './client.js';
import { PermanentDiscourseError } from './errors.js';
import { toIncomingPost } from './to-incoming-post.js';
import { toPost } from './to-post.js';
import { toTopic } from './to-topic.js';
import type { DiscoursePostPayload } from './types.js';

export interface TopicEditedDeps {
  client: Pick<DiscourseClient, 'getPostByNumber'>;
  enqueueScan: WebhookContext['enqueueScan'];
  countWebhook: WebhookContext['countWebhook'];
  /** DISCOURSE_URL, for the post link. */
  baseUrl?: string;
  /** DISCOURSE_API_USERNAME: the bot's own posts are skipped. */
  botUsername: string;
  log: Logger;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

// A first post that is gone or that the bot may not read (a private message it is not part of).
const UNREADABLE = new Set([403, 404, 410]);

/**
 * `topic_edited`: the topic's title (or category, tags) changed. Newer Discourse sends this instead
 * of `post_edited` when the first post's edit changes the topic, and the topic payload
 * (WebHookTopicViewSerializer) holds neither the first post's id nor its raw. So the first post is
 * read (`GET /posts/by_number/{topic}/1.json`) and queued as an edit of that post, its text being
 * the payload's title and the post's raw: the same text, version and dedupe key a `post_edited`
 * for it would give, so a redelivery (or both events, as older Discourse sends) is one job, and a
 * new title is always new text.
 *
 * Answers 503 when Discourse cannot be read (Discourse retries non-2xx deliveries); throws
 * HttpError 422 for a payload without id or title.
 */
export async function acceptTopicEdited(
  payload: unknown,
  deps: TopicEditedDeps,
): Promise<WebhookAnswer> {
  const topic = toTopic(payload);
  if (!topic) {
    deps.countWebhook('invalid');
    throw new HttpError(422, 'invalid_payload', 'topic payload lacks an integer id or a title');
  }
  const ignore = (reason: string): WebhookAnswer => {
    deps.countWebhook('ignored');
    return { status: 202, body: { ignored: true, reason } };
  };
  if (topic.deleted) return ignore('topic deleted');

  let first: DiscoursePostPayload;
  try {
    first = await deps.client.getPostByNumber(topic.id, 1);
  } catch (error) {
    if (error instanceof PermanentDiscourseError && UNREADABLE.has(error.status ?? 0)) {
      deps.log.warn(
        { topicId: topic.id, status: error.status, errorType: error.errorType },
        'discourse topic_edited: first post not readable by the bot; title not scanned',
      );
      return ignore('first post not readable');
    }
    deps.countWebhook('forum_unavailable');
    if (error instanceof PermanentDiscourseError) {
      throw new HttpError(
        502,
        'forum_refused',
        `Discourse refused to show the topic's first post (${error.status}); check DISCOURSE_API_KEY and DISCOURSE_API_USERNAME`,
      );
    }
    throw new HttpError(
      503,
      'forum_unavailable',
      "could not read the topic's first post from Discourse; Discourse will retry this delivery",
      { 'Retry-After': '30' },
    );
  }

  // `GET /posts/by_number` is a plain PostSerializer: no topic_title or topic_archetype. The title
  // scanned is the one this event reports.
  const post = toPost(
    {
      ...first,
      topic_id: topic.id,
      topic_title: topic.title,
      topic_slug: first?.topic_slug ?? topic.slug ?? undefined,
      topic_archetype: topic.archetype,
      post_number: 1,
    },
    { baseUrl: deps.baseUrl },
  );
  if (!post) {
    deps.countWebhook('forum_unavailable');
    throw new HttpError(
      502,
      'forum_bad_answer',
      "Discourse answered the topic's first post without a post id",
    );
  }
  if (post.deleted) return ignore('first post deleted');
  if (post.author.username?.toLowerCase() === deps.botUsername.toLowerCase()) {
    return ignore('own post');
  }
  const result = await deps.enqueueScan(toIncomingPost(post, 'edited'));
  deps.countWebhook(result.duplicate ? 'duplicate' : 'accepted');
  deps.log.debug(
    {
      topicId: topic.id,
      postId: post.id,
      version: post.version,
      jobId: result.jobId,
      duplicate: result.duplicate,
    },
    'discourse topic edit accepted',
  );
  return {
    status: 202,
    body: { jobId: result.jobId, ...(result.duplicate ? { duplicate: true } : {}) },
  };
}
