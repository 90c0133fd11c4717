import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { loadForums } from '../../src/actions/load-forums.js';
import { readConfig, type Config } from '../../src/config.js';
import { signBody, verifySignature } from '../../src/crypto.js';
import { createApp } from '../../src/http/create-app.js';
import { deriveKeys, type Keys } from '../../src/keys.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';
import { createQueues } from '../../src/queue/create-queues.js';
import { createIngest } from '../../src/queue/ingest.js';
import { createRedis, waitForRedis } from '../../src/redis.js';
import { createReviewStore, type ReviewStore } from '../../src/reviews/create-review-store.js';
import { startWorkers } from '../../workers/start-workers.js';

/** A decision webhook leakwatch delivered to the generic forum's callback URL. */
export interface ReceivedCallback {
  signatureValid: boolean;
  body: {
    event: string;
    decision: string;
    post: { id: string; version: number };
    reviewId?: string;
    respondUrl?: string;
    reasons: string[];
  };
}

export interface BrowserApp {
  baseUrl: string;
  /** The fake forum: another origin, receiving callbacks and serving /composer. */
  forumUrl: string;
  config: Config;
  keys: Keys;
  reviews: ReviewStore;
  moderatorToken: string;
  callbacks: ReceivedCallback[];
  /** Everything leakwatch logged, to check that no planted value leaked into logs. */
  logText(): string;
  /** Every value under this run's prefix, as text (to check nothing raw is stored). */
  dumpRedis(): Promise<string>;
  /** POSTs a signed generic webhook, as a forum plugin would. */
  sendPost(post: GenericPost): Promise<Response>;
  /** Resolves when a callback matching `match` has arrived (polls; the caller's test timeout bounds it). */
  waitForCallback(match: (cb: ReceivedCallback) => boolean): Promise<ReceivedCallback>;
  /** Resolves when the review item for a post exists (the scan worker made it). */
  waitForItem(
    postId: string,
  ): Promise<ReturnType<ReviewStore['get']> extends Promise<infer T> ? NonNullable<T> : never>;
  close(): Promise<void>;
}

export interface GenericPost {
  event?: 'post.created' | 'post.edited' | 'post.pending' | 'post.deleted';
  id: string;
  version?: number;
  text: string;
  author: { id: string; username: string };
  url?: string;
}

function forumComposerPage(leakwatchUrl: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forum</title></head><body>
<form id="reply" action="/posted" method="post">
  <label for="composer">Reply</label>
  <div class="d-editor-textarea-wrapper"><textarea id="composer" class="d-editor-input" name="raw"></textarea></div>
  <button type="submit">Reply</button>
</form>
<script src="${leakwatchUrl}/widget.js"></script>
<script>
  window.leakwatchHandle = LeakwatchWidget.attach('.d-editor-input', { endpoint: '${leakwatchUrl}', region: 'GB', blockSubmit: true, format: 'markdown' });
</script>
</body></html>`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

async function dumpKeys(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  for (const key of await keysUnder(redis, prefix)) {
    const type = await redis.type(key);
    const value =
      type === 'string'
        ? await redis.get(key)
        : type === 'hash'
          ? await redis.hgetall(key)
          : type === 'list'
            ? await redis.lrange(key, '0', '-1')
            : type === 'set'
              ? await redis.smembers(key)
              : type === 'zset'
                ? await redis.zrange(key, '0', '-1')
                : type === 'stream'
                  ? await redis.xrange(key, '-', '+')
                  : null;
    parts.push(key, JSON.stringify(value));
  }
  return parts.join('\n');
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

/**
 * leakwatch as `leakwatch start` runs it — real Redis under a random prefix, the real Express
 * app on a random port, the real workers — plus a local forum endpoint that receives the
 * generic decision callbacks.
 */
export async function startBrowserApp(
  env: Record<string, string> = {},
  options: { moderatorName?: string } = {},
): Promise<BrowserApp> {
  const callbacks: ReceivedCallback[] = [];
  const callbackSecret = randomBytes(16).toString('hex');
  const webhookSecret = randomBytes(16).toString('hex');
  const moderatorToken = randomBytes(18).toString('hex');

  let baseUrl = '';
  const forum = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/composer') {
      // A forum page on another origin, with a Discourse-like composer, loading the widget.
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(forumComposerPage(baseUrl));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/leakwatch-callback') {
      res.writeHead(404).end();
      return;
    }
    readBody(req).then((raw) => {
      const signatureValid = verifySignature(
        raw,
        String(req.headers['x-leakwatch-signature'] ?? ''),
        [callbackSecret],
      );
      callbacks.push({
        signatureValid,
        body: JSON.parse(raw.toString('utf8')) as ReceivedCallback['body'],
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  const forumPort = await listen(forum);

  const server = createServer();
  const port = await listen(server);
  baseUrl = `http://127.0.0.1:${port}`;
  const forumUrl = `http://127.0.0.1:${forumPort}`;

  const prefix = `lwbrowser-${randomBytes(6).toString('hex')}`;
  const config = readConfig({
    LEAKWATCH_SECRET_KEY: randomBytes(32).toString('hex'),
    LEAKWATCH_PREFIX: prefix,
    MODERATOR_TOKENS: `${options.moderatorName ?? 'maria'}:${moderatorToken}`,
    GENERIC_WEBHOOK_SECRET: webhookSecret,
    GENERIC_CALLBACK_URL: `${forumUrl}/leakwatch-callback`,
    ALLOWED_ORIGINS: forumUrl,
    GENERIC_CALLBACK_SECRET: callbackSecret,
    PUBLIC_URL: baseUrl,
    DEFAULT_REGION: 'GB',
    CHECK_RATE_LIMIT: '100000',
    POLICY_PENDING: 'hold',
    ...env,
  });
  const logLines: string[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
  const keys = deriveKeys(config.secretKey);
  const producer = createRedis(config.redisUrl, 'producer', 'lw-browser-test');
  const store = createRedis(config.redisUrl, 'store', 'lw-browser-test');
  await waitForRedis(producer);
  await waitForRedis(store);
  const queues = createQueues(producer, { prefix, failedJobsKept: config.failedJobsKept }, log);
  const ingest = createIngest({
    redis: producer,
    queues,
    payloadKey: keys.payload,
    prefix,
    dedupeDays: config.dedupeDays,
    log,
  });
  const reviews = createReviewStore({
    redis: store,
    prefix,
    payloadKey: keys.payload,
    retentionDays: config.reviewRetentionDays,
  });
  const forums = await loadForums(config, log);
  const metrics = createMetrics();
  const app = createApp({ config, log, keys, metrics, ingest, reviews, forums });
  server.on('request', app);
  const workers = startWorkers({ config, log, keys, metrics, forums });

  async function sendPost(post: GenericPost): Promise<Response> {
    const body = JSON.stringify({
      event: post.event ?? 'post.created',
      post: {
        id: post.id,
        version: post.version ?? 1,
        text: post.text,
        format: 'markdown',
        author: post.author,
        url: post.url ?? `${forumUrl}/p/${post.id}`,
      },
    });
    return fetch(`${baseUrl}/webhooks/generic`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-leakwatch-signature': signBody(webhookSecret, body),
      },
      body,
    });
  }

  return {
    baseUrl,
    forumUrl,
    config,
    keys,
    reviews,
    moderatorToken,
    callbacks,
    logText: () => logLines.join(''),
    dumpRedis: () => dumpKeys(store, prefix),
    sendPost,
    async waitForCallback(match) {
      for (;;) {
        const found = callbacks.find(match);
        if (found) return found;
        await sleep(50);
      }
    },
    async waitForItem(postId) {
      for (;;) {
        const item = await reviews.getByPost('generic', postId);
        if (item) return item;
        await sleep(50);
      }
    },
    async close() {
      const steps: Array<() => Promise<unknown>> = [
        () => workers.close(),
        () => {
          server.closeAllConnections();
          return new Promise((resolve) => server.close(resolve));
        },
        () => {
          forum.closeAllConnections();
          return new Promise((resolve) => forum.close(resolve));
        },
        () => queues.close(),
        () => deleteKeys(store, prefix),
        () => producer.quit(),
        () => store.quit(),
      ];
      for (const step of steps) await step().catch(() => undefined);
    },
  };
}

/**
 * Three posts sent through the real pipeline (signed webhook → scan queue → worker → review
 * store): a held post with a phone number by alice (id `first`), an email by bob (`first + 1`)
 * and a card (Luhn-valid, not a published test number) by carol (`first + 2`). Returns the
 * review item id of each post id.
 */
export async function seedReviewQueue(
  app: BrowserApp,
  first: number,
): Promise<Record<string, string>> {
  const posts: GenericPost[] = [
    {
      event: 'post.pending',
      id: String(first),
      text: 'New here! Ring me on 020 7946 0958 if you want the tickets.',
      author: { id: '11', username: 'alice' },
    },
    {
      id: String(first + 1),
      text: 'Contact jane.doe@gmail.com for the spare parts list.',
      author: { id: '12', username: 'bob' },
    },
    {
      id: String(first + 2),
      text: 'Paid with 4539 1488 0343 6467 and it went through fine.',
      author: { id: '13', username: 'carol' },
    },
  ];
  const ids: Record<string, string> = {};
  for (const post of posts) {
    const response = await app.sendPost(post);
    if (response.status >= 300) throw new Error(`seeding post ${post.id}: ${response.status}`);
    ids[post.id] = (await app.waitForItem(post.id)).id;
  }
  return ids;
}
