/**
 * `leakwatch scan --jsonl`: records `{"id","text","region"?,"format"?}` in, one
 * `{"id","findings"}` (or `{"id","error"}`) out per record, in order. Streams in constant
 * memory: readline pauses the input while lines wait, and we wait for 'drain' whenever the
 * output is full, so a 1 GB export never sits in memory.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { redact, scan } from '../scanner/index.js';
import type { Finding, ScanOptions, TextFormat } from '../scanner/types.js';
import { toOutputFinding } from './scan-format.js';

export interface JsonlOptions {
  region: string | undefined;
  format: TextFormat | undefined;
  /** Add the redacted text to each output record. */
  redact: boolean;
  /** Secret fingerprint key; findings carry their fingerprint only when one is given. */
  fingerprintKey?: Uint8Array;
  /** Called after each record is written (for the progress bar). */
  onRecord?: (records: number) => void;
  /** Named in error messages when several files are read in one run. */
  source?: string;
}

export interface JsonlSummary {
  /** Non-blank lines read. */
  records: number;
  /** Records with at least one finding. */
  withFindings: number;
  findings: number;
  /** Bad lines, each answered with an error record. */
  errors: number;
  /** The output closed early (e.g. piped into `head`); reading stopped. */
  outputClosed: boolean;
}

const FORMATS: readonly TextFormat[] = ['text', 'markdown', 'html'];

type Outcome =
  | { ok: true; id: string | number; text: string; options: ScanOptions }
  | { ok: false; id: string | number | null; error: string };

const ID_FIELD = /[{,]\s*"id"\s*:\s*("(?:[^"\\\n]|\\.){0,200}"|-?\d{1,16})\s*[,}]/;

/** Best effort: the id of a record that is not valid JSON, so its answer can still be matched. */
export function recoverId(line: string): string | number | null {
  const match = ID_FIELD.exec(line);
  if (match === null) return null;
  try {
    const id = JSON.parse(match[1] as string) as unknown;
    return typeof id === 'string' || typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Validates one line. Messages name the line and the field, never the text: a JSON.parse message
 * quotes the input, so it is not passed on.
 */
export function parseRecord(line: string, lineNo: number, defaults: JsonlOptions): Outcome {
  const where =
    defaults.source === undefined ? `line ${lineNo}` : `${defaults.source} line ${lineNo}`;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, id: recoverId(line), error: `${where}: not valid JSON` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, id: null, error: `${where}: a record must be a JSON object` };
  }
  const r = raw as Record<string, unknown>;
  const id =
    typeof r.id === 'string' || (typeof r.id === 'number' && Number.isFinite(r.id)) ? r.id : null;
  const bad = (why: string): Outcome => ({ ok: false, id, error: `${where}: ${why}` });
  if (id === null) return bad('"id" must be a string or a number');
  if (typeof r.text !== 'string') return bad('"text" must be a string');
  let region = defaults.region;
  if (r.region !== undefined && r.region !== null) {
    if (typeof r.region !== 'string' || !/^[A-Za-z]{2}$/.test(r.region)) {
      return bad('"region" must be a two-letter ISO 3166 country code');
    }
    region = r.region.toUpperCase();
  }
  let format = defaults.format;
  if (r.format !== undefined && r.format !== null) {
    if (!FORMATS.includes(r.format as TextFormat))
      return bad(`"format" must be one of ${FORMATS.join(', ')}`);
    format = r.format as TextFormat;
  }
  // A backfill wants every record scanned whole, not cut at the per-post default limit.
  const options: ScanOptions = { maxLength: Math.max(1, r.text.length) };
  if (defaults.fingerprintKey !== undefined) options.fingerprintKey = defaults.fingerprintKey;
  if (region !== undefined) options.region = region;
  if (format !== undefined) options.format = format;
  return { ok: true, id, text: r.text, options };
}

/** Scans one line and returns the output line (without '\n') and the number of findings (-1: bad line). */
export function scanLine(line: string, lineNo: number, options: JsonlOptions): [string, number] {
  const record = parseRecord(line, lineNo, options);
  if (!record.ok) return [JSON.stringify({ id: record.id, error: record.error }), -1];
  let findings: Finding[];
  try {
    findings = scan(record.text, record.options);
  } catch (error) {
    // scan() throws TypeError only for bad options (e.g. an unknown region).
    const why = error instanceof TypeError ? error.message : 'the scanner failed on this record';
    const where =
      options.source === undefined ? `line ${lineNo}` : `${options.source} line ${lineNo}`;
    return [JSON.stringify({ id: record.id, error: `${where}: ${why}` }), -1];
  }
  const out: Record<string, unknown> = {
    id: record.id,
    findings: findings.map((f) => toOutputFinding(f, options.fingerprintKey !== undefined)),
  };
  if (options.redact) out.redacted = redact(record.text, findings);
  return [JSON.stringify(out), findings.length];
}

/** Resolves on 'drain', or on 'close'/'error' (then the caller sees outputClosed). */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}

export async function scanJsonl(
  input: Readable,
  output: Writable,
  options: JsonlOptions,
): Promise<JsonlSummary> {
  const summary: JsonlSummary = {
    records: 0,
    withFindings: 0,
    findings: 0,
    errors: 0,
    outputClosed: false,
  };
  const rl = createInterface({ input, crlfDelay: Infinity });
  const onOutputError = (): void => {
    summary.outputClosed = true;
    rl.close();
    input.destroy();
  };
  output.once('error', onOutputError);
  let lineNo = 0;
  try {
    for await (const rawLine of rl) {
      lineNo++;
      const line =
        summary.records === 0 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
      if (line.trim() === '') continue;
      summary.records++;
      const [out, count] = scanLine(line, lineNo, options);
      if (count < 0) summary.errors++;
      else if (count > 0) {
        summary.withFindings++;
        summary.findings += count;
      }
      if (summary.outputClosed) break;
      if (!output.write(`${out}\n`)) {
        await drained(output);
      }
      if (summary.outputClosed) break;
      options.onRecord?.(summary.records);
    }
  } finally {
    output.off('error', onOutputError);
    rl.close();
  }
  return summary;
}
