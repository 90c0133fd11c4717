import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallbackServer } from './support/callback-server.js';
import {
  CALLBACK_SECRET,
  MODERATOR_TOKEN,
  genericPost,
  randomPrefix,
  startTestService,
  waitFor,
  type TestService,
} from './support/service.js';

// Fiction: an Ofcom drama-range phone, a Luhn-valid Visa-shaped number that is no real or public test card.
const PHONE = '020 7946 0958';
const CARD = '4539 1488 0343 6467';

interface ListBody {
  items: Array<{
    id: string;
    status: string;
    post: { id: string; version: number };
    findings: Array<{ type: string; masked: string; fingerprint: string; seenIn?: number }>;
    excerpt: string;
    audit: Array<{ by: string; action: string }>;
  }>;
  nextCursor: string | null;
  counts: { status: Record<string, number> };
}

describe('generic webhook → worker → review item → decision → callback', () => {
  let service: TestService;
  let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;

  beforeAll(async () => {
    callbacks = await startCallbackServer(CALLBACK_SECRET);
    service = await startTestService({
      prefix: randomPrefix('flow'),
      env: {
        GENERIC_CALLBACK_URL: callbacks.url,
        GENERIC_CALLBACK_SECRET: CALLBACK_SECRET,
        POLICY_PENDING: 'hold',
      },
      workers: true,
    });
  });
  afterAll(async () => {
    await service?.close();
    await callbacks?.close();
  });

  const itemFor = (postId: string) =>
    waitFor(
      async () => {
        const res = await service.get('/v1/reviews?limit=200', MODERATOR_TOKEN);
        const body = (await res.json()) as ListBody;
        return body.items.find((item) => item.post.id === postId);
      },
      15_000,
      `review item for post ${postId}`,
    );

  it('POST /webhooks/generic with a phone number answers 202 and produces a masked open review item', async () => {
    const res = await service.postWebhook(genericPost('p-phone', `Call me on ${PHONE} after six.`));
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect(jobId).toBe('generic-p-phone-v1');

    const item = await itemFor('p-phone');
    expect(item.status).toBe('open');
    expect(item.findings).toHaveLength(1);
    expect(item.findings[0]!.type).toBe('phone');
    expect(item.findings[0]!.masked).not.toContain('7946');
    expect(item.excerpt).not.toContain('7946 0958');
    expect(item.excerpt).toContain(item.findings[0]!.masked);

    // notify + flag per POLICY_PHONE, signed with GENERIC_CALLBACK_SECRET.
    const got = await waitFor(() => {
      const mine = callbacks.delivered().filter((c) => c.body.post.id === 'p-phone');
      return mine.length >= 2 && mine;
    });
    expect(got.map((c) => c.body.decision).sort()).toEqual(['flag', 'notify']);
    expect(got.every((c) => c.signatureValid)).toBe(true);
    expect(got.every((c) => c.body.reviewId === item.id)).toBe(true);
    expect(JSON.stringify(got.map((c) => c.body.findings))).not.toContain('7946 0958');
  });

  it('a card is hidden; a moderator approve sends restore and is recorded in the audit trail', async () => {
    await service.postWebhook(genericPost('p-card', `card ${CARD} exp 12/30`));
    const item = await itemFor('p-card');
    await waitFor(() =>
      callbacks.delivered().some((c) => c.body.post.id === 'p-card' && c.body.decision === 'hide'),
    );

    const res = await service.decide(item.id, { decision: 'approve', note: 'test number' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      item: { status: string; audit: Array<{ by: string; action: string }> };
      queued: string[];
    };
    expect(body.item.status).toBe('approved');
    expect(body.queued).toEqual(['restore']);
    expect(body.item.audit.at(-1)).toMatchObject({ by: 'alice', action: 'decision:approve' });
    const restore = await waitFor(() =>
      callbacks
        .delivered()
        .find((c) => c.body.post.id === 'p-card' && c.body.decision === 'restore'),
    );
    expect(restore.signatureValid).toBe(true);
  });

  it('POST /v1/reviews/:id/decision without or with a wrong token answers 401 and changes nothing', async () => {
    await service.postWebhook(genericPost('p-auth', `mail me: jane.doe.leakwatch@gmail.com`));
    const item = await itemFor('p-auth');
    const none = await service.decide(item.id, { decision: 'dismiss' }, '');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrong = await service.decide(item.id, { decision: 'dismiss' }, 'not-a-real-token-000000');
    expect(wrong.status).toBe(401);
    const list = await service.get('/v1/reviews');
    expect(list.status).toBe(401);
    const after = (await (await service.get(`/v1/reviews/${item.id}`, MODERATOR_TOKEN)).json()) as {
      status: string;
    };
    expect(after.status).toBe('open');
    const bob = await service.decide(
      item.id,
      { decision: 'dismiss' },
      'bob-token-0123456789abcdef',
    );
    expect(bob.status).toBe(200);
    const decided = (await (
      await service.get(`/v1/reviews/${item.id}`, MODERATOR_TOKEN)
    ).json()) as {
      status: string;
      audit: Array<{ by: string }>;
    };
    expect(decided.status).toBe('dismissed');
    expect(decided.audit.at(-1)!.by).toBe('bob');
  });

  it('a held pending post is approved on the forum when a moderator approves it', async () => {
    await service.postWebhook(genericPost('p-pending', `ring ${PHONE}`, { event: 'post.pending' }));
    const item = await itemFor('p-pending');
    expect(callbacks.received.some((c) => c.body.post.id === 'p-pending')).toBe(false);
    const res = await service.decide(item.id, { decision: 'approve' });
    expect(((await res.json()) as { queued: string[] }).queued).toEqual(['approve']);
    const cb = await waitFor(() =>
      callbacks.delivered().find((c) => c.body.post.id === 'p-pending'),
    );
    expect(cb.body.decision).toBe('approve');
  });

  it('a clean pending post is approved automatically without a review item', async () => {
    await service.postWebhook(
      genericPost('p-clean', 'Meeting on 2024-05-01 at 10:30, room 12.', { event: 'post.pending' }),
    );
    const cb = await waitFor(() => callbacks.delivered().find((c) => c.body.post.id === 'p-clean'));
    expect(cb.body.decision).toBe('approve');
    expect(cb.body.findings).toEqual([]);
  });

  it('an edit that removes the card resolves the item and restores the post; a later edit does not warn twice', async () => {
    await service.postWebhook(genericPost('p-edit', `my card ${CARD}`));
    const item = await itemFor('p-edit');
    await waitFor(() =>
      callbacks
        .delivered()
        .some((c) => c.body.post.id === 'p-edit' && c.body.decision === 'notify'),
    );
    await service.postWebhook(
      genericPost('p-edit', 'my card (removed)', { event: 'post.edited', version: 2 }),
    );
    await waitFor(() =>
      callbacks
        .delivered()
        .find((c) => c.body.post.id === 'p-edit' && c.body.decision === 'restore'),
    );
    const resolved = (await (
      await service.get(`/v1/reviews/${item.id}`, MODERATOR_TOKEN)
    ).json()) as {
      status: string;
      post: { version: number };
    };
    expect(resolved.status).toBe('resolved');
    expect(resolved.post.version).toBe(2);

    // Version 3 brings the same card back: hidden again, but the author is not warned a second time.
    await service.postWebhook(
      genericPost('p-edit', `oops ${CARD}`, { event: 'post.edited', version: 3 }),
    );
    await waitFor(() => {
      const hides = callbacks
        .delivered()
        .filter((c) => c.body.post.id === 'p-edit' && c.body.decision === 'hide');
      return hides.length === 2;
    });
    const reopened = (await (
      await service.get(`/v1/reviews/${item.id}`, MODERATOR_TOKEN)
    ).json()) as { status: string };
    expect(reopened.status).toBe('open');
    const notifies = callbacks
      .delivered()
      .filter((c) => c.body.post.id === 'p-edit' && c.body.decision === 'notify');
    expect(notifies).toHaveLength(1);
  });

  it('GET /v1/reviews pages newest first with a cursor and filters by type', async () => {
    const first = (await (
      await service.get('/v1/reviews?limit=2', MODERATOR_TOKEN)
    ).json()) as ListBody;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (
      await service.get(`/v1/reviews?limit=2&cursor=${first.nextCursor}`, MODERATOR_TOKEN)
    ).json()) as ListBody;
    const ids = new Set([...first.items, ...second.items].map((i) => i.id));
    expect(ids.size).toBe(first.items.length + second.items.length);
    const cards = (await (
      await service.get('/v1/reviews?type=card', MODERATOR_TOKEN)
    ).json()) as ListBody;
    expect(cards.items.length).toBeGreaterThan(0);
    expect(cards.items.every((i) => i.findings.some((f) => f.type === 'card'))).toBe(true);
    expect(first.counts.status.open).toBeGreaterThan(0);
    const bad = await service.get('/v1/reviews?status=nope', MODERATOR_TOKEN);
    expect(bad.status).toBe(422);
  });
});

describe('public test card numbers', () => {
  let service: TestService;
  let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
  beforeAll(async () => {
    callbacks = await startCallbackServer(CALLBACK_SECRET);
    service = await startTestService({
      prefix: randomPrefix('testcard'),
      env: { GENERIC_CALLBACK_URL: callbacks.url, GENERIC_CALLBACK_SECRET: CALLBACK_SECRET },
      workers: true,
    });
  });
  afterAll(async () => {
    await service?.close();
    await callbacks?.close();
  });

  it('a pending post quoting the Visa test number 4111 1111 1111 1111 is approved, not rejected', async () => {
    await service.postWebhook(
      genericPost('tc-1', 'Stripe docs say use 4111 1111 1111 1111 in test mode', {
        event: 'post.pending',
      }),
    );
    const cb = await waitFor(() => callbacks.delivered().find((c) => c.body.post.id === 'tc-1'));
    expect(cb.body.decision).toBe('approve');
    const list = (await (await service.get('/v1/reviews', MODERATOR_TOKEN)).json()) as ListBody;
    expect(list.items).toEqual([]);
  });
});
