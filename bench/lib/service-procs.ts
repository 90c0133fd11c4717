/**
 * The processes under test in the service bench: `leakwatch serve` and `leakwatch worker` (the
 * shipped entry points, run with tsx), each logging JSON lines to its own file, and helpers to read
 * their RSS and the worker's "post scanned" times back out of the logs afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, createReadStream, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on Linux everywhere we run). */
const CLOCK_TICKS = 100;

export interface ServiceProcess {
  kind: 'api' | 'worker';
  proc: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
  rssMb(): number;
  /** CPU time (user + system) used so far, in ms: what a request costs, less swayed by load. */
  cpuMs(): number;
}

function spawnService(
  kind: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  logFile: string,
): ServiceProcess {
  const fd = openSync(logFile, 'a');
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each service process there (at exit).
  const profile = process.env.BENCH_CPU_PROF
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`,
        `--cpu-prof-name=${kind}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const proc = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', 'src/cli.ts', kind === 'api' ? 'serve' : 'worker'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', fd, fd],
    },
  );
  closeSync(fd);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    kind,
    proc,
    logFile,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    },
    cpuMs() {
      try {
        // Counting after the command name (it may hold spaces), utime and stime are 12th and 13th.
        const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return Number.NaN;
      }
    },
    rssMb() {
      try {
        const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        return kb / 1024;
      } catch {
        return Number.NaN;
      }
    },
  };
}

async function waitFor(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startApiProcess(env: NodeJS.ProcessEnv, port: number, logFile: string) {
  const api = spawnService('api', { ...env, PORT: String(port) }, logFile);
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
    90_000,
    'API /readyz',
  );
  return api;
}

export async function startWorkerProcess(env: NodeJS.ProcessEnv, logFile: string) {
  const before = safeLength(logFile);
  const worker = spawnService('worker', env, logFile);
  await waitFor(
    () => readFileSync(logFile, 'utf8').slice(before).includes('leakwatch workers running'),
    240_000,
    'worker ready',
  );
  return worker;
}

function safeLength(file: string): number {
  try {
    return readFileSync(file, 'utf8').length;
  } catch {
    return 0;
  }
}

/** postId → time (ms) of the worker's "post scanned" line (the review item is written by then). */
export async function readScanTimes(logFiles: readonly string[]): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  for (const file of logFiles) {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.includes('"post scanned"')) continue;
      try {
        const entry = JSON.parse(line) as { postId?: string; time?: number };
        const id = Number(entry.postId);
        if (Number.isSafeInteger(id) && typeof entry.time === 'number' && !times.has(id))
          times.set(id, entry.time);
      } catch {
        // a partial line at a kill; ignore
      }
    }
  }
  return times;
}
