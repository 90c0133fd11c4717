/**
 * Accuracy evaluation of a detector against the labelled corpus (test/fixtures/corpus/*.jsonl).
 * Pure: no file I/O and no test framework, so the benchmark (compiled to dist/bench/) and the
 * vitest suite share it. Records are parsed and their labelled values resolved to offsets here.
 */
import type { FindingType, TextFormat } from '../src/scanner/types.js';

export const FINDING_TYPES: readonly FindingType[] = ['email', 'phone', 'card'];

/** One labelled value as written in the JSONL file. */
export interface CorpusLabel {
  type: FindingType;
  /** Exact substring of `text` the finding must cover. */
  value: string;
  /** 1-based occurrence of `value` in `text` when it appears more than once. Default 1. */
  occurrence?: number;
}

/** One line of a corpus file. */
export interface CorpusRecord {
  id: string;
  region: string;
  format: TextFormat;
  lang: string;
  text: string;
  expect: CorpusLabel[];
  /** Required on negatives: what trap the text contains. */
  note?: string;
}

export interface Span {
  type: FindingType;
  start: number;
  end: number;
}

/** A record with its labels resolved to UTF-16 offsets into `text`. */
export interface CorpusCase extends CorpusRecord {
  /** Expected spans, sorted by start. */
  spans: Span[];
  /** Name of the file the record came from (for messages). */
  source: string;
}

export type Detect = (text: string, region: string, format: TextFormat) => readonly Span[];

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Mistake {
  id: string;
  type: FindingType;
  /** fp: reported but not expected; fn: expected but not reported (exact-span matching). */
  kind: 'fp' | 'fn';
  start: number;
  end: number;
  /** True when a span of the same type overlaps it (a boundary error rather than a miss). */
  overlapping: boolean;
}

export interface Evaluation {
  cases: number;
  /** Exact matching: same type, start and end. */
  exact: Record<FindingType, TypeScore>;
  /** Overlap matching: same type and any overlap, each span used at most once. */
  overlap: Record<FindingType, TypeScore>;
  mistakes: Mistake[];
}

const FORMATS: readonly TextFormat[] = ['text', 'markdown', 'html'];

/**
 * Parses the lines of one corpus file and resolves every label to offsets.
 * Throws an Error naming the source, line and id when a line is malformed or a value is not in the text.
 */
export function parseCorpusLines(content: string, source = '<corpus>'): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    const where = `${source}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const record = toRecord(raw, where);
    cases.push({ ...record, spans: resolveLabels(record, where), source });
  }
  return cases;
}

function toRecord(raw: unknown, where: string): CorpusRecord {
  if (typeof raw !== 'object' || raw === null)
    throw new Error(`${where}: a record must be a JSON object`);
  const r = raw as Record<string, unknown>;
  for (const key of ['id', 'region', 'format', 'lang', 'text'] as const) {
    if (typeof r[key] !== 'string' || r[key] === '')
      throw new Error(`${where}: "${key}" must be a non-empty string`);
  }
  if (!FORMATS.includes(r.format as TextFormat)) {
    throw new Error(`${where} (${String(r.id)}): "format" must be one of ${FORMATS.join(', ')}`);
  }
  if (!Array.isArray(r.expect))
    throw new Error(`${where} (${String(r.id)}): "expect" must be an array`);
  const expect: CorpusLabel[] = r.expect.map((e: unknown, k: number) => {
    const label = e as Record<string, unknown>;
    if (
      typeof label !== 'object' ||
      label === null ||
      !FINDING_TYPES.includes(label.type as FindingType)
    ) {
      throw new Error(
        `${where} (${String(r.id)}): expect[${k}].type must be one of ${FINDING_TYPES.join(', ')}`,
      );
    }
    if (typeof label.value !== 'string' || label.value === '') {
      throw new Error(`${where} (${String(r.id)}): expect[${k}].value must be a non-empty string`);
    }
    if (
      label.occurrence !== undefined &&
      (!Number.isInteger(label.occurrence) || (label.occurrence as number) < 1)
    ) {
      throw new Error(
        `${where} (${String(r.id)}): expect[${k}].occurrence must be a positive integer`,
      );
    }
    return {
      type: label.type as FindingType,
      value: label.value,
      ...(label.occurrence === undefined ? {} : { occurrence: label.occurrence as number }),
    };
  });
  if (r.note !== undefined && typeof r.note !== 'string')
    throw new Error(`${where}: "note" must be a string`);
  return {
    id: r.id as string,
    region: r.region as string,
    format: r.format as TextFormat,
    lang: r.lang as string,
    text: r.text as string,
    expect,
    ...(r.note === undefined ? {} : { note: r.note as string }),
  };
}

function resolveLabels(record: CorpusRecord, where: string): Span[] {
  const spans = record.expect.map((label, k) => {
    const wanted = label.occurrence ?? 1;
    let at = -1;
    for (let n = 0; n < wanted; n++) {
      at = record.text.indexOf(label.value, at + 1);
      if (at === -1) break;
    }
    if (at === -1) {
      throw new Error(
        `${where} (${record.id}): expect[${k}] ${label.type} value ${JSON.stringify(label.value)}` +
          ` occurrence ${wanted} is not in the text`,
      );
    }
    return { type: label.type, start: at, end: at + label.value.length };
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < spans.length; k++) {
    const prev = spans[k - 1] as Span;
    const cur = spans[k] as Span;
    if (cur.start < prev.end)
      throw new Error(`${where} (${record.id}): labelled spans overlap at ${cur.start}`);
  }
  return spans;
}

function emptyCounts(): Record<FindingType, { tp: number; fp: number; fn: number }> {
  return {
    email: { tp: 0, fp: 0, fn: 0 },
    phone: { tp: 0, fp: 0, fn: 0 },
    card: { tp: 0, fp: 0, fn: 0 },
  };
}

function score(c: { tp: number; fp: number; fn: number }): TypeScore {
  // 0/0 counts as perfect: no reports means no false reports, no labels means nothing missed.
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

function overlaps(a: Span, b: Span): boolean {
  return a.type === b.type && a.start < b.end && b.start < a.end;
}

/** Scores `detect` on every case, per type, with exact-span and overlap matching. */
export function evaluate(cases: readonly CorpusCase[], detect: Detect): Evaluation {
  const exact = emptyCounts();
  const overlap = emptyCounts();
  const mistakes: Mistake[] = [];
  for (const c of cases) {
    const found = detect(c.text, c.region, c.format).filter((s) => FINDING_TYPES.includes(s.type));
    const key = (s: Span): string => `${s.type}:${s.start}:${s.end}`;
    const expectedKeys = new Set(c.spans.map(key));
    const foundKeys = new Set(found.map(key));
    for (const s of found) {
      if (expectedKeys.has(key(s))) exact[s.type].tp++;
      else {
        exact[s.type].fp++;
        mistakes.push({
          id: c.id,
          type: s.type,
          kind: 'fp',
          start: s.start,
          end: s.end,
          overlapping: c.spans.some((e) => overlaps(e, s)),
        });
      }
    }
    for (const e of c.spans) {
      if (!foundKeys.has(key(e))) {
        exact[e.type].fn++;
        mistakes.push({
          id: c.id,
          type: e.type,
          kind: 'fn',
          start: e.start,
          end: e.end,
          overlapping: found.some((s) => overlaps(e, s)),
        });
      }
    }
    // Overlap matching, one-to-one, in order of start.
    const used = new Set<number>();
    for (const e of c.spans) {
      const k = found.findIndex((s, i) => !used.has(i) && overlaps(e, s));
      if (k === -1) overlap[e.type].fn++;
      else {
        used.add(k);
        overlap[e.type].tp++;
      }
    }
    found.forEach((s, i) => {
      if (!used.has(i)) overlap[s.type].fp++;
    });
  }
  const toScores = (counts: ReturnType<typeof emptyCounts>): Record<FindingType, TypeScore> => ({
    email: score(counts.email),
    phone: score(counts.phone),
    card: score(counts.card),
  });
  return { cases: cases.length, exact: toScores(exact), overlap: toScores(overlap), mistakes };
}

/** A small fixed-width table of per-type scores, for test messages and the benchmark. */
export function formatScores(evaluation: Evaluation): string {
  const pct = (x: number): string => x.toFixed(3);
  const rows = ['type   match    tp   fp   fn  precision  recall  f1'];
  for (const match of ['exact', 'overlap'] as const) {
    for (const type of FINDING_TYPES) {
      const s = evaluation[match][type];
      rows.push(
        `${type.padEnd(6)} ${match.padEnd(7)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}` +
          `  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}  ${pct(s.f1)}`,
      );
    }
  }
  return rows.join('\n');
}
