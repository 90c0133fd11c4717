/**
 * Real processes for the fault tests: the API (`src/cli.ts serve`, the shipped entry point), a
 * worker (support/worker-process.ts, i.e. startWorkers() with a short lock) and a private
 * redis-server with AOF persistence. Each child logs to a file the privacy audit reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** Polls `probe` until it returns a value (not undefined/false); throws after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined | false;
    try {
      value = await probe();
    } catch {
      value = undefined;
    }
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface Child {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly logFile: string;
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
  /** Sends `signal` and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function spawnChild(name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Child {
  const fd = openSync(logFile, 'a');
  // `node --import tsx` rather than `npx tsx`: one process, so SIGKILL hits the service itself.
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'test' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return {
    name,
    proc,
    logFile,
    exited,
    isRunning: () => proc.exitCode === null && proc.signalCode === null,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The API process on `port`; resolves once GET /healthz answers. */
export async function spawnApi(env: NodeJS.ProcessEnv, port: number, logFile: string) {
  const child = spawnChild('api', ['src/cli.ts', 'serve'], { ...env, PORT: String(port) }, logFile);
  await waitUntil(
    async () => {
      if (!child.isRunning()) throw new Error('api exited');
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    },
    90_000,
    'the API process to answer /healthz',
    200,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${tail(logFile)}`);
  });
  return child;
}

/** A worker process; resolves once both BullMQ workers are connected. */
export async function spawnWorker(env: NodeJS.ProcessEnv, logFile: string): Promise<Child> {
  const before = existsSync(logFile) ? readFileSync(logFile, 'utf8').length : 0;
  const child = spawnChild('worker', ['test/faults/support/worker-process.ts'], env, logFile);
  await waitUntil(
    () => {
      if (!child.isRunning()) throw new Error('worker exited');
      return readFileSync(logFile, 'utf8').slice(before).includes('fault worker ready');
    },
    90_000,
    'the worker process to be ready',
    200,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${tail(logFile)}`);
  });
  return child;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  /** SHUTDOWN NOSAVE: the data survives only through the AOF, fsynced on every write. */
  shutdownNoSave(): Promise<void>;
  kill(): Promise<void>;
}

/** A redis-server of our own (AOF on, fsync always) on a free port, data in `dir`. */
export async function startPrivateRedis(dir: string): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const ping = async () => {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } finally {
      probe.disconnect();
    }
  };
  const handle: PrivateRedis = {
    url,
    port,
    dir,
    async start() {
      proc = spawn(
        REDIS_SERVER,
        [
          '--bind',
          '127.0.0.1',
          '--port',
          String(port),
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--save',
          '',
          '--maxmemory-policy',
          'noeviction',
          '--dir',
          dir,
          '--logfile',
          join(dir, 'redis.log'),
        ],
        { stdio: 'ignore' },
      );
      const p = proc;
      exited = new Promise((r) => p.once('exit', () => r()));
      await waitUntil(ping, 30_000, `redis-server on port ${port}`, 100);
    },
    async shutdownNoSave() {
      const admin = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      admin.on('error', () => undefined);
      await admin.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
      admin.disconnect();
      await exited;
    },
    async kill() {
      proc?.kill('SIGKILL');
      await exited;
    },
  };
  await handle.start();
  return handle;
}
