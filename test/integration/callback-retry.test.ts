import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallbackServer } from './support/callback-server.js';
import {
  CALLBACK_SECRET,
  genericPost,
  randomPrefix,
  startTestService,
  waitFor,
  type TestService,
} from './support/service.js';

describe('forum callback outage', () => {
  let service: TestService;
  let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;

  beforeAll(async () => {
    callbacks = await startCallbackServer(CALLBACK_SECRET, { failFirst: 2 });
    service = await startTestService({
      prefix: randomPrefix('retry'),
      env: {
        GENERIC_CALLBACK_URL: callbacks.url,
        GENERIC_CALLBACK_SECRET: CALLBACK_SECRET,
        POLICY_PHONE: 'notify',
      },
      workers: { actionBackoffMs: 100 },
    });
  });
  afterAll(async () => {
    await service?.close();
    await callbacks?.close();
  });

  it('a callback answered 500 twice is retried with backoff and delivered on the third attempt', async () => {
    await service.postWebhook(genericPost('r-1', 'call 020 7946 0958'));
    await waitFor(() => callbacks.delivered().length === 1, 20_000, 'the third delivery');
    expect(callbacks.received.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(
      new Set(callbacks.received.map((r) => r.raw.replace(/"respondUrl":"[^"]*",?/, ''))).size,
    ).toBe(1);
    expect(callbacks.received.every((r) => r.signatureValid && r.body.decision === 'notify')).toBe(
      true,
    );
    // The job completes just after the forum answers 200: wait for the queue to settle.
    const counts = await waitFor(
      async () => {
        const c = await service.workers!.queues.actions.getJobCounts(
          'failed',
          'delayed',
          'waiting',
          'active',
        );
        return c.active === 0 && c.waiting === 0 && c.delayed === 0 && c;
      },
      15_000,
      'the action job to complete',
    );
    expect(counts.failed).toBe(0);
    expect(await service.workers!.queues.actions.getCompletedCount()).toBe(1);
  });
});

describe('DRY_RUN=true', () => {
  let service: TestService;
  let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;

  beforeAll(async () => {
    callbacks = await startCallbackServer(CALLBACK_SECRET);
    service = await startTestService({
      prefix: randomPrefix('dryrun'),
      env: {
        GENERIC_CALLBACK_URL: callbacks.url,
        GENERIC_CALLBACK_SECRET: CALLBACK_SECRET,
        DRY_RUN: 'true',
      },
      workers: true,
    });
  });
  afterAll(async () => {
    await service?.close();
    await callbacks?.close();
  });

  it('logs the actions it would take, records the review item, and sends nothing to the forum', async () => {
    await service.postWebhook(genericPost('dry-1', 'card 4539 1488 0343 6467'));
    const lines = await waitFor(
      () => {
        const dry = service.logs.lines.filter((l) => l.includes('dry run: action not sent'));
        return dry.length === 3 && dry;
      },
      15_000,
      'three dry-run log lines',
    );
    expect(lines.map((l) => (JSON.parse(l) as { kind: string }).kind).sort()).toEqual([
      'flag',
      'hide',
      'notify',
    ]);
    expect(callbacks.received).toEqual([]);
  });
});
