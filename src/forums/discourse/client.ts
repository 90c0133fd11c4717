import { PermanentDiscourseError, TransientDiscourseError } from './errors.js';
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
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  logger?: ClientLogger;
}

export interface CreatedPost {
  id: number;
  topic_id: number;
  post_number?: number;
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
  /** POST /posts.json with archetype=private_message. Null in dry-run. */
  createPrivateMessage(input: {
    title: string;
    raw: string;
    targetRecipients: readonly string[];
  }): Promise<CreatedPost | null>;
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
  /** PUT /posts/{id}.json with post[raw] and post[edit_reason]. Null in dry-run. */
  updatePost(
    postId: number,
    input: { raw: string; editReason: string },
  ): Promise<{ post: DiscoursePostPayload } | null>;
  /** PUT /posts/{id}/revisions/{revision}/hide. False in dry-run. */
  hideRevision(postId: number, revision: number): Promise<boolean>;
  /** PUT /posts/{id}/unhide. False in dry-run. */
  unhidePost(postId: number): Promise<boolean>;
  /** GET /posts/{id}.json */
  getPost(postId: number): Promise<DiscoursePostPayload>;
  /** GET /posts.json[?before=id]: newest public posts first, 50 at most. */
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
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const logger = options.logger;

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    op: string,
    body?: unknown,
    logFields: Record<string, unknown> = {},
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
        if (attempt < maxAttempts) {
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
      if (attempt < maxAttempts && delay <= maxDelayMs) {
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

  return {
    dryRun,
    async createPrivateMessage({ title, raw, targetRecipients }) {
      if (targetRecipients.length === 0) throw new TypeError('targetRecipients must not be empty');
      return request<CreatedPost>(
        'POST',
        '/posts.json',
        'createPrivateMessage',
        {
          title,
          raw,
          archetype: 'private_message',
          target_recipients: targetRecipients.join(','),
        },
        { recipients: targetRecipients.length },
      );
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
    async updatePost(postId, { raw, editReason }) {
      assertId('postId', postId);
      return request<{ post: DiscoursePostPayload }>(
        'PUT',
        `/posts/${postId}.json`,
        'updatePost',
        { post: { raw, edit_reason: editReason } },
        { postId },
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
