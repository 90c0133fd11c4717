import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { encryptText } from '../../src/crypto.js';
import { waitUntil } from './support/processes.js';
import {
  auditScenario,
  compareOutcomes,
  deliverAll,
  queueCounts,
  waitSettled,
} from './support/scenario.js';
import { useFaultRun } from './support/fault-run.js';

describe('fault: poison jobs added straight to the scan queue', () => {
  // One job at a time, so a poison job that blocked the queue would stop everything behind it.
  const run = useFaultRun('poison', { env: { WORKER_CONCURRENCY: '1' } });

  it('fail alone, keep no text, and do not hold up the posts behind them', async () => {
    const { scenario } = run;
    const secretText = `call me on +44 20 7946 0${String(Math.floor(Math.random() * 900) + 100)}`;
    scenario.planted.push(secretText.slice('call me on '.length));
    const post = {
      id: '901',
      version: 1,
      format: 'markdown',
      author: { id: 9, username: 'poison' },
    };
    const queue = new Queue('scan', {
      connection: scenario.redis,
      prefix: scenario.prefix,
      defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
    });
    const poison = [
      // Not ciphertext at all.
      {
        id: 'discourse-901-v1',
        data: {
          v: 1,
          forum: 'discourse',
          event: 'created',
          post,
          text: 'not-a-box',
          receivedAt: Date.now(),
        },
      },
      // Ciphertext under another key (or tampered): authentication fails.
      {
        id: 'discourse-902-v1',
        data: {
          v: 1,
          forum: 'discourse',
          event: 'created',
          post: { ...post, id: '902' },
          text: encryptText(randomBytes(32), secretText, 'discourse-902-v1'),
          receivedAt: Date.now(),
        },
      },
      // Not the job schema.
      { id: 'discourse-903-v1', data: { v: 7, forum: 42, post: null } },
    ];
    for (const job of poison) await queue.add('scan', job.data as never, { jobId: job.id });
    await queue.close();

    const posts = scenario.addPosts(15);
    const sent = await deliverAll(scenario, posts);
    expect(sent.accepted.size).toBe(posts.length);

    // The good posts are all handled while the poison jobs are still being retried or failed.
    const { items } = await waitSettled(scenario, posts, 180_000, 3);
    const { got, want } = compareOutcomes(scenario, posts, items);
    expect(got).toEqual(want);

    const failed = await waitUntil(
      async () => {
        const counts = await queueCounts(scenario);
        return counts.scan!.failed === 3 ? counts : undefined;
      },
      120_000,
      'the three poison jobs to fail',
    );
    expect(failed.actions!.failed).toBe(0);
    expect(run.workers[0]!.isRunning()).toBe(true);

    const audit = await auditScenario(scenario);
    expect(audit.failedJobs).toBe(3);
    expect(audit.hits).toEqual([]);
  }, 300_000);
});
