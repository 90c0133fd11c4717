import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/crypto.js';
import { toKey } from '../../src/queue/names.js';
import { startCallbackServer } from './support/callback-server.js';
import {
  CALLBACK_SECRET,
  WEBHOOK_SECRET,
  genericPost,
  randomPrefix,
  startTestService,
  waitFor,
  type TestService,
} from './support/service.js';

describe('POST /webhooks/generic checks', () => {
  let service: TestService;
  let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
  const prefix = randomPrefix('validate');

  beforeAll(async () => {
    callbacks = await startCallbackServer(CALLBACK_SECRET);
    service = await startTestService({
      prefix,
      env: {
        MAX_BODY_BYTES: '2048',
        GENERIC_CALLBACK_URL: callbacks.url,
        GENERIC_CALLBACK_SECRET: CALLBACK_SECRET,
      },
    });
  });
  afterAll(async () => {
    await service?.close();
    await callbacks?.close();
  });

  const send = (body: string, headers: Record<string, string>) =>
    fetch(`${service.baseUrl}/webhooks/generic`, { method: 'POST', headers, body });
  const signed = (body: string, secret = WEBHOOK_SECRET) => signBody(secret, body);
  const good = JSON.stringify(genericPost('v-1', 'hello'));

  it.each([
    [
      'text/plain content type',
      good,
      { 'content-type': 'text/plain', 'x-leakwatch-signature': signed(good) },
      415,
      'unsupported_media_type',
    ],
    [
      'a body over MAX_BODY_BYTES',
      JSON.stringify(genericPost('v-2', 'x'.repeat(3000))),
      { 'content-type': 'application/json' },
      413,
      'payload_too_large',
    ],
    ['no signature header', good, { 'content-type': 'application/json' }, 400, 'missing_header'],
    [
      'a signature made with another secret',
      good,
      { 'content-type': 'application/json', 'x-leakwatch-signature': signed(good, 'wrong-secret') },
      401,
      'bad_signature',
    ],
    [
      'a malformed signature',
      good,
      { 'content-type': 'application/json', 'x-leakwatch-signature': 'sha256=xyz' },
      401,
      'bad_signature',
    ],
    [
      'a body that is not JSON',
      '{"event":',
      { 'content-type': 'application/json', 'x-leakwatch-signature': signed('{"event":') },
      400,
      'invalid_json',
    ],
  ])('rejects %s', async (_name, body, headers, status, code) => {
    const res = await send(body, headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('a chunked body (no Content-Length) over MAX_BODY_BYTES is answered 413 while reading', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1000));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${service.baseUrl}/webhooks/generic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-leakwatch-signature': signed('x') },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('a body that fails the schema is answered 422 naming the bad fields', async () => {
    const body = JSON.stringify({
      event: 'post.exploded',
      post: { id: 1, version: 0, author: { id: 1 } },
    });
    const res = await send(body, {
      'content-type': 'application/json',
      'x-leakwatch-signature': signed(body),
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toContain('event');
    expect(error.message).toContain('post.version');
    expect(error.message).toContain('post.author.username');
  });

  it('the signature is checked against the raw bytes, not a re-serialisation', async () => {
    const body = `{ "event": "post.created",   "post": {"id": "v-raw", "text": "hi", "author": {"id": 1, "username": "u"}} }`;
    const ok = await send(body, {
      'content-type': 'application/json',
      'x-leakwatch-signature': signed(body),
    });
    expect(ok.status).toBe(202);
    const tampered = body.replace('"hi"', '"hi!"');
    const bad = await send(tampered, {
      'content-type': 'application/json',
      'x-leakwatch-signature': signed(body),
    });
    expect(bad.status).toBe(401);
  });

  it('the older of two rotated secrets is accepted too', async () => {
    const body = JSON.stringify(genericPost('v-rot', 'hello'));
    const res = await send(body, {
      'content-type': 'application/json',
      'x-leakwatch-signature': signed(body, 'old-secret-0000000000'),
    });
    expect(res.status).toBe(202);
  });

  it('a numeric post id is kept as a string and the job id is never all digits', async () => {
    const res = await service.postWebhook(genericPost(12345, 'plain'));
    expect(res.status).toBe(202);
    expect(((await res.json()) as { jobId: string }).jobId).toBe('generic-12345-v1');
  });

  it('redeliveries of the same post version are answered 202 without a second job, also after completion', async () => {
    const body = genericPost('v-dup', 'call 020 7946 0958 please');
    const scanQueue = new Queue('scan', { connection: service.redis, prefix });
    const before = await scanQueue.getWaitingCount();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await service.postWebhook(body));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    const ids = await Promise.all(
      answers.map(async (r) => ((await r.json()) as { jobId: string }).jobId),
    );
    expect(new Set(ids).size).toBe(1);
    expect((await scanQueue.getWaitingCount()) - before).toBe(1);
    expect(await scanQueue.getJob('generic-v-dup-v1')).toBeDefined();
    await scanQueue.close();

    const workers = service.startWorkers();
    await waitFor(
      async () =>
        (await workers.queues.scan.getJobCounts('completed', 'waiting', 'active')).waiting === 0 &&
        (await workers.queues.scan.getJobCounts('active')).active === 0,
    );
    await waitFor(
      () => callbacks.delivered().filter((c) => c.body.post.id === 'v-dup').length >= 2,
    );
    const delivered = callbacks.delivered().filter((c) => c.body.post.id === 'v-dup').length;

    const again = await service.postWebhook(body);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ jobId: ids[0], duplicate: true });
    const counts = await workers.queues.scan.getJobCounts('waiting', 'active', 'delayed');
    expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0 });
    // A new version is a new job.
    const edited = await service.postWebhook({
      ...body,
      event: 'post.edited',
      post: { ...body.post, version: 2 },
    });
    expect(((await edited.json()) as { jobId: string }).jobId).toBe('generic-v-dup-v2');
    await waitFor(
      async () =>
        (await service.redis.get(toKey(prefix, 'scan', 'de', 'generic-v-dup-v2'))) ===
        'generic-v-dup-v2',
    );
    expect(
      callbacks.delivered().filter((c) => c.body.post.id === 'v-dup' && c.body.post.version === 1),
    ).toHaveLength(delivered);
  });

  it('GET /healthz, /readyz and /metrics answer', async () => {
    expect((await service.get('/healthz')).status).toBe(200);
    expect((await service.get('/readyz')).status).toBe(200);
    const metrics = await (await service.get('/metrics')).text();
    expect(metrics).toContain('leakwatch_webhooks_total{source="generic",outcome="accepted"}');
    expect(metrics).toContain('leakwatch_webhooks_total{source="generic",outcome="unauthorized"}');
    expect(metrics).toContain('leakwatch_queue_jobs');
  });

  it('X-Request-Id is echoed only when it looks like an id (it is logged)', async () => {
    const get = (id: string) =>
      fetch(`${service.baseUrl}/healthz`, { headers: { 'X-Request-Id': id } });
    expect((await get('req-42.a_b')).headers.get('x-request-id')).toBe('req-42.a_b');
    const replaced = (await get('jane.doe@gmail.com')).headers.get('x-request-id');
    expect(replaced).not.toContain('jane');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('unknown routes answer 404 in the error shape', async () => {
    const res = await service.get('/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
