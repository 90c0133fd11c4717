import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscourse, type FakeDiscourse } from '../support/fake-discourse.js';

// The fake must answer like Discourse, or the other tests prove nothing.
let fake: FakeDiscourse;
beforeAll(async () => {
  fake = await startFakeDiscourse();
});
afterAll(async () => {
  await fake.close();
});

function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return fetch(fake.url + path, {
    method,
    headers: { 'Api-Key': fake.apiKey, 'Api-Username': 'leakwatch-bot', ...headers },
    body,
  });
}

describe('fake Discourse', () => {
  it('answers 403 invalid_access to an unknown Api-Username or a missing key', async () => {
    const unknown = await call('GET', '/posts.json', undefined, { 'Api-Username': 'nobody' });
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toMatchObject({ error_type: 'invalid_access' });
    const noKey = await fetch(`${fake.url}/posts.json`);
    expect(noKey.status).toBe(403);
    expect(fake.calls.at(-1)).toMatchObject({ authenticated: false, status: 403 });
  });

  it('takes form-encoded post[raw] like Rails and serves paths with and without .json', async () => {
    const post = fake.addPost({ username: 'ana', raw: 'before' });
    const res = await call(
      'PUT',
      `/posts/${post.id}`,
      'post%5Braw%5D=after&post%5Bedit_reason%5D=typo',
      {
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    );
    expect(res.status).toBe(200);
    expect(post.raw).toBe('after');
    expect(post.revisions.get(2)).toMatchObject({ raw: ['before', 'after'], editReason: 'typo' });
    expect((await call('GET', `/posts/${post.id}.json`)).status).toBe(200);
    expect((await call('PUT', `/posts/${post.id}/revisions/1/hide`)).status).toBe(400);
    expect((await call('PUT', `/posts/${post.id}/revisions/9/hide`)).status).toBe(404);
  });

  it('perform without version is 422; a stale version is 409; a moderator decision removes the action (403)', async () => {
    const r = fake.addReviewable({ username: 'newbie', raw: 'hello' });
    expect((await call('PUT', `/review/${r.id}/perform/approve_post`)).status).toBe(422);
    fake.bumpReviewableVersion(r.id);
    expect((await call('PUT', `/review/${r.id}/perform/approve_post?version=0`)).status).toBe(409);
    fake.actAsHuman(r.id, 'approved');
    expect((await call('PUT', `/review/${r.id}/perform/reject_post?version=2`)).status).toBe(403);
  });

  it('lists the sent private messages of the API user (topic_list.topics, 30 a page, page from 0); 404 unknown user, 403 someone else', async () => {
    fake.addUser('ana');
    for (let n = 0; n < 31; n++) {
      const res = await call(
        'POST',
        '/posts.json',
        JSON.stringify({
          title: `Note ${n} [lw:${String(n).padStart(12, '0')}]`,
          raw: 'hello',
          archetype: 'private_message',
          target_recipients: 'ana',
        }),
        { 'Content-Type': 'application/json' },
      );
      expect(res.status).toBe(200);
    }
    // A message someone else sent to the bot is not one the bot sent.
    const incoming = fake.addPost({
      username: 'ana',
      raw: 'hi bot',
      topicTitle: 'To the bot',
      archetype: 'private_message',
    });
    fake.privateMessages.push({
      topicId: incoming.topicId,
      postId: incoming.id,
      title: 'To the bot',
      raw: 'hi bot',
      recipients: ['leakwatch-bot'],
      by: 'ana',
    });
    const first = await call('GET', '/topics/private-messages-sent/leakwatch-bot.json');
    expect(first.status).toBe(200);
    const body = (await first.json()) as {
      users: unknown[];
      topic_list: { per_page: number; more_topics_url?: string; topics: Record<string, unknown>[] };
    };
    expect(body.topic_list.per_page).toBe(30);
    expect(body.topic_list.topics).toHaveLength(30);
    expect(body.topic_list.more_topics_url).toBe(
      '/topics/private-messages-sent/leakwatch-bot?page=1',
    );
    expect(body.topic_list.topics[0]).toMatchObject({
      title: 'Note 30 [lw:000000000030]',
      fancy_title: 'Note 30 [lw:000000000030]',
      archetype: 'private_message',
      posts_count: 1,
    });
    expect(body.topic_list.topics.some((t) => t.title === 'To the bot')).toBe(false);
    const second = (await (
      await call('GET', '/topics/private-messages-sent/leakwatch-bot.json?page=1')
    ).json()) as typeof body;
    expect(second.topic_list.topics.map((t) => t.title)).toEqual(['Note 0 [lw:000000000000]']);
    expect(second.topic_list.more_topics_url).toBeUndefined();
    // A reply bumps the topic to the top (bumped_at DESC).
    const oldest = fake.privateMessages.find((m) => m.title.startsWith('Note 0 '))!;
    fake.addPost({ username: 'ana', raw: 'thanks', topicId: oldest.topicId });
    const bumped = (await (
      await call('GET', '/topics/private-messages-sent/leakwatch-bot.json')
    ).json()) as typeof body;
    expect(bumped.topic_list.topics[0]).toMatchObject({ title: oldest.title, bumped: true });

    expect((await call('GET', '/topics/private-messages-sent/nobody-here.json')).status).toBe(404);
    expect((await call('GET', '/topics/private-messages-sent/ana.json')).status).toBe(403);
    expect(
      (await call('GET', '/topics/private-messages-sent/leakwatch-bot.json?page=-1')).status,
    ).toBe(400);
  });

  it('answers the next N matching calls with the failure it was told, with Retry-After', async () => {
    fake.failNext(2, { status: 429, retryAfter: 7, match: /^GET \/posts\.json$/ });
    const first = await call('GET', '/posts.json');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await first.json()).toMatchObject({
      error_type: 'rate_limit',
      extras: { wait_seconds: 7 },
    });
    expect((await call('GET', '/review/1.json')).status).toBe(404);
    expect((await call('GET', '/posts.json')).status).toBe(429);
    expect((await call('GET', '/posts.json')).status).toBe(200);
  });
});
