import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { rateLimit } from '../../src/http/middleware/rate-limit.js';
import { toActionJobId, toScanJobId, toTextDigest } from '../../src/queue/job-id.js';
import { toExcerpt } from '../../src/reviews/to-excerpt.js';
import type { Finding } from '../../src/scanner/types.js';
import { createShutdown } from '../../src/shutdown.js';

const f = (start: number, end: number, masked: string): Finding => ({
  type: 'phone',
  start,
  end,
  masked,
  fingerprint: 'x',
  severity: 'high',
  confidence: 1,
  reasons: [],
});

describe('toScanJobId', () => {
  it.each([
    ['generic', '123', 1, 'generic-123-v1'],
    ['discourse', 'a:b/c', 2, 'discourse-a_b_c-v2'],
  ])('toScanJobId(%s, %s, %i) is %s', (forum, id, version, expected) => {
    expect(toScanJobId(forum, id, version)).toBe(expected);
  });
  it('toScanJobId never gives a colon or an all-digit id and rejects bad input with TypeError', () => {
    expect(toScanJobId('generic', '9:9', 1, true)).toBe('generic-9_9-v1-deleted');
    expect(toActionJobId('generic-1-v1', 'notify', 'd:3')).toBe('generic-1-v1-notify-d_3');
    expect(() => toScanJobId('123', '1', 1)).toThrow(TypeError);
    expect(() => toScanJobId('generic', '1', 0)).toThrow(TypeError);
  });
});

describe('toExcerpt', () => {
  it('toExcerpt masks every finding in the window', () => {
    const text = 'call 020 7946 0958 or 07700 900123 now';
    expect(toExcerpt(text, [f(5, 18, '•••• 958'), f(22, 34, '•••• 123')])).toBe(
      'call •••• 958 or •••• 123 now',
    );
  });
  it('toExcerpt widens the window rather than cut a finding in half', () => {
    const text = `${'a'.repeat(300)} 020 7946 0958 ${'b'.repeat(100)} 07700900123${'c'.repeat(300)}`;
    const first = text.indexOf('020');
    const second = text.indexOf('07700');
    const excerpt = toExcerpt(text, [f(first, first + 13, 'M1'), f(second, second + 11, 'M2')]);
    expect(excerpt).toContain('M1');
    expect(excerpt).not.toMatch(/\d{3}/);
  });
});

describe('rateLimit', () => {
  it('rateLimit({limit: 2}) lets two requests through per window and answers the third 429', () => {
    let now = 0;
    const limiter = rateLimit({
      limit: 2,
      windowMs: 1000,
      now: () => now,
      keyOf: (req) => String(req.ip),
    });
    const call = (ip: string) => {
      let error: unknown = 'none';
      const res = { set: () => res } as never;
      limiter({ ip } as Request, res, (err?: unknown) => (error = err));
      return (error as { status?: number } | undefined)?.status ?? 'ok';
    };
    expect([call('a'), call('a'), call('a'), call('b')]).toEqual(['ok', 'ok', 429, 'ok']);
    now = 2500;
    expect(call('a')).toBe('ok');
  });
});

describe('createShutdown', () => {
  it('createShutdown runs every step once even when one fails, and twice is harmless', async () => {
    const ran: string[] = [];
    const shutdown = createShutdown([
      { name: 'a', run: () => void ran.push('a') },
      { name: 'b', run: () => Promise.reject(new Error('boom')) },
      { name: 'c', run: async () => void ran.push('c') },
    ]);
    await Promise.all([shutdown(), shutdown()]);
    await shutdown();
    expect(ran).toEqual(['a', 'c']);
  });
});

describe('toTextDigest', () => {
  it('toTextDigest is stable per key and text, differs otherwise, and is not the text', () => {
    const key = Buffer.alloc(32, 3);
    const a = toTextDigest(key, 'mail me at jane@example.org');
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(toTextDigest(key, 'mail me at jane@example.org')).toBe(a);
    expect(toTextDigest(key, 'mail me at jane@example.com')).not.toBe(a);
    expect(toTextDigest(Buffer.alloc(32, 4), 'mail me at jane@example.org')).not.toBe(a);
    expect(toScanJobId('discourse', '5', 2, false, a)).toBe(`discourse-5-v2-t${a}`);
  });
});
