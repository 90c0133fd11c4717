import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { run, parseSince } from '../../src/cli/catch-up-command.js';
import { createDiscourseClient } from '../../src/forums/discourse/client.js';
import { runCatchUp } from '../../src/forums/discourse/catch-up.js';
import { startCatchUpTimer } from '../../src/forums/discourse/catch-up-timer.js';
import { createLogger } from '../../src/log.js';
import { createQueues, type Queues } from '../../src/queue/create-queues.js';
import { createIngest, type Ingest } from '../../src/queue/ingest.js';
import { createRedis, waitForRedis } from '../../src/redis.js';
import { startFakeDiscourse, type FakeDiscourse } from '../support/fake-discourse.js';
import { deleteKeys, LogCapture, randomPrefix, REDIS_URL } from './support/service.js';

describe('runCatchUp against the fake Discourse and the real scan queue', () => {
  let fake: FakeDiscourse;
  let queues: Queues;
  let ingest: Ingest;
  const prefix = randomPrefix('catchup');
  const redis = createRedis(REDIS_URL, 'producer', 'catch-up-test');
  const logs = new LogCapture();
  const log = createLogger({ level: 'debug', destination: logs });
  const since = new Date(Date.now() - 3_600_000);
  let recentIds: number[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscourse();
    await waitForRedis(redis);
    queues = createQueues(redis, { prefix, failedJobsKept: 10 });
    ingest = createIngest({
      redis,
      queues,
      payloadKey: randomBytes(32),
      prefix,
      dedupeDays: 1,
      log,
    });
    for (let i = 0; i < 3; i += 1) {
      const old = fake.addPost({ username: 'old-timer', raw: `old post ${i}` });
      old.createdAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    }
    recentIds = Array.from(
      { length: 60 },
      (_, i) => fake.addPost({ username: `user${i}`, raw: `recent post ${i}` }).id,
    );
    fake.addPost({ username: 'leakwatch-bot', raw: 'a post by the bot itself' });
    fake.addPost({ username: 'someone', raw: 'a private message', archetype: 'private_message' });
  });
  afterAll(async () => {
    await queues.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await fake.close();
  });

  const deps = () => ({
    client: createDiscourseClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      apiUsername: 'leakwatch-bot',
    }),
    enqueueScan: (post: Parameters<Ingest['enqueueScan']>[0]) => ingest.enqueueScan(post),
    baseUrl: fake.url,
    botUsername: 'leakwatch-bot',
    log,
  });

  it('runCatchUp(since 1 h ago) pages back with before=<id> and queues each recent post once', async () => {
    // One post already came in by webhook: catch-up must see it as a duplicate.
    await ingest.enqueueScan({
      forum: 'discourse',
      event: 'created',
      post: {
        id: String(recentIds[5]),
        version: 1,
        text: 'recent post 5',
        format: 'markdown',
        author: { id: '9', username: 'user5' },
      },
      dedupeOnText: true,
    });
    const result = await runCatchUp(since, deps());
    expect(result).toEqual({ pages: 2, seen: 60, enqueued: 59, duplicates: 1, truncated: false });
    const listCalls = fake.calls.filter((c) => c.path === '/posts.json');
    expect(listCalls[0]!.query).toEqual({});
    // Page 1 holds the bot's post and the 49 newest recent posts (private messages are not listed).
    expect(Number(listCalls[1]!.query.before)).toBe(Math.min(...recentIds.slice(-49)) - 1);
    const jobs = await queues.scan.getJobs(['waiting', 'delayed', 'active']);
    // Job ids carry a keyed digest of the text after the version (edits in the grace period).
    const ids = jobs.map((j) => j.id!.replace(/-t[0-9A-Za-z_]+$/, '')).sort();
    expect(ids).toEqual(recentIds.map((id) => `discourse-${id}-v1`).sort());
    expect(logs.lines.join('\n')).not.toContain('recent post');
  });

  it('running it again queues nothing new', async () => {
    const result = await runCatchUp(since, deps());
    expect(result).toMatchObject({ seen: 60, enqueued: 0, duplicates: 60 });
  });

  it('stops at maxPages and says so', async () => {
    const result = await runCatchUp(new Date(0), { ...deps(), maxPages: 1 });
    expect(result).toMatchObject({ pages: 1, truncated: true });
  });
});

describe('leakwatch catch-up', () => {
  it('parseSince reads ISO times and durations back from now', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(parseSince('6h', now)?.toISOString()).toBe('2026-11-30T04:00:00.000Z');
    expect(parseSince('90m', now)?.toISOString()).toBe('2026-11-30T08:30:00.000Z');
    expect(parseSince('2d', now)?.toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(parseSince('2026-11-30T08:00Z', now)?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(parseSince('yesterday', now)).toBeUndefined();
    expect(parseSince('12', now)).toBeUndefined();
  });

  it('run([]) without --since exits 2', async () => {
    const stderr: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await run([])).toBe(2);
    } finally {
      process.stderr.write = original;
    }
    expect(stderr.join('')).toContain('--since <time> is required');
  });
});

describe('startCatchUpTimer', () => {
  it('runOnce looks back to the previous round and only one process runs a round at a time', async () => {
    const fake = await startFakeDiscourse();
    const prefix = randomPrefix('catchup-timer');
    const redis = createRedis(REDIS_URL, 'producer', 'catch-up-timer-test');
    await waitForRedis(redis);
    const queues = createQueues(redis, { prefix, failedJobsKept: 10 });
    const log = createLogger({ level: 'silent' });
    const ingest = createIngest({
      redis,
      queues,
      payloadKey: randomBytes(32),
      prefix,
      dedupeDays: 1,
      log,
    });
    const options = {
      client: createDiscourseClient({
        baseUrl: fake.url,
        apiKey: fake.apiKey,
        apiUsername: 'leakwatch-bot',
      }),
      enqueueScan: (post: Parameters<Ingest['enqueueScan']>[0]) => ingest.enqueueScan(post),
      baseUrl: fake.url,
      botUsername: 'leakwatch-bot',
      redis,
      prefix,
      intervalSeconds: 600,
      log,
    };
    const first = startCatchUpTimer(options);
    const second = startCatchUpTimer(options);
    try {
      fake.addPost({ username: 'ana', raw: 'posted while leakwatch was down' });
      const old = fake.addPost({ username: 'ana', raw: 'long ago' });
      old.createdAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
      const [a, b] = await Promise.all([first.runOnce(), second.runOnce()]);
      const results = [a, b].filter((r) => r !== undefined);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ seen: 1, enqueued: 1 });
      expect(Number(await redis.get(`${prefix}:discourse:catch-up:last`))).toBeGreaterThan(0);
      expect(() => startCatchUpTimer({ ...options, intervalSeconds: 5 })).toThrow(
        /CATCHUP_INTERVAL/,
      );
    } finally {
      await first.close();
      await second.close();
      await first.close();
      await queues.close();
      await deleteKeys(redis, prefix);
      await redis.quit();
      await fake.close();
    }
  });
});
