import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { run, parseSince } from '../../src/cli/catch-up-command.js';
import { createDiscourseClient } from '../../src/forums/discourse/client.js';
import { runCatchUp } from '../../src/forums/discourse/catch-up.js';
import { toIncomingPost } from '../../src/forums/discourse/to-incoming-post.js';
import { toPost } from '../../src/forums/discourse/to-post.js';
import type { DiscoursePostPayload } from '../../src/forums/discourse/types.js';
import type { IncomingPost } from '../../src/forums/types.js';
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
      old.createdAt = old.updatedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
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
    // One post already came in by webhook (a topic's first post: title and body): catch-up reads
    // the title from topic_title and must see it as a duplicate.
    const delivered = toPost(fake.postPayload(recentIds[5]!), { baseUrl: fake.url })!;
    await ingest.enqueueScan(toIncomingPost(delivered, 'created'));
    const result = await runCatchUp(since, deps());
    // Page 2 reaches `since`; page 3 (the edit look-back) is empty.
    expect(result).toEqual({
      pages: 3,
      seen: 60,
      edited: 0,
      enqueued: 59,
      duplicates: 1,
      truncated: false,
    });
    const listCalls = fake.calls.filter((c) => c.path === '/posts.json');
    expect(listCalls[0]!.query).toEqual({});
    // Page 1 holds the bot's post and the 49 newest recent posts (private messages are not
    // listed); the fake answers `id < before`, so the next page starts below the lowest id seen.
    expect(Number(listCalls[1]!.query.before)).toBe(Math.min(...recentIds.slice(-49)));
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

describe('runCatchUp finds edits made during an outage', () => {
  let fake: FakeDiscourse;
  let queues: Queues;
  let ingest: Ingest;
  const prefix = randomPrefix('catchup-edits');
  const redis = createRedis(REDIS_URL, 'producer', 'catch-up-edits-test');
  const log = createLogger({ level: 'silent' });
  const since = new Date(Date.now() - 3_600_000);
  const longAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
  let far: number;
  let near: number;
  let titled: number;

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
    const old = (raw: string) => {
      const post = fake.addPost({ username: 'old-timer', raw });
      post.createdAt = post.updatedAt = longAgo;
      return post;
    };
    // Oldest first (ids grow): an old post edited during the outage, 150 untouched old posts,
    // another old post edited during the outage, a topic whose title was edited, 5 new posts.
    far = old('far back').id;
    for (let i = 0; i < 150; i += 1) old(`untouched ${i}`);
    near = old('near').id;
    titled = old('A bike, details below').id;
    fake.editPost(far, 'far back, now with mail far.back.lw@gmail.com');
    fake.editPost(near, 'near, now with mail near.lw@gmail.com');
    fake.editTopicTitle(fake.posts.get(titled)!.topicId, 'Bike, mail titled.lw@gmail.com');
    for (let i = 0; i < 5; i += 1) fake.addPost({ username: `new${i}`, raw: `new post ${i}` });
  });
  afterAll(async () => {
    await queues.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await fake.close();
  });

  const deps = (editLookbackPages?: number) => ({
    client: createDiscourseClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      apiUsername: 'leakwatch-bot',
    }),
    enqueueScan: (post: IncomingPost) => ingest.enqueueScan(post),
    baseUrl: fake.url,
    botUsername: 'leakwatch-bot',
    log,
    ...(editLookbackPages === undefined ? {} : { editLookbackPages }),
  });

  const jobIds = async () =>
    (await queues.scan.getJobs(['waiting', 'delayed', 'active'])).map((j) =>
      j.id!.replace(/-t[0-9A-Za-z_]+$/, ''),
    );

  it('runCatchUp(since, default look-back) queues older posts whose updated_at is after since, as edits, and not the one beyond the look-back', async () => {
    const result = await runCatchUp(since, deps());
    // Page 1: 5 new, the title edit, `near`, 43 untouched (reaches since); 2 look-back pages.
    expect(result).toEqual({
      pages: 3,
      seen: 5,
      edited: 2,
      enqueued: 7,
      duplicates: 0,
      truncated: false,
    });
    const ids = await jobIds();
    expect(ids).toContain(`discourse-${near}-v2`);
    expect(ids).toContain(`discourse-${titled}-v2`);
    expect(ids.some((id) => id.startsWith(`discourse-${far}-`))).toBe(false);
  });

  it('a longer look-back reaches it; what was queued already is a duplicate', async () => {
    const result = await runCatchUp(since, deps(4));
    expect(result).toMatchObject({ pages: 5, seen: 5, edited: 3, enqueued: 1, duplicates: 7 });
    expect(await jobIds()).toContain(`discourse-${far}-v2`);
  });

  it('editLookbackPages 0 stops at the page that reaches since', async () => {
    const result = await runCatchUp(since, deps(0));
    expect(result).toMatchObject({ pages: 1, seen: 5, edited: 2 });
  });
});

describe('runCatchUp with a Discourse that answers id <= before', () => {
  it('pages without skipping or repeating a post', async () => {
    const now = Date.now();
    const all: DiscoursePostPayload[] = Array.from({ length: 120 }, (_, i) => ({
      id: i + 1,
      username: 'u',
      raw: `post ${i + 1}`,
      post_number: 2,
      topic_id: 1,
      version: 1,
      created_at: new Date(now - (120 - i) * 1000).toISOString(),
      updated_at: new Date(now - (120 - i) * 1000).toISOString(),
    }));
    const befores: (number | undefined)[] = [];
    const client = {
      listLatestPosts(before?: number) {
        befores.push(before);
        return Promise.resolve(
          all
            .filter((p) => before === undefined || p.id <= before)
            .sort((a, b) => b.id - a.id)
            .slice(0, 50),
        );
      },
    };
    const queued: string[] = [];
    const result = await runCatchUp(new Date(now - 3_600_000), {
      client,
      enqueueScan: (post) => {
        queued.push(post.post.id);
        return Promise.resolve({ jobId: post.post.id, duplicate: false });
      },
      baseUrl: 'https://forum.test',
      botUsername: 'leakwatch-bot',
      log: createLogger({ level: 'silent' }),
    });
    expect(queued).toHaveLength(120);
    expect(new Set(queued).size).toBe(120);
    // Each page repeats the lowest id of the one before (id <= before); post 1 ends the walk.
    expect(befores).toEqual([undefined, 71, 22]);
    expect(result).toMatchObject({ seen: 120, enqueued: 120, truncated: false });
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
      old.createdAt = old.updatedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
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
