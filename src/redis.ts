import { Redis, type RedisOptions } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * `producer`: API side; no offline queue and short timeouts so an outage becomes a fast 503.
 * `worker`: BullMQ workers need maxRetriesPerRequest null and ride out outages.
 * `store`: review store reads/writes from the API; fails fast like the producer.
 */
export type RedisRole = 'producer' | 'worker' | 'store';

export function createRedis(url: string | undefined, role: RedisRole, name = 'leakwatch'): Redis {
  const common: RedisOptions = {
    connectionName: `${name}-${role}`,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  };
  const options: RedisOptions =
    role === 'worker'
      ? { ...common, maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          ...common,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          commandTimeout: 2000,
          connectTimeout: 2000,
        };
  const redis = new Redis(url ?? DEFAULT_REDIS_URL, options);
  // ioredis emits 'error' on every failed reconnect; callers see failures on their commands.
  redis.on('error', () => undefined);
  return redis;
}

/** Resolves when `redis` is connected and answers PING, or rejects after `timeoutMs`. */
export async function waitForRedis(redis: Redis, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (redis.status === 'ready' && (await redis.ping()) === 'PONG') return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('Redis did not answer');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
