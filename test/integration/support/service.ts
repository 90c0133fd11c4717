import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { startApi } from '../../../src/cli/serve-parts.js';
import { loadForums } from '../../../src/actions/load-forums.js';
import { readConfig, type Config } from '../../../src/config.js';
import { signBody } from '../../../src/crypto.js';
import { deriveKeys, type Keys } from '../../../src/keys.js';
import { createLogger, type Logger } from '../../../src/log.js';
import { createMetrics } from '../../../src/metrics.js';
import type { ShutdownStep } from '../../../src/shutdown.js';
import {
  startWorkers,
  type RunningWorkers,
  type WorkerTuning,
} from '../../../workers/start-workers.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const CALLBACK_SECRET = 'test-callback-secret-0123456789';
export const MODERATOR_TOKEN = 'alice-token-0123456789abcdef';

/** Log lines written by the service under test, for privacy assertions. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

export function randomPrefix(name: string): string {
  return `lwtest-${name}-${randomBytes(4).toString('hex')}`;
}

export function testEnv(prefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    REDIS_URL,
    LEAKWATCH_PREFIX: prefix,
    LEAKWATCH_SECRET_KEY: randomBytes(32).toString('hex'),
    GENERIC_WEBHOOK_SECRET: `old-secret-0000000000,${WEBHOOK_SECRET}`,
    MODERATOR_TOKENS: `alice:${MODERATOR_TOKEN},bob:bob-token-0123456789abcdef`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

export interface TestService {
  baseUrl: string;
  config: Config;
  keys: Keys;
  log: Logger;
  logs: LogCapture;
  redis: Redis;
  server: Server;
  workers?: RunningWorkers;
  startWorkers(tuning?: WorkerTuning): RunningWorkers;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  postWebhook(body: unknown): Promise<Response>;
  get(path: string, token?: string): Promise<Response>;
  decide(id: string, body: unknown, token?: string): Promise<Response>;
  close(): Promise<void>;
}

/** The API on a random port against the real Redis, optionally with in-process workers. */
export async function startTestService(options: {
  prefix: string;
  env?: Record<string, string>;
  workers?: boolean | WorkerTuning;
}): Promise<TestService> {
  const config = readConfig(testEnv(options.prefix, options.env));
  const logs = new LogCapture();
  const log = createLogger({ level: 'debug', destination: logs });
  const keys = deriveKeys(config.secretKey);
  const forums = await loadForums(config, log);
  const rt = { config, log, keys, metrics: createMetrics(), forums };
  const api = await startApi(rt);
  const address = api.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const redis = new Redis(REDIS_URL);
  const running: RunningWorkers[] = [];
  const service: TestService = {
    baseUrl,
    config,
    keys,
    log,
    logs,
    redis,
    server: api.server,
    startWorkers(tuning = {}) {
      const workers = startWorkers({
        ...rt,
        metrics: createMetrics(),
        tuning: { actionBackoffMs: 50, ...tuning },
      });
      running.push(workers);
      service.workers ??= workers;
      return workers;
    },
    post(path, body, headers = {}) {
      return fetch(baseUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    postWebhook(body) {
      const raw = JSON.stringify(body);
      return service.post('/webhooks/generic', raw, {
        'x-leakwatch-signature': signBody(WEBHOOK_SECRET, raw),
      });
    },
    get(path, token) {
      return fetch(baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    },
    decide(id, body, token = MODERATOR_TOKEN) {
      return service.post(
        `/v1/reviews/${id}/decision`,
        body,
        token ? { authorization: `Bearer ${token}` } : {},
      );
    },
    async close() {
      await Promise.allSettled(running.map((w) => w.close()));
      await runSteps(api.steps);
      await deleteKeys(redis, options.prefix);
      await redis.quit();
    },
  };
  if (options.workers) service.startWorkers(options.workers === true ? {} : options.workers);
  return service;
}

async function runSteps(steps: ShutdownStep[]): Promise<void> {
  for (const step of steps) await Promise.resolve(step.run()).catch(() => undefined);
}

/** Every key under `<prefix>:`; only ours are ever deleted. */
export async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await scanKeys(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

/** Polls `probe` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function genericPost(
  id: string | number,
  text: string,
  extra: {
    event?: string;
    version?: number;
    isPrivate?: boolean;
    region?: string;
    format?: string;
  } = {},
) {
  return {
    event: extra.event ?? 'post.created',
    post: {
      id,
      version: extra.version ?? 1,
      text,
      format: extra.format ?? 'text',
      author: { id: 42, username: 'poster' },
      url: `https://forum.example.org/t/${id}`,
      region: extra.region ?? 'GB',
      ...(extra.isPrivate !== undefined ? { isPrivate: extra.isPrivate } : {}),
    },
  };
}
