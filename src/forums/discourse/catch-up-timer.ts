import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';
import { runCatchUp, type CatchUpDeps, type CatchUpResult } from './catch-up.js';

export interface CatchUpTimerOptions extends CatchUpDeps {
  redis: Redis;
  /** Key prefix (LEAKWATCH_PREFIX). */
  prefix: string;
  /** CATCHUP_INTERVAL in seconds. */
  intervalSeconds: number;
  log: Logger;
  now?: () => number;
}

export interface CatchUpTimer {
  /** One round now (what the timer runs); resolves to undefined when another process holds the lock. */
  runOnce(): Promise<CatchUpResult | undefined>;
  /** Stops the timer; waits for a round in progress. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Periodic catch-up (CATCHUP_INTERVAL): every interval, one process (a Redis lock) looks back to
 * the previous round — at most one day — and queues what the webhooks missed.
 */
export function startCatchUpTimer(options: CatchUpTimerOptions): CatchUpTimer {
  if (!Number.isInteger(options.intervalSeconds) || options.intervalSeconds < 60) {
    throw new TypeError('CATCHUP_INTERVAL must be a whole number of seconds, at least 60');
  }
  const now = options.now ?? Date.now;
  const lockKey = `${options.prefix}:discourse:catch-up:lock`;
  const lastKey = `${options.prefix}:discourse:catch-up:last`;
  let running: Promise<CatchUpResult | undefined> | undefined;

  async function round(): Promise<CatchUpResult | undefined> {
    const got = await options.redis.set(lockKey, '1', 'EX', options.intervalSeconds, 'NX');
    if (got === null) return undefined;
    const startedAt = now();
    const last = Number(await options.redis.get(lastKey));
    const floor = startedAt - 86_400_000;
    // Overlap by a minute so posts created during the previous round are not missed.
    const since = new Date(
      Math.max(
        floor,
        Number.isFinite(last) && last > 0
          ? last - 60_000
          : startedAt - options.intervalSeconds * 2000,
      ),
    );
    const result = await runCatchUp(since, options);
    await options.redis.set(lastKey, String(startedAt), 'EX', 7 * 86_400);
    return result;
  }

  function runOnce(): Promise<CatchUpResult | undefined> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => {
    runOnce().catch((err: Error) =>
      options.log.warn({ err: err.message }, 'discourse catch-up failed'),
    );
  }, options.intervalSeconds * 1000);
  timer.unref();

  let closing: Promise<void> | undefined;
  return {
    runOnce,
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await running?.catch(() => undefined);
      })();
      return closing;
    },
  };
}
