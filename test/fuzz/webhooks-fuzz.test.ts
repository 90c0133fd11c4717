/**
 * fast-check fuzzing of POST /webhooks/discourse and POST /webhooks/generic on the real app (real
 * Redis, real HTTP on a random port): random bodies, headers, content types and encodings. Never a
 * crash, never a 5xx for bad input, always one of the documented statuses with a JSON error body.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  randomPrefix,
  startTestService,
  WEBHOOK_SECRET,
  type TestService,
} from '../integration/support/service.js';

const DISCOURSE_SECRET = 'fuzz-discourse-secret-0123456789';
const INSTANCE = 'http://forum.fuzz.test';
const MAX_BODY = 8192;

const sign = (secret: string, body: Uint8Array) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/vnd.discourse+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'json',
  '',
);
const contentEncoding = fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity', 'x-bogus');
/** Header values fetch accepts: visible ASCII and spaces. */
const headerText = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);

/** JSON that looks like what the endpoints expect, with any part broken or missing. */
const postLike = fc.record(
  {
    id: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.string(), fc.constant(null), fc.double()),
    raw: fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null)),
    cooked: fc.string(),
    version: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string()),
    user_id: fc.oneof(fc.integer(), fc.string()),
    username: fc.oneof(fc.string(), fc.constant('system')),
    topic_archetype: fc.constantFrom('regular', 'private_message', 42),
    text: fc.string({ unit: 'binary' }),
    author: fc.oneof(fc.record({ id: fc.integer(), username: fc.string() }), fc.string()),
    format: fc.constantFrom('text', 'markdown', 'html', 'docx'),
    region: fc.constantFrom('GB', 'gb', 'GBR', '', 7),
  },
  { requiredKeys: [] },
);
const jsonBody = fc.oneof(
  fc.jsonValue(),
  fc.record({ post: postLike }, { requiredKeys: [] }),
  fc.record({
    reviewable: fc.record(
      {
        id: fc.integer(),
        type: fc.constantFrom('ReviewableQueuedPost', 'ReviewableFlaggedPost', 5),
        status: fc.integer({ min: -1, max: 5 }),
        version: fc.integer({ min: -1, max: 3 }),
        payload: fc.oneof(fc.record({ raw: fc.string() }, { requiredKeys: [] }), fc.string()),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    event: fc.constantFrom('post.created', 'post.edited', 'post.pending', 'post.deleted', 'x'),
    post: postLike,
  }),
  fc.constant({ ping: 'OK' }),
);
const encode = (value: unknown, how: string): Uint8Array => {
  const text = JSON.stringify(value) ?? 'null';
  if (how === 'utf16') return new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));
  if (how === 'bom') return new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf8'));
  if (how === 'truncated') return new Uint8Array(Buffer.from(text.slice(0, -1), 'utf8'));
  if (how === 'padded') return new Uint8Array(Buffer.from(`  ${text}\n\n`, 'utf8'));
  return new Uint8Array(Buffer.from(text, 'utf8'));
};
const body = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(jsonBody, fc.constantFrom('utf8', 'utf8', 'utf16', 'bom', 'truncated', 'padded'))
      .map(([v, how]) => encode(v, how)),
  },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 600 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: MAX_BODY - 10, max: MAX_BODY * 3 })
      .map((n) => new Uint8Array(n).fill(0x20)),
  },
);
const signature = fc.constantFrom(
  'valid',
  'valid',
  'other-secret',
  'garbage',
  'uppercase',
  'missing',
  'no-prefix',
);

function signatureFor(kind: string, secret: string, bytes: Uint8Array, garbage: string) {
  const valid = sign(secret, bytes);
  switch (kind) {
    case 'valid':
      return valid;
    case 'other-secret':
      return sign('not-the-secret-000000', bytes);
    case 'uppercase':
      return `sha256=${valid.slice(7).toUpperCase()}`;
    case 'no-prefix':
      return valid.slice(7);
    case 'missing':
      return undefined;
    default:
      return garbage;
  }
}

interface Outcome {
  status: number;
  json: unknown;
}

async function send(
  url: string,
  headers: Record<string, string>,
  bytes: Uint8Array,
): Promise<Outcome> {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: new Uint8Array(bytes),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

const utf8 = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));
const HEADERS = { instance: INSTANCE, eventId: '1', type: 'post', event: 'post_created' };

const seen: Record<string, Set<number>> = { discourse: new Set(), generic: new Set() };

function expectDocumented(outcome: Outcome, allowed: number[], label: string): void {
  seen[label]!.add(outcome.status);
  expect(allowed, `${label}: status ${outcome.status} ${JSON.stringify(outcome.json)}`).toContain(
    outcome.status,
  );
  if (outcome.status >= 400) {
    const error = (outcome.json as { error?: { code?: unknown; message?: unknown } } | undefined)
      ?.error;
    expect(typeof error?.code, label).toBe('string');
    expect(typeof error?.message, label).toBe('string');
  }
}

describe('webhook endpoints under fuzzing (real app, real Redis)', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({
      prefix: randomPrefix('fuzz'),
      env: {
        LOG_LEVEL: 'warn',
        MAX_BODY_BYTES: String(MAX_BODY),
        DISCOURSE_URL: INSTANCE,
        DISCOURSE_API_KEY: 'fuzz-api-key-0123456789',
        DISCOURSE_WEBHOOK_SECRET: DISCOURSE_SECRET,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
  });

  it('POST /webhooks/discourse: 400/401/403/413/415/422, or 200/202 only when validly signed', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        contentEncoding,
        signature,
        headerText,
        // Each header is there most of the time, so deep checks (403, 422, 202) are reached too.
        fc.record({
          instance: fc.option(
            fc.constantFrom(INSTANCE, INSTANCE, `${INSTANCE}/`, 'https://other.test', 'not a url'),
            { freq: 8 },
          ),
          eventId: fc.option(fc.oneof(headerText, fc.nat().map(String)), { freq: 8 }),
          type: fc.option(
            fc.constantFrom('post', 'post', 'reviewable', 'ping', 'topic', 'POST', ''),
            {
              freq: 8,
            },
          ),
          event: fc.option(
            fc.constantFrom(
              'post_created',
              'post_edited',
              'post_destroyed',
              'reviewable_created',
              'nope',
            ),
            { freq: 8 },
          ),
        }),
        async (bytes, type, encoding, sigKind, garbage, discourse) => {
          const headers: Record<string, string> = {};
          if (type !== undefined) headers['content-type'] = type;
          if (encoding !== undefined) headers['content-encoding'] = encoding;
          const sig = signatureFor(sigKind, DISCOURSE_SECRET, bytes, garbage);
          if (sig !== undefined) headers['x-discourse-event-signature'] = sig;
          if (discourse.instance !== null) headers['x-discourse-instance'] = discourse.instance;
          if (discourse.eventId !== null) headers['x-discourse-event-id'] = discourse.eventId;
          if (discourse.type) headers['x-discourse-event-type'] = discourse.type;
          if (discourse.event !== null) headers['x-discourse-event'] = discourse.event;
          const outcome = await send(`${service.baseUrl}/webhooks/discourse`, headers, bytes);
          const validlySigned =
            sigKind === 'valid' || sigKind === 'uppercase' || sigKind === 'no-prefix';
          const allowed = [400, 401, 403, 413, 415, 422, ...(validlySigned ? [200, 202] : [])];
          expectDocumented(outcome, allowed, 'discourse');
        },
      ),
      {
        numRuns: 250,
        // Known-good and known-bad deliveries run every time, besides the random ones.
        examples: [
          [
            utf8({ post: { id: 7, raw: 'hello', version: 1, username: 'x' } }),
            'application/json',
            undefined,
            'valid',
            'x',
            HEADERS,
          ],
          [utf8({ post: { raw: 'no id' } }), 'application/json', undefined, 'valid', 'x', HEADERS],
          [
            utf8({ ping: 'OK' }),
            'application/json',
            undefined,
            'valid',
            'x',
            { ...HEADERS, type: 'ping', event: 'ping' },
          ],
        ] as never,
      },
    );
  }, 120_000);

  it('POST /webhooks/generic: 400/401/413/415/422, or 202 only when validly signed', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        contentEncoding,
        signature,
        headerText,
        async (bytes, type, encoding, sigKind, garbage) => {
          const headers: Record<string, string> = {};
          if (type !== undefined) headers['content-type'] = type;
          if (encoding !== undefined) headers['content-encoding'] = encoding;
          const sig = signatureFor(sigKind, WEBHOOK_SECRET, bytes, garbage);
          if (sig !== undefined) headers['x-leakwatch-signature'] = sig;
          const outcome = await send(`${service.baseUrl}/webhooks/generic`, headers, bytes);
          const validlySigned =
            sigKind === 'valid' || sigKind === 'uppercase' || sigKind === 'no-prefix';
          expectDocumented(
            outcome,
            [400, 401, 413, 415, 422, ...(validlySigned ? [202] : [])],
            'generic',
          );
        },
      ),
      {
        numRuns: 250,
        examples: [
          [
            utf8({
              event: 'post.created',
              post: { id: 1, text: 'hi', author: { id: 1, username: 'a' } },
            }),
            'application/json',
            undefined,
            'valid',
            'x',
          ],
          [
            utf8({ event: 'post.created', post: { id: 1 } }),
            'application/json',
            undefined,
            'valid',
            'x',
          ],
        ] as never,
      },
    );
  }, 120_000);

  it('the fuzzing reached every outcome, accepted ones included', () => {
    expect([...seen.discourse!].sort()).toEqual(
      expect.arrayContaining([202, 400, 401, 413, 415, 422]),
    );
    expect([...seen.generic!].sort()).toEqual(
      expect.arrayContaining([202, 400, 401, 413, 415, 422]),
    );
  });

  it('the service is still up and ready afterwards', async () => {
    expect((await service.get('/healthz')).status).toBe(200);
    expect((await service.get('/readyz')).status).toBe(200);
  });
});
