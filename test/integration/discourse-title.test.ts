import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discourseDelivery } from '../fixtures/discourse/deliveries.js';
import { startFakeDiscourse, type FakeDiscourse } from '../support/fake-discourse.js';
import {
  MODERATOR_TOKEN,
  randomPrefix,
  scanKeys,
  startTestService,
  waitFor,
  type TestService,
} from './support/service.js';

// Invented values (Ofcom's drama range 07700 900xxx is not a valid number, so it is not used).
const PHONE = '07911 123456';
const PHONE_TITLE = `Selling bike, call ${PHONE}`;
const EMAIL = 'jonas.title.lw@gmail.com';
const SECRET = 'discourse-title-secret-0001';

interface Finding {
  type: string;
  start: number;
  end: number;
  masked: string;
  reasons: string[];
}
interface ReviewItem {
  id: string;
  status: string;
  post: { id: string; version: number; ref?: Record<string, unknown> };
  findings: Finding[];
  excerpt: string;
}

describe('Discourse topic titles (webhook → worker → fake Discourse; real Redis and HTTP)', () => {
  let fake: FakeDiscourse;
  let service: TestService;

  beforeAll(async () => {
    fake = await startFakeDiscourse();
    service = await startTestService({
      prefix: randomPrefix('discourse-title'),
      env: {
        DISCOURSE_URL: fake.url,
        DISCOURSE_API_KEY: fake.apiKey,
        DISCOURSE_API_USERNAME: 'leakwatch-bot',
        DISCOURSE_WEBHOOK_SECRET: SECRET,
        DEFAULT_REGION: 'GB',
        POLICY_PHONE: 'redact,notify',
        POLICY_EMAIL: 'flag,notify',
        PUBLIC_URL: 'https://leakwatch.test',
      },
      workers: true,
    });
  });
  afterAll(async () => {
    await service?.close();
    await fake?.close();
  });

  function deliver(type: string, name: string, payload: unknown): Promise<Response> {
    const delivery = discourseDelivery({ type, name, payload, secret: SECRET, instance: fake.url });
    return fetch(`${service.baseUrl}/webhooks/discourse`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
  }

  const itemsFor = async (postId: number): Promise<ReviewItem[]> => {
    const res = await service.get('/v1/reviews?limit=200', MODERATOR_TOKEN);
    const body = (await res.json()) as { items: ReviewItem[] };
    return body.items.filter((i) => i.post.id === String(postId));
  };
  const itemFor = (postId: number, status: string) =>
    waitFor(
      async () => (await itemsFor(postId)).find((i) => i.status === status),
      15_000,
      `${status} review item for ${postId}`,
    );
  const allBodies = () => fake.calls.map((c) => c.rawBody).join('\n');

  it('post_created of a new topic with a phone in the title only: a review item with the title finding masked, and the topic title redacted on the forum', async () => {
    fake.addUser('jonas');
    const post = fake.addPost({
      username: 'jonas',
      raw: 'Good condition, barely used.',
      topicTitle: PHONE_TITLE,
    });
    const res = await deliver('post', 'post_created', fake.postPayload(post.id));
    expect(res.status).toBe(202);

    const item = await itemFor(post.id, 'open');
    expect(item.findings).toHaveLength(1);
    // Offsets index the scanned text "<title>\n\n<body>": the number sits at 19..31 of the title.
    expect(item.findings[0]).toMatchObject({
      type: 'phone',
      start: 19,
      end: 31,
      masked: '••••• •••456',
      reasons: expect.arrayContaining(['in-title']),
    });
    expect(item.post.ref).toMatchObject({ postNumber: 1, titleLength: PHONE_TITLE.length });
    expect(item.excerpt).toContain('Selling bike, call ••••• •••456');

    // redact: one PUT /posts/{id}.json with the masked title; the revision holding the old
    // title is hidden; the body is left as it was.
    await waitFor(() => post.revisions.get(2)?.hidden, 15_000, 'title redaction');
    expect(post.topicTitle).toBe('Selling bike, call ••••• •••456');
    expect(post.raw).toBe('Good condition, barely used.');
    expect(post.revisions.get(2)?.title).toEqual([PHONE_TITLE, post.topicTitle]);
    const pm = await waitFor(
      () => fake.privateMessages.find((m) => m.recipients.includes('jonas')),
      15_000,
      'PM',
    );
    expect(pm.raw).toContain('in the topic title');
    expect(pm.raw).toContain('(its title too)');
    expect(pm.raw).toContain('Selling bike, call ••••• •••456');
    expect(allBodies()).not.toContain(PHONE);

    // Discourse reports the bot's title edit as topic_edited: the rescan finds nothing and
    // resolves the item.
    const edited = await deliver('topic', 'topic_edited', fake.topicPayload(post.topicId));
    expect(edited.status).toBe(202);
    expect(await edited.json()).toEqual({
      jobId: expect.stringMatching(new RegExp(`^discourse-${post.id}-v2-t[0-9A-Za-z_]+$`)),
    });
    await itemFor(post.id, 'resolved');
    expect(await itemsFor(post.id)).toHaveLength(1);
  });

  it('topic_edited adding an email to the title makes a review item; the same delivery again makes no second one', async () => {
    fake.addUser('petra');
    const post = fake.addPost({
      username: 'petra',
      raw: 'Looking for a second-hand cargo bike.',
      topicTitle: 'Cargo bike wanted',
    });
    await deliver('post', 'post_created', fake.postPayload(post.id));
    await waitFor(
      async () =>
        service.logs.lines.some(
          (l) => l.includes('"post scanned"') && l.includes(`"postId":"${post.id}"`),
        ),
      15_000,
      'first scan',
    );
    expect(await itemsFor(post.id)).toEqual([]);

    fake.editTopicTitle(post.topicId, `Cargo bike wanted, mail ${EMAIL}`);
    const payload = fake.topicPayload(post.topicId);
    const answers: { status: number; body: { jobId?: string; duplicate?: boolean } }[] = [];
    for (let i = 0; i < 2; i += 1) {
      const res = await deliver('topic', 'topic_edited', payload);
      answers.push({ status: res.status, body: (await res.json()) as { duplicate?: boolean } });
    }
    expect(answers.map((a) => [a.status, a.body.duplicate ?? false])).toEqual([
      [202, false],
      [202, true],
    ]);
    expect(answers[1]!.body.jobId).toBe(answers[0]!.body.jobId);
    expect(
      fake.calls.filter((c) => c.path === `/posts/by_number/${post.topicId}/1.json`),
    ).toHaveLength(2);

    const item = await itemFor(post.id, 'open');
    expect(item.post.version).toBe(2);
    expect(item.findings.map((f) => [f.type, f.masked, f.reasons.includes('in-title')])).toEqual([
      ['email', 'j•••@gmail.com', true],
    ]);
    await waitFor(
      () => fake.flags.some((f) => f.postId === post.id && f.postActionTypeId === 7),
      15_000,
      'flag',
    );
    await waitFor(
      () => fake.privateMessages.some((m) => m.recipients.includes('petra')),
      15_000,
      'PM',
    );
    expect(await itemsFor(post.id)).toHaveLength(1);
    expect(fake.privateMessages.filter((m) => m.recipients.includes('petra'))).toHaveLength(1);
    expect(fake.flags.filter((f) => f.postId === post.id)).toHaveLength(1);
  });

  it('a title edited inside the grace period (same post version) is a new text, not a redelivery', async () => {
    fake.addUser('aiko');
    const post = fake.addPost({ username: 'aiko', raw: 'Moving sale.', topicTitle: 'Moving sale' });
    const created = await deliver('post', 'post_created', fake.postPayload(post.id));
    expect(created.status).toBe(202);
    fake.editTopicTitle(post.topicId, 'Moving sale, mail aiko.title.lw@gmail.com', {
      gracePeriod: true,
    });
    expect(post.version).toBe(1);
    const first = await deliver('topic', 'topic_edited', fake.topicPayload(post.topicId));
    const again = await deliver('topic', 'topic_edited', fake.topicPayload(post.topicId));
    expect((await first.json()) as object).not.toHaveProperty('duplicate');
    expect(await again.json()).toMatchObject({ duplicate: true });
    const item = await itemFor(post.id, 'open');
    expect(item.findings.map((f) => f.masked)).toEqual(['a•••@gmail.com']);
  });

  it('post_edited of a first post scans its title with the body', async () => {
    fake.addUser('bruno');
    const post = fake.addPost({
      username: 'bruno',
      raw: 'Tickets for Saturday.',
      topicTitle: `Tickets, mail bruno.title.lw@gmail.com`,
    });
    fake.editPost(post.id, 'Tickets for Saturday and Sunday.');
    await deliver('post', 'post_edited', fake.postPayload(post.id));
    const item = await itemFor(post.id, 'open');
    expect(item.findings.map((f) => [f.masked, f.start])).toEqual([['b•••@gmail.com', 14]]);
  });

  it('topic_edited: 503 with Retry-After while Discourse cannot be read, accepted once it can', async () => {
    fake.addUser('lior');
    const post = fake.addPost({ username: 'lior', raw: 'Hello.', topicTitle: 'Hello everyone' });
    fake.editTopicTitle(post.topicId, 'Hello everyone, mail lior.title.lw@gmail.com');
    fake.failNext(2, { status: 502, match: /^GET \/posts\/by_number\// });
    const down = await deliver('topic', 'topic_edited', fake.topicPayload(post.topicId));
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe(
      'forum_unavailable',
    );
    const retried = await deliver('topic', 'topic_edited', fake.topicPayload(post.topicId));
    expect(retried.status).toBe(202);
    await itemFor(post.id, 'open');
  });

  it('topic_edited of a private message the bot cannot read is ignored; a payload without id is 422; topic_created stays ignored', async () => {
    const pm = fake.addPost({
      username: 'nadia',
      raw: 'between us',
      topicTitle: 'Our plans',
      archetype: 'private_message',
    });
    const res = await deliver('topic', 'topic_edited', fake.topicPayload(pm.topicId));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ignored: true, reason: 'first post not readable' });
    const bad = await deliver('topic', 'topic_edited', { title: 'no id' });
    expect(bad.status).toBe(422);
    const created = await deliver('topic', 'topic_created', fake.topicPayload(pm.topicId));
    expect(await created.json()).toMatchObject({ ignored: true });
  });

  it('no planted title value appears in the service log or in Redis', async () => {
    const planted = [PHONE, EMAIL, 'aiko.title.lw@gmail.com', 'bruno.title.lw@gmail.com'];
    const logs = service.logs.lines.join('\n');
    for (const value of planted) expect(logs).not.toContain(value);
    for (const key of await scanKeys(service.redis, service.config.prefix)) {
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
      for (const value of planted) expect(dump ?? '').not.toContain(value);
    }
  });
});
