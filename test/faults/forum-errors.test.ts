import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApi, spawnWorker, type Child } from './support/processes.js';
import {
  auditScenario,
  compareOutcomes,
  createScenario,
  deliverAll,
  waitSettled,
  type Scenario,
} from './support/scenario.js';

describe('fault: the forum API answers 500 and 429 for a while, then recovers', () => {
  let scenario: Scenario;
  let api: Child | undefined;
  let worker: Child | undefined;

  beforeAll(async () => {
    scenario = await createScenario('forumerrors');
    [api, worker] = await Promise.all([
      spawnApi(scenario.env, scenario.apiPort, scenario.apiLog),
      spawnWorker(scenario.env, scenario.workerLog),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([api?.stop(), worker?.stop()]);
    await scenario?.close();
  }, 60_000);

  it('retries until the forum recovers; every action arrives exactly once', async () => {
    // The next 30 calls fail with 500, the 30 after that with 429 (Retry-After: 1).
    scenario.fake.failNext(30, { status: 500 });
    scenario.fake.failNext(30, { status: 429, retryAfter: 1 });
    const posts = scenario.addPosts(36);
    const sent = await deliverAll(scenario, posts);
    expect(sent.accepted.size).toBe(posts.length);

    const { items } = await waitSettled(scenario, posts, 180_000);
    const statuses = scenario.fake.calls.map((c) => c.status);
    expect(statuses.filter((s) => s === 500).length).toBe(30);
    expect(statuses.filter((s) => s === 429).length).toBe(30);
    // Strict: a refused call changed nothing at the forum, so a retry must not double anything.
    const { got, want } = compareOutcomes(scenario, posts, items);
    expect(got).toEqual(want);

    const audit = await auditScenario(scenario);
    expect(audit.hits).toEqual([]);
  }, 240_000);
});
