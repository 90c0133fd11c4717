import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import type { Logger } from './log.js';
import { DEFAULT_REDIS_URL } from './redis.js';

/** True when something at host:port answers PING with PONG. */
export function pingRedis(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    let answer = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) finish(answer.startsWith('+PONG'));
    });
  });
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export class RedisMissingError extends Error {
  constructor() {
    super(
      'Redis does not answer on 127.0.0.1:6379 and redis-server is not installed. Either run `docker compose up -d redis`, ' +
        'or install redis-server (e.g. `sudo apt-get install redis-server` or `brew install redis`), or set REDIS_URL.',
    );
    this.name = 'RedisMissingError';
  }
}

/**
 * With REDIS_URL set, that URL. Without it, 127.0.0.1:6379 if it answers; else a private
 * redis-server (AOF persistence, data under <stateDir>/redis) started in the background.
 */
export async function ensureRedis(options: {
  redisUrl: string | undefined;
  stateDir?: string;
  log: Logger;
  /** Where the local default lives; 6379 unless a test says otherwise. */
  port?: number;
  /** Looks a command up on PATH; injectable for tests. */
  hasCommand?: (command: string) => boolean;
}): Promise<string> {
  if (options.redisUrl) return options.redisUrl;
  const port = options.port ?? 6379;
  const url = port === 6379 ? DEFAULT_REDIS_URL : `redis://127.0.0.1:${port}`;
  if (await pingRedis('127.0.0.1', port)) return url;
  if (!(options.hasCommand ?? onPath)('redis-server')) throw new RedisMissingError();
  const dir = resolve(options.stateDir ?? '.leakwatch', 'redis');
  mkdirSync(dir, { recursive: true });
  const started = spawnSync(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--daemonize',
      'yes',
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      dir,
      '--pidfile',
      resolve(dir, 'redis.pid'),
      '--logfile',
      resolve(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  if (started.status !== 0)
    throw new Error(`redis-server failed to start; see ${resolve(dir, 'redis.log')}`);
  for (let i = 0; i < 50; i++) {
    if (await pingRedis('127.0.0.1', port)) {
      options.log.warn(
        { dir, port },
        `No Redis answered on 127.0.0.1:${port}, so leakwatch started a private redis-server there (persistence on, data in ${dir}). Stop it with \`redis-cli -p ${port} shutdown\`.`,
      );
      return url;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server did not come up; see ${resolve(dir, 'redis.log')}`);
}
