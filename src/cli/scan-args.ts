/**
 * Argument parsing for `leakwatch scan`. Bad arguments throw UsageError (exit 2 with one line).
 */
import { parseArgs } from 'node:util';
import type { TextFormat } from '../scanner/types.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ScanArgs {
  /** Files to read; '-' is stdin. Empty means stdin. */
  files: string[];
  json: boolean;
  jsonl: boolean;
  redact: boolean;
  /** Upper-case ISO 3166-1 alpha-2, or undefined. */
  region: string | undefined;
  format: TextFormat | undefined;
  /** true: always, false: never, undefined: when stderr is a TTY and the input is a file. */
  progress: boolean | undefined;
  /** Add keyed fingerprints (LEAKWATCH_SECRET_KEY, as the service computes them). */
  fingerprints: boolean;
  help: boolean;
}

export const SCAN_USAGE = `Usage: leakwatch scan [options] [FILE...]

Finds emails, phone numbers and payment-card numbers. Reads stdin when no FILE (or '-') is given.
Prints one line per finding: file:line:col  type  masked  severity  reasons
Values are always masked; raw values are never printed.

Options:
  --json              print [{"file", "findings"}] as JSON
  --redact            print the text with every finding replaced by its mask (with --json
                      or --jsonl: add a "redacted" field instead)
  --jsonl             read records {"id","text","region"?,"format"?} one per line and write
                      {"id","findings"} one per line, in order, streaming (a bad line gives
                      {"id","error"} and the run goes on)
  --region XX         default region for national phone numbers (ISO 3166, e.g. GB, DE, US)
  --format F          text (default), markdown or html
  --progress          show a progress bar on stderr (default: when stderr is a terminal and
                      the input is a file)
  --no-progress       never show a progress bar
  --fingerprints      add each finding's keyed fingerprint to --json/--jsonl output, made with
                      LEAKWATCH_SECRET_KEY like the service's (so results can be matched with
                      review items); without it no fingerprint is printed
  -h, --help          show this help

Exit codes: 0 nothing found, 1 something found, 2 error (bad option, unreadable file, bad line).
`;

const FORMATS: readonly TextFormat[] = ['text', 'markdown', 'html'];

export function parseScanArgs(args: string[]): ScanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
        redact: { type: 'boolean', default: false },
        region: { type: 'string' },
        format: { type: 'string' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        fingerprints: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs messages are long and mention internals; keep the first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0] : String(error);
    throw new UsageError(`${message}; see 'leakwatch scan --help'`);
  }
  const { values, positionals } = parsed;

  let region: string | undefined;
  if (values.region !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(values.region)) {
      throw new UsageError(
        `--region must be a two-letter ISO 3166 country code such as GB or DE, not '${values.region}'`,
      );
    }
    region = values.region.toUpperCase();
  }

  let format: TextFormat | undefined;
  if (values.format !== undefined) {
    if (!FORMATS.includes(values.format as TextFormat)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
    }
    format = values.format as TextFormat;
  }

  if (values.progress === true && values['no-progress'] === true) {
    throw new UsageError('--progress and --no-progress contradict each other; pick one');
  }
  const progress =
    values.progress === true ? true : values['no-progress'] === true ? false : undefined;

  return {
    files: positionals,
    json: values.json,
    jsonl: values.jsonl,
    redact: values.redact,
    region,
    format,
    progress,
    fingerprints: values.fingerprints,
    help: values.help,
  };
}
