import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discourseDelivery, signLikeDiscourse } from '../fixtures/discourse/deliveries.js';
import { startFakeDiscourse, type FakeDiscourse } from '../support/fake-discourse.js';
import {
  MODERATOR_TOKEN,
  randomPrefix,
  scanKeys,
  startTestService,
  waitFor,
  type TestService,
} from './support/service.js';

// Planted values: a Luhn-valid Visa number that is not a published test card, and made-up addresses.
const CARD = '4539 1488 0343 6467';
const CARD_DIGITS = '4539148803436467';
const EMAIL = 'maria.lopez.bikes@gmail.com';
const SECRET = 'discourse-webhook-secret-new-0001';
const OLD_SECRET = 'discourse-webhook-secret-old-0000';

interface ReviewList {
  items: Array<{
    id: string;
    status: string;
    post: { id: string; version: number };
    findings: Array<{ masked: string }>;
  }>;
}

describe('Discourse webhook → worker → Discourse REST API (fake Discourse, real Redis and HTTP)', () => {
  let fake: FakeDiscourse;
  let service: TestService;

  beforeAll(async () => {
    fake = await startFakeDiscourse();
    service = await startTestService({
      prefix: randomPrefix('discourse'),
      env: {
        DISCOURSE_URL: fake.url,
        DISCOURSE_API_KEY: fake.apiKey,
        DISCOURSE_API_USERNAME: 'leakwatch-bot',
        DISCOURSE_WEBHOOK_SECRET: `${OLD_SECRET},${SECRET}`,
        POLICY_EMAIL: 'hide,notify,flag',
        POLICY_CARD: 'redact,notify',
        POLICY_PENDING: 'reject',
        PUBLIC_URL: 'https://leakwatch.test',
        PRIVACY_URL: 'https://forum.test/privacy',
        MAX_BODY_BYTES: '4096',
      },
      workers: true,
    });
  });
  afterAll(async () => {
    await service?.close();
    await fake?.close();
  });

  function deliver(
    type: string,
    name: string,
    payload: unknown,
    options: { secret?: string; instance?: string } = {},
  ): Promise<Response> {
    const delivery = discourseDelivery({
      type,
      name,
      payload,
      secret: options.secret ?? SECRET,
      instance: options.instance ?? fake.url,
    });
    return fetch(`${service.baseUrl}/webhooks/discourse`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
  }

  const allBodies = () => fake.calls.map((c) => c.rawBody).join('\n');

  const reviewItemFor = (postId: string, status?: string) =>
    waitFor(
      async () => {
        const res = await service.get('/v1/reviews?limit=200', MODERATOR_TOKEN);
        const body = (await res.json()) as ReviewList;
        return body.items.find((i) => i.post.id === postId && (!status || i.status === status));
      },
      15_000,
      `review item for ${postId}`,
    );

  it('ping answers 200', async () => {
    const res = await deliver('ping', 'ping', undefined);
    expect(res.status).toBe(200);
  });

  it('rejects bad deliveries in order: 415, 413, 400 headers, 401, 403 instance, 400 JSON, 422, 202 ignored', async () => {
    const url = `${service.baseUrl}/webhooks/discourse`;
    const good = discourseDelivery({
      type: 'post',
      name: 'post_created',
      payload: fake.postPayload(fake.addPost({ username: 'x1', raw: 'hi' }).id),
      secret: SECRET,
      instance: fake.url,
    });

    const text = await fetch(url, {
      method: 'POST',
      headers: { ...good.headers, 'Content-Type': 'text/plain' },
      body: good.body,
    });
    expect(text.status).toBe(415);
    const big = await fetch(url, {
      method: 'POST',
      headers: good.headers,
      body: JSON.stringify({ post: { id: 1, raw: 'x'.repeat(5000) } }),
    });
    expect(big.status).toBe(413);
    const {
      'X-Discourse-Event-Signature': _sig,
      'X-Discourse-Event-Id': _id,
      ...missing
    } = good.headers;
    const noHeaders = await fetch(url, { method: 'POST', headers: missing, body: good.body });
    expect(noHeaders.status).toBe(400);
    expect(((await noHeaders.json()) as { error: { message: string } }).error.message).toBe(
      'missing header(s): x-discourse-event-id, x-discourse-event-signature',
    );
    const badSig = await deliver(
      'post',
      'post_created',
      { id: 1 },
      { secret: 'some-other-secret-000' },
    );
    expect(badSig.status).toBe(401);
    const otherForum = await deliver(
      'post',
      'post_created',
      { id: 1 },
      { instance: 'https://other.forum.test' },
    );
    expect(otherForum.status).toBe(403);
    const notJson = '{"post": ';
    const notJsonRes = await fetch(url, {
      method: 'POST',
      headers: {
        ...good.headers,
        'X-Discourse-Event-Signature': signLikeDiscourse(notJson, SECRET),
      },
      body: notJson,
    });
    expect(notJsonRes.status).toBe(400);
    const noId = await deliver('post', 'post_created', { raw: 'no id' });
    expect(noId.status).toBe(422);
    const topic = await deliver('topic', 'topic_created', { id: 5, title: 'x' });
    expect(topic.status).toBe(202);
    expect(await topic.json()).toMatchObject({ ignored: true });
    const oldSecret = await deliver('ping', 'ping', undefined, { secret: OLD_SECRET });
    expect(oldSecret.status).toBe(200);
  });

  it('a queued clean post is approved with its version', async () => {
    const r = fake.addReviewable({
      username: 'newbie',
      raw: 'Thanks, the docs page answered it.',
      title: 'Solved',
    });
    const res = await deliver('reviewable', 'reviewable_created', fake.reviewablePayload(r.id));
    expect(res.status).toBe(202);
    await waitFor(() => r.status === 1, 15_000, 'approval');
    expect(r.performed).toMatchObject({ action: 'approve_post', by: 'leakwatch-bot' });
    const perform = fake.calls.find((c) => c.path === `/review/${r.id}/perform/approve_post`)!;
    expect(perform.query).toEqual({ version: '0' });
  });

  it('a queued post with a card is rejected with a masked reason and no raw digits in any request body', async () => {
    const r = fake.addReviewable({ username: 'seller', raw: `Pay to ${CARD} please` });
    await deliver('reviewable', 'reviewable_created', fake.reviewablePayload(r.id));
    await waitFor(() => r.status === 2, 15_000, 'rejection');
    expect(r.performed?.action).toBe('revise_and_reject_post');
    expect(String(r.performed?.params.revise_custom_reason)).toContain('•••• •••• •••• 6467');
    expect(String(r.performed?.params.revise_feedback)).toContain(
      'Pay to •••• •••• •••• 6467 please',
    );
    expect(String(r.performed?.params.revise_feedback)).toContain('https://forum.test/privacy');
    const bodies = allBodies();
    expect(bodies).not.toContain(CARD);
    expect(bodies).not.toContain(CARD_DIGITS);
    expect(bodies).not.toContain('1488 0343');
  });

  it('a queued new topic with an email in its title is rejected too', async () => {
    const r = fake.addReviewable({
      username: 'seller3',
      raw: 'Details below.',
      title: 'Mail ana.sousa.lw@gmail.com for the bike',
    });
    await deliver('reviewable', 'reviewable_created', fake.reviewablePayload(r.id));
    await waitFor(() => r.status === 2, 15_000, 'rejection');
    expect(String(r.performed?.params.revise_feedback)).toContain(
      'Mail a•••@gmail.com for the bike',
    );
    expect(allBodies()).not.toContain('ana.sousa.lw@gmail.com');
  });

  it('a reviewable already handled by a human is left alone', async () => {
    const r = fake.addReviewable({ username: 'seller2', raw: 'Fine post about bikes.' });
    const payload = fake.reviewablePayload(r.id);
    fake.actAsHuman(r.id, 'rejected');
    await deliver('reviewable', 'reviewable_created', payload);
    // leakwatch tries approve_post with the version it saw, is refused, re-reads, and stops.
    await waitFor(
      () => fake.calls.some((c) => c.path === `/review/${r.id}.json` && c.status === 200),
      15_000,
      're-read',
    );
    const performs = fake.calls.filter((c) => c.path.startsWith(`/review/${r.id}/perform/`));
    // Discourse still offers approve_post on a rejected queued post, so the stale version is what stops it.
    expect(performs.map((c) => c.status)).toEqual([409]);
    expect(r.performed?.action).toBe('human_rejected');
    expect(r.status).toBe(2);
  });

  it('a live post with an email gets a private message and a flag; the edit that removes it unhides it and resolves the review', async () => {
    fake.addUser('maria');
    const post = fake.addPost({
      username: 'maria',
      raw: `Selling my bike, write to ${EMAIL}`,
      topicTitle: 'Bike for sale',
    });
    const res = await deliver('post', 'post_created', fake.postPayload(post.id));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({
      jobId: expect.stringMatching(new RegExp(`^discourse-${post.id}-v1-t[0-9A-Za-z_]+$`)),
    });

    const pm = await waitFor(
      () => fake.privateMessages.find((m) => m.recipients.includes('maria')),
      15_000,
      'PM',
    );
    expect(pm.raw).toContain('m•••@gmail.com');
    expect(pm.raw).toContain(`/t/bike-for-sale/${post.topicId}/1`);
    expect(pm.raw).toContain('https://forum.test/privacy');
    expect(pm.raw).toContain('https://leakwatch.test/respond/');
    const flag = await waitFor(
      () => fake.flags.find((f) => f.postId === post.id && f.postActionTypeId === 7),
      15_000,
      'flag',
    );
    expect(flag.message).toContain('https://leakwatch.test/moderate/#');
    await waitFor(() => post.hidden, 15_000, 'hidden');
    const item = await reviewItemFor(String(post.id), 'open');
    expect(allBodies()).not.toContain(EMAIL);

    fake.editPost(post.id, 'Selling my bike, send me a private message');
    const edited = await deliver('post', 'post_edited', fake.postPayload(post.id));
    expect(edited.status).toBe(202);
    await waitFor(() => !post.hidden, 15_000, 'unhidden');
    expect(
      fake.calls.some((c) => c.method === 'PUT' && c.path === `/posts/${post.id}/unhide`),
    ).toBe(true);
    await reviewItemFor(String(post.id), 'resolved');
    expect(item.findings[0]!.masked).toBe('m•••@gmail.com');
  });

  it('the same webhook delivered three times makes one job and one private message', async () => {
    fake.addUser('kwame');
    const post = fake.addPost({ username: 'kwame', raw: 'mail kwame.asante.lw@outlook.com now' });
    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await deliver('post', 'post_created', fake.postPayload(post.id));
      answers.push({ status: res.status, body: await res.json() });
    }
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(answers.map((a) => (a.body as { duplicate?: boolean }).duplicate ?? false)).toEqual([
      false,
      true,
      true,
    ]);
    await waitFor(
      () => fake.flags.some((f) => f.postId === post.id && f.postActionTypeId === 7),
      15_000,
      'flag',
    );
    await waitFor(
      () => fake.privateMessages.some((m) => m.recipients.includes('kwame')),
      15_000,
      'PM',
    );
    expect(fake.privateMessages.filter((m) => m.recipients.includes('kwame'))).toHaveLength(1);
  });

  it('an edit inside the grace period (same version, new text) is scanned, its redelivery is not', async () => {
    fake.addUser('tomas');
    const post = fake.addPost({ username: 'tomas', raw: 'Selling a bike, ask here' });
    const first = await deliver('post', 'post_created', fake.postPayload(post.id));
    expect(first.status).toBe(202);
    fake.editPostInGracePeriod(post.id, 'Selling a bike, mail tomas.novak.lw@gmail.com');
    const answers = [];
    for (let i = 0; i < 2; i += 1) {
      const res = await deliver('post', 'post_edited', fake.postPayload(post.id));
      answers.push({ status: res.status, body: (await res.json()) as { duplicate?: boolean } });
    }
    expect(post.version).toBe(1);
    expect(answers.map((a) => [a.status, a.body.duplicate ?? false])).toEqual([
      [202, false],
      [202, true],
    ]);
    await waitFor(
      () => fake.privateMessages.some((m) => m.recipients.includes('tomas')),
      15_000,
      'PM for the grace-period edit',
    );
    expect(fake.privateMessages.filter((m) => m.recipients.includes('tomas'))).toHaveLength(1);
  });

  it('a 429 with Retry-After from Discourse is waited out and the private message still arrives', async () => {
    fake.addUser('lena');
    const post = fake.addPost({ username: 'lena', raw: 'reach me: lena.berg.lw@gmail.com' });
    fake.failNext(1, { status: 429, retryAfter: 1, match: /^POST \/posts\.json$/ });
    await deliver('post', 'post_created', fake.postPayload(post.id));
    await waitFor(
      () => fake.privateMessages.some((m) => m.recipients.includes('lena')),
      20_000,
      'PM after 429',
    );
    const pmCalls = fake.calls.filter((c) => c.method === 'POST' && c.path === '/posts.json');
    expect(pmCalls.map((c) => c.status)).toContain(429);
    expect(fake.calls.find((c) => c.status === 429)!.authenticated).toBe(true);
  });

  it('redaction replaces the card with its mask and hides the revision that held it', async () => {
    fake.addUser('omar');
    const post = fake.addPost({ username: 'omar', raw: `Send the money to ${CARD} thanks` });
    await deliver('post', 'post_created', fake.postPayload(post.id));
    await waitFor(() => post.revisions.get(2)?.hidden, 15_000, 'redaction and hidden revision');
    expect(post.version).toBe(2);
    expect(post.raw).toBe('Send the money to •••• •••• •••• 6467 thanks');
    expect(post.revisions.get(2)).toMatchObject({
      hidden: true,
      editReason: expect.stringContaining('leakwatch'),
    });
    await waitFor(
      () => fake.privateMessages.some((m) => m.recipients.includes('omar')),
      15_000,
      'PM',
    );
    expect(allBodies()).not.toContain(CARD);
  });

  it('post_destroyed closes the open review item', async () => {
    fake.addUser('ines');
    const post = fake.addPost({ username: 'ines', raw: 'write to ines.duarte.lw@gmail.com' });
    await deliver('post', 'post_created', fake.postPayload(post.id));
    await reviewItemFor(String(post.id), 'open');
    post.deleted = true;
    const res = await deliver('post', 'post_destroyed', fake.postPayload(post.id));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ jobId: `discourse-${post.id}-v1-deleted` });
    await reviewItemFor(String(post.id), 'resolved');
  });

  it('a private message with an email follows POLICY_PRIVATE: the author is told, nothing is flagged or hidden', async () => {
    fake.addUser('tomas');
    const post = fake.addPost({
      username: 'tomas',
      raw: 'my mail is tomas.novak.lw@gmail.com',
      archetype: 'private_message',
    });
    await deliver('post', 'post_created', fake.postPayload(post.id));
    const item = await reviewItemFor(String(post.id), 'open');
    await waitFor(
      () => fake.privateMessages.some((m) => m.recipients.includes('tomas')),
      15_000,
      'PM',
    );
    expect(item.findings).toHaveLength(1);
    expect(fake.flags.some((f) => f.postId === post.id)).toBe(false);
    expect(post.hidden).toBe(false);
  });

  it("the bot's own posts are ignored", async () => {
    const own = fake.addPost({ username: 'leakwatch-bot', raw: 'masked m•••@gmail.com' });
    const res = await deliver('post', 'post_created', fake.postPayload(own.id));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ignored: true, reason: 'own post' });
  });

  it('no planted value appears in the service log or in Redis', async () => {
    const logs = service.logs.lines.join('\n');
    for (const value of [CARD, CARD_DIGITS, EMAIL, 'kwame.asante.lw@outlook.com']) {
      expect(logs).not.toContain(value);
    }
    expect(logs).not.toContain(fake.apiKey);
    const keys = await scanKeys(service.redis, service.config.prefix);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const type = await service.redis.type(key);
      const dump =
        type === 'string'
          ? await service.redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await service.redis.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await service.redis.lrange(key, 0, -1))
              : type === 'zset'
                ? JSON.stringify(await service.redis.zrange(key, '0', '-1'))
                : type === 'set'
                  ? JSON.stringify(await service.redis.smembers(key))
                  : '';
      for (const value of [CARD, CARD_DIGITS, EMAIL]) expect(dump ?? '').not.toContain(value);
    }
  });
});

describe('POST /webhooks/discourse without DISCOURSE_WEBHOOK_SECRET', () => {
  it('answers 404 not_configured and queues nothing', async () => {
    const fake = await startFakeDiscourse();
    const service = await startTestService({
      prefix: randomPrefix('discourse-off'),
      env: { DISCOURSE_URL: fake.url, DISCOURSE_API_KEY: fake.apiKey },
    });
    try {
      const delivery = discourseDelivery({
        type: 'ping',
        secret: 'whatever-secret-0000',
        instance: fake.url,
      });
      const res = await fetch(`${service.baseUrl}/webhooks/discourse`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_configured');
    } finally {
      await service.close();
      await fake.close();
    }
  });
});
