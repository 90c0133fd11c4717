/**
 * One fault scenario: a known set of Discourse posts (live and queued, some with planted personal
 * data), delivered as signed webhooks to the API process, and the checks that every accepted post
 * ended with exactly one review item (when it has data) and exactly one forum action of each kind.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { discourseDelivery, type Delivery } from '../../fixtures/discourse/deliveries.js';
import { startFakeDiscourse, type FakeDiscourse } from '../../support/fake-discourse.js';
import { auditPrivacy, type AuditReport } from '../../../scripts/audit-privacy.js';
import { freePort, sleep, waitUntil } from './processes.js';

export const WEBHOOK_SECRET = 'fault-webhook-secret-0123456789';
export const MODERATOR_TOKEN = 'fault-moderator-token-0123456789';
export const BOT = 'leakwatch-bot';
const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type DataType = 'email' | 'phone' | 'card';

export interface FaultPost {
  index: number;
  kind: 'live' | 'queued';
  /** Discourse post id (live) or reviewable id (queued). */
  forumId: number;
  /** The review item's post id: `<id>` for live posts, `r<id>` for queued ones. */
  reviewPostId: string;
  username: string;
  type?: DataType;
  planted?: string;
  delivery: Delivery;
}

/** Luhn check digit for `body`. */
function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A Luhn-valid Visa number (not a published test card), grouped by four. */
export function plantedCard(seed: number): string {
  let body = '4539';
  let x = (seed * 2654435761 + 97) >>> 0;
  while (body.length < 15) {
    x = (x * 1103515245 + 12345) >>> 0;
    body += String((x >>> 16) % 10);
  }
  const digits = body + luhnDigit(body);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function plantedValue(type: DataType, index: number, tag: string): string {
  if (type === 'email') return `${tag}.member${index}@gmail.com`;
  if (type === 'phone') return `+44 20 7946 0${String(index % 1000).padStart(3, '0')}`;
  return plantedCard(index + tag.charCodeAt(0));
}

const CLEAN = [
  'Thanks, the gear shifter works again after the cable swap.',
  'Does anyone know a good shop for tubeless tyres near the river?',
  'I oiled the chain and the noise is gone. Great tip!',
];

export interface Scenario {
  name: string;
  prefix: string;
  dir: string;
  fake: FakeDiscourse;
  posts: FaultPost[];
  planted: string[];
  plantedFile: string;
  env: NodeJS.ProcessEnv;
  apiPort: number;
  baseUrl: string;
  /** Bookkeeping Redis connection (the one the services use), for queue counts and cleanup. */
  redis: Redis;
  apiLog: string;
  workerLog: string;
  /** Makes `count` more posts (and their signed deliveries). */
  addPosts(count: number): FaultPost[];
  close(): Promise<void>;
}

export async function createScenario(
  name: string,
  options: { redisUrl?: string; env?: Record<string, string> } = {},
): Promise<Scenario> {
  const tag = `f${randomBytes(3).toString('hex')}`;
  const prefix = `lwfault-${name}-${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), `leakwatch-fault-${name}-`));
  const fake = await startFakeDiscourse({ botUsername: BOT });
  const apiPort = await freePort();
  const redisUrl = options.redisUrl ?? SHARED_REDIS;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const posts: FaultPost[] = [];
  const planted: string[] = [];
  const plantedFile = join(dir, 'planted.txt');
  const env: NodeJS.ProcessEnv = {
    REDIS_URL: redisUrl,
    LEAKWATCH_PREFIX: prefix,
    LEAKWATCH_SECRET_KEY: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    MODERATOR_TOKENS: `mod:${MODERATOR_TOKEN}`,
    DISCOURSE_URL: fake.url,
    DISCOURSE_API_KEY: fake.apiKey,
    DISCOURSE_API_USERNAME: BOT,
    DISCOURSE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    POLICY_EMAIL: 'notify,flag',
    POLICY_PHONE: 'notify,flag',
    POLICY_CARD: 'hide,notify',
    POLICY_PENDING: 'reject',
    DEFAULT_REGION: 'GB',
    PUBLIC_URL: 'https://leakwatch.test',
    WORKER_CONCURRENCY: '4',
    ...options.env,
  };
  const types: (DataType | undefined)[] = ['email', undefined, 'phone', 'card', undefined];
  const scenario: Scenario = {
    name,
    prefix,
    dir,
    fake,
    posts,
    planted,
    plantedFile,
    env,
    apiPort,
    baseUrl: `http://127.0.0.1:${apiPort}`,
    redis,
    apiLog: join(dir, 'api.log'),
    workerLog: join(dir, 'worker.log'),
    addPosts(count) {
      const made: FaultPost[] = [];
      for (let n = 0; n < count; n++) {
        const index = posts.length;
        const type = types[index % types.length];
        const value = type ? plantedValue(type, index, tag) : undefined;
        const raw = value
          ? `Selling my old bike, reach me at ${value} after six.`
          : CLEAN[index % CLEAN.length]!;
        const username = `${tag}-author${index}`;
        const queued = index % 3 === 2;
        let post: FaultPost;
        if (queued) {
          const r = fake.addReviewable({ username, raw, title: `Queued topic ${index}` });
          post = {
            index,
            kind: 'queued',
            forumId: r.id,
            reviewPostId: `r${r.id}`,
            username,
            type,
            planted: value,
            delivery: discourseDelivery({
              type: 'reviewable',
              name: 'reviewable_created',
              payload: fake.reviewablePayload(r.id),
              secret: WEBHOOK_SECRET,
              instance: fake.url,
            }),
          };
        } else {
          const p = fake.addPost({ username, raw, topicTitle: `Bike topic ${index}` });
          post = {
            index,
            kind: 'live',
            forumId: p.id,
            reviewPostId: String(p.id),
            username,
            type,
            planted: value,
            delivery: discourseDelivery({
              type: 'post',
              name: 'post_created',
              payload: fake.postPayload(p.id),
              secret: WEBHOOK_SECRET,
              instance: fake.url,
            }),
          };
        }
        if (value) planted.push(value);
        posts.push(post);
        made.push(post);
      }
      writeFileSync(plantedFile, `${planted.join('\n')}\n`);
      return made;
    },
    async close() {
      await deletePrefix(redis, prefix).catch(() => undefined);
      redis.disconnect();
      await fake.close().catch(() => undefined);
      if (!process.env.KEEP_FAULT_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
  return scenario;
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export interface SendLog {
  /** Final status per post index (202 or 200 once accepted). */
  accepted: Map<number, number>;
  /** Every status seen, in order, with the number of connection errors as status 0. */
  attempts: number[];
}

/**
 * Delivers each post's webhook (the same bytes and event id every time, like a Discourse retry)
 * until it is answered 2xx. 503 and connection failures are retried after `retryDelayMs`.
 */
export async function deliverAll(
  scenario: Scenario,
  posts: readonly FaultPost[],
  options: { concurrency?: number; retryDelayMs?: number; log?: SendLog; timeoutMs?: number } = {},
): Promise<SendLog> {
  const log: SendLog = options.log ?? { accepted: new Map(), attempts: [] };
  const queue = [...posts];
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const worker = async () => {
    for (let post = queue.shift(); post; post = queue.shift()) {
      for (;;) {
        let status: number;
        try {
          const res = await fetch(`${scenario.baseUrl}/webhooks/discourse`, {
            method: 'POST',
            headers: post.delivery.headers,
            body: post.delivery.body,
            signal: AbortSignal.timeout(20_000),
          });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          status = 0;
        }
        log.attempts.push(status);
        if (status >= 200 && status < 300) {
          log.accepted.set(post.index, status);
          break;
        }
        if (status !== 0 && status !== 503) {
          throw new Error(`post #${post.index} answered ${status}, not 2xx/503`);
        }
        if (Date.now() > deadline) throw new Error(`post #${post.index} never accepted`);
        await sleep(options.retryDelayMs ?? 250);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return log;
}

export interface ReviewItemView {
  id: string;
  status: string;
  post: { id: string; version: number };
  findings: { type: string }[];
}

async function listReviewItems(scenario: Scenario): Promise<ReviewItemView[]> {
  const items: ReviewItemView[] = [];
  let cursor: string | undefined;
  do {
    const url = `${scenario.baseUrl}/v1/reviews?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${MODERATOR_TOKEN}` } });
    if (!res.ok) throw new Error(`GET /v1/reviews answered ${res.status}`);
    const body = (await res.json()) as { items: ReviewItemView[]; nextCursor?: string | null };
    items.push(...body.items);
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const PENDING_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export async function queueCounts(scenario: Scenario) {
  const connection = scenario.redis;
  const result: Record<string, Record<string, number>> = {};
  for (const name of ['scan', 'actions']) {
    const queue = new Queue(name, { connection, prefix: scenario.prefix });
    try {
      result[name] = await queue.getJobCounts(...PENDING_STATES, 'failed', 'completed');
    } finally {
      await queue.close();
    }
  }
  return result;
}

/** What the forum received for each post, from the fake Discourse's own records. */
export function forumOutcome(scenario: Scenario, post: FaultPost) {
  const { fake } = scenario;
  if (post.kind === 'queued') {
    const performs = fake.calls.filter(
      (c) =>
        c.method === 'PUT' &&
        c.path.startsWith(`/review/${post.forumId}/perform/`) &&
        c.status === 200,
    );
    return {
      approve: performs.filter((c) => c.path.endsWith('/approve_post')).length,
      reject: performs.filter((c) => c.path.endsWith('/revise_and_reject_post')).length,
      status: fake.reviewables.get(post.forumId)!.status,
    };
  }
  const flags = fake.flags.filter((f) => f.postId === post.forumId && f.by === BOT);
  return {
    notify: fake.privateMessages.filter((m) => m.recipients.includes(post.username)).length,
    flag: flags.filter((f) => !f.queueForReview).length,
    hide: flags.filter((f) => f.queueForReview).length,
    hidden: fake.posts.get(post.forumId)!.hidden,
  };
}

/** What each post must end with, given the scenario's policy. */
export function expectedOutcome(post: FaultPost) {
  if (post.kind === 'queued') {
    return post.type ? { approve: 0, reject: 1, status: 2 } : { approve: 1, reject: 0, status: 1 };
  }
  if (!post.type) return { notify: 0, flag: 0, hide: 0, hidden: false };
  if (post.type === 'card') return { notify: 1, flag: 0, hide: 1, hidden: true };
  return { notify: 1, flag: 1, hide: 0, hidden: false };
}

function isComplete(scenario: Scenario, post: FaultPost): boolean {
  const got = forumOutcome(scenario, post) as Record<string, unknown>;
  const want = expectedOutcome(post) as Record<string, unknown>;
  // Complete when everything expected has arrived (more than expected is checked afterwards).
  return Object.entries(want).every(([k, v]) =>
    typeof v === 'number' ? (got[k] as number) >= v : got[k] === v,
  );
}

/**
 * Waits until every post in `posts` has what it should have at the forum and both queues hold
 * nothing waiting, active or delayed (so nothing more can arrive), then returns the final state.
 */
export async function waitSettled(
  scenario: Scenario,
  posts: readonly FaultPost[],
  timeoutMs = 120_000,
  failedAllowed = 0,
) {
  await waitUntil(
    async () => {
      if (!posts.every((p) => isComplete(scenario, p))) return false;
      const counts = await queueCounts(scenario);
      return Object.values(counts).every((c) => PENDING_STATES.every((s) => (c[s] ?? 0) === 0))
        ? true
        : false;
    },
    timeoutMs,
    `${posts.length} posts to be handled (${posts.filter((p) => isComplete(scenario, p)).length} done) and the queues to drain`,
    250,
  ).catch(async (err: Error) => {
    const counts = await queueCounts(scenario).catch(() => ({}));
    throw new Error(`${err.message}; queues ${JSON.stringify(counts)}`);
  });
  const counts = await queueCounts(scenario);
  const failed = (counts.scan?.failed ?? 0) + (counts.actions?.failed ?? 0);
  if (failed > failedAllowed) {
    throw new Error(`${failed} jobs failed (allowed ${failedAllowed}): ${JSON.stringify(counts)}`);
  }
  return { counts, items: await listReviewItems(scenario) };
}

/**
 * For each post: [what it got, what it should have got]; review items are counted per post
 * (exactly one when the post has data, none otherwise). Strict for every kind, private messages
 * included: a retried notify finds the message its crashed attempt sent (pm-marker.ts).
 */
export function compareOutcomes(
  scenario: Scenario,
  posts: readonly FaultPost[],
  items: readonly ReviewItemView[],
) {
  const got: Record<string, unknown> = {};
  const want: Record<string, unknown> = {};
  for (const post of posts) {
    const key = `#${post.index} ${post.kind} ${post.type ?? 'clean'}`;
    const outcome: Record<string, unknown> = {
      ...forumOutcome(scenario, post),
      reviewItems: items.filter((i) => i.post.id === post.reviewPostId).length,
    };
    const expected: Record<string, unknown> = {
      ...expectedOutcome(post),
      reviewItems: post.type ? 1 : 0,
    };
    got[key] = outcome;
    want[key] = expected;
  }
  // Nothing reached the forum for a post outside the set (e.g. a job mixed up between posts).
  const known = new Set(posts.map((p) => p.username));
  const strayMessages = scenario.fake.privateMessages.filter(
    (m) => !m.recipients.some((r) => known.has(r)),
  ).length;
  return { got: { ...got, strayMessages }, want: { ...want, strayMessages: 0 } };
}

/** The privacy audit over this scenario's Redis keys and both processes' logs. */
export function auditScenario(scenario: Scenario): Promise<AuditReport> {
  return auditPrivacy({
    redis: scenario.redis,
    prefix: scenario.prefix,
    logFiles: [scenario.apiLog, scenario.workerLog],
    planted: scenario.planted,
  });
}
