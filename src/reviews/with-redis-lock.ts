import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const LOCK_MS = 10_000;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Runs `fn` holding a Redis lock (SET NX PX with a random token, released only by its owner).
 * The lock expires on its own if the holder dies.
 */
export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  fn: () => Promise<T>,
): Promise<T> {
  const token = randomUUID();
  for (let attempt = 0; ; attempt++) {
    if ((await redis.set(key, token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
    if (attempt > 500) throw new Error('review item is locked; try again');
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(UNLOCK, 1, key, token).catch(() => undefined);
  }
}
