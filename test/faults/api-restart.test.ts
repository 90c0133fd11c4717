import { describe, expect, it } from 'vitest';
import { spawnApi, waitUntil } from './support/processes.js';
import { auditScenario, compareOutcomes, deliverAll, waitSettled } from './support/scenario.js';
import { useFaultRun } from './support/fault-run.js';

describe('fault: the API process is restarted mid-run', () => {
  const run = useFaultRun('apirestart');

  it('redeliveries after a killed or restarted API are accepted once; nothing is lost or doubled', async () => {
    const { scenario, apis } = run;
    const first = scenario.addPosts(15);
    const sent = await deliverAll(scenario, first, { concurrency: 2 });
    await waitUntil(() => scenario.fake.calls.length >= 2, 60_000, 'first forum calls', 20);
    // Killed (SIGKILL): deliveries fail to connect and are made again once it is back.
    await apis[0]!.stop('SIGKILL');
    const second = deliverAll(scenario, scenario.addPosts(15), {
      concurrency: 2,
      retryDelayMs: 200,
      log: sent,
    });
    await waitUntil(() => sent.attempts.filter((s) => s === 0).length >= 2, 30_000, 'refused', 20);
    apis.push(await spawnApi(scenario.env, scenario.apiPort, scenario.apiLog));
    await second;
    // Stopped gracefully (SIGTERM) while deliveries are being made, then started again.
    const stopping = apis[1]!.stop('SIGTERM');
    const third = deliverAll(scenario, scenario.addPosts(15), {
      concurrency: 2,
      retryDelayMs: 200,
      log: sent,
    });
    await stopping;
    // And while it is down, more arrive: refused until it is back.
    const failedBefore = sent.attempts.filter((s) => s !== 202).length;
    const fourth = deliverAll(scenario, scenario.addPosts(6), {
      concurrency: 2,
      retryDelayMs: 200,
      log: sent,
    });
    await waitUntil(
      () => sent.attempts.filter((s) => s !== 202).length >= failedBefore + 2,
      30_000,
      'deliveries refused while stopped',
      20,
    );
    apis.push(await spawnApi(scenario.env, scenario.apiPort, scenario.apiLog));
    await Promise.all([third, fourth]);
    const posts = scenario.posts;

    expect(sent.accepted.size).toBe(posts.length);
    expect(sent.attempts.every((s) => s === 202 || s === 0 || s === 503)).toBe(true);

    const { items } = await waitSettled(scenario, posts, 180_000);
    const { got, want } = compareOutcomes(scenario, posts, items);
    expect(got).toEqual(want);

    const audit = await auditScenario(scenario);
    expect(audit.hits).toEqual([]);
  }, 300_000);
});
