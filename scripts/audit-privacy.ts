/**
 * Privacy audit: looks for planted personal data in clear in everything leakwatch leaves behind —
 * every Redis key and value under a prefix (strings, hashes, lists, sets, sorted sets, streams;
 * failed jobs included, they are hashes under the prefix), and log files. Each planted value is
 * searched in several forms (as written, lower-cased, without spaces, digits only, URL-encoded).
 * A hit names where it was found and the planted value's index, never the value itself.
 *
 *   npm run audit:privacy -- --prefix leakwatch --planted planted.txt [--redis URL] [--log FILE]...
 *
 * `planted.txt` holds one planted value a line. Exit 0 when nothing is found, 1 on hits, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';

export type AuditForm = 'as-written' | 'lower-case' | 'no-spaces' | 'digits' | 'url-encoded';

export interface AuditHit {
  where: 'redis-key' | 'redis-value' | 'log';
  /** Redis key (plus field / member position) or `file:line`. */
  location: string;
  /** Index of the planted value in the list given (0-based). */
  planted: number;
  form: AuditForm;
}

export interface AuditReport {
  hits: AuditHit[];
  keys: number;
  values: number;
  failedJobs: number;
  logFiles: number;
  logLines: number;
}

interface Needle {
  planted: number;
  form: AuditForm;
  text: string;
}

/** A run of digits with single separators between them, read as its digits only. */
const DIGIT_RUN = /\d(?:[ \t.\-/()\u00a0]?\d)*/g;

/** The forms each planted value is searched in. Digit forms need 7+ digits to mean anything. */
export function toNeedles(planted: readonly string[]): Needle[] {
  const needles: Needle[] = [];
  planted.forEach((value, index) => {
    const forms: [AuditForm, string][] = [
      ['as-written', value],
      ['lower-case', value.toLowerCase()],
      ['no-spaces', value.replace(/\s+/g, '')],
      ['url-encoded', encodeURIComponent(value)],
    ];
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 7) forms.push(['digits', digits]);
    const seen = new Set<string>();
    for (const [form, text] of forms) {
      // Digit needles are matched differently (against digit runs), so they never count as seen.
      const key = form === 'digits' ? `digits:${text}` : text;
      if (text.length < 5 || seen.has(key)) continue;
      seen.add(key);
      needles.push({ planted: index, form, text });
    }
  });
  return needles;
}

/** Every needle found in `haystack` (at most one hit per planted value). */
export function findNeedles(
  haystack: string,
  needles: readonly Needle[],
): { planted: number; form: AuditForm }[] {
  if (haystack.length < 5) return [];
  const lower = haystack.toLowerCase();
  let digitRuns: string | undefined;
  const found = new Map<number, AuditForm>();
  for (const needle of needles) {
    if (found.has(needle.planted)) continue;
    let hit: boolean;
    if (needle.form === 'digits') {
      digitRuns ??= (haystack.match(DIGIT_RUN) ?? []).map((r) => r.replace(/\D/g, '')).join('|');
      hit = digitRuns.includes(needle.text);
    } else if (needle.form === 'lower-case') {
      hit = lower.includes(needle.text);
    } else {
      hit = haystack.includes(needle.text);
    }
    if (hit) found.set(needle.planted, needle.form);
  }
  return [...found].map(([planted, form]) => ({ planted, form }));
}

async function* keysUnder(redis: Redis, prefix: string): AsyncGenerator<string> {
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    yield* batch;
  } while (cursor !== '0');
}

/** The values stored at `key`, each with a label saying where in the key it sits. */
async function valuesOf(redis: Redis, key: string): Promise<[string, string][]> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return [['', (await redis.get(key)) ?? '']];
    case 'hash':
      return Object.entries(await redis.hgetall(key)).flatMap(([field, value]) => [
        [`field ${field} (name)`, field] as [string, string],
        [`field ${field}`, value] as [string, string],
      ]);
    case 'list':
      return (await redis.lrange(key, 0, -1)).map((v, i) => [`index ${i}`, v]);
    case 'set':
      return (await redis.smembers(key)).map((v, i) => [`member ${i}`, v]);
    case 'zset':
      return (await redis.zrange(key, '0', '-1')).map((v, i) => [`member ${i}`, v]);
    case 'stream':
      return (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) =>
        fields.map((v, i) => [`entry ${id} #${i}`, v] as [string, string]),
      );
    case 'none':
      return []; // expired between SCAN and TYPE
    default:
      return [[`(${type})`, `unsupported type ${type}`]];
  }
}

export async function auditPrivacy(input: {
  redis?: Redis;
  prefix?: string;
  logFiles?: readonly string[];
  planted: readonly string[];
}): Promise<AuditReport> {
  if (input.planted.length === 0) throw new TypeError('give at least one planted value');
  const needles = toNeedles(input.planted);
  const report: AuditReport = {
    hits: [],
    keys: 0,
    values: 0,
    failedJobs: 0,
    logFiles: 0,
    logLines: 0,
  };
  if (input.redis && input.prefix) {
    for await (const key of keysUnder(input.redis, input.prefix)) {
      report.keys += 1;
      for (const hit of findNeedles(key, needles)) {
        report.hits.push({ where: 'redis-key', location: key, ...hit });
      }
      if (key.endsWith(':failed') && (await input.redis.type(key)) === 'zset') {
        report.failedJobs += await input.redis.zcard(key);
      }
      for (const [label, value] of await valuesOf(input.redis, key)) {
        report.values += 1;
        for (const hit of findNeedles(value, needles)) {
          report.hits.push({
            where: 'redis-value',
            location: label ? `${key} ${label}` : key,
            ...hit,
          });
        }
      }
    }
  }
  for (const file of input.logFiles ?? []) {
    report.logFiles += 1;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line === '') return;
      report.logLines += 1;
      for (const hit of findNeedles(line, needles)) {
        report.hits.push({ where: 'log', location: `${file}:${i + 1}`, ...hit });
      }
    });
  }
  return report;
}

export function formatReport(report: AuditReport): string {
  const lines = report.hits.map(
    (h) => `FOUND planted #${h.planted} (${h.form}) in ${h.where} ${h.location}`,
  );
  lines.push(
    `scanned ${report.keys} Redis keys (${report.values} values, ${report.failedJobs} failed jobs), ` +
      `${report.logLines} log lines in ${report.logFiles} file(s)`,
  );
  lines.push(report.hits.length === 0 ? '0 found' : `${report.hits.length} found`);
  return lines.join('\n');
}

const USAGE =
  'usage: audit-privacy --planted FILE [--prefix PREFIX] [--redis URL] [--log FILE]...\n' +
  '  FILE holds one planted value a line; REDIS_URL and LEAKWATCH_PREFIX are used when the flags are absent.\n';

export async function main(argv: string[], env = process.env): Promise<number> {
  const logFiles: string[] = [];
  let plantedFile: string | undefined;
  let prefix = env.LEAKWATCH_PREFIX;
  let redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (value === undefined || !['--planted', '--prefix', '--redis', '--log'].includes(arg)) {
      process.stderr.write(`unknown or incomplete option ${arg}\n${USAGE}`);
      return 2;
    }
    i += 1;
    if (arg === '--planted') plantedFile = value;
    else if (arg === '--prefix') prefix = value;
    else if (arg === '--redis') redisUrl = value;
    else logFiles.push(value);
  }
  if (!plantedFile) {
    process.stderr.write(USAGE);
    return 2;
  }
  const planted = readFileSync(plantedFile, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (planted.length === 0) {
    process.stderr.write(`${plantedFile} holds no planted values\n`);
    return 2;
  }
  const redis = prefix ? new Redis(redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  try {
    const report = await auditPrivacy({ redis, prefix, logFiles, planted });
    process.stdout.write(`${formatReport(report)}\n`);
    return report.hits.length === 0 ? 0 : 1;
  } finally {
    redis?.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: Error) => {
      process.stderr.write(`audit-privacy failed: ${err.message}\n`);
      process.exitCode = 2;
    },
  );
}
