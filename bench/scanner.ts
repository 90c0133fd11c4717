/**
 * `npm run bench`: scanner throughput, latency, adversarial inputs and accuracy, with
 * @redactpii/node and @arcjet/redact measured in the same run for comparison.
 *
 *   node dist/bench/scanner.js [--quick] [--json] [--holdout]
 *
 * Corpora are generated from fixed seeds, so figures are comparable between commits.
 * Nothing here prints text or values: only sizes, times, counts and scores.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { scan } from '../src/scanner/index.js';
import type { ScanOptions } from '../src/scanner/types.js';
import { evaluate, type CorpusCase, type Span } from './evaluate.js';
import { runAdversarial } from './lib/adversarial-run.js';
import { createArcjet, createRedactPii, type Competitor } from './lib/competitors.js';
import { loadCorpusCases } from './lib/corpus-files.js';
import { generateDigitCorpus } from './lib/digit-corpus.js';
import { generateForumCorpus, generateSizedPosts, type Corpus } from './lib/forum-corpus.js';
import {
  renderReport,
  type AccuracyRow,
  type BenchResult,
  type LatencyRow,
  type ThroughputRow,
} from './lib/report.js';
import { verdicts } from './lib/verdicts.js';
import { median, percentile, timeMs, timeMsAsync } from './lib/stats.js';

const FORUM_REGION = 'GB';

interface Plan {
  forumBytes: number;
  digitBytes: number;
  passes: number;
  /** Passes for the slow comparison library (arcjet runs at about 1 MB/s). */
  slowPasses: number;
  /** Bytes of each corpus the slow library scans (a prefix of the same posts). */
  slowBytes: number;
  latency2k: number;
  latency20k: number;
}

const FULL: Plan = {
  forumBytes: 8e6,
  digitBytes: 4e6,
  passes: 7,
  slowPasses: 3,
  slowBytes: 5e5,
  latency2k: 2000,
  latency20k: 300,
};
const QUICK: Plan = {
  forumBytes: 2e6,
  digitBytes: 1e6,
  passes: 3,
  slowPasses: 1,
  slowBytes: 2e5,
  latency2k: 300,
  latency20k: 50,
};

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function mbs(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

function prefix(corpus: Corpus, maxBytes: number): Corpus {
  const posts: string[] = [];
  let bytes = 0;
  for (const post of corpus.posts) {
    if (bytes >= maxBytes) break;
    posts.push(post);
    bytes += Buffer.byteLength(post, 'utf8');
  }
  return { posts, bytes };
}

function summarise(samples: number[]): {
  median: number;
  min: number;
  max: number;
  passes: number;
} {
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    passes: samples.length,
  };
}

/** One warm-up pass, then `passes` timed passes over every post. */
async function passesOf(
  run: (posts: readonly string[]) => Promise<void> | void,
  corpus: Corpus,
  passes: number,
) {
  await run(corpus.posts.slice(0, Math.min(corpus.posts.length, 200)));
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < passes; i++) {
    const cpu = process.cpuUsage();
    samples.push(mbs(corpus.bytes, await timeMsAsync(async () => run(corpus.posts))));
    const used = process.cpuUsage(cpu);
    cpuSamples.push(mbs(corpus.bytes, (used.user + used.system) / 1000));
  }
  return { ...summarise(samples), cpuMedian: median(cpuSamples) };
}

function leakwatchRun(options: ScanOptions) {
  return (posts: readonly string[]): void => {
    for (const post of posts) scan(post, options);
  };
}

function latency(label: string, corpus: Corpus): LatencyRow {
  const options: ScanOptions = { region: FORUM_REGION };
  for (const post of corpus.posts.slice(0, 50)) scan(post, options);
  const times = corpus.posts.map((post) => timeMs(() => scan(post, options)));
  return {
    label,
    posts: corpus.posts.length,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: Math.max(...times),
  };
}

async function accuracyOf(
  name: string,
  cases: readonly CorpusCase[],
  spansOf: (c: CorpusCase) => Promise<Span[]>,
  counters: () => { unaligned: number; failures: number },
): Promise<AccuracyRow> {
  const before = counters();
  // evaluate() is synchronous; asynchronous libraries answer first, then are looked up in order.
  const answers: Span[][] = [];
  for (const c of cases) answers.push(await spansOf(c));
  let next = 0;
  const evaluation = evaluate(cases, () => answers[next++] ?? []);
  const after = counters();
  return {
    name,
    exact: evaluation.exact,
    overlap: evaluation.overlap,
    unaligned: after.unaligned - before.unaligned,
    failures: after.failures - before.failures,
  };
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty === '' ? sha : `${sha}+dirty`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      holdout: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: node dist/bench/scanner.js [--quick] [--json] [--holdout]\n' +
        '  --quick    smaller corpora and fewer passes (a smoke run)\n' +
        '  --json     print the results as JSON\n' +
        '  --holdout  score on the holdout-* corpus files too\n',
    );
    return 0;
  }
  const plan = values.quick ? QUICK : FULL;
  const started = performance.now();

  progress('generating corpora');
  const forum = generateForumCorpus(20240601, plan.forumBytes);
  const digits = generateDigitCorpus(20240602, plan.digitBytes);
  const posts2k = generateSizedPosts(20240603, 2048, plan.latency2k);
  const posts20k = generateSizedPosts(20240604, 20480, plan.latency20k);
  const corpus = loadCorpusCases(values.holdout);

  const throughput: ThroughputRow[] = [];
  progress('leakwatch throughput');
  const lw = leakwatchRun({ region: FORUM_REGION });
  throughput.push({
    name: 'leakwatch',
    forum: await passesOf(lw, forum, plan.passes),
    digits: await passesOf(lw, digits, plan.passes),
  });

  progress('latency');
  const latencyRows = [latency('2 KB', posts2k), latency('20 KB', posts20k)];

  progress('adversarial inputs');
  const adversarialRows = await runAdversarial(FORUM_REGION, values.quick ? 3000 : 5000);

  const competitors: Competitor[] = [createRedactPii(), createArcjet()];
  for (const c of competitors) {
    progress(`${c.name} throughput`);
    const slow = c.name === '@arcjet/redact';
    const run = (posts: readonly string[]) => c.runAll(posts);
    const failuresBefore = c.failures;
    const row: ThroughputRow = {
      name: c.name,
      forum: await passesOf(
        run,
        slow ? prefix(forum, plan.slowBytes) : forum,
        slow ? plan.slowPasses : plan.passes,
      ),
      digits: await passesOf(
        run,
        slow ? prefix(digits, plan.slowBytes) : digits,
        slow ? plan.slowPasses : plan.passes,
      ),
    };
    const notes: string[] = [];
    if (slow)
      notes.push(`timed on the first ${plan.slowBytes / 1e6} MB of each corpus (it is slow)`);
    if (c.failures > failuresBefore)
      notes.push(`threw on ${c.failures - failuresBefore} posts (timed all the same)`);
    if (notes.length > 0) row.note = notes.join('; ');
    throughput.push(row);
  }

  const accuracy: AccuracyRow[] = [];
  if (corpus.cases.length > 0) {
    progress(`accuracy on ${corpus.cases.length} labelled cases`);
    accuracy.push(
      await accuracyOf(
        'leakwatch',
        corpus.cases,
        async (c) =>
          scan(c.text, { region: c.region, format: c.format }).map(({ type, start, end }) => ({
            type,
            start,
            end,
          })),
        () => ({ unaligned: 0, failures: 0 }),
      ),
    );
    for (const c of competitors) {
      accuracy.push(
        await accuracyOf(
          c.name,
          corpus.cases,
          (k) => c.spans(k.text),
          () => ({ unaligned: c.unaligned, failures: c.failures }),
        ),
      );
    }
  }

  const result: BenchResult = {
    meta: {
      commit: gitCommit(),
      node: process.version,
      cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
      mode: values.quick ? 'quick' : 'full',
      region: FORUM_REGION,
      forumMB: +(forum.bytes / 1e6).toFixed(2),
      digitsMB: +(digits.bytes / 1e6).toFixed(2),
      corpusCases: corpus.cases.length,
      corpusFiles: corpus.files.length,
      seconds: Math.round((performance.now() - started) / 1000),
    },
    throughput,
    latency: latencyRows,
    adversarial: adversarialRows,
    accuracy,
    verdicts: verdicts(throughput, adversarialRows, accuracy),
  };
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderReport(result)}\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
