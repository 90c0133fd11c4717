import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, startTestService, type TestService } from './support/service.js';

describe('POST /v1/check', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({
      prefix: randomPrefix('check'),
      env: { ALLOWED_ORIGINS: 'https://forum.example.org', CHECK_RATE_LIMIT: '5' },
    });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('POST /v1/check finds a phone and an email and answers masked findings plus redacted text', async () => {
    const text = 'Call +44 20 7946 0958 or mail jane.doe.check@gmail.com';
    const res = await service.post('/v1/check', { text });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      findings: Array<{ type: string; start: number; end: number; masked: string }>;
      redacted: string;
    };
    expect(body.findings.map((f) => f.type).sort()).toEqual(['email', 'phone']);
    expect(JSON.stringify(body.findings)).not.toContain('jane.doe.check');
    expect(body.redacted).not.toContain('7946 0958');
    expect(body.redacted).not.toContain('jane.doe.check@gmail.com');
    expect(text.slice(body.findings[0]!.start, body.findings[0]!.end)).toMatch(/7946|gmail/);
  });

  it('a preflight from an allowed origin gets CORS headers; another origin gets none', async () => {
    const ok = await fetch(`${service.baseUrl}/v1/check`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://forum.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://forum.example.org');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const other = await fetch(`${service.baseUrl}/v1/check`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('POST /v1/check with a bad body is 415 or 422', async () => {
    expect(
      (
        await service.post('/v1/check', 'text=hi', {
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(415);
    expect((await service.post('/v1/check', { text: 5 })).status).toBe(422);
  });

  it('past CHECK_RATE_LIMIT requests a minute the client gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await service.post('/v1/check', { text: 'hello' })).status);
    expect(statuses).toContain(429);
    const limited = await service.post('/v1/check', { text: 'hello' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
