import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { ensureRedis, pingRedis, RedisMissingError } from '../../src/redis-local.js';
import { LogCapture } from './support/service.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const hasRedisServer = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('ensureRedis', () => {
  const started: number[] = [];
  afterAll(() => {
    for (const port of started) {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
  });

  it('ensureRedis({redisUrl}) uses REDIS_URL as given', async () => {
    const log = createLogger({ destination: new LogCapture() });
    expect(await ensureRedis({ redisUrl: 'redis://example:1', log })).toBe('redis://example:1');
  });

  it('ensureRedis with nothing listening and no redis-server names both ways to get Redis', async () => {
    const log = createLogger({ destination: new LogCapture() });
    const port = await freePort();
    const attempt = ensureRedis({ redisUrl: undefined, log, port, hasCommand: () => false });
    await expect(attempt).rejects.toBeInstanceOf(RedisMissingError);
    await expect(attempt).rejects.toThrow(/docker compose up -d redis.*install redis-server/s);
  });

  it.runIf(hasRedisServer)(
    'ensureRedis with nothing listening starts a private redis-server with AOF and says so',
    async () => {
      const logs = new LogCapture();
      const log = createLogger({ destination: logs });
      const port = await freePort();
      const stateDir = mkdtempSync(join(tmpdir(), 'leakwatch-redis-'));
      const url = await ensureRedis({ redisUrl: undefined, log, port, stateDir });
      started.push(port);
      expect(url).toBe(`redis://127.0.0.1:${port}`);
      expect(await pingRedis('127.0.0.1', port)).toBe(true);
      const appendonly = execFileSync('redis-cli', [
        '-p',
        String(port),
        'config',
        'get',
        'appendonly',
      ]).toString();
      expect(appendonly).toContain('yes');
      expect(existsSync(join(stateDir, 'redis', 'redis.pid'))).toBe(true);
      expect(logs.lines.join('\n')).toContain('started a private redis-server');
      // A second call finds it running and starts nothing more.
      expect(await ensureRedis({ redisUrl: undefined, log, port, stateDir })).toBe(url);
      expect(readFileSync(join(stateDir, 'redis', 'redis.pid'), 'utf8').trim()).toMatch(/^\d+$/);
    },
  );
});
