import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallbackServer } from './support/callback-server.js';
import {
  CALLBACK_SECRET,
  MODERATOR_TOKEN,
  genericPost,
  randomPrefix,
  scanKeys,
  startTestService,
  waitFor,
  type TestService,
} from './support/service.js';

// Planted values (fiction: Ofcom drama number range, a Luhn-valid Visa that is no public test card).
const EMAIL = 'zelda.quokka.planted@gmail.com';
const PHONE = '+44 20 7946 0321';
const CARD = '4539 1488 0343 6467';
const needles = [
  EMAIL,
  EMAIL.split('@')[0]!,
  PHONE,
  '2079460321',
  '02079460321',
  '+442079460321',
  CARD,
  '4539148803436467',
];
const digitNeedles = ['2079460321', '4539148803436467', '453914880343'];

/** Every key under the prefix with every value, whatever the type. */
async function dumpPrefix(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const key of await scanKeys(redis, prefix)) {
    out.push(key);
    const type = await redis.type(key);
    if (type === 'string') out.push((await redis.get(key)) ?? '');
    else if (type === 'hash') out.push(...Object.entries(await redis.hgetall(key)).flat());
    else if (type === 'list') out.push(...(await redis.lrange(key, 0, -1)));
    else if (type === 'set') out.push(...(await redis.smembers(key)));
    else if (type === 'zset')
      out.push(...(await redis.zrangebyscore(key, '-inf', '+inf', 'WITHSCORES')));
    else if (type === 'stream') {
      const entries = (await redis.xrange(key, '-', '+')) as Array<[string, string[]]>;
      for (const [id, fields] of entries) out.push(id, ...fields);
    } else out.push(`unknown type ${type}`);
  }
  return out;
}

function leaks(values: string[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    const lower = value.toLowerCase();
    for (const needle of needles)
      if (lower.includes(needle.toLowerCase())) found.push(`${needle} in ${value.slice(0, 200)}`);
    const digits = value.replace(/\D/g, '');
    for (const needle of digitNeedles)
      if (digits.includes(needle)) found.push(`${needle} (digits) in ${value.slice(0, 200)}`);
  }
  return found;
}

describe('no planted personal data at rest or in logs', () => {
  const prefix = randomPrefix('privacy');
  let service: TestService;
  let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;

  beforeAll(async () => {
    callbacks = await startCallbackServer(CALLBACK_SECRET, { failFirst: 2 });
    service = await startTestService({
      prefix,
      env: {
        GENERIC_CALLBACK_URL: callbacks.url,
        GENERIC_CALLBACK_SECRET: CALLBACK_SECRET,
        PUBLIC_URL: 'https://leakwatch.example.org',
      },
      workers: { actionBackoffMs: 50 },
    });
  });
  afterAll(async () => {
    await service?.close();
    await callbacks?.close();
  });

  it('after webhooks, edits, a pending post, decisions and an author answer, no key, value or log line holds them', async () => {
    const text = `Reach me at [mail](mailto:${EMAIL}) or ${PHONE}; card ${CARD} exp 10/29`;
    await service.postWebhook(genericPost('pv-1', text, { format: 'markdown' }));
    await service.postWebhook(
      genericPost('pv-1', `${text} (edited)`, {
        event: 'post.edited',
        version: 2,
        format: 'markdown',
      }),
    );
    await service.postWebhook(genericPost('pv-2', `new here, ${EMAIL}`, { event: 'post.pending' }));
    await service.postWebhook(genericPost('pv-3', `DM ${PHONE}`, { isPrivate: true }));
    // A redelivery and a bad signature are logged too.
    await service.postWebhook(genericPost('pv-3', `DM ${PHONE}`, { isPrivate: true }));
    await service.post('/webhooks/generic', JSON.stringify(genericPost('pv-4', text)), {
      'x-leakwatch-signature': 'sha256=' + '1'.repeat(64),
    });
    await service.post('/v1/check', { text });

    const items = await waitFor(
      async () => {
        const body = (await (await service.get('/v1/reviews', MODERATOR_TOKEN)).json()) as {
          items: Array<{ id: string; post: { id: string; version: number } }>;
        };
        const done =
          body.items.length === 3 &&
          body.items.find((i) => i.post.id === 'pv-1')?.post.version === 2;
        return done && body.items;
      },
      20_000,
      'three review items',
    );
    const first = items.find((i) => i.post.id === 'pv-1')!;
    expect((await service.decide(first.id, { decision: 'redact', note: 'redacting' })).status).toBe(
      200,
    );
    const third = items.find((i) => i.post.id === 'pv-3')!;
    await service.workers!.reviews.recordAuthorResponse(third.id, { answer: 'not_personal' });
    expect(
      (await service.decide(third.id, { decision: 'approve', allowFingerprint: true })).status,
    ).toBe(200);

    // Every action delivered (two failed first and were retried).
    await waitFor(
      async () => {
        const counts = await service.workers!.queues.actions.getJobCounts(
          'waiting',
          'active',
          'delayed',
        );
        const scans = await service.workers!.queues.scan.getJobCounts(
          'waiting',
          'active',
          'delayed',
        );
        const pending = [counts, scans].flatMap((c) => [c.waiting, c.active, c.delayed]);
        return pending.every((n) => !n);
      },
      20_000,
      'queues to drain',
    );
    expect(callbacks.delivered().some((c) => c.body.decision === 'redact')).toBe(true);
    // The forum does get the redacted text, and it has no planted value either.
    expect(leaks(callbacks.received.map((c) => c.raw))).toEqual([]);

    const stored = await dumpPrefix(service.redis, prefix);
    expect(stored.length).toBeGreaterThan(20);
    expect(stored.some((v) => v.includes(':rv:item:'))).toBe(true);
    // The dump really reads values: ids and masked forms are there, the planted values are not.
    expect(stored.join('\n')).toContain('"id":"pv-1"');
    expect(stored.join('\n')).toContain('@gmail.com');
    expect(leaks(stored)).toEqual([]);

    expect(service.logs.lines.length).toBeGreaterThan(10);
    expect(service.logs.lines.some((l) => l.includes('post scanned'))).toBe(true);
    expect(service.logs.lines.join('\n')).toContain('pv-1');
    expect(leaks(service.logs.lines)).toEqual([]);
  });
});
