/**
 * Shapes Discourse sends and answers with, limited to the fields leakwatch reads, plus the
 * normalised forms the rest of leakwatch uses. Field names follow Discourse's serializers:
 * app/serializers/web_hook_post_serializer.rb (< post_serializer.rb < basic_post_serializer.rb),
 * web_hook_topic_view_serializer.rb (< topic_view_serializer.rb),
 * app/serializers/reviewable_serializer.rb and reviewable_queued_post_serializer.rb.
 */

/** `{"post": {...}}` body of post_* webhooks and the items of `GET /posts.json`. */
export interface DiscoursePostPayload {
  id: number;
  username?: string;
  user_id?: number;
  raw?: string;
  cooked?: string;
  post_number?: number;
  topic_id?: number;
  topic_slug?: string;
  topic_title?: string;
  topic_archetype?: string;
  category_id?: number | null;
  version?: number;
  hidden?: boolean;
  deleted_at?: string | null;
  user_deleted?: boolean;
  created_at?: string;
  updated_at?: string;
  post_type?: number;
  edit_reason?: string | null;
}

/**
 * `{"topic": {...}}` body of topic_* webhooks (WebHookTopicViewSerializer < TopicViewSerializer;
 * no post stream, so neither the first post's id nor its raw).
 */
export interface DiscourseTopicPayload {
  id: number;
  title?: string;
  fancy_title?: string;
  slug?: string;
  archetype?: string;
  category_id?: number | null;
  user_id?: number;
  created_by?: { id?: number; username?: string };
  deleted_at?: string | null;
}

/** `{"reviewable": {...}}` body of reviewable_* webhooks and `GET /review/:id.json`. */
export interface DiscourseReviewablePayload {
  id: number;
  type: string;
  /** 0 pending, 1 approved, 2 rejected, 3 ignored, 4 deleted (Reviewable.statuses); newer versions may send the name. */
  status: number | string;
  version: number;
  topic_id?: number | null;
  category_id?: number | null;
  created_by_id?: number | null;
  target_created_by_id?: number | null;
  target_url?: string;
  topic_url?: string;
  created_at?: string;
  payload?: {
    raw?: string;
    title?: string;
    archetype?: string;
    tags?: string[];
    [key: string]: unknown;
  };
}

export type PostFormat = 'markdown' | 'html';

/** A Discourse post as leakwatch works with it. */
export interface DiscoursePost {
  id: number;
  /** Discourse's post `version` (1 for a new post, +1 per visible edit). */
  version: number;
  /** `raw` (markdown) when present, else `cooked` (HTML). */
  text: string;
  format: PostFormat;
  author: { id: number | null; username: string | null };
  topic: { id: number | null; title: string | null; slug: string | null; archetype: string };
  postNumber: number | null;
  url: string | null;
  hidden: boolean;
  deleted: boolean;
  /** Part of a private message (`topic_archetype: private_message`). */
  isPrivate: boolean;
}

/** A topic event's topic as leakwatch works with it. */
export interface DiscourseTopic {
  id: number;
  title: string;
  slug: string | null;
  archetype: string;
  isPrivate: boolean;
  deleted: boolean;
}

export type ReviewableStatus =
  'pending' | 'approved' | 'rejected' | 'ignored' | 'deleted' | 'unknown';

/** A post held in Discourse's review queue (a `ReviewableQueuedPost`). */
export interface DiscourseQueuedPost {
  reviewableId: number;
  /** The reviewable's optimistic-lock version; `perform` must send it back. */
  version: number;
  status: ReviewableStatus;
  text: string;
  format: PostFormat;
  title: string | null;
  archetype: string;
  isPrivate: boolean;
  topicId: number | null;
  categoryId: number | null;
  authorId: number | null;
  url: string | null;
}
