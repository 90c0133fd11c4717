import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApi, spawnWorker, waitUntil, type Child } from './support/processes.js';
import {
  AT_LEAST_ONCE,
  auditScenario,
  compareOutcomes,
  createScenario,
  deliverAll,
  waitSettled,
  type Scenario,
} from './support/scenario.js';

describe('fault: the worker process is SIGKILLed mid-run and restarted', () => {
  let scenario: Scenario;
  let api: Child | undefined;
  const workers: Child[] = [];

  beforeAll(async () => {
    scenario = await createScenario('workerkill');
    [api] = await Promise.all([
      spawnApi(scenario.env, scenario.apiPort, scenario.apiLog),
      spawnWorker(scenario.env, scenario.workerLog).then((w) => workers.push(w)),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([api?.stop(), ...workers.map((w) => w.stop('SIGKILL'))]);
    await scenario?.close();
  }, 60_000);

  it('every accepted post ends with one review item (with data) and one action of each kind', async () => {
    const first = scenario.addPosts(30);
    const sent = await deliverAll(scenario, first);
    // Kill while the worker is part-way through: some forum calls made, not all.
    await waitUntil(
      () => scenario.fake.calls.filter((c) => c.method !== 'GET').length >= 4,
      60_000,
      'the worker to make its first forum calls',
      20,
    );
    await workers[0]!.stop('SIGKILL');
    // Posts arriving while no worker runs are still accepted (and wait in Redis).
    const second = scenario.addPosts(20);
    await deliverAll(scenario, second, { log: sent });
    expect(sent.accepted.size).toBe(50);

    workers.push(await spawnWorker(scenario.env, scenario.workerLog));
    const { items } = await waitSettled(scenario, scenario.posts);
    const { got, want, duplicates } = compareOutcomes(scenario, scenario.posts, items, {
      atLeastOnce: AT_LEAST_ONCE,
    });
    if (Object.keys(duplicates).length > 0) console.warn('at-least-once duplicates', duplicates);
    expect(got).toEqual(want);

    const audit = await auditScenario(scenario);
    expect(audit.keys).toBeGreaterThan(0);
    expect(audit.logLines).toBeGreaterThan(0);
    expect(audit.hits).toEqual([]);
  }, 240_000);
});
