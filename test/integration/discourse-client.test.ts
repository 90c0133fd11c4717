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
  it("createPrivateMessage looks up the bot's sent messages, then sends archetype=private_message with the marker in the title", async () => {
    fake.addUser('maria');
    const before = fake.calls.length;
    const created = await client().createPrivateMessage({
      title: 'Personal data in your post',
      raw: 'Please edit your post.',
      targetRecipients: ['maria'],
      marker: 'a1b2c3d4e5f6',
    });
    expect(created).toMatchObject({ sent: true, postId: expect.any(Number) });
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /topics/private-messages-sent/leakwatch-bot.json 200',
      'POST /posts.json 200',
    ]);
    expect(calls[1]).toMatchObject({ authenticated: true });
    expect(calls[1]!.body).toEqual({
      title: 'Personal data in your post [lw:a1b2c3d4e5f6]',
      raw: 'Please edit your post.',
      archetype: 'private_message',
      target_recipients: 'maria',
    });
    expect(fake.privateMessages.at(-1)).toMatchObject({
      topicId: created!.topicId,
      recipients: ['maria'],
      by: 'leakwatch-bot',
    });
  });

  it('createPrivateMessage with a marker already among the sent messages sends nothing and answers sent: false', async () => {
    fake.addUser('maria');
    const input = {
      title: 'Personal data in your post',
      raw: 'Please edit your post.',
      targetRecipients: ['maria'],
      marker: 'b1b2c3d4e5f6',
    };
    const first = await client().createPrivateMessage(input);
    const count = fake.privateMessages.length;
    const before = fake.calls.length;
    const again = await client().createPrivateMessage(input);
    expect(again).toEqual({ sent: false, topicId: first!.topicId, postId: null });
    expect(fake.privateMessages.length).toBe(count);
    expect(fake.calls.slice(before).map((c) => c.method)).toEqual(['GET']);
    expect(logLines.at(-1)).toContain('already sent');
  });

  it('createPrivateMessage finds its marker on the second page (30 newer messages) but not beyond sentLookupPages', async () => {
    fake.addUser('maria');
    const input = {
      title: 'Personal data in your post',
      raw: 'Please edit your post.',
      targetRecipients: ['maria'],
      marker: 'c1b2c3d4e5f6',
    };
    await client().createPrivateMessage(input);
    for (let n = 0; n < 31; n++) {
      await client().createPrivateMessage({ ...input, marker: `c2${String(n).padStart(10, '0')}` });
    }
    const count = fake.privateMessages.length;
    const before = fake.calls.length;
    expect(await client().createPrivateMessage(input)).toMatchObject({ sent: false });
    expect(fake.calls.slice(before).map((c) => [c.path, c.query])).toEqual([
      ['/topics/private-messages-sent/leakwatch-bot.json', {}],
      ['/topics/private-messages-sent/leakwatch-bot.json', { page: '1' }],
    ]);
    expect(fake.privateMessages.length).toBe(count);
    // The lookup is bounded on purpose: a message older than the pages read is not found.
    expect(await client({ sentLookupPages: 1 }).createPrivateMessage(input)).toMatchObject({
      sent: true,
    });
    expect(fake.privateMessages.length).toBe(count + 1);
  });

  it('createPrivateMessage fails as transient and sends nothing when the sent-messages lookup answers 500', async () => {
    fake.addUser('maria');
    const count = fake.privateMessages.length;
    fake.failNext(2, { status: 500, match: /^GET \/topics\/private-messages-sent\// });
    const error = await client({ maxAttempts: 2, baseDelayMs: 1 })
      .createPrivateMessage({
        title: 'Personal data in your post',
        raw: 'Please edit your post.',
        targetRecipients: ['maria'],
        marker: 'd1b2c3d4e5f6',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientDiscourseError);
    expect(error).toMatchObject({ status: 500 });
    expect(fake.privateMessages.length).toBe(count);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'GET', status: 500 });
  });

  it('createPrivateMessage fails as transient when the lookup answers 200 without a topic list', async () => {
    fake.addUser('maria');
    const count = fake.privateMessages.length;
    const notAList: typeof fetch = async (url, init) =>
      String(url).includes('/topics/private-messages-sent/')
        ? new Response('<html>maintenance</html>', { status: 200 })
        : fetch(url, init);
    const error = await client({ fetch: notAList })
      .createPrivateMessage({
        title: 'Personal data in your post',
        raw: 'r',
        targetRecipients: ['maria'],
        marker: 'e1b2c3d4e5f6',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientDiscourseError);
    expect(fake.privateMessages.length).toBe(count);
  });

  it('createPrivateMessage whose answer is lost after Discourse created it looks again before resending: one message', async () => {
    fake.addUser('maria');
    const count = fake.privateMessages.length;
    let lost = 0;
    const losesFirstAnswer: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (init?.method === 'POST' && lost === 0) {
        lost += 1;
        throw new TypeError('fetch failed'); // the connection dropped after Discourse answered
      }
      return response;
    };
    const result = await client({ fetch: losesFirstAnswer }).createPrivateMessage({
      title: 'Personal data in your post',
      raw: 'r',
      targetRecipients: ['maria'],
      marker: 'f1b2c3d4e5f6',
    });
    expect(result).toMatchObject({ sent: false });
    expect(lost).toBe(1);
    expect(fake.privateMessages.length).toBe(count + 1);
  });

  it('createPrivateMessage answered 502 after Discourse created the message finds it on the next lookup: one message', async () => {
    fake.addUser('maria');
    const count = fake.privateMessages.length;
    fake.failNext(1, { status: 502, match: /^POST \/posts\.json$/, afterHandling: true });
    const result = await client().createPrivateMessage({
      title: 'Personal data in your post',
      raw: 'r',
      targetRecipients: ['maria'],
      marker: 'a3b2c3d4e5f6',
    });
    expect(result).toMatchObject({ sent: false, postId: null });
    expect(fake.privateMessages.length).toBe(count + 1);
    expect(fake.calls.filter((c) => c.method === 'POST').at(-1)).toMatchObject({ status: 502 });
  });

  it('createPrivateMessage retries a 429 on the send after a fresh lookup, then sends once', async () => {
    fake.addUser('maria');
    const count = fake.privateMessages.length;
    slept.length = 0;
    const before = fake.calls.length;
    fake.failNext(1, { status: 429, retryAfter: 2, match: /^POST \/posts\.json$/ });
    const result = await client().createPrivateMessage({
      title: 'Personal data in your post',
      raw: 'r',
      targetRecipients: ['maria'],
      marker: 'a2b2c3d4e5f6',
    });
    expect(result).toMatchObject({ sent: true });
    expect(slept).toEqual([2000]);
    // Each send is preceded by a lookup (one or two pages, depending on the earlier tests).
    expect(
      fake.calls
        .slice(before)
        .map((c) => `${c.method} ${c.status}`)
        .join(', '),
    ).toMatch(/^(GET 200, )+POST 429, (GET 200, )+POST 200$/);
    expect(fake.privateMessages.length).toBe(count + 1);
  });

  it('createPrivateMessage and findSentPrivateMessage throw TypeError for a malformed marker', async () => {
    const input = { title: 't', raw: 'r', targetRecipients: ['maria'] };
    await expect(client().createPrivateMessage({ ...input, marker: '' })).rejects.toThrow(
      TypeError,
    );
    await expect(client().createPrivateMessage({ ...input, marker: 'NOT-HEX!' })).rejects.toThrow(
      TypeError,
    );
    await expect(client().findSentPrivateMessage('x')).rejects.toThrow(TypeError);
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

  it('listLatestPosts pages newest first with before=<id> (LatestPostsQuery: id < before)', async () => {
    const ids = [1, 2, 3].map((n) => fake.addPost({ username: 'maria', raw: `page ${n}` }).id);
    const first = await client().listLatestPosts();
    expect(first[0]!.id).toBe(ids[2]);
    expect(first[0]).toMatchObject({ topic_title: 'A topic', updated_at: expect.any(String) });
    const older = await client().listLatestPosts(ids[1]);
    expect(older[0]!.id).toBe(ids[0]);
    expect(older.every((p) => p.id < ids[1]!)).toBe(true);
  });

  it('updatePost with a title edits the first post and the topic title in one revision', async () => {
    const post = fake.addPost({
      username: 'maria',
      raw: 'Details inside',
      topicTitle: 'Selling bike, call 07911 123456',
    });
    const answer = await client().updatePost(post.id, {
      raw: 'Details inside',
      editReason: 'leakwatch',
      title: 'Selling bike, call ••••• •••456',
    });
    expect(answer?.post.version).toBe(2);
    expect(fake.calls.at(-1)!.body).toEqual({
      title: 'Selling bike, call ••••• •••456',
      post: { raw: 'Details inside', edit_reason: 'leakwatch' },
    });
    expect(post.topicTitle).toBe('Selling bike, call ••••• •••456');
    expect(post.revisions.get(2)).toMatchObject({
      title: ['Selling bike, call 07911 123456', 'Selling bike, call ••••• •••456'],
      editReason: 'leakwatch',
    });
    await expect(
      client().updatePost(post.id, { raw: 'x', editReason: 'y', title: ' ' }),
    ).rejects.toThrow(TypeError);
    await expect(
      client().updatePost(post.id, { raw: 'Details inside', editReason: 'y', title: 'Too short' }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('getPostByNumber reads a topic post without topic_title, like PostsController#by_number', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'first', topicTitle: 'Some topic title' });
    const got = await client().getPostByNumber(post.topicId, 1);
    expect(got).toMatchObject({ id: post.id, raw: 'first', version: 1, post_number: 1 });
    expect(got.topic_title).toBeUndefined();
    expect(fake.calls.at(-1)!.path).toBe(`/posts/by_number/${post.topicId}/1.json`);
    await expect(client().getPostByNumber(post.topicId, 9)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('DRY_RUN sends no mutating call, logs what it would do, and still reads', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'dry' });
    const before = fake.calls.length;
    const dry = client({ dryRun: true });
    expect(
      await dry.createPrivateMessage({
        title: 't',
        raw: 'r',
        targetRecipients: ['maria'],
        marker: 'aaaabbbbcccc',
      }),
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
