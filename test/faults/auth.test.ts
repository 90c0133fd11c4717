/**
 * Every review and moderation route refuses a missing, wrong or expired credential; webhook
 * signatures and tokens are compared in constant time; /v1/check's rate limit holds under a burst.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseToken } from '../../src/keys.js';
import {
  MODERATOR_TOKEN,
  randomPrefix,
  startTestService,
  type TestService,
} from '../integration/support/service.js';
import { ROOT } from './support/processes.js';

const RATE_LIMIT = 20;

const MODERATOR_ROUTES: { method: string; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/v1/reviews' },
  { method: 'GET', path: '/v1/reviews?status=open' },
  { method: 'GET', path: '/v1/reviews/some-item' },
  { method: 'POST', path: '/v1/reviews/some-item/decision', body: { decision: 'approve' } },
];

const WRONG: [string, Record<string, string>][] = [
  ['missing', {}],
  ['empty bearer', { authorization: 'Bearer ' }],
  ['wrong token, same length', { authorization: `Bearer ${'x'.repeat(MODERATOR_TOKEN.length)}` }],
  ['wrong token, shorter', { authorization: 'Bearer alice' }],
  ['right token plus a suffix', { authorization: `Bearer ${MODERATOR_TOKEN}x` }],
  ['right token, truncated', { authorization: `Bearer ${MODERATOR_TOKEN.slice(0, -1)}` }],
  [
    'basic scheme',
    { authorization: `Basic ${Buffer.from(`alice:${MODERATOR_TOKEN}`).toString('base64')}` },
  ],
  ['token without scheme', { authorization: MODERATOR_TOKEN }],
  ['token in a query-like header', { 'x-moderator-token': MODERATOR_TOKEN }],
];

describe('authentication', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({
      prefix: randomPrefix('auth'),
      env: { CHECK_RATE_LIMIT: String(RATE_LIMIT), LOG_LEVEL: 'warn' },
    });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
  });

  async function call(route: (typeof MODERATOR_ROUTES)[number], headers: Record<string, string>) {
    const res = await fetch(service.baseUrl + route.path, {
      method: route.method,
      headers: { ...headers, ...(route.body ? { 'content-type': 'application/json' } : {}) },
      body: route.body ? JSON.stringify(route.body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  }

  for (const route of MODERATOR_ROUTES) {
    it(`${route.method} ${route.path} refuses every wrong credential with 401`, async () => {
      for (const [label, headers] of WRONG) {
        const { status, body } = await call(route, headers);
        expect({ label, status, code: body.error?.code }).toEqual({
          label,
          status: 401,
          code: 'unauthorized',
        });
      }
      // …and lets the right one through (to a 200, or a 404/422 about the item itself).
      const ok = await call(route, { authorization: `Bearer ${MODERATOR_TOKEN}` });
      expect([200, 404]).toContain(ok.status);
    });
  }

  it('author response links: tampered → 401, expired → 410, valid → past auth', async () => {
    const links = service.keys.links;
    const valid = createResponseToken(links, 'no-such-item', Date.now() + 3_600_000);
    const expired = createResponseToken(links, 'no-such-item', Date.now() - 1000);
    const otherKey = createResponseToken(
      new Uint8Array(32).fill(7),
      'no-such-item',
      Date.now() + 3_600_000,
    );
    const tampered = valid.slice(0, -2) + (valid.endsWith('A') ? 'BB' : 'AA');
    const cases: [string, string, number, string | undefined][] = [
      ['expired', expired, 410, 'expired_token'],
      ['signed with another key', otherKey, 401, 'invalid_token'],
      ['tampered', tampered, 401, 'invalid_token'],
      ['garbage', 'not-a-token', 401, 'invalid_token'],
      ['valid (item gone)', valid, 404, 'not_found'],
    ];
    for (const [label, token, status, code] of cases) {
      const get = await fetch(`${service.baseUrl}/v1/respond/${encodeURIComponent(token)}`);
      const post = await fetch(`${service.baseUrl}/v1/respond/${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answer: 'not_personal' }),
      });
      for (const res of [get, post]) {
        const body = (await res.json()) as { error?: { code: string } };
        expect({ label, status: res.status, code: body.error?.code }).toEqual({
          label,
          status,
          code,
        });
      }
    }
  });

  it('webhook signatures, moderator tokens and link tokens are compared with timingSafeEqual', () => {
    for (const file of [
      'src/crypto.ts',
      'src/forums/discourse/verify-signature.ts',
      'src/http/middleware/moderator-auth.ts',
      'src/keys.ts',
    ]) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source, file).toMatch(/timingSafeEqual\(/);
      // No early-exit string comparison of a secret next to it.
      expect(source, file).not.toMatch(
        /(signature|token|digest|expected)\s*===\s*(given|signature|token|header)/i,
      );
    }
  });

  it(`POST /v1/check holds its limit (${RATE_LIMIT}/min) under a burst of 3× that`, async () => {
    const burst = await Promise.all(
      Array.from({ length: RATE_LIMIT * 3 }, () =>
        service.post('/v1/check', { text: 'nothing here', region: 'GB' }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    const ok = statuses.filter((s) => s === 200).length;
    const limited = burst.filter((r) => r.status === 429);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThanOrEqual(RATE_LIMIT);
    expect(limited.length).toBeGreaterThanOrEqual(RATE_LIMIT * 2);
    for (const res of limited) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Still limited right after the burst.
    expect((await service.post('/v1/check', { text: 'again' })).status).toBe(429);
  });
});
