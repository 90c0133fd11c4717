// The service under load: ingest (autocannon against POST /webhooks/discourse), end to end at fixed
// offered rates, scale-out over 1/2/4 worker processes, RSS over 100,000 posts, the scanner on
// pumped inputs, and the privacy audit over everything the run left behind. The API and the
// workers are the shipped entry points (`leakwatch serve` / `leakwatch worker`) in their own
// processes; the forum is a minimal Discourse stub in this process; Redis is REDIS_URL (or
// 127.0.0.1:6379) under a fresh key prefix, deleted at the end.
//
//   npm run bench:service -- [--quick] [--only pumped,ingest,e2e,scale,memory] [--rates 50,200,500,1000]
//        [--duration 30] [--repeat 3] [--connections 20] [--memory-posts 100000] [--scale-posts 10000]
//        [--scale-rates 200,500] [--scale-duration 20] [--scale-workers 1,2,4]
//        [--worker-concurrency N] [--ingest-workers 1] [--json out.json] [--keep-logs]
//   BENCH_CPU_PROF=<dir>: V8 profiles. --ingest-workers 0 measures the API alone (not the target's
//   set-up, which has the worker scanning alongside). The scale phase runs, per worker count, the
//   end-to-end measurement at --scale-rates (empty: none) and then the drain of --scale-posts (0: none).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { auditPrivacy } from '../scripts/audit-privacy.js';
import { startBenchForum } from './lib/service-forum.js';
import { createPostFactory } from './lib/service-posts.js';
import {
  readScanTimes,
  startApiProcess,
  startWorkerProcess,
  type ServiceProcess,
} from './lib/service-procs.js';
import { runPumps } from './lib/service-pumped.js';
import { newResult, sendAtRate, sendClosedLoop, type SendResult } from './lib/service-sender.js';
import { percentile } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rates: { type: 'string' },
    duration: { type: 'string' },
    repeat: { type: 'string' },
    connections: { type: 'string', default: '20' },
    'memory-posts': { type: 'string' },
    'scale-posts': { type: 'string' },
    'scale-rates': { type: 'string' },
    'scale-duration': { type: 'string' },
    'scale-workers': { type: 'string' },
    json: { type: 'string' },
    'keep-logs': { type: 'boolean', default: false },
    'worker-concurrency': { type: 'string' },
    'ingest-workers': { type: 'string', default: '1' },
  },
});
const quick = args.quick;
const phases = new Set((args.only ?? 'pumped,ingest,e2e,scale,memory').split(','));
const rates = (args.rates ?? '50,200,500,1000').split(',').map(Number);
const durationS = Number(args.duration ?? (quick ? 10 : 30));
const repeats = Number(args.repeat ?? (quick ? 1 : 3));
const memoryPosts = Number(args['memory-posts'] ?? (quick ? 20_000 : 100_000));
const scalePosts = Number(args['scale-posts'] ?? (quick ? 3_000 : 10_000));
const scaleRates = (args['scale-rates'] ?? '200,500').split(',').filter(Boolean).map(Number);
const scaleDurationS = Number(args['scale-duration'] ?? (quick ? 10 : 20));
const scaleWorkers = (args['scale-workers'] ?? '1,2,4').split(',').map(Number);

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `lwbench-svc-${randomBytes(4).toString('hex')}`;
const secret = randomBytes(16).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-bench-service-'));
const results: Record<string, unknown> = {};
const out = (line = '') => process.stdout.write(`${line}\n`);
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address ? address.port : 0;
}

const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const scanQueue = new Queue('scan', { connection: redis, prefix });
const actionsQueue = new Queue('actions', { connection: redis, prefix });
const forum = await startBenchForum();
const apiPort = await freePort();
const webhookUrl = `http://127.0.0.1:${apiPort}/webhooks/discourse`;
const env: NodeJS.ProcessEnv = {
  REDIS_URL: redisUrl,
  LEAKWATCH_PREFIX: prefix,
  LEAKWATCH_SECRET_KEY: randomBytes(32).toString('hex'),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  DISCOURSE_URL: forum.url,
  DISCOURSE_API_KEY: forum.apiKey,
  DISCOURSE_API_USERNAME: 'leakwatch-bot',
  DISCOURSE_WEBHOOK_SECRET: secret,
  POLICY_EMAIL: 'notify,flag',
  POLICY_PHONE: 'notify,flag',
  POLICY_CARD: 'notify,flag',
  DEFAULT_REGION: 'GB',
  PUBLIC_URL: 'https://leakwatch.bench',
  MODERATOR_TOKENS: `bench:${randomBytes(16).toString('hex')}`,
  ...(args['worker-concurrency'] ? { WORKER_CONCURRENCY: args['worker-concurrency'] } : {}),
};
const factory = createPostFactory({ secret, instance: forum.url, firstId: 1_000_000, seed: 7 });
const apiLog = join(dir, 'api.log');
const workerLogs: string[] = [];
let api: ServiceProcess | undefined;
let workers: ServiceProcess[] = [];

async function setWorkers(count: number): Promise<void> {
  await Promise.all(workers.map((w) => w.stop()));
  workers = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const log = join(dir, `worker-${workerLogs.length + i}.log`);
      return startWorkerProcess(env, log);
    }),
  );
  workerLogs.push(...workers.map((w) => w.logFile));
}

async function depth(): Promise<{ scan: number; actions: number }> {
  const [s, a] = await Promise.all([
    scanQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    actionsQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
  ]);
  const sum = (c: Record<string, number>) => Object.values(c).reduce((x, y) => x + y, 0);
  return { scan: sum(s), actions: sum(a) };
}

async function waitDrained(timeoutMs: number, samples?: number[]): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await depth();
    samples?.push(d.scan);
    if (d.scan === 0 && d.actions === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Throws away whatever is still queued (between phases, so one phase's backlog does not count in the next). */
async function discardBacklog(): Promise<void> {
  await scanQueue.drain(true);
  await actionsQueue.drain(true);
  await waitDrained(120_000);
}

interface CpuSnapshot {
  api: number;
  workers: number;
  bench: number;
  redis: number;
}

/** CPU time used so far (ms) by the API, the workers, this process and Redis. */
async function cpuSnapshot(): Promise<CpuSnapshot> {
  const info = await redis.info('cpu');
  const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  const own = process.cpuUsage();
  return {
    api: api?.cpuMs() ?? Number.NaN,
    workers: workers.reduce((sum, w) => sum + w.cpuMs(), 0),
    bench: (own.user + own.system) / 1000,
    redis: (seconds('used_cpu_sys') + seconds('used_cpu_user')) * 1000,
  };
}

/** CPU ms per 1,000 requests between two snapshots: what a webhook costs, less swayed by load. */
function cpuSince(a: CpuSnapshot, b: CpuSnapshot, requests: number) {
  const per = (x: number, y: number) => ((y - x) / Math.max(1, requests)) * 1000;
  return {
    apiCpu: per(a.api, b.api),
    workerCpu: per(a.workers, b.workers),
    benchCpu: per(a.bench, b.bench),
    redisCpu: per(a.redis, b.redis),
  };
}

function latencyStats(values: number[]) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

const RATE_HEADER =
  '| offered/s | achieved/s | accepted | non-2xx | scanned | review item p50 / p99 / max ms | forum actions p50 / p99 / max ms | max queue depth | sustained |';
const RATE_RULE = '|---:|---:|---:|---:|---:|---|---|---:|---|';

type RateRow = ReturnType<typeof summarise> & {
  rate: number;
  depthSamples: number[];
  maxDepth: number;
  drained: boolean;
  sustained: boolean;
  cpu: ReturnType<typeof cpuSince>;
};

/**
 * `rate` posts a second for `seconds` against the running workers (open loop), then waits for the
 * queues to drain: latency from each 202 to the review item and to the forum actions, the scan
 * queue's depth each second, and CPU per 1,000 posts (workers and Redis).
 */
async function measureRate(rate: number, seconds: number): Promise<RateRow> {
  const depthSamples: number[] = [];
  const sampler = setInterval(() => {
    void depth().then((d) => depthSamples.push(d.scan));
  }, 1000);
  const cpuBefore = await cpuSnapshot();
  const sent = await sendAtRate(webhookUrl, factory, rate, seconds * 1000);
  const drained = await waitDrained(quick ? 60_000 : 120_000, depthSamples);
  clearInterval(sampler);
  const cpu = cpuSince(cpuBefore, await cpuSnapshot(), sent.accepted.size);
  const scanTimes = await readScanTimes(workers.map((w) => w.logFile));
  const row = summarise(sent, scanTimes, rate, seconds);
  const sustained =
    drained &&
    row.missing === 0 &&
    row.non2xx === 0 &&
    row.scan.p99 < 1000 &&
    row.actions.p99 < 1000;
  if (!drained) await discardBacklog();
  return {
    rate,
    ...row,
    depthSamples,
    maxDepth: Math.max(0, ...depthSamples),
    drained,
    sustained,
    cpu,
  };
}

function printRateRow(row: RateRow): void {
  out(
    `| ${row.rate} | ${f0(row.achieved)} | ${row.accepted} | ${row.non2xx} | ${row.scanned} | ${f0(row.scan.p50)} / ${f0(row.scan.p99)} / ${f0(row.scan.max)} | ${f0(row.actions.p50)} / ${f0(row.actions.p99)} / ${f0(row.actions.max)} | ${row.maxDepth} | ${row.sustained ? 'yes' : 'no'} |`,
  );
  out(`  queue depth (scan, 1 s samples): ${compress(row.depthSamples)}`);
  out(
    `  CPU ms per 1,000 posts: workers ${f0(row.cpu.workerCpu)}, API ${f0(row.cpu.apiCpu)}, Redis ${f0(row.cpu.redisCpu)}; ${row.missing} missing, ${row.late} sent late`,
  );
}

// ---------------------------------------------------------------- machine
const machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  redis: /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown',
  loadAtStart: loadavg().map((x) => +x.toFixed(2)),
  quick,
  workerConcurrency: args['worker-concurrency'] ?? 'default (8)',
  startedAt: new Date().toISOString(),
};
results.machine = machine;
out(`# leakwatch service bench ${quick ? '(--quick)' : ''}`);
out(
  `machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB, node ${machine.node}, Redis ${machine.redis}, load ${machine.loadAtStart.join(' ')}`,
);
out(`prefix ${prefix}, logs in ${dir}`);

try {
  // -------------------------------------------------------------- pumped inputs (ReDoS)
  if (phases.has('pumped')) {
    out('\n## Scanner on pumped inputs (1×/2×/4×/8×)');
    const base = 16_000;
    const pumps = runPumps(base, quick ? 1 : 3);
    results.pumped = pumps;
    out(`| input | ${pumps[0]!.sizes.map((s) => `${s / 1000}k ms`).join(' | ')} | ×/doubling |`);
    out(`|---|${pumps[0]!.sizes.map(() => '---:').join('|')}|---:|`);
    for (const p of pumps) {
      out(`| ${p.name} | ${p.ms.map(f1).join(' | ')} | ${p.perDoubling.toFixed(2)} |`);
    }
    const worst = pumps.reduce((a, b) => (b.perDoubling > a.perDoubling ? b : a));
    out(
      `worst growth ${worst.perDoubling.toFixed(2)}× per doubling (${worst.name}); 2.0 is linear, 4.0 quadratic`,
    );
  }

  const needService = ['ingest', 'e2e', 'scale', 'memory'].some((p) => phases.has(p));
  if (needService) {
    api = await startApiProcess(env, apiPort, apiLog);
    await setWorkers(1);
  }

  // -------------------------------------------------------------- ingest
  if (phases.has('ingest')) {
    const ingestWorkers = Number(args['ingest-workers']);
    if (ingestWorkers !== 1) await setWorkers(ingestWorkers);
    out(
      `\n## Ingest: autocannon, ${args.connections} connections, ${durationS}s × ${repeats}, ${ingestWorkers} worker process(es) running`,
    );
    const runs: Record<string, number>[] = [];
    for (let r = 0; r < repeats; r++) {
      const cpuBefore = await cpuSnapshot();
      const res = await autocannon({
        url: webhookUrl,
        connections: Number(args.connections),
        duration: durationS,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const p = factory.next();
              return { ...req, body: p.body, headers: p.headers };
            },
          },
        ],
      });
      const cpu = cpuSince(cpuBefore, await cpuSnapshot(), res.requests.total);
      const run = {
        ...cpu,
        reqPerSec: res.requests.average,
        total: res.requests.total,
        ok: res['2xx'],
        non2xx: res.non2xx,
        errors: res.errors,
        timeouts: res.timeouts,
        p50: res.latency.p50,
        p99: res.latency.p99,
        max: res.latency.max,
      };
      runs.push(run);
      out(
        `run ${r + 1}: ${f0(run.reqPerSec)} webhooks/s accepted (${run.ok} 2xx, ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts); latency p50 ${run.p50} ms, p99 ${run.p99} ms, max ${run.max} ms`,
      );
      out(
        `  CPU ms per 1,000 webhooks: API ${f0(cpu.apiCpu)}, worker ${f0(cpu.workerCpu)}, bench/autocannon ${f0(cpu.benchCpu)}, Redis ${f0(cpu.redisCpu)} (a shared Redis counts others' load too)`,
      );
      await discardBacklog();
    }
    const med = (k: string) =>
      percentile(
        runs.map((x) => x[k]!),
        50,
      );
    results.ingest = {
      runs,
      median: {
        reqPerSec: med('reqPerSec'),
        p50: med('p50'),
        p99: med('p99'),
        max: med('max'),
        apiCpu: med('apiCpu'),
        workerCpu: med('workerCpu'),
      },
    };
    out(
      `median: ${f0(med('reqPerSec'))} webhooks/s, p50 ${med('p50')} ms, p99 ${med('p99')} ms, max ${med('max')} ms (target ≥ 2,000/s, p99 < 50 ms); API CPU ${f0(med('apiCpu'))} ms per 1,000 webhooks`,
    );
    if (ingestWorkers !== 1) await setWorkers(1);
  }

  // -------------------------------------------------------------- end to end
  if (phases.has('e2e')) {
    out(
      `\n## End to end: offered rates ${rates.join(', ')} posts/s for ${durationS}s, 1 worker process`,
    );
    out(RATE_HEADER);
    out(RATE_RULE);
    const e2e: unknown[] = [];
    let best = 0;
    for (const rate of rates) {
      const row = await measureRate(rate, durationS);
      if (row.sustained) best = Math.max(best, rate);
      e2e.push(row);
      printRateRow(row);
    }
    results.e2e = { rows: e2e, highestSustained: best };
    out(
      `highest offered rate sustained with p99 < 1 s: ${best || 'none of those tried'} posts/s (target ≥ 500)`,
    );
  }

  // -------------------------------------------------------------- scale-out
  if (phases.has('scale')) {
    const scale: Record<string, unknown>[] = [];
    for (const count of scaleWorkers) {
      await setWorkers(count);
      const entry: Record<string, unknown> = { workers: count };
      scale.push(entry);
      if (scaleRates.length > 0) {
        out(
          `\n## Scale-out, end to end: ${count} worker process(es), offered rates ${scaleRates.join(', ')} posts/s for ${scaleDurationS}s`,
        );
        out(RATE_HEADER);
        out(RATE_RULE);
        // Warm-up (JIT, connections) so start-up does not count against the first rate.
        await sendClosedLoop(webhookUrl, factory, 100 * count, 16);
        await waitDrained(120_000);
        const rows: RateRow[] = [];
        for (const rate of scaleRates) {
          const row = await measureRate(rate, scaleDurationS);
          rows.push(row);
          printRateRow(row);
        }
        const best = rows.filter((r) => r.sustained).reduce((m, r) => Math.max(m, r.rate), 0);
        entry.e2e = { rows, highestSustained: best };
        out(
          `highest offered rate sustained with p99 < 1 s, ${count} worker(s): ${best || 'none of those tried'} posts/s`,
        );
      }
      if (scalePosts > 0) {
        // Warm-up (JIT, connections) so start-up does not count as throughput.
        await sendClosedLoop(webhookUrl, factory, 100 * count, 16);
        await waitDrained(120_000);
        const sent = await sendClosedLoop(webhookUrl, factory, scalePosts, 32);
        await waitDrained(600_000);
        const times = await readScanTimes(workers.map((w) => w.logFile));
        const mine = [...sent.accepted.keys()]
          .map((id) => times.get(id))
          .filter((t): t is number => t !== undefined)
          .sort((a, b) => a - b);
        // Steady state: the middle 80% of completions.
        const t10 = mine[Math.floor(mine.length * 0.1)]!;
        const t90 = mine[Math.floor(mine.length * 0.9)]!;
        const last = mine[mine.length - 1]!;
        entry.drain = {
          posts: mine.length,
          throughput: (mine.length * 0.8) / Math.max(0.001, (t90 - t10) / 1000),
          seconds: (last - sent.startedAt) / 1000,
        };
      }
    }
    results.scale = scale;
    if (scaleRates.length > 0) {
      out(
        `\n## Scale-out summary: end to end per worker count (${scaleDurationS}s per rate${scalePosts > 0 ? `; drain of ${scalePosts} queued posts` : ''})`,
      );
      out(
        '| workers | offered/s | achieved/s | review item p50 / p99 / max ms | forum actions p50 / p99 / max ms | max queue depth | errors | sustained | worker / Redis CPU ms per 1,000 posts |',
      );
      out('|---:|---:|---:|---|---|---:|---:|---|---|');
      for (const entry of scale) {
        for (const r of (entry.e2e as { rows: RateRow[] }).rows) {
          out(
            `| ${entry.workers as number} | ${r.rate} | ${f0(r.achieved)} | ${f0(r.scan.p50)} / ${f0(r.scan.p99)} / ${f0(r.scan.max)} | ${f0(r.actions.p50)} / ${f0(r.actions.p99)} / ${f0(r.actions.max)} | ${r.maxDepth} | ${r.non2xx + r.missing} | ${r.sustained ? 'yes' : 'no'} | ${f0(r.cpu.workerCpu)} / ${f0(r.cpu.redisCpu)} |`,
          );
        }
      }
    }
    if (scalePosts > 0) {
      out(
        `\n## Scale-out: ${scalePosts} posts into the queue, drained by ${scaleWorkers.join(', ')} worker processes`,
      );
      out('| workers | drain throughput posts/s (middle 80%) | first sent → last scanned s |');
      out('|---:|---:|---:|');
      for (const entry of scale) {
        const d = entry.drain as { throughput: number; seconds: number };
        out(`| ${entry.workers as number} | ${f0(d.throughput)} | ${f1(d.seconds)} |`);
      }
    }
    await setWorkers(1);
  }

  // -------------------------------------------------------------- memory
  if (phases.has('memory')) {
    out(`\n## Memory: RSS of the API and worker processes over ${memoryPosts} posts`);
    let currentDepth = 0;
    const samples: { t: number; posts: number; api: number; worker: number; depth: number }[] = [];
    const start = Date.now();
    const sent = newResult();
    const sampler = setInterval(() => {
      void depth().then((d) => {
        currentDepth = d.scan;
        samples.push({
          t: (Date.now() - start) / 1000,
          posts: sent.accepted.size,
          api: api!.rssMb(),
          worker: workers[0]!.rssMb(),
          depth: d.scan,
        });
      });
    }, 2000);
    // Backpressure: hold the sender while more than 2,000 posts wait, so the queue (Redis) stays bounded.
    await sendClosedLoop(webhookUrl, factory, memoryPosts, 16, () => currentDepth > 2000, sent);
    await waitDrained(300_000);
    clearInterval(sampler);
    const accepted = sent.accepted.size;
    samples.push({
      t: (Date.now() - start) / 1000,
      posts: accepted,
      api: api!.rssMb(),
      worker: workers[0]!.rssMb(),
      depth: 0,
    });
    const at = (share: number) =>
      samples[Math.min(samples.length - 1, Math.floor(samples.length * share))]!;
    const warm = at(0.2);
    const end = samples[samples.length - 1]!;
    const growth = (a: number, b: number) => ((b - a) / a) * 100;
    results.memory = { samples, warm, end };
    out('| point | elapsed s | API RSS MB | worker RSS MB | scan queue |');
    out('|---|---:|---:|---:|---:|');
    for (const [label, s] of [
      ['start', samples[0]!],
      ['20%', warm],
      ['50%', at(0.5)],
      ['80%', at(0.8)],
      ['end (drained)', end],
    ] as const) {
      out(`| ${label} | ${f0(s.t)} | ${f1(s.api)} | ${f1(s.worker)} | ${s.depth} |`);
    }
    out(
      `${accepted} posts accepted in ${f0((sent.endedAt - sent.startedAt) / 1000)} s; RSS from 20% to the end: API ${f1(growth(warm.api, end.api))}%, worker ${f1(growth(warm.worker, end.worker))}%`,
    );
  }

  // -------------------------------------------------------------- privacy audit
  if (needService) {
    // An even sample of the planted values (the audit's cost grows with values × needles).
    const sample = factory.planted
      .filter((_, i) => i % Math.max(1, Math.floor(factory.planted.length / 50)) === 0)
      .slice(0, 50);
    if (sample.length > 0) {
      writeFileSync(join(dir, 'planted.txt'), `${sample.join('\n')}\n`);
      const report = await auditPrivacy({
        redis,
        prefix,
        logFiles: [apiLog, ...workerLogs],
        planted: sample,
      });
      results.audit = { planted: sample.length, ...report, hits: report.hits.length };
      out(
        `\n## Privacy audit: ${sample.length} of ${factory.planted.length} planted values, ${report.keys} Redis keys (${report.values} values), ${report.logLines} log lines: ${report.hits.length} found`,
      );
      for (const hit of report.hits.slice(0, 20))
        out(`  FOUND planted #${hit.planted} (${hit.form}) in ${hit.where} ${hit.location}`);
    }
  }
} finally {
  await Promise.allSettled([...workers.map((w) => w.stop()), api?.stop()]);
  results.loadAtEnd = loadavg().map((x) => +x.toFixed(2));
  out(`\nload at end: ${(results.loadAtEnd as number[]).join(' ')}`);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await scanQueue.close();
  await actionsQueue.close();
  redis.disconnect();
  await forum.close();
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
  if (!args['keep-logs']) rmSync(dir, { recursive: true, force: true });
}

function summarise(
  sent: SendResult,
  scanTimes: Map<number, number>,
  rate: number,
  seconds: number,
) {
  const scanLat: number[] = [];
  const actionLat: number[] = [];
  let missing = 0;
  for (const [id, acceptedAt] of sent.accepted) {
    const scanned = scanTimes.get(id);
    if (scanned === undefined) {
      missing++;
      continue;
    }
    // The worker may finish before the sender has read the 202: that counts as 0.
    scanLat.push(Math.max(0, scanned - acceptedAt));
    if (sent.hasData.has(id)) {
      const a = forum.actions.get(id);
      if (a?.notify !== undefined && a.flag !== undefined) {
        actionLat.push(Math.max(0, Math.max(a.notify, a.flag) - acceptedAt));
      } else missing++;
    }
  }
  const non2xx = Object.entries(sent.statuses)
    .filter(([s]) => !(Number(s) >= 200 && Number(s) < 300))
    .reduce((n, [, c]) => n + c, 0);
  return {
    offered: rate,
    achieved: sent.sent / Math.max(seconds, (sent.endedAt - sent.startedAt) / 1000),
    sent: sent.sent,
    late: sent.late,
    accepted: sent.accepted.size,
    non2xx,
    scanned: scanLat.length,
    missing,
    scan: latencyStats(scanLat),
    actions: latencyStats(actionLat),
  };
}

function compress(samples: number[]): string {
  if (samples.length <= 40) return samples.join(' ');
  const step = Math.ceil(samples.length / 40);
  return samples.filter((_, i) => i % step === 0).join(' ');
}
