import { PermanentDiscourseError, TransientDiscourseError } from './errors.js';
import { hasPmMarker, isPmMarker, withPmMarker } from './pm-marker.js';
import type { DiscoursePostPayload, DiscourseReviewablePayload } from './types.js';

/**
 * Discourse REST client. Every endpoint's shape is confirmed in Discourse's source; see
 * src/forums/discourse/README.md for the list and where each was confirmed.
 */

type LogFn = (obj: Record<string, unknown>, msg?: string) => void;
export interface ClientLogger {
  info: LogFn;
  warn: LogFn;
  debug?: LogFn;
}

export interface DiscourseClientOptions {
  /** DISCOURSE_URL, e.g. https://forum.example.org */
  baseUrl: string;
  /** DISCOURSE_API_KEY. Sent as the `Api-Key` header; never logged. */
  apiKey: string;
  /** DISCOURSE_API_USERNAME, a staff bot user. */
  apiUsername: string;
  /** DRY_RUN: log what would be done and send nothing that changes the forum. */
  dryRun?: boolean;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Attempts per call, first included. Default 4. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt. Default 250 ms. */
  baseDelayMs?: number;
  /** The longest wait (Retry-After or backoff) slept in-process; longer ones fail as transient. Default 30 s. */
  maxDelayMs?: number;
  /** Pages of the bot's sent private messages (30 each) searched for a marker before sending. Default 2. */
  sentLookupPages?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  logger?: ClientLogger;
}

export interface CreatedPost {
  id: number;
  topic_id: number;
  post_number?: number;
}

/** What createPrivateMessage did. */
export interface PrivateMessageResult {
  /** False when a message with the same marker was already among the bot's sent messages. */
  sent: boolean;
  topicId: number;
  /** The new post's id; null when it had been sent before (the topic list does not carry it). */
  postId: number | null;
}

/** A topic in `GET /topics/private-messages-sent/{username}.json` (TopicListItemSerializer). */
export interface SentTopic {
  id: number;
  title?: string;
  fancy_title?: string;
}

export interface PerformResult {
  reviewable_perform_result: {
    success: boolean;
    transition_to?: string;
    transition_to_id?: number;
    version?: number;
    created_post_id?: number;
  };
}

export type ReviewableAction =
  'approve_post' | 'approve_post_closed' | 'reject_post' | 'revise_and_reject_post';

export interface DiscourseClient {
  readonly dryRun: boolean;
  /**
   * POST /posts.json with archetype=private_message, the title ending in `[lw:<marker>]`; first
   * looks for that marker among the bot's recent sent messages and sends nothing when it is there.
   * Null in dry-run (no lookup either).
   */
  createPrivateMessage(input: {
    title: string;
    raw: string;
    targetRecipients: readonly string[];
    /** Stable across retries of the same warning (toPmMarker). */
    marker: string;
  }): Promise<PrivateMessageResult | null>;
  /** GET /topics/private-messages-sent/{bot}.json, newest activity first: the first matching topic or null. */
  findSentPrivateMessage(marker: string): Promise<SentTopic | null>;
  /** POST /post_actions.json. Null in dry-run. */
  createPostAction(input: {
    postId: number;
    postActionTypeId: number;
    message?: string;
    takeAction?: boolean;
    /** Staff only: hide the post at once and put it in the review queue. */
    queueForReview?: boolean;
    flagTopic?: boolean;
  }): Promise<DiscoursePostPayload | null>;
  /**
   * PUT /posts/{id}.json with post[raw] and post[edit_reason], and the topic `title` when given
   * (first posts only: PostsController#update passes it to the same PostRevisor call, so body and
   * title change in one revision). Null in dry-run.
   */
  updatePost(
    postId: number,
    input: { raw: string; editReason: string; title?: string },
  ): Promise<{ post: DiscoursePostPayload } | null>;
  /** PUT /posts/{id}/revisions/{revision}/hide. False in dry-run. */
  hideRevision(postId: number, revision: number): Promise<boolean>;
  /** PUT /posts/{id}/unhide. False in dry-run. */
  unhidePost(postId: number): Promise<boolean>;
  /** GET /posts/{id}.json */
  getPost(postId: number): Promise<DiscoursePostPayload>;
  /** GET /posts/by_number/{topicId}/{postNumber}.json (PostsController#by_number; no topic_title). */
  getPostByNumber(topicId: number, postNumber: number): Promise<DiscoursePostPayload>;
  /**
   * GET /posts.json[?before=id]: newest public posts first (by id; edits do not move a post),
   * 50 at most. Discourse versions differ on `before`: `id <= before` or `id < before`.
   */
  listLatestPosts(before?: number): Promise<DiscoursePostPayload[]>;
  /** GET /review/{id}.json */
  getReviewable(reviewableId: number): Promise<DiscourseReviewablePayload>;
  /** PUT /review/{id}/perform/{action}?version=N. Null in dry-run. */
  performReviewable(
    reviewableId: number,
    action: ReviewableAction,
    version: number,
    params?: Record<string, string>,
  ): Promise<PerformResult | null>;
}

const MUTATING = new Set(['POST', 'PUT', 'DELETE']);

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After is seconds or an HTTP date; Discourse's 429 body also has extras.wait_seconds. */
function retryAfterMs(headerValue: string | null, body: unknown, now: number): number | null {
  if (headerValue !== null && headerValue.trim() !== '') {
    const seconds = Number(headerValue);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(headerValue);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const wait = (body as { extras?: { wait_seconds?: unknown } } | null)?.extras?.wait_seconds;
  if (typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) return Math.ceil(wait * 1000);
  return null;
}

function errorTypeOf(body: unknown): string | null {
  const type = (body as { error_type?: unknown } | null)?.error_type;
  return typeof type === 'string' ? type : null;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function assertId(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive integer`);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDiscourseClient(options: DiscourseClientOptions): DiscourseClient {
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
    throw new TypeError('baseUrl must be an http(s) URL; set DISCOURSE_URL to your forum address');
  }
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new TypeError(
      'apiKey is required; set DISCOURSE_API_KEY to a key from Admin → API → Keys',
    );
  }
  if (typeof options.apiUsername !== 'string' || options.apiUsername === '') {
    throw new TypeError('apiUsername is required; set DISCOURSE_API_USERNAME to a staff bot user');
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const apiKey = options.apiKey;
  const apiUsername = options.apiUsername;
  const dryRun = options.dryRun === true;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sentLookupPages = Math.max(1, options.sentLookupPages ?? 2);
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const logger = options.logger;

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    op: string,
    body?: unknown,
    logFields: Record<string, unknown> = {},
    attempts = maxAttempts,
  ): Promise<T | null> {
    if (dryRun && MUTATING.has(method)) {
      logger?.info(
        { dryRun: true, op, method, path, ...logFields },
        'discourse: dry run, not sent',
      );
      return null;
    }
    const headers: Record<string, string> = {
      'Api-Key': apiKey,
      'Api-Username': apiUsername,
      Accept: 'application/json',
      'User-Agent': 'leakwatch',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);

    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetchImpl(baseUrl + path, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
        logger?.warn({ op, method, path, attempt, reason }, 'discourse: request failed');
        if (attempt < attempts) {
          await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
          continue;
        }
        throw new TransientDiscourseError(
          `Discourse ${method} ${path} failed (${reason}) after ${attempt} attempts`,
          method,
          path,
          null,
        );
      }
      const parsed = await readBody(response);
      if (response.ok) {
        logger?.debug?.(
          { op, method, path, status: response.status, attempt, ...logFields },
          'discourse: ok',
        );
        return parsed as T;
      }
      const errorType = errorTypeOf(parsed);
      if (!isTransientStatus(response.status)) {
        logger?.warn(
          { op, method, path, status: response.status, errorType },
          'discourse: refused',
        );
        throw new PermanentDiscourseError(
          `Discourse ${method} ${path} answered ${response.status}${errorType ? ` (${errorType})` : ''}`,
          method,
          path,
          response.status,
          errorType,
        );
      }
      const asked = retryAfterMs(response.headers.get('retry-after'), parsed, Date.now());
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const delay = asked ?? backoff;
      logger?.warn(
        { op, method, path, status: response.status, attempt, retryAfterMs: asked },
        'discourse: transient failure',
      );
      if (attempt < attempts && delay <= maxDelayMs) {
        await sleep(delay);
        continue;
      }
      throw new TransientDiscourseError(
        `Discourse ${method} ${path} answered ${response.status} after ${attempt} attempts`,
        method,
        path,
        response.status,
        errorType,
        asked,
      );
    }
  }

  /**
   * The bot's sent private messages, ordered by last activity (TopicQuery#private_messages_for:
   * bumped_at DESC, 30 a page). Only the first `sentLookupPages` pages are read: a retry follows
   * its first attempt within seconds to minutes, so its message is among the most recent ones, and
   * reading the whole history on every warning would cost more than an occasional duplicate.
   */
  async function findSentPrivateMessage(marker: string): Promise<SentTopic | null> {
    const base = `/topics/private-messages-sent/${encodeURIComponent(apiUsername)}.json`;
    for (let page = 0; page < sentLookupPages; page += 1) {
      const path = page === 0 ? base : `${base}?page=${page}`;
      const answer = await request<{
        topic_list?: { topics?: unknown; more_topics_url?: string };
      }>('GET', path, 'listSentPrivateMessages', undefined, { page });
      const topics = answer?.topic_list?.topics;
      if (!Array.isArray(topics)) {
        // Not a topic list (a proxy page, a changed API): sending blind could repeat a warning.
        throw new TransientDiscourseError(
          `Discourse GET ${path} answered without topic_list.topics`,
          'GET',
          path,
          200,
        );
      }
      const found = (topics as SentTopic[]).find(
        (t) => hasPmMarker(t.title, marker) || hasPmMarker(t.fancy_title, marker),
      );
      if (found) return found;
      if (!answer?.topic_list?.more_topics_url) return null;
    }
    return null;
  }

  return {
    dryRun,
    async createPrivateMessage({ title, raw, targetRecipients, marker }) {
      if (targetRecipients.length === 0) throw new TypeError('targetRecipients must not be empty');
      if (!isPmMarker(marker)) throw new TypeError('marker must be 8–32 lowercase hex characters');
      const body = {
        title: withPmMarker(title, marker),
        raw,
        archetype: 'private_message',
        target_recipients: targetRecipients.join(','),
      };
      const logFields = { recipients: targetRecipients.length };
      if (dryRun) {
        await request('POST', '/posts.json', 'createPrivateMessage', body, logFields);
        return null;
      }
      // The lookup comes before every send, so a POST whose answer was lost (timeout, 5xx from a
      // proxy after Discourse created the message) is never simply repeated: each send is one
      // attempt, and the next one starts with a fresh lookup.
      for (let attempt = 1; ; attempt += 1) {
        const existing = await findSentPrivateMessage(marker);
        if (existing) {
          logger?.info(
            { op: 'createPrivateMessage', topicId: existing.id, attempt },
            'discourse: private message already sent, not sent again',
          );
          return { sent: false, topicId: existing.id, postId: null };
        }
        try {
          const created = await request<CreatedPost>(
            'POST',
            '/posts.json',
            'createPrivateMessage',
            body,
            logFields,
            1,
          );
          return { sent: true, topicId: created!.topic_id, postId: created!.id };
        } catch (error) {
          if (!(error instanceof TransientDiscourseError) || attempt >= maxAttempts) throw error;
          const delay =
            error.retryAfterMs ?? Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          if (delay > maxDelayMs) throw error;
          await sleep(delay);
        }
      }
    },
    async findSentPrivateMessage(marker) {
      if (!isPmMarker(marker)) throw new TypeError('marker must be 8–32 lowercase hex characters');
      return findSentPrivateMessage(marker);
    },
    async createPostAction({
      postId,
      postActionTypeId,
      message,
      takeAction,
      queueForReview,
      flagTopic,
    }) {
      assertId('postId', postId);
      // PostActionsController compares these flags with the string "true".
      const body: Record<string, unknown> = { id: postId, post_action_type_id: postActionTypeId };
      if (message !== undefined) body.message = message;
      if (takeAction) body.take_action = 'true';
      if (queueForReview) body.queue_for_review = 'true';
      if (flagTopic) body.flag_topic = 'true';
      return request<DiscoursePostPayload>('POST', '/post_actions.json', 'createPostAction', body, {
        postId,
        postActionTypeId,
        takeAction: takeAction === true,
        queueForReview: queueForReview === true,
      });
    },
    async updatePost(postId, { raw, editReason, title }) {
      assertId('postId', postId);
      if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) {
        throw new TypeError('title must be a non-empty string when given');
      }
      // `title` is a top-level parameter, `raw` and `edit_reason` sit under `post`.
      const body = {
        ...(title === undefined ? {} : { title }),
        post: { raw, edit_reason: editReason },
      };
      return request<{ post: DiscoursePostPayload }>(
        'PUT',
        `/posts/${postId}.json`,
        'updatePost',
        body,
        { postId, withTitle: title !== undefined },
      );
    },
    async hideRevision(postId, revision) {
      assertId('postId', postId);
      if (!Number.isSafeInteger(revision) || revision < 2) {
        throw new TypeError('revision must be an integer ≥ 2 (Discourse revisions start at 2)');
      }
      await request<unknown>(
        'PUT',
        `/posts/${postId}/revisions/${revision}/hide`,
        'hideRevision',
        {},
        { postId, revision },
      );
      return !dryRun;
    },
    async unhidePost(postId) {
      assertId('postId', postId);
      await request<unknown>('PUT', `/posts/${postId}/unhide`, 'unhidePost', {}, { postId });
      return !dryRun;
    },
    async getPost(postId) {
      assertId('postId', postId);
      return (await request<DiscoursePostPayload>('GET', `/posts/${postId}.json`, 'getPost'))!;
    },
    async getPostByNumber(topicId, postNumber) {
      assertId('topicId', topicId);
      assertId('postNumber', postNumber);
      return (await request<DiscoursePostPayload>(
        'GET',
        `/posts/by_number/${topicId}/${postNumber}.json`,
        'getPostByNumber',
      ))!;
    },
    async listLatestPosts(before) {
      if (before !== undefined) assertId('before', before);
      const query = before === undefined ? '' : `?before=${before}`;
      const answer = await request<{ latest_posts?: DiscoursePostPayload[] }>(
        'GET',
        `/posts.json${query}`,
        'listLatestPosts',
      );
      return Array.isArray(answer?.latest_posts) ? answer.latest_posts : [];
    },
    async getReviewable(reviewableId) {
      assertId('reviewableId', reviewableId);
      const answer = await request<{ reviewable: DiscourseReviewablePayload }>(
        'GET',
        `/review/${reviewableId}.json`,
        'getReviewable',
      );
      return answer!.reviewable;
    },
    async performReviewable(reviewableId, action, version, params = {}) {
      assertId('reviewableId', reviewableId);
      if (!Number.isSafeInteger(version) || version < 0) {
        throw new TypeError('version must be a non-negative integer');
      }
      return request<PerformResult>(
        'PUT',
        `/review/${reviewableId}/perform/${action}?version=${version}`,
        'performReviewable',
        params,
        { reviewableId, action, version },
      );
    },
  };
}
