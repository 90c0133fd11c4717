import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REDIS_SERVER,
  spawnApi,
  spawnWorker,
  startPrivateRedis,
  waitUntil,
  type Child,
  type PrivateRedis,
} from './support/processes.js';
import {
  auditScenario,
  compareOutcomes,
  createScenario,
  deliverAll,
  waitSettled,
  type Scenario,
} from './support/scenario.js';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';

// A private redis-server is needed to stop one; CI machines without the binary skip with a note.
const haveRedisServer = existsSync(REDIS_SERVER);

describe.skipIf(!haveRedisServer)('fault: Redis stopped for some seconds mid-run', () => {
  let redis: PrivateRedis;
  let scenario: Scenario;
  let api: Child | undefined;
  let worker: Child | undefined;

  beforeAll(async () => {
    const dir = join(tmpdir(), `leakwatch-fault-redis-${randomBytes(4).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    redis = await startPrivateRedis(dir);
    scenario = await createScenario('redisdown', { redisUrl: redis.url });
    [api, worker] = await Promise.all([
      spawnApi(scenario.env, scenario.apiPort, scenario.apiLog),
      spawnWorker(scenario.env, scenario.workerLog),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([api?.stop(), worker?.stop('SIGKILL')]);
    await scenario?.close();
    await redis?.kill();
  }, 60_000);

  it('answers 503 while Redis is down, 202 after, and loses nothing it answered 202', async () => {
    const first = scenario.addPosts(24);
    const sent = await deliverAll(scenario, first, { concurrency: 2 });
    // Stop Redis while the worker is part-way through the first posts.
    await waitUntil(() => scenario.fake.calls.length >= 3, 60_000, 'first forum calls', 20);
    await redis.shutdownNoSave();
    const downSince = Date.now();
    // More posts arrive while Redis is down: each is answered 503 and redelivered until 202.
    const second = scenario.addPosts(21);
    const sending = deliverAll(scenario, second, { concurrency: 2, retryDelayMs: 300, log: sent });
    await waitUntil(
      () => sent.attempts.filter((s) => s === 503).length >= 4 && Date.now() - downSince > 2000,
      60_000,
      '503 answers while Redis is down',
      100,
    );
    await redis.start();
    await sending;

    expect(sent.attempts.filter((s) => s === 503).length).toBeGreaterThanOrEqual(4);
    expect(sent.attempts.every((s) => s === 202 || s === 503)).toBe(true);
    expect(sent.accepted.size).toBe(first.length + second.length);
    const posts = scenario.posts;

    const { items } = await waitSettled(scenario, posts, 180_000);
    const { got, want } = compareOutcomes(scenario, posts, items);
    expect(got).toEqual(want);
    expect(worker!.isRunning()).toBe(true);
    expect(api!.isRunning()).toBe(true);

    const audit = await auditScenario(scenario);
    expect(audit.hits).toEqual([]);
  }, 300_000);
});
