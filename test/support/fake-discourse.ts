/**
 * A local Discourse for tests: the endpoints leakwatch calls, answered the way Discourse answers
 * them (see src/forums/discourse/README.md for where each shape was confirmed). It checks the
 * Api-Key / Api-Username headers, keeps posts, revisions, reviewables, hidden state, private
 * messages (and lists the ones a user sent) and flags, can be told to fail the next calls, and
 * records every call.
 */
import express from 'express';
import type { Request, Response, NextFunction } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface FakeUser {
  id: number;
  username: string;
  staff: boolean;
}

export interface FakeRevision {
  number: number;
  hidden: boolean;
  /** The raw before and after this revision, as PostRevision.modifications["raw"]. */
  raw: [string, string];
  /** The topic title before and after, when this revision changed it (modifications["title"]). */
  title?: [string, string];
  editReason: string | null;
}

export interface FakePost {
  id: number;
  topicId: number;
  topicSlug: string;
  topicTitle: string;
  postNumber: number;
  userId: number;
  username: string;
  raw: string;
  version: number;
  hidden: boolean;
  hiddenReasonId: number | null;
  deleted: boolean;
  archetype: 'regular' | 'private_message';
  categoryId: number | null;
  revisions: Map<number, FakeRevision>;
  createdAt: string;
  /** Post#updated_at: moves on every save (an edit, a title change, hiding). */
  updatedAt: string;
}

export interface FakeReviewable {
  id: number;
  type: 'ReviewableQueuedPost';
  /** Reviewable.statuses: 0 pending, 1 approved, 2 rejected, 3 ignored, 4 deleted. */
  status: number;
  version: number;
  topicId: number | null;
  categoryId: number | null;
  createdById: number;
  targetCreatedById: number;
  payload: { raw: string; title?: string; archetype?: string };
  /** The topic it replies to was closed after it was queued. */
  topicClosed: boolean;
  /** What perform was called with, when it succeeded. */
  performed: { action: string; by: string; params: Record<string, unknown> } | null;
  createdPostId: number | null;
}

export interface FakeFlag {
  postId: number;
  postActionTypeId: number;
  message: string | null;
  takeAction: boolean;
  queueForReview: boolean;
  flagTopic: boolean;
  by: string;
}

export interface FakePrivateMessage {
  topicId: number;
  postId: number;
  title: string;
  raw: string;
  recipients: string[];
  by: string;
}

export interface RecordedCall {
  method: string;
  /** Path without the query string, as requested (with `.json` when sent). */
  path: string;
  query: Record<string, unknown>;
  /** The request body exactly as received. */
  rawBody: string;
  body: unknown;
  /** Whether Api-Key and Api-Username were right. */
  authenticated: boolean;
  apiUsername: string | null;
  status: number;
}

export interface FailureSpec {
  /** The status answered; 0 answers nothing at all (the request hangs until the client gives up). */
  status: number;
  /** Seconds, sent as Retry-After (and extras.wait_seconds on 429 as Discourse does). */
  retryAfter?: number;
  /** Only calls whose "METHOD path" matches; default every call. */
  match?: RegExp;
  /**
   * Carry the call out first and only then fail: the answer is lost after Discourse acted (a
   * proxy's 502 after the post was created, a connection that dropped, a worker killed while
   * waiting).
   */
  afterHandling?: boolean;
}

export interface FakeDiscourse {
  url: string;
  apiKey: string;
  users: Map<string, FakeUser>;
  posts: Map<number, FakePost>;
  reviewables: Map<number, FakeReviewable>;
  flags: FakeFlag[];
  privateMessages: FakePrivateMessage[];
  calls: RecordedCall[];
  addUser(username: string, options?: { staff?: boolean }): FakeUser;
  addPost(input: {
    username: string;
    raw: string;
    topicTitle?: string;
    archetype?: 'regular' | 'private_message';
    topicId?: number;
  }): FakePost;
  /** Edits a post as its author would (version + 1, a new revision). */
  editPost(postId: number, raw: string): FakePost;
  /**
   * The author changes the topic title (PostRevisor on the first post: version + 1 and a revision
   * holding the title change), or, with `gracePeriod`, inside the editing grace period (title
   * changes, version and revisions stay).
   */
  editTopicTitle(topicId: number, title: string, options?: { gracePeriod?: boolean }): FakePost;
  /**
   * An edit inside Discourse's grace period (PostRevisor ninja edit): the text changes but the
   * version and the revisions stay as they were.
   */
  editPostInGracePeriod(postId: number, raw: string): FakePost;
  addReviewable(input: {
    username: string;
    raw: string;
    title?: string;
    topicId?: number;
  }): FakeReviewable;
  /** A moderator acts in Discourse's UI: the reviewable leaves `pending` and its version moves on. */
  actAsHuman(reviewableId: number, status: 'approved' | 'rejected' | 'ignored'): void;
  /** Someone else touched the reviewable: its version moves on, it stays pending. */
  bumpReviewableVersion(reviewableId: number): void;
  /** A moderator edits the queued post's text (PUT /review/:id): version moves on, still pending. */
  editReviewable(reviewableId: number, raw: string): void;
  /** The next `count` matching calls answer with this failure. */
  failNext(count: number, spec: FailureSpec): void;
  /** JSON a Discourse webhook sends for this post (WebHookPostSerializer fields). */
  postPayload(postId: number): Record<string, unknown>;
  /** JSON a Discourse topic webhook sends for this topic (WebHookTopicViewSerializer fields). */
  topicPayload(topicId: number): Record<string, unknown>;
  /** JSON a Discourse webhook sends for this reviewable (ReviewableQueuedPostSerializer fields). */
  reviewablePayload(reviewableId: number): Record<string, unknown>;
  close(): Promise<void>;
}

const STATUS_NAMES = ['pending', 'approved', 'rejected', 'ignored', 'deleted'] as const;
// PostActionType flag ids: off_topic 3, inappropriate 4, notify_user 6, notify_moderators 7, spam 8, illegal 10.
const FLAG_TYPES = new Set([3, 4, 6, 7, 8, 10]);

/** A topic's `fancy_title`: its title HTML-escaped, as Discourse serves it. */
function fancyTitle(title: string): string {
  return title
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function errorBody(message: string, errorType?: string): Record<string, unknown> {
  return errorType ? { errors: [message], error_type: errorType } : { errors: [message] };
}

function slugify(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'topic'
  );
}

function cook(raw: string): string {
  const escaped = raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<p>${escaped}</p>`;
}

export async function startFakeDiscourse(
  options: { apiKey?: string; botUsername?: string } = {},
): Promise<FakeDiscourse> {
  const apiKey = options.apiKey ?? 'fake-discourse-api-key-0123456789abcdef';
  const botUsername = options.botUsername ?? 'leakwatch-bot';
  const users = new Map<string, FakeUser>();
  const posts = new Map<number, FakePost>();
  const reviewables = new Map<number, FakeReviewable>();
  const flags: FakeFlag[] = [];
  const privateMessages: FakePrivateMessage[] = [];
  const calls: RecordedCall[] = [];
  const failures: { remaining: number; spec: FailureSpec }[] = [];
  let nextUserId = 1;
  let nextPostId = 100;
  let nextTopicId = 10;
  let nextReviewableId = 500;
  let url = '';

  function addUser(username: string, opts: { staff?: boolean } = {}): FakeUser {
    const existing = users.get(username.toLowerCase());
    if (existing) return existing;
    const user = { id: nextUserId++, username, staff: opts.staff === true };
    users.set(username.toLowerCase(), user);
    return user;
  }
  addUser('system', { staff: true });
  addUser(botUsername, { staff: true });

  function userById(id: number): FakeUser | undefined {
    return [...users.values()].find((u) => u.id === id);
  }

  function createPost(input: {
    username: string;
    raw: string;
    topicTitle?: string;
    archetype?: 'regular' | 'private_message';
    topicId?: number;
  }): FakePost {
    const user = addUser(input.username);
    const sameTopic =
      input.topicId !== undefined
        ? [...posts.values()].filter((p) => p.topicId === input.topicId)
        : [];
    const first = sameTopic[0];
    const topicTitle = first?.topicTitle ?? input.topicTitle ?? 'A topic';
    const post: FakePost = {
      id: nextPostId++,
      topicId: input.topicId ?? nextTopicId++,
      topicSlug: first?.topicSlug ?? slugify(topicTitle),
      topicTitle,
      postNumber: sameTopic.length + 1,
      userId: user.id,
      username: user.username,
      raw: input.raw,
      version: 1,
      hidden: false,
      hiddenReasonId: null,
      deleted: false,
      archetype: input.archetype ?? first?.archetype ?? 'regular',
      categoryId: (input.archetype ?? 'regular') === 'private_message' ? null : 1,
      revisions: new Map(),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    posts.set(post.id, post);
    return post;
  }

  function topicPosts(topicId: number): FakePost[] {
    return [...posts.values()]
      .filter((p) => p.topicId === topicId)
      .sort((a, b) => a.postNumber - b.postNumber);
  }

  /** Topic#title= for every post of the topic (each FakePost keeps a copy). */
  function setTitle(topicId: number, title: string): void {
    for (const p of topicPosts(topicId)) p.topicTitle = title;
  }

  /**
   * PostRevisor#revise! with a new version: raw and/or (first post only) the topic title; one
   * revision holds both changes.
   */
  function revise(post: FakePost, raw: string, editReason: string | null, title?: string): void {
    const before = post.raw;
    const titleBefore = post.topicTitle;
    post.version += 1;
    post.raw = raw;
    post.updatedAt = new Date().toISOString();
    const revision: FakeRevision = {
      number: post.version,
      hidden: false,
      raw: [before, raw],
      editReason,
    };
    if (title !== undefined && title !== titleBefore) {
      setTitle(post.topicId, title);
      revision.title = [titleBefore, title];
    }
    post.revisions.set(post.version, revision);
  }

  /** PostSerializer#actions_summary: per flag type, `acted` when the viewer took it. */
  function actionsSummary(postId: number, viewer: string): Record<string, unknown>[] {
    return [...FLAG_TYPES].map((id) => {
      const taken = flags.filter((f) => f.postId === postId && f.postActionTypeId === id);
      const acted = taken.some((f) => f.by === viewer);
      return { id, count: taken.length, ...(acted ? { acted: true } : { can_act: true }) };
    });
  }

  function postPayload(postId: number): Record<string, unknown> {
    const p = posts.get(postId);
    if (!p) throw new Error(`no post ${postId}`);
    const topicPosts = [...posts.values()].filter((q) => q.topicId === p.topicId);
    const user = userById(p.userId);
    return {
      id: p.id,
      name: p.username,
      username: p.username,
      avatar_template: `/user_avatar/localhost/${p.username}/{size}/1_2.png`,
      created_at: p.createdAt,
      cooked: cook(p.raw),
      post_number: p.postNumber,
      post_type: 1,
      updated_at: p.updatedAt,
      reply_count: 0,
      reply_to_post_number: null,
      quote_count: 0,
      incoming_link_count: 0,
      reads: 1,
      score: 0,
      topic_id: p.topicId,
      topic_slug: p.topicSlug,
      topic_title: p.topicTitle,
      category_id: p.categoryId,
      display_username: p.username,
      primary_group_name: null,
      version: p.version,
      user_title: null,
      bookmarked: false,
      raw: p.raw,
      moderator: false,
      admin: false,
      staff: user?.staff ?? false,
      user_id: p.userId,
      hidden: p.hidden,
      trust_level: 1,
      deleted_at: p.deleted ? new Date().toISOString() : null,
      user_deleted: false,
      edit_reason: p.revisions.get(p.version)?.editReason ?? null,
      wiki: false,
      reviewable_id: null,
      reviewable_score_count: 0,
      reviewable_score_pending_count: 0,
      topic_posts_count: topicPosts.length,
      topic_filtered_posts_count: topicPosts.length,
      topic_archetype: p.archetype,
      category_slug: p.categoryId === null ? undefined : 'general',
    };
  }

  /**
   * PostSerializer as `GET /posts/{id}.json` and `GET /posts/by_number/…` render it
   * (render_post_json: add_raw, no add_title): no topic_title, and none of the
   * WebHookPostSerializer extras.
   */
  function restPostPayload(postId: number): Record<string, unknown> {
    const {
      topic_title: _title,
      topic_archetype: _archetype,
      topic_posts_count: _count,
      topic_filtered_posts_count: _filtered,
      category_slug: _slug,
      ...rest
    } = postPayload(postId);
    return rest;
  }

  /** WebHookTopicViewSerializer: TopicViewSerializer without the post stream, plus created_by. */
  function topicPayload(topicId: number): Record<string, unknown> {
    const all = topicPosts(topicId);
    const first = all[0];
    if (!first) throw new Error(`no topic ${topicId}`);
    const last = all[all.length - 1]!;
    const author = userById(first.userId);
    const lastUser = userById(last.userId);
    const basicUser = (u: FakeUser | undefined) =>
      u
        ? {
            id: u.id,
            username: u.username,
            name: u.username,
            avatar_template: `/user_avatar/localhost/${u.username}/{size}/1_2.png`,
          }
        : null;
    return {
      id: topicId,
      title: first.topicTitle,
      fancy_title: fancyTitle(first.topicTitle),
      posts_count: all.length,
      created_at: first.createdAt,
      views: 1,
      reply_count: all.length - 1,
      like_count: 0,
      last_posted_at: last.createdAt,
      visible: true,
      closed: false,
      archived: false,
      archetype: first.archetype,
      slug: first.topicSlug,
      category_id: first.categoryId,
      word_count: all.reduce((n, p) => n + p.raw.split(/\s+/).filter(Boolean).length, 0),
      deleted_at: null,
      user_id: first.userId,
      featured_link: null,
      pinned_globally: false,
      pinned_at: null,
      pinned_until: null,
      image_url: null,
      slow_mode_seconds: 0,
      tags: [],
      tags_descriptions: {},
      highest_post_number: all.length,
      deleted_by: null,
      created_by: basicUser(author),
      last_poster: basicUser(lastUser),
    };
  }

  function reviewablePayload(reviewableId: number): Record<string, unknown> {
    const r = reviewables.get(reviewableId);
    if (!r) throw new Error(`no reviewable ${reviewableId}`);
    const topic =
      r.topicId === null ? undefined : [...posts.values()].find((p) => p.topicId === r.topicId);
    const payload: Record<string, unknown> = {
      id: r.id,
      status: r.status,
      type: r.type,
      topic_id: r.topicId,
      topic_url: topic ? `/t/${topic.topicSlug}/${topic.topicId}` : undefined,
      category_id: r.categoryId,
      created_at: new Date().toISOString(),
      can_edit: true,
      score: 0,
      version: r.version,
      created_by_id: r.createdById,
      target_created_by_id: r.targetCreatedById,
      payload: {
        raw: r.payload.raw,
        ...(r.payload.title === undefined ? {} : { title: r.payload.title }),
        archetype: r.payload.archetype ?? 'regular',
      },
    };
    if (r.createdPostId !== null) payload.post_id = r.createdPostId;
    return payload;
  }

  /** Lets the handler run, then replaces whatever it answers with the failure (or with nothing). */
  function loseAnswer(res: Response, call: RecordedCall, spec: FailureSpec): void {
    const json = res.json.bind(res);
    const end = res.end.bind(res);
    let lost = false;
    const lose = () => {
      if (lost) return res;
      lost = true;
      if (spec.status === 0) {
        call.status = 0;
        return res; // never answered; close() drops the connection
      }
      res.status(spec.status);
      json(errorBody('Something went wrong.'));
      return res;
    };
    res.json = (() => lose()) as Response['json'];
    res.end = ((...args: unknown[]) =>
      lost ? (end as (...a: unknown[]) => Response)(...args) : lose()) as Response['end'];
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(express.text({ type: () => true, limit: '1mb' }));

  // Record, authenticate, parse, and inject failures before routing.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const rawBody = typeof req.body === 'string' ? req.body : '';
    const contentType = String(req.headers['content-type'] ?? '');
    let body: unknown = {};
    if (rawBody !== '') {
      if (contentType.includes('application/json')) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = null;
        }
      } else if (contentType.includes('application/x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(rawBody));
      }
    }
    const apiUsername =
      typeof req.headers['api-username'] === 'string' ? req.headers['api-username'] : null;
    const user = apiUsername ? users.get(apiUsername.toLowerCase()) : undefined;
    const authenticated = req.headers['api-key'] === apiKey && user !== undefined;
    const path = req.path;
    const call: RecordedCall = {
      method: req.method,
      path,
      query: { ...req.query },
      rawBody,
      body,
      authenticated,
      apiUsername,
      status: 0,
    };
    calls.push(call);
    res.on('finish', () => {
      call.status = res.statusCode;
    });
    res.locals.body = body;
    res.locals.user = user;

    const key = `${req.method} ${path}`;
    const failure = failures.find(
      (f) => f.remaining > 0 && (!f.spec.match || f.spec.match.test(key)),
    );
    if (failure?.spec.afterHandling) {
      failure.remaining -= 1;
      loseAnswer(res, call, failure.spec);
    } else if (failure) {
      failure.remaining -= 1;
      if (failure.spec.status === 0) return; // no answer; close() drops the connection
      if (failure.spec.retryAfter !== undefined)
        res.set('Retry-After', String(failure.spec.retryAfter));
      if (failure.spec.status === 429) {
        res.status(429).json({
          errors: [
            "You've performed this action too many times. Please wait a few seconds before trying again.",
          ],
          error_type: 'rate_limit',
          extras: { wait_seconds: failure.spec.retryAfter ?? 1, time_left: '1 second' },
        });
      } else {
        res.status(failure.spec.status).json(errorBody('Something went wrong.'));
      }
      return;
    }
    if (body === null) {
      res.status(400).json(errorBody('Invalid JSON body', 'invalid_parameters'));
      return;
    }
    if (!authenticated) {
      // Discourse answers a bad key or unknown Api-Username with 403 invalid_access.
      res
        .status(403)
        .json(
          errorBody(
            'You are not permitted to view the requested resource. The API username or key is invalid.',
            'invalid_access',
          ),
        );
      return;
    }
    // Discourse serves `/posts/1.json` and `/posts/1` (with Accept: application/json) alike.
    req.url = req.url.replace(/\.json(?=\?|$)/, '');
    next();
  });

  function params(res: Response): Record<string, unknown> {
    return (res.locals.body ?? {}) as Record<string, unknown>;
  }
  function actor(res: Response): FakeUser {
    return res.locals.user as FakeUser;
  }
  function postParam(req: Request, name = 'id'): FakePost | undefined {
    const id = Number(req.params[name]);
    return Number.isSafeInteger(id) ? posts.get(id) : undefined;
  }
  const notFound = (res: Response) =>
    res
      .status(404)
      .json(errorBody('The requested URL or resource could not be found.', 'not_found'));
  const missing = (res: Response, name: string) =>
    res
      .status(400)
      .json(errorBody(`param is missing or the value is empty: ${name}`, 'invalid_parameters'));

  // GET /posts.json — PostsController#latest → LatestPostsQuery#public_posts: public, visible,
  // regular posts, newest id first (an edit does not move a post), `id < before`, 50 at most;
  // PostSerializer with add_raw and add_title (topic_title, no topic_archetype); root
  // `latest_posts`. (Older versions answered `id <= before`.)
  app.get('/posts', (req, res) => {
    const before = Number(req.query.before ?? 0);
    const list = [...posts.values()]
      .filter((p) => p.archetype === 'regular' && !p.hidden && !p.deleted)
      .filter((p) => !(before > 0) || p.id < before)
      .sort((a, b) => b.id - a.id)
      .slice(0, 50)
      .map((p) => {
        const { topic_archetype: _a, topic_posts_count: _c, ...item } = postPayload(p.id);
        return item;
      });
    res.json({ latest_posts: list });
  });

  // GET /posts/by_number/:topic_id/:post_number.json — PostsController#by_number →
  // display_post → render_post_json (PostSerializer, add_raw; no topic_title).
  app.get('/posts/by_number/:topic_id/:post_number', (req, res) => {
    const topicId = Number(req.params.topic_id);
    const number = Number(req.params.post_number);
    const post = [...posts.values()].find((p) => p.topicId === topicId && p.postNumber === number);
    if (!post || (post.deleted && !actor(res).staff)) return notFound(res);
    if (post.archetype === 'private_message') {
      // Guardian#can_see_private_message?: participants (and admins), not a moderator bot.
      const pm = privateMessages.find((m) => m.topicId === post.topicId);
      const allowed = pm ? [pm.by, ...pm.recipients].map((u) => u.toLowerCase()) : [];
      if (!allowed.includes(actor(res).username.toLowerCase())) {
        return res
          .status(403)
          .json(
            errorBody('You are not permitted to view the requested resource.', 'invalid_access'),
          );
      }
    }
    return res.json({
      ...restPostPayload(post.id),
      actions_summary: actionsSummary(post.id, actor(res).username),
    });
  });

  // POST /posts.json — PostsController#create; a PM needs title, raw, archetype and target_recipients.
  app.post('/posts', (_req, res) => {
    const p = params(res);
    const raw = typeof p.raw === 'string' ? p.raw : '';
    const title = typeof p.title === 'string' ? p.title : '';
    if (raw.trim() === '') return res.status(422).json(errorBody("Body can't be blank"));
    if (p.archetype === 'private_message') {
      const recipients = String(p.target_recipients ?? p.target_usernames ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (title.trim() === '') return res.status(422).json(errorBody("Title can't be blank"));
      if (recipients.length === 0)
        return res.status(422).json(errorBody('You must choose a valid user.'));
      const unknown = recipients.filter((name) => !users.has(name.toLowerCase()));
      if (unknown.length > 0)
        return res.status(422).json(errorBody(`Sorry, ${unknown.join(', ')} was not found.`));
      const post = createPost({
        username: actor(res).username,
        raw,
        topicTitle: title,
        archetype: 'private_message',
      });
      privateMessages.push({
        topicId: post.topicId,
        postId: post.id,
        title,
        raw,
        recipients,
        by: actor(res).username,
      });
      return res.json(postPayload(post.id));
    }
    const topicId = Number(p.topic_id);
    if (!Number.isSafeInteger(topicId) && title.trim() === '') {
      return res.status(422).json(errorBody("Title can't be blank"));
    }
    const post = createPost({
      username: actor(res).username,
      raw,
      topicTitle: title || undefined,
      topicId: Number.isSafeInteger(topicId) ? topicId : undefined,
    });
    return res.json(postPayload(post.id));
  });

  // GET /posts/:id.json — PostsController#show → render_post_json (no topic_title).
  app.get('/posts/:id', (req, res) => {
    const post = postParam(req);
    if (!post || (post.deleted && !actor(res).staff)) return notFound(res);
    return res.json({
      ...restPostPayload(post.id),
      actions_summary: actionsSummary(post.id, actor(res).username),
    });
  });

  // PUT /posts/:id.json — PostsController#update: post[raw], post[edit_reason], optional
  // post[original_text] (409 edit_conflict when it differs from the current raw); for a first
  // post a top-level `title` goes to the same PostRevisor call (one revision, one version).
  app.put('/posts/:id', (req, res) => {
    const body = params(res);
    const post = postParam(req);
    const changes = (body.post ?? {}) as Record<string, unknown>;
    const flatRaw = body['post[raw]'];
    const raw =
      typeof changes.raw === 'string'
        ? changes.raw
        : typeof flatRaw === 'string'
          ? flatRaw
          : undefined;
    if (raw === undefined) return missing(res, 'post');
    if (!post) return notFound(res);
    const reason = changes.edit_reason ?? body['post[edit_reason]'];
    const original = changes.original_text ?? body['post[original_text]'];
    if (typeof original === 'string' && original !== '' && original !== post.raw) {
      return res.status(409).json(errorBody('The post was edited by someone else.'));
    }
    if (raw.trim() === '') return res.status(422).json(errorBody("Body can't be blank"));
    const title =
      post.postNumber === 1 && typeof body.title === 'string' ? body.title.trim() : undefined;
    if (title !== undefined && title !== post.topicTitle) {
      // Topic validations (TopicTitleLengthValidator: min_topic_title_length 15 by default;
      // private messages: min_personal_message_title_length 2).
      const min = post.archetype === 'private_message' ? 2 : 15;
      if (title.length < min) {
        return res.status(422).json(errorBody(`Title must be at least ${min} characters`));
      }
    }
    const titleChanged = title !== undefined && title !== post.topicTitle;
    if (raw !== post.raw || titleChanged) {
      revise(
        post,
        raw,
        typeof reason === 'string' ? reason : null,
        titleChanged ? title : undefined,
      );
    }
    return res.json({ post: restPostPayload(post.id) });
  });

  // PUT /posts/:post_id/revisions/:revision/hide — PostsController#hide_revision (staff only).
  app.put('/posts/:post_id/revisions/:revision/hide', (req, res) => {
    const number = Number(req.params.revision);
    if (!/^\d+$/.test(String(req.params.revision))) return notFound(res);
    if (number < 2) return res.status(400).json(errorBody('revision', 'invalid_parameters'));
    const post = postParam(req, 'post_id');
    const revision = post?.revisions.get(number);
    if (!post || !revision) return notFound(res);
    if (!actor(res).staff) return res.status(403).json(errorBody('not allowed', 'invalid_access'));
    revision.hidden = true;
    return res.status(200).end();
  });

  // PUT /posts/:post_id/unhide — PostsController#unhide (staff only).
  app.put('/posts/:post_id/unhide', (req, res) => {
    const post = postParam(req, 'post_id');
    if (!post) return notFound(res);
    if (!actor(res).staff) return res.status(403).json(errorBody('not allowed', 'invalid_access'));
    post.hidden = false;
    post.hiddenReasonId = null;
    return res.status(200).end();
  });

  // POST /post_actions.json — PostActionsController#create: id, post_action_type_id, message,
  // take_action == "true" (staff: agrees with the flags, keeps the post: PostActionCreator),
  // queue_for_review == "true" (staff: hides the post at once: auto_hide_if_needed), flag_topic.
  app.post('/post_actions', (_req, res) => {
    const p = params(res);
    if (p.id === undefined || p.id === '') return missing(res, 'id');
    if (p.post_action_type_id === undefined || p.post_action_type_id === '') {
      return missing(res, 'post_action_type_id');
    }
    const post = posts.get(Number(p.id));
    if (!post || post.deleted) return notFound(res);
    const type = Number(p.post_action_type_id);
    if (!FLAG_TYPES.has(type))
      return res.status(403).json(errorBody('not allowed', 'invalid_access'));
    const by = actor(res);
    if (
      flags.some((f) => f.postId === post.id && f.by === by.username && f.postActionTypeId === type)
    ) {
      // Guardian#post_can_act? refuses an action already taken.
      return res
        .status(403)
        .json(errorBody('You are not permitted to view the requested resource.', 'invalid_access'));
    }
    const takeAction = by.staff && p.take_action === 'true';
    const queueForReview = by.staff && p.queue_for_review === 'true';
    flags.push({
      postId: post.id,
      postActionTypeId: type,
      message: typeof p.message === 'string' ? p.message : null,
      takeAction,
      queueForReview,
      flagTopic: p.flag_topic === 'true',
      by: by.username,
    });
    if (queueForReview && !post.hidden) {
      post.hidden = true;
      post.hiddenReasonId = 5; // Post.hidden_reasons[:flag_threshold_reached]
    }
    return res.json(postPayload(post.id));
  });

  // GET /review/:id.json — ReviewablesController#show, root `reviewable`.
  app.get('/review/:id', (req, res) => {
    if (!actor(res).staff) return res.status(403).json(errorBody('not allowed', 'invalid_access'));
    const r = reviewables.get(Number(req.params.id));
    if (!r) return notFound(res);
    const author = userById(r.targetCreatedById);
    return res.json({
      reviewable: reviewablePayload(r.id),
      users: author ? [{ id: author.id, username: author.username }] : [],
      meta: { types: { created_by: 'user', target_created_by: 'user' } },
    });
  });

  // PUT /review/:id/perform/:action_id?version=N — ReviewablesController#perform: 422 without
  // version, 403 for an action the reviewable no longer offers, 409 on a stale version.
  app.put('/review/:id/perform/:action', (req, res) => {
    const p = { ...params(res), ...req.query } as Record<string, unknown>;
    if (p.version === undefined || p.version === '') {
      return res.status(422).json(errorBody('Missing version'));
    }
    if (!actor(res).staff) return res.status(403).json(errorBody('not allowed', 'invalid_access'));
    const r = reviewables.get(Number(req.params.id));
    if (!r) return notFound(res);
    const action = String(req.params.action);
    // ReviewableQueuedPost#build_combined_actions: approve unless approved (approve_post_closed
    // when the topic is closed); the reject bundle while pending.
    const approve = r.topicClosed ? 'approve_post_closed' : 'approve_post';
    const offered =
      r.status === 0
        ? [approve, 'reject_post', 'revise_and_reject_post', 'delete']
        : r.status !== 1
          ? [approve]
          : [];
    if (!offered.includes(action)) {
      return res.status(403).json(errorBody(`Invalid action ${action}`, 'invalid_access'));
    }
    if (Number(p.version) !== r.version) {
      return res
        .status(409)
        .json(errorBody('Someone else has updated this item. Please reload the page.'));
    }
    r.version += 1;
    let transition: string;
    if (action === 'approve_post' || action === 'approve_post_closed') {
      const author = userById(r.targetCreatedById)!;
      const post = createPost({
        username: author.username,
        raw: r.payload.raw,
        topicTitle: r.payload.title,
        topicId: r.topicId ?? undefined,
      });
      r.createdPostId = post.id;
      r.status = 1;
      transition = 'approved';
    } else if (action === 'delete') {
      r.status = 4;
      transition = 'deleted';
    } else {
      r.status = 2;
      transition = 'rejected';
    }
    const extra: Record<string, unknown> = {};
    for (const name of ['revise_reason', 'revise_feedback', 'revise_custom_reason']) {
      if (p[name] !== undefined) extra[name] = p[name];
    }
    r.performed = { action, by: actor(res).username, params: extra };
    return res.json({
      reviewable_perform_result: {
        success: true,
        transition_to: transition,
        transition_to_id: STATUS_NAMES.indexOf(transition as (typeof STATUS_NAMES)[number]),
        version: r.version,
        ...(r.createdPostId !== null ? { created_post_id: r.createdPostId } : {}),
      },
    });
  });

  // GET /topics/private-messages-sent/:username.json — ListController#private_messages_sent →
  // TopicQuery#list_private_messages_sent: PM topics the user may see and has posted in, not
  // archived, bumped_at DESC, 30 a page (`page` from 0); 404 for an unknown user, 403 for someone
  // else's messages (only admins may look). Root: users, primary_groups, topic_list.
  app.get('/topics/private-messages-sent/:username', (req, res) => {
    const target = users.get(String(req.params.username).toLowerCase());
    if (!target) return notFound(res);
    if (target.id !== actor(res).id) {
      return res
        .status(403)
        .json(errorBody('You are not permitted to view the requested resource.', 'invalid_access'));
    }
    const pageParam = req.query.page;
    if (pageParam !== undefined && !/^[0-9]+$/.test(String(pageParam))) {
      return res.status(400).json(errorBody('Invalid parameters: page', 'invalid_parameters'));
    }
    const page = Number(pageParam ?? 0);
    const perPage = 30;
    const topics = new Map<number, FakePost[]>();
    for (const post of posts.values()) {
      if (post.archetype !== 'private_message' || post.deleted) continue;
      topics.set(post.topicId, [...(topics.get(post.topicId) ?? []), post]);
    }
    const sent = [...topics.entries()]
      .filter(([topicId, topicPosts]) => {
        const pm = privateMessages.find((m) => m.topicId === topicId);
        const allowed = pm ? [pm.by, ...pm.recipients].map((u) => u.toLowerCase()) : [];
        return (
          allowed.includes(target.username.toLowerCase()) &&
          topicPosts.some((p) => p.userId === target.id)
        );
      })
      // bumped_at DESC: the topic's latest post (ids grow with time here).
      .sort(([, a], [, b]) => Math.max(...b.map((p) => p.id)) - Math.max(...a.map((p) => p.id)));
    const slice = sent.slice(page * perPage, (page + 1) * perPage);
    const listed = slice.map(([topicId, topicPosts]) => {
      const first = topicPosts.reduce((a, b) => (a.id < b.id ? a : b));
      const last = topicPosts.reduce((a, b) => (a.id > b.id ? a : b));
      const pm = privateMessages.find((m) => m.topicId === topicId)!;
      const allowedIds = [pm.by, ...pm.recipients]
        .map((name) => users.get(name.toLowerCase())?.id)
        .filter((id): id is number => id !== undefined);
      return {
        id: topicId,
        title: first.topicTitle,
        fancy_title: fancyTitle(first.topicTitle),
        slug: first.topicSlug,
        posts_count: topicPosts.length,
        reply_count: 0,
        highest_post_number: topicPosts.length,
        image_url: null,
        created_at: first.createdAt,
        last_posted_at: last.createdAt,
        bumped: last.id !== first.id,
        bumped_at: last.createdAt,
        archetype: 'private_message',
        unseen: false,
        pinned: false,
        unpinned: null,
        visible: true,
        closed: false,
        archived: false,
        bookmarked: null,
        liked: null,
        views: 1,
        like_count: 0,
        has_summary: false,
        last_poster_username: last.username,
        category_id: null,
        pinned_globally: false,
        featured_link: null,
        allowed_user_ids: allowedIds,
        posters: [
          {
            extras: 'latest single',
            description: 'Original Poster, Most Recent Poster',
            user_id: first.userId,
            primary_group_id: null,
          },
        ],
      };
    });
    const listedUsers = [...new Set(listed.flatMap((t) => t.allowed_user_ids))]
      .map((id) => userById(id))
      .filter((u): u is FakeUser => u !== undefined)
      .map((u) => ({
        id: u.id,
        username: u.username,
        name: u.username,
        avatar_template: `/user_avatar/localhost/${u.username}/{size}/1_2.png`,
      }));
    return res.json({
      users: listedUsers,
      primary_groups: [],
      flair_groups: [],
      topic_list: {
        can_create_topic: true,
        // TopicListSerializer#include_more_topics_url?: only when the page is full.
        ...(listed.length === perPage
          ? {
              more_topics_url: `/topics/private-messages-sent/${encodeURIComponent(target.username)}?page=${page + 1}`,
            }
          : {}),
        per_page: perPage,
        topics: listed,
      },
    });
  });

  app.use((_req, res) => notFound(res));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get url() {
      return url;
    },
    apiKey,
    users,
    posts,
    reviewables,
    flags,
    privateMessages,
    calls,
    addUser,
    addPost: (input) => createPost(input),
    editPost(postId, raw) {
      const post = posts.get(postId);
      if (!post) throw new Error(`no post ${postId}`);
      revise(post, raw, null);
      return post;
    },
    editPostInGracePeriod(postId, raw) {
      const post = posts.get(postId);
      if (!post) throw new Error(`no post ${postId}`);
      post.raw = raw;
      post.updatedAt = new Date().toISOString();
      return post;
    },
    editTopicTitle(topicId, title, opts = {}) {
      const first = topicPosts(topicId)[0];
      if (!first) throw new Error(`no topic ${topicId}`);
      if (opts.gracePeriod) {
        setTitle(topicId, title);
        return first;
      }
      revise(first, first.raw, null, title);
      return first;
    },
    addReviewable(input) {
      const author = addUser(input.username);
      const r: FakeReviewable = {
        id: nextReviewableId++,
        type: 'ReviewableQueuedPost',
        status: 0,
        version: 0,
        topicId: input.topicId ?? null,
        categoryId: 1,
        createdById: author.id,
        targetCreatedById: author.id,
        payload: { raw: input.raw, title: input.title, archetype: 'regular' },
        topicClosed: false,
        performed: null,
        createdPostId: null,
      };
      reviewables.set(r.id, r);
      return r;
    },
    actAsHuman(reviewableId, status) {
      const r = reviewables.get(reviewableId);
      if (!r) throw new Error(`no reviewable ${reviewableId}`);
      r.status = STATUS_NAMES.indexOf(status);
      r.version += 1;
      r.performed = { action: `human_${status}`, by: 'a-moderator', params: {} };
    },
    bumpReviewableVersion(reviewableId) {
      const r = reviewables.get(reviewableId);
      if (!r) throw new Error(`no reviewable ${reviewableId}`);
      r.version += 1;
    },
    editReviewable(reviewableId, raw) {
      const r = reviewables.get(reviewableId);
      if (!r) throw new Error(`no reviewable ${reviewableId}`);
      r.payload.raw = raw;
      r.version += 1;
    },
    failNext(count, spec) {
      failures.push({ remaining: count, spec });
    },
    postPayload,
    topicPayload,
    reviewablePayload,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
