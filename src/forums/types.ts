import type { Router } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Finding, TextFormat } from '../scanner/types.js';

/** What happened to a post, as leakwatch understands it (each forum maps its own events). */
export type PostEvent = 'created' | 'edited' | 'pending' | 'deleted';

/** Forum-specific references an adapter needs later (ids only, never text). */
export type ForumRef = Record<string, string | number | boolean>;

export interface PostAuthor {
  id: string;
  username: string;
}

/** A post handed to the scan queue by a webhook route. */
export interface IncomingPost {
  /** Forum plugin name: `generic`, `discourse`, ... (letters, digits, `_`). */
  forum: string;
  event: PostEvent;
  post: {
    id: string;
    /** Integer ≥ 1; an edit must carry a higher version than the post it replaces. */
    version: number;
    /**
     * Full post text; encrypted before it reaches Redis. A post that publishes a title with its
     * body is `<title>\n\n<body>` with `ref.titleLength` set (see titled-text.ts): findings
     * before `titleLength` are in the title.
     */
    text: string;
    format: TextFormat;
    author: PostAuthor;
    url?: string;
    /** ISO region for national phone numbers; defaults to DEFAULT_REGION. */
    region?: string;
    isPrivate?: boolean;
    ref?: ForumRef;
  };
  /**
   * Set when the forum can change a post without raising its version (Discourse edits within
   * the grace period): the job id then also carries a keyed digest of the text, so such an edit
   * is not mistaken for a redelivery.
   */
  dedupeOnText?: boolean;
}

export interface EnqueueResult {
  jobId: string;
  /** True when this post version was already accepted (a redelivery): no new job was created. */
  duplicate: boolean;
}

/** The post an action is about. */
export interface PostRef {
  id: string;
  version: number;
  url?: string;
  ref?: ForumRef;
}

/** Everything an adapter gets for one action. Findings are masked (a Finding never holds a raw value). */
export interface ActionInput {
  forum: string;
  post: PostRef;
  author: PostAuthor;
  findings: Finding[];
  /** Why: e.g. `policy:card`, `pending`, `moderator:alice`, `edited-clean`. */
  reasons: string[];
  reviewId?: string;
  /** Moderator page link for this item, when PUBLIC_URL is set. */
  reviewUrl?: string;
  /** Signed link where the author can answer the warning, when PUBLIC_URL is set. */
  respondUrl?: string;
  /**
   * The whole post with every finding replaced by its mask (redact / rejectPending; notify when
   * known); with `post.ref.titleLength` set, the title, a blank line, then the body (splitTitle).
   */
  redacted?: string;
}

/**
 * What the action worker calls on a forum. Each method must be safe to retry (it may run again
 * after a crash). Throw a plain Error for what may succeed later (forum down, 5xx, timeout);
 * throw PermanentForumError for what never will (post deleted, bad reference): the job then
 * fails at once without retries.
 */
export interface ForumAdapter {
  readonly name: string;
  /** Tell the author privately what was found (masked) and how to fix it. */
  notify(input: ActionInput): Promise<void>;
  /** Put the post in front of moderators (Discourse: flag notify_moderators). */
  flag(input: ActionInput): Promise<void>;
  /** Hide the live post. */
  hide(input: ActionInput): Promise<void>;
  /** Replace the post text with `input.redacted`. */
  redact(input: ActionInput): Promise<void>;
  /** Undo hide (the data is gone or a moderator approved). */
  restore(input: ActionInput): Promise<void>;
  /** Publish a post held for approval. */
  approvePending(input: ActionInput): Promise<void>;
  /** Refuse a post held for approval, telling the author why (input.redacted carries the fix). */
  rejectPending(input: ActionInput): Promise<void>;
}

export type ActionKind = 'notify' | 'flag' | 'hide' | 'redact' | 'restore' | 'approve' | 'reject';

export class PermanentForumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentForumError';
  }
}

/** What a forum's inbound webhook router gets from the app. */
export interface WebhookContext {
  config: Config;
  log: Logger;
  /** Puts the post on the scan queue (deduped by forum + post id + version). Throws QueueUnavailableError when Redis is down. */
  enqueueScan(post: IncomingPost): Promise<EnqueueResult>;
  /** Count a webhook by outcome for /metrics (`accepted`, `duplicate`, `ignored`, `unauthorized`, `invalid`, ...). */
  countWebhook(outcome: string): void;
}

/** A forum integration: an adapter for actions and, optionally, an inbound webhook router. */
export interface ForumPlugin {
  /** Also the mount point: the router is served at `/webhooks/<name>`. */
  readonly name: string;
  readonly adapter: ForumAdapter;
  createRouter?(ctx: WebhookContext): Router;
}
