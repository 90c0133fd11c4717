import { describe, expect, it } from 'vitest';

import { auditScenario, compareOutcomes, deliverAll, waitSettled } from './support/scenario.js';
import { useFaultRun } from './support/fault-run.js';

describe('fault: the forum API answers 500 and 429 for a while, then recovers', () => {
  const run = useFaultRun('forumerrors');

  it('retries until the forum recovers; every action arrives exactly once', async () => {
    const { scenario } = run;
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
