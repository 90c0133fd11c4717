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
