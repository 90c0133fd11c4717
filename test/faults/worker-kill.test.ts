import { describe, expect, it } from 'vitest';
import { spawnWorker, waitUntil } from './support/processes.js';
import { auditScenario, compareOutcomes, deliverAll, waitSettled } from './support/scenario.js';
import { useFaultRun } from './support/fault-run.js';

describe('fault: the worker process is SIGKILLed mid-run and restarted', () => {
  const run = useFaultRun('workerkill', { stopWorkersWith: 'SIGKILL' });

  it('every accepted post ends with one review item (with data) and one action of each kind', async () => {
    const { scenario, workers } = run;
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
    // Strict: a job killed after Discourse created its PM finds that PM when retried.
    const { got, want } = compareOutcomes(scenario, scenario.posts, items);
    expect(got).toEqual(want);

    const audit = await auditScenario(scenario);
    expect(audit.keys).toBeGreaterThan(0);
    expect(audit.logLines).toBeGreaterThan(0);
    expect(audit.hits).toEqual([]);
  }, 240_000);
});

describe('fault: the worker is SIGKILLed after Discourse created a PM, before its answer arrived', () => {
  const run = useFaultRun('pmkill', { stopWorkersWith: 'SIGKILL' });

  it("the retried notify finds the PM in the bot's sent messages and does not send it again", async () => {
    const { scenario, workers } = run;
    // The first PM is created at the forum, but its answer never comes back: the worker is killed
    // while it waits, so the job is neither completed nor failed.
    scenario.fake.failNext(1, { status: 0, match: /^POST \/posts\.json$/, afterHandling: true });
    const posts = scenario.addPosts(10);
    const sent = await deliverAll(scenario, posts);
    expect(sent.accepted.size).toBe(posts.length);
    const held = await waitUntil(
      () => scenario.fake.privateMessages[0],
      60_000,
      'the first PM to be created',
      20,
    );
    await workers[0]!.stop('SIGKILL');
    const killedAt = scenario.fake.calls.length;
    workers.push(await spawnWorker(scenario.env, scenario.workerLog));

    const { items } = await waitSettled(scenario, posts);
    const { got, want } = compareOutcomes(scenario, posts, items);
    expect(got).toEqual(want);
    const pmPosts = scenario.fake.calls.filter(
      (c) => c.method === 'POST' && c.path === '/posts.json',
    );
    expect(pmPosts.filter((c) => (c.body as { title?: string }).title === held.title)).toHaveLength(
      1,
    );
    // After the restart the job ran again and looked its PM up rather than sending it.
    expect(
      scenario.fake.calls
        .slice(killedAt)
        .some((c) => c.method === 'GET' && c.path.startsWith('/topics/private-messages-sent/')),
    ).toBe(true);
    const audit = await auditScenario(scenario);
    expect(audit.hits).toEqual([]);
  }, 240_000);
});
