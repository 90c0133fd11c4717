/** Plain-text rendering of a benchmark run: fixed-width tables a person can diff between commits. */
import type { FindingType } from '../../src/scanner/types.js';
import type { TypeScore } from '../evaluate.js';
import { ADVERSARIAL_LIMIT_MS } from './verdicts.js';

/**
 * Median MB/s (1 MB = 10^6 UTF-8 bytes) of wall time, the spread of the passes, and the median
 * over process CPU time, which moves less when other work shares the machine.
 */
export interface Throughput {
  median: number;
  min: number;
  max: number;
  passes: number;
  cpuMedian: number;
}

export interface ThroughputRow {
  name: string;
  forum: Throughput;
  digits?: Throughput;
  /** E.g. that a slow library was timed on a prefix of the corpora. */
  note?: string;
}

export interface LatencyRow {
  label: string;
  posts: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface AdversarialRow {
  name: string;
  /** Wall time (judged against the limit); Infinity when the deadline passed, NaN on error. */
  ms: number;
  /** Process CPU time during the scan, for comparison on a busy machine. */
  cpuMs: number;
  findings: number;
  pass: boolean;
}

export interface AccuracyRow {
  name: string;
  exact: Record<FindingType, TypeScore>;
  overlap: Record<FindingType, TypeScore>;
  unaligned: number;
  /** Texts on which the library threw (scored as finding nothing). */
  failures: number;
}

export interface Verdict {
  target: string;
  pass: boolean;
  detail: string;
}

export interface BenchResult {
  meta: Record<string, string | number | boolean>;
  throughput: ThroughputRow[];
  latency: LatencyRow[];
  adversarial: AdversarialRow[];
  accuracy: AccuracyRow[];
  verdicts: Verdict[];
}

const TYPES: readonly FindingType[] = ['email', 'phone', 'card'];

function table(header: string[], rows: string[][], alignLeft = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) =>
        i < alignLeft ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const f1 = (x: number): string => (x < 1 ? x.toFixed(2) : x.toFixed(1));
const f3 = (x: number): string => x.toFixed(3);
const ms = (x: number): string =>
  Number.isNaN(x)
    ? 'error'
    : x === Number.POSITIVE_INFINITY
      ? 'timeout'
      : x < 10
        ? x.toFixed(3)
        : x.toFixed(1);

export function renderReport(result: BenchResult): string {
  const out: string[] = [];
  out.push(
    `leakwatch scanner benchmark  ${Object.entries(result.meta)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ')}`,
  );

  out.push(
    '',
    'Throughput (MB/s of wall time, median of passes; min..max; per CPU-second in brackets)',
  );
  out.push(
    table(
      [
        'library',
        'forum MB/s',
        'min..max',
        '(cpu)',
        'passes',
        'digit-dense MB/s',
        'min..max',
        '(cpu)',
        'passes',
      ],
      result.throughput.map((r) => [
        r.name,
        f1(r.forum.median),
        `${f1(r.forum.min)}..${f1(r.forum.max)}`,
        `(${f1(r.forum.cpuMedian)})`,
        String(r.forum.passes),
        r.digits ? f1(r.digits.median) : '-',
        r.digits ? `${f1(r.digits.min)}..${f1(r.digits.max)}` : '-',
        r.digits ? `(${f1(r.digits.cpuMedian)})` : '-',
        r.digits ? String(r.digits.passes) : '-',
      ]),
    ),
  );

  for (const r of result.throughput) if (r.note) out.push(`note: ${r.name}: ${r.note}`);

  out.push('', 'Latency per post (leakwatch, ms)');
  out.push(
    table(
      ['post size', 'posts', 'p50', 'p99', 'max'],
      result.latency.map((r) => [r.label, String(r.posts), ms(r.p50Ms), ms(r.p99Ms), ms(r.maxMs)]),
    ),
  );

  out.push(
    '',
    `Adversarial 1 MB inputs (leakwatch, one scan each, limit ${ADVERSARIAL_LIMIT_MS} ms of wall time)`,
  );
  out.push(
    table(
      ['input', 'ms', 'cpu ms', 'findings', 'result'],
      result.adversarial.map((r) => [
        r.name,
        ms(r.ms),
        Number.isFinite(r.cpuMs) ? ms(r.cpuMs) : '-',
        r.findings < 0 ? '-' : String(r.findings),
        // On a busy machine the wall time includes waiting for a core; say when the work itself fit.
        r.pass ? 'PASS' : r.cpuMs < ADVERSARIAL_LIMIT_MS ? 'FAIL*' : 'FAIL',
      ]),
    ),
  );
  if (result.adversarial.some((r) => !r.pass && r.cpuMs < ADVERSARIAL_LIMIT_MS)) {
    out.push('* over the limit in wall time but not in CPU time: the machine was busy; run again');
  }

  if (result.accuracy.length > 0) {
    out.push(
      '',
      'Accuracy on the labelled corpus (exact spans; F1 with overlap matching in brackets)',
    );
    const rows: string[][] = [];
    for (const type of TYPES) {
      for (const a of result.accuracy) {
        const s = a.exact[type];
        rows.push([
          type,
          a.name,
          String(s.tp),
          String(s.fp),
          String(s.fn),
          f3(s.precision),
          f3(s.recall),
          f3(s.f1),
          `(${f3(a.overlap[type].f1)})`,
        ]);
      }
    }
    out.push(
      table(
        ['type', 'library', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1', 'overlap F1'],
        rows,
        2,
      ),
    );
    for (const a of result.accuracy.filter((x) => x.failures > 0)) {
      out.push(
        `note: ${a.name} threw on ${a.failures} of the texts; they count as finding nothing`,
      );
    }
    const unaligned = result.accuracy.filter((a) => a.unaligned > 0);
    for (const a of unaligned) {
      out.push(
        `note: ${a.unaligned} detections of ${a.name} could not be placed in the text and were not scored`,
      );
    }
  }

  out.push('', 'Targets');
  for (const v of result.verdicts)
    out.push(`${v.pass ? 'PASS' : 'FAIL'}  ${v.target}: ${v.detail}`);
  return out.join('\n');
}
