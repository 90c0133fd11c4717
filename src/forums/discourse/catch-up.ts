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
}

export interface CatchUpResult {
  pages: number;
  /** Posts created at or after `since` that were looked at. */
  seen: number;
  /** New jobs. */
  enqueued: number;
  /** Already scanned (same post id and version). */
  duplicates: number;
  /** Pages stopped at maxPages before reaching `since`. */
  truncated: boolean;
}

/**
 * Discourse never retries a delivery that could not connect, so posts published while leakwatch
 * was down are fetched with `GET /posts.json` (newest first, `before=<id>` pages) and go through
 * the same dedupe as webhooks (post id + version). Posts are listed by creation, so an old post
 * edited during the outage is not seen here.
 */
export async function runCatchUp(since: Date, deps: CatchUpDeps): Promise<CatchUpResult> {
  if (!(since instanceof Date) || Number.isNaN(since.getTime())) {
    throw new TypeError('since must be a valid Date');
  }
  const maxPages = deps.maxPages ?? 200;
  const bot = deps.botUsername.toLowerCase();
  const result: CatchUpResult = { pages: 0, seen: 0, enqueued: 0, duplicates: 0, truncated: false };
  let before: number | undefined;
  for (;;) {
    if (result.pages >= maxPages) {
      result.truncated = true;
      break;
    }
    const page = await deps.client.listLatestPosts(before);
    result.pages += 1;
    if (page.length === 0) break;
    let reachedSince = false;
    for (const payload of page) {
      const created = Date.parse(String(payload.created_at ?? ''));
      if (!Number.isNaN(created) && created < since.getTime()) {
        reachedSince = true;
        continue;
      }
      const post = toPost(payload, { baseUrl: deps.baseUrl });
      if (!post || post.deleted) continue;
      if (post.author.username?.toLowerCase() === bot) continue;
      result.seen += 1;
      const answer = await deps.enqueueScan(
        toIncomingPost(post, post.version > 1 ? 'edited' : 'created'),
      );
      if (answer.duplicate) result.duplicates += 1;
      else result.enqueued += 1;
    }
    const lowest = Math.min(...page.map((p) => p.id));
    if (reachedSince || !Number.isFinite(lowest) || lowest <= 1) break;
    before = lowest - 1;
  }
  deps.log.info({ ...result, since: since.toISOString() }, 'discourse catch-up done');
  return result;
}
