/**
 * `leakwatch scan [FILE...]`: finds personal data in files or stdin and prints masked findings,
 * the redacted text, or (with --jsonl) one result per record of an export.
 * Exit code: 0 nothing found, 1 found, 2 error (an error wins over a finding, as with grep).
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { redact, scan } from '../scanner/index.js';
import type { Finding, ScanOptions } from '../scanner/types.js';
import { createProgressBar, type ProgressBar } from './progress-bar.js';
import { parseScanArgs, SCAN_USAGE, UsageError, type ScanArgs } from './scan-args.js';
import { formatFindingLines, toOutputFinding } from './scan-format.js';
import { scanJsonl } from './scan-jsonl.js';

const STDIN = '-';

function warn(message: string): void {
  process.stderr.write(`leakwatch scan: ${message}\n`);
}

/** One line on why a file cannot be read, without a stack. */
function describeReadError(file: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
  return `cannot read '${file}': ${why}`;
}

async function readAll(stream: Readable): Promise<string> {
  stream.setEncoding('utf8');
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text;
}

/** The service's fingerprint key, from its configuration (only with --fingerprints). */
async function readFingerprintKey(): Promise<Uint8Array> {
  const { readConfig, ConfigError } = await import('../config.js');
  const { deriveKeys } = await import('../keys.js');
  try {
    return deriveKeys(readConfig().secretKey).fingerprint;
  } catch (error) {
    if (error instanceof ConfigError)
      throw new UsageError(`--fingerprints: ${error.problems.join('; ')}`);
    throw error;
  }
}

function scanOptions(args: ScanArgs, text: string, fingerprintKey?: Uint8Array): ScanOptions {
  // A file is scanned whole, not cut at the default per-post limit.
  const options: ScanOptions = { maxLength: Math.max(1, text.length), maxFindings: 1_000_000 };
  if (fingerprintKey !== undefined) options.fingerprintKey = fingerprintKey;
  if (args.region !== undefined) options.region = args.region;
  if (args.format !== undefined) options.format = args.format;
  return options;
}

async function runText(
  args: ScanArgs,
  inputs: string[],
  fingerprintKey: Uint8Array | undefined,
): Promise<number> {
  let failed = false;
  let found = false;
  const results: { file: string; findings: Partial<Finding>[]; redacted?: string }[] = [];
  for (const input of inputs) {
    const name = input === STDIN ? '<stdin>' : input;
    let text: string;
    try {
      text = input === STDIN ? await readAll(process.stdin) : await readFile(input, 'utf8');
    } catch (error) {
      warn(describeReadError(name, error));
      failed = true;
      continue;
    }
    const findings = scan(text, scanOptions(args, text, fingerprintKey));
    if (findings.length > 0) found = true;
    if (args.json) {
      results.push({
        file: name,
        findings: findings.map((f) => toOutputFinding(f, fingerprintKey !== undefined)),
        ...(args.redact ? { redacted: redact(text, findings) } : {}),
      });
    } else if (args.redact) {
      process.stdout.write(redact(text, findings));
    } else {
      const lines = formatFindingLines(name, text, findings);
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
  if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? 2 : found ? 1 : 0;
}

async function runJsonl(
  args: ScanArgs,
  inputs: string[],
  fingerprintKey: Uint8Array | undefined,
): Promise<number> {
  // Check every file before writing anything, so a typo fails fast with one message.
  let totalBytes = 0;
  for (const input of inputs) {
    if (input === STDIN) continue;
    try {
      const info = await stat(input);
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      totalBytes += info.size;
    } catch (error) {
      warn(describeReadError(input, error));
      return 2;
    }
  }
  const fromFiles = !inputs.includes(STDIN);
  const showProgress = args.progress ?? (fromFiles && process.stderr.isTTY === true);
  let bar: ProgressBar | undefined;
  if (showProgress) {
    bar = createProgressBar({
      totalBytes,
      columns: process.stderr.columns ?? 80,
      write: (chunk) => process.stderr.write(chunk),
    });
  }

  let records = 0;
  let withFindings = 0;
  let errors = 0;
  let bytesBefore = 0;
  try {
    for (const input of inputs) {
      let stream: Readable & { bytesRead?: number };
      if (input === STDIN) stream = process.stdin;
      else {
        try {
          stream = (await open(input)).createReadStream();
        } catch (error) {
          warn(describeReadError(input, error));
          return 2;
        }
      }
      const before = records;
      const summary = await scanJsonl(stream, process.stdout, {
        region: args.region,
        format: args.format,
        redact: args.redact,
        ...(fingerprintKey === undefined ? {} : { fingerprintKey }),
        ...(inputs.length > 1 ? { source: input === STDIN ? '<stdin>' : input } : {}),
        onRecord: (n) => bar?.update(bytesBefore + (stream.bytesRead ?? 0), before + n),
      });
      records += summary.records;
      withFindings += summary.withFindings;
      errors += summary.errors;
      bytesBefore += stream.bytesRead ?? 0;
      if (summary.outputClosed) return errors > 0 ? 2 : withFindings > 0 ? 1 : 0;
    }
  } finally {
    bar?.finish();
  }
  if (errors > 0 || showProgress) {
    warn(
      `${records} records, ${withFindings} with findings` +
        (errors > 0
          ? `, ${errors} bad line${errors === 1 ? '' : 's'} (see the "error" records)`
          : ''),
    );
  }
  return errors > 0 ? 2 : withFindings > 0 ? 1 : 0;
}

export async function run(argv: string[]): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseScanArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(error.message);
    return 2;
  }
  if (args.help) {
    process.stdout.write(SCAN_USAGE);
    return 0;
  }
  // A reader that goes away (`leakwatch scan ... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') warn(`cannot write the output: ${error.message}`);
  });
  const inputs = args.files.length === 0 ? [STDIN] : args.files;
  if (inputs.filter((f) => f === STDIN).length > 1) {
    warn("stdin ('-') can be read only once");
    return 2;
  }
  try {
    const key = args.fingerprints ? await readFingerprintKey() : undefined;
    return args.jsonl ? await runJsonl(args, inputs, key) : await runText(args, inputs, key);
  } catch (error) {
    if (error instanceof UsageError) {
      warn(error.message);
      return 2;
    }
    // scan() throws TypeError only for bad options, e.g. a region it does not know.
    if (error instanceof TypeError) {
      warn(error.message);
      return 2;
    }
    throw error;
  }
}
