import type { Logger } from '../../log.js';
import type { EnqueueResult, IncomingPost } from '../types.js';
import type { DiscourseClient } from './client.js';
import { toIncomingPost } from './to-incoming-post.js';
import { toPost } from './to-post.js';

export interface CatchUpDeps {
  client: Pick<DiscourseClient, 'listLatestPosts'>;
  enqueueScan(post: IncomingPost): Promise<EnqueueResult>;
  /** DISCOURSE_URL, for post links. */
  baseUrl: string;
  /** DISCOURSE_API_USERNAME: the bot's own posts are skipped. */
  botUsername: string;
  log: Logger;
  /** Safety stop. Default 200 pages (10 000 posts). */
  maxPages?: number;
  /**
   * Pages (50 posts each) read past the first post created before `since`, looking for older
   * posts edited since then (`updated_at`). Default 2; 0 reads no further than `since`.
   */
  editLookbackPages?: number;
}

export interface CatchUpResult {
  pages: number;
  /** Posts created at or after `since` that were looked at. */
  seen: number;
  /** Older posts whose `updated_at` is at or after `since` (edited meanwhile) that were looked at. */
  edited: number;
  /** New jobs. */
  enqueued: number;
  /** Already scanned (same post id, version and text). */
  duplicates: number;
  /** Pages stopped at maxPages before reaching `since` (and the edit look-back). */
  truncated: boolean;
}

const DEFAULT_EDIT_LOOKBACK_PAGES = 2;

/**
 * Discourse never retries a delivery that could not connect, so posts published while leakwatch
 * was down are fetched with `GET /posts.json` (newest id first, `before=<id>` pages) and go
 * through the same dedupe as webhooks (post id, version and text). That list is ordered by id, and
 * an edit does not move a post in it; each item carries `updated_at` and `version`. So edits made
 * during the outage are found only among the posts read: those created since `since`, and the
 * `editLookbackPages` pages of older posts read past it, whose `updated_at` is at or after `since`.
 * An older post edited meanwhile is missed.
 */
export async function runCatchUp(since: Date, deps: CatchUpDeps): Promise<CatchUpResult> {
  if (!(since instanceof Date) || Number.isNaN(since.getTime())) {
    throw new TypeError('since must be a valid Date');
  }
  const maxPages = deps.maxPages ?? 200;
  const lookback = Math.max(0, deps.editLookbackPages ?? DEFAULT_EDIT_LOOKBACK_PAGES);
  const bot = deps.botUsername.toLowerCase();
  const sinceMs = since.getTime();
  const result: CatchUpResult = {
    pages: 0,
    seen: 0,
    edited: 0,
    enqueued: 0,
    duplicates: 0,
    truncated: false,
  };
  let before: number | undefined;
  let pagesPastSince = -1;
  for (;;) {
    if (result.pages >= maxPages) {
      result.truncated = true;
      break;
    }
    const answer = await deps.client.listLatestPosts(before);
    result.pages += 1;
    // Discourse answers `id <= before` in some versions and `id < before` in others
    // (PostsController#latest, LatestPostsQuery): what an earlier page held is dropped here.
    const page = before === undefined ? answer : answer.filter((p) => p.id < before!);
    if (page.length === 0) break;
    for (const payload of page) {
      const created = Date.parse(String(payload.created_at ?? ''));
      const older = !Number.isNaN(created) && created < sinceMs;
      if (older) {
        if (pagesPastSince < 0) pagesPastSince = 0;
        const updated = Date.parse(String(payload.updated_at ?? ''));
        if (Number.isNaN(updated) || updated < sinceMs) continue;
      }
      const post = toPost(payload, { baseUrl: deps.baseUrl });
      if (!post || post.deleted) continue;
      if (post.author.username?.toLowerCase() === bot) continue;
      if (older) result.edited += 1;
      else result.seen += 1;
      const queued = await deps.enqueueScan(
        toIncomingPost(post, post.version > 1 || older ? 'edited' : 'created'),
      );
      if (queued.duplicate) result.duplicates += 1;
      else result.enqueued += 1;
    }
    const lowest = Math.min(...page.map((p) => p.id));
    if (!Number.isFinite(lowest) || lowest <= 1) break;
    if (pagesPastSince >= 0) {
      if (pagesPastSince >= lookback) break;
      pagesPastSince += 1;
    }
    before = lowest;
  }
  deps.log.info({ ...result, since: since.toISOString() }, 'discourse catch-up done');
  return result;
}
