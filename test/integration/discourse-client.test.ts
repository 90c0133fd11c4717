import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscourseClient, type ClientLogger } from '../../src/forums/discourse/client.js';
import {
  PermanentDiscourseError,
  TransientDiscourseError,
} from '../../src/forums/discourse/errors.js';
import { startFakeDiscourse, type FakeDiscourse } from '../support/fake-discourse.js';

let fake: FakeDiscourse;
const logLines: string[] = [];
const logger: ClientLogger = {
  info: (obj, msg) => logLines.push(JSON.stringify({ ...obj, msg })),
  warn: (obj, msg) => logLines.push(JSON.stringify({ ...obj, msg })),
  debug: (obj, msg) => logLines.push(JSON.stringify({ ...obj, msg })),
};
const slept: number[] = [];

function client(overrides: Partial<Parameters<typeof createDiscourseClient>[0]> = {}) {
  return createDiscourseClient({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    apiUsername: 'leakwatch-bot',
    logger,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...overrides,
  });
}

beforeAll(async () => {
  fake = await startFakeDiscourse();
});
afterAll(async () => {
  await fake.close();
});

describe('createDiscourseClient against the fake Discourse', () => {
  it('createPrivateMessage sends Api-Key/Api-Username and archetype=private_message with target_recipients', async () => {
    fake.addUser('maria');
    const created = await client().createPrivateMessage({
      title: 'Personal data in your post',
      raw: 'Please edit your post.',
      targetRecipients: ['maria'],
    });
    expect(created?.id).toBeGreaterThan(0);
    const call = fake.calls.at(-1)!;
    expect(call).toMatchObject({
      method: 'POST',
      path: '/posts.json',
      authenticated: true,
      status: 200,
    });
    expect(call.body).toEqual({
      title: 'Personal data in your post',
      raw: 'Please edit your post.',
      archetype: 'private_message',
      target_recipients: 'maria',
    });
    expect(fake.privateMessages.at(-1)).toMatchObject({
      recipients: ['maria'],
      by: 'leakwatch-bot',
    });
  });

  it('a wrong API key is a PermanentDiscourseError 403 invalid_access and the key never reaches the log', async () => {
    const secretKey = 'wrong-key-that-must-not-be-logged-42';
    const error = await client({ apiKey: secretKey })
      .getPost(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDiscourseError);
    expect(error).toMatchObject({ status: 403, errorType: 'invalid_access' });
    expect(logLines.join('\n')).not.toContain(secretKey);
    expect(logLines.join('\n')).not.toContain(fake.apiKey);
  });

  it('getPost of a missing post is a PermanentDiscourseError 404', async () => {
    await expect(client().getPost(999_999)).rejects.toMatchObject({
      status: 404,
      name: 'PermanentDiscourseError',
    });
  });

  it('429 with Retry-After is retried after the asked delay, then succeeds', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'hello' });
    slept.length = 0;
    fake.failNext(1, { status: 429, retryAfter: 3, match: /^GET \/posts\// });
    const got = await client().getPost(post.id);
    expect(got.id).toBe(post.id);
    expect(slept).toEqual([3000]);
    expect(fake.calls.slice(-2).map((c) => c.status)).toEqual([429, 200]);
  });

  it('500s are retried with exponential backoff and end as TransientDiscourseError', async () => {
    slept.length = 0;
    fake.failNext(3, { status: 500, match: /^GET \/posts\// });
    const error = await client({ maxAttempts: 3, baseDelayMs: 100 })
      .getPost(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientDiscourseError);
    expect(error).toMatchObject({ status: 500 });
    expect(slept).toEqual([100, 200]);
  });

  it('a Retry-After beyond maxDelayMs fails at once as transient, carrying the wait', async () => {
    slept.length = 0;
    fake.failNext(1, { status: 429, retryAfter: 120, match: /^GET \/posts\// });
    const error = await client({ maxDelayMs: 10_000 })
      .getPost(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientDiscourseError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(slept).toEqual([]);
  });

  it('connection refused ends as TransientDiscourseError with no status', async () => {
    const error = await client({ baseUrl: 'http://127.0.0.1:9', maxAttempts: 2 })
      .getPost(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientDiscourseError);
    expect(error).toMatchObject({ status: null });
  });

  it('createPostAction notify_moderators with a message records a flag; queue_for_review hides the post', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'hello again' });
    await client().createPostAction({
      postId: post.id,
      postActionTypeId: 7,
      message: 'leakwatch: email',
    });
    expect(fake.flags.at(-1)).toMatchObject({
      postId: post.id,
      postActionTypeId: 7,
      message: 'leakwatch: email',
      takeAction: false,
    });
    expect(post.hidden).toBe(false);
    const other = fake.addPost({ username: 'maria', raw: 'third' });
    await client().createPostAction({
      postId: other.id,
      postActionTypeId: 7,
      queueForReview: true,
    });
    expect(fake.calls.at(-1)!.body).toMatchObject({ queue_for_review: 'true' });
    expect(other.hidden).toBe(true);
    const seen = await client().getPost(other.id);
    expect((seen as { actions_summary?: unknown }).actions_summary).toContainEqual({
      id: 7,
      count: 1,
      acted: true,
    });
    await expect(
      client().createPostAction({ postId: other.id, postActionTypeId: 7, message: 'again' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('updatePost, hideRevision and unhidePost change the post as Discourse would', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'mail me' });
    post.hidden = true;
    const answer = await client().updatePost(post.id, { raw: 'masked', editReason: 'leakwatch' });
    expect(answer?.post.version).toBe(2);
    expect(fake.calls.at(-1)!.body).toEqual({ post: { raw: 'masked', edit_reason: 'leakwatch' } });
    expect(await client().hideRevision(post.id, 2)).toBe(true);
    expect(post.revisions.get(2)).toMatchObject({ hidden: true, raw: ['mail me', 'masked'] });
    expect(await client().unhidePost(post.id)).toBe(true);
    expect(post.hidden).toBe(false);
    await expect(client().hideRevision(post.id, 9)).rejects.toMatchObject({ status: 404 });
    await expect(client().hideRevision(post.id, 1)).rejects.toThrow(TypeError);
  });

  it('performReviewable approves with the version, and a stale version is a permanent 409', async () => {
    const r = fake.addReviewable({ username: 'newbie', raw: 'first post', title: 'Hello' });
    fake.bumpReviewableVersion(r.id);
    await expect(client().performReviewable(r.id, 'approve_post', 0)).rejects.toMatchObject({
      status: 409,
    });
    const fresh = await client().getReviewable(r.id);
    expect(fresh.version).toBe(1);
    const result = await client().performReviewable(r.id, 'approve_post', fresh.version);
    expect(result?.reviewable_perform_result).toMatchObject({
      success: true,
      transition_to: 'approved',
      version: 2,
    });
    expect(fake.calls.at(-1)!.query).toEqual({ version: '1' });
    await expect(client().performReviewable(r.id, 'reject_post', 2)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('listLatestPosts pages newest first with before=<id>', async () => {
    const ids = [1, 2, 3].map((n) => fake.addPost({ username: 'maria', raw: `page ${n}` }).id);
    const first = await client().listLatestPosts();
    expect(first[0]!.id).toBe(ids[2]);
    const older = await client().listLatestPosts(ids[1]);
    expect(older[0]!.id).toBe(ids[1]);
    expect(older.every((p) => p.id <= ids[1]!)).toBe(true);
  });

  it('DRY_RUN sends no mutating call, logs what it would do, and still reads', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'dry' });
    const before = fake.calls.length;
    const dry = client({ dryRun: true });
    expect(
      await dry.createPrivateMessage({ title: 't', raw: 'r', targetRecipients: ['maria'] }),
    ).toBeNull();
    expect(await dry.createPostAction({ postId: post.id, postActionTypeId: 7 })).toBeNull();
    expect(await dry.updatePost(post.id, { raw: 'x', editReason: 'y' })).toBeNull();
    expect(await dry.unhidePost(post.id)).toBe(false);
    expect(fake.calls.length).toBe(before);
    expect((await dry.getPost(post.id)).id).toBe(post.id);
    expect(fake.calls.length).toBe(before + 1);
    expect(logLines.filter((l) => l.includes('"dryRun":true')).length).toBeGreaterThanOrEqual(4);
  });

  it('createDiscourseClient throws TypeError with a fix for missing settings', () => {
    expect(() =>
      createDiscourseClient({ baseUrl: 'forum', apiKey: 'k', apiUsername: 'u' }),
    ).toThrow(/DISCOURSE_URL/);
    expect(() =>
      createDiscourseClient({ baseUrl: fake.url, apiKey: '', apiUsername: 'u' }),
    ).toThrow(/DISCOURSE_API_KEY/);
  });
});
