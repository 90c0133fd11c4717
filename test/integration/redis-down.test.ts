import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/crypto.js';
import {
  genericPost,
  randomPrefix,
  startTestService,
  WEBHOOK_SECRET,
  type TestService,
} from './support/service.js';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 1;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Redis unreachable', () => {
  let service: TestService;

  beforeAll(async () => {
    const port = await closedPort();
    service = await startTestService({
      prefix: randomPrefix('down'),
      env: { REDIS_URL: `redis://127.0.0.1:${port}` },
    });
  });
  afterAll(async () => {
    await service?.close().catch(() => undefined);
  });

  it('POST /webhooks/generic answers 503 with Retry-After, quickly rather than hanging', async () => {
    const body = JSON.stringify(genericPost('d-1', 'call 020 7946 0958'));
    const res = await fetch(`${service.baseUrl}/webhooks/generic`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-leakwatch-signature': signBody(WEBHOOK_SECRET, body),
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable');
  });

  it('a bad signature is still 401 (checked before Redis is needed)', async () => {
    const res = await service.post('/webhooks/generic', JSON.stringify(genericPost('d-2', 'x')), {
      'x-leakwatch-signature': 'sha256=' + '0'.repeat(64),
    });
    expect(res.status).toBe(401);
  });

  it('GET /readyz answers 503 and /healthz 200', async () => {
    expect((await service.get('/readyz')).status).toBe(503);
    expect((await service.get('/healthz')).status).toBe(200);
  });

  it('POST /v1/check works without Redis', async () => {
    const res = await service.post('/v1/check', {
      text: 'mail jane.doe.leakwatch@gmail.com',
      region: 'GB',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { findings: Array<{ type: string }>; redacted: string };
    expect(body.findings.map((f) => f.type)).toEqual(['email']);
    expect(body.redacted).not.toContain('jane.doe.leakwatch@gmail.com');
  });

  it('the review API answers 503 rather than 500', async () => {
    const res = await service.get('/v1/reviews', 'alice-token-0123456789abcdef');
    expect(res.status).toBe(503);
  });
});
