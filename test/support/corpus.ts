/**
 * Loads the labelled accuracy corpus (test/fixtures/corpus/*.jsonl) and checks that every label
 * follows the detection contract in DESIGN.md, independently of the scanner under test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import emailAddresses from 'email-addresses';
import { parseCorpusLines, type CorpusCase } from '../../bench/evaluate.js';
import { TLDS } from '../../src/scanner/data/tlds.js';

export type { CorpusCase } from '../../bench/evaluate.js';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

/** Files named holdout-* are kept for measuring generalisation; scanner authors do not read them. */
export function isHoldoutFile(name: string): boolean {
  return name.startsWith('holdout-');
}

/** holdout: false (default) dev files only, true every file, 'only' holdout files only. */
export function loadCorpus(
  options: { holdout?: boolean | 'only'; dir?: string } = {},
): CorpusCase[] {
  const dir = options.dir ?? CORPUS_DIR;
  const holdout = options.holdout ?? false;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .filter((f) => (holdout === 'only' ? isHoldoutFile(f) : holdout ? true : !isHoldoutFile(f)))
    .sort();
  return files.flatMap((f) => parseCorpusLines(readFileSync(join(dir, f), 'utf8'), f));
}

// ---------------------------------------------------------------------------------------------
// Label checks. Each returns a list of problems (empty when the label is right).

/**
 * Real TLDs: IANA's root zone list. Only this data is shared with the scanner (src/scanner/data);
 * the checks below are written independently of it. Anything else is a labelling mistake.
 */
const REAL_TLDS = TLDS;
const RESERVED_DOMAINS = /(^|\.)(example\.(com|net|org)|test|invalid|example|localhost|local)$/i;

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/** Drops HTML tags, decodes entities, folds full-width forms and any Unicode decimal digit to ASCII and drops format characters. */
export function foldText(value: string): string {
  let out = '';
  for (const ch of decodeEntities(value.replace(/<[^>]*>/g, '')).normalize('NFKC')) {
    if (/\p{Cf}/u.test(ch)) continue;
    if (/\p{Nd}/u.test(ch) && !/[0-9]/.test(ch)) {
      out += String(unicodeDigitValue(ch));
      continue;
    }
    out += ch;
  }
  return out;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  nbsp: ' ',
  commat: '@',
  period: '.',
  lt: '<',
  gt: '>',
  quot: '"',
  hyphen: '-',
  dash: '-',
  plus: '+',
};

/** Decodes the HTML character references labels in html records may contain. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(cp);
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function unicodeDigitValue(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  // Unicode lays every decimal digit block out as ten consecutive code points starting at zero.
  for (let d = 0; d <= 9; d++) {
    const zero = String.fromCodePoint(cp - d);
    if (
      /\p{Nd}/u.test(zero) &&
      (cp - d === 0x30 || !/\p{Nd}/u.test(String.fromCodePoint(cp - d - 1)))
    )
      return d;
  }
  throw new Error(`not a decimal digit: U+${cp.toString(16)}`);
}

/** Phone value → dialable string: folded, spelled digits ("oh seven", "double five") turned into digits. */
export function phoneDigits(value: string): string {
  const folded = foldText(value).toLowerCase();
  let out = '';
  const words = folded.split(/(\s+|-|,)/);
  for (let i = 0; i < words.length; i++) {
    const w = (words[i] ?? '').trim();
    if (w === '' || w === ',') continue;
    if (w === 'double' || w === 'triple') {
      let j = i + 1;
      while (j < words.length && (words[j] ?? '').trim() === '') j++;
      const d = DIGIT_WORDS[(words[j] ?? '').trim()];
      if (d) {
        out += d.repeat(w === 'double' ? 2 : 3);
        i = j;
        continue;
      }
    }
    out += DIGIT_WORDS[w] ?? w;
  }
  return out;
}

export function checkPhone(value: string, region: string): string[] {
  const problems: string[] = [];
  // Dash look-alikes (non-breaking hyphen, en dash, minus) separate digits like '-'.
  const dialable = phoneDigits(value).replace(/[\u2010-\u2015\u2212]/g, '-');
  if (!/^[+(0-9]/.test(dialable)) problems.push('phone span must start with +, ( or a digit');
  if (!/[0-9]$/.test(dialable)) problems.push('phone span must end with a digit');
  if (/[^0-9+()\-.\s/]/.test(dialable))
    problems.push(`phone span has unexpected characters: ${dialable}`);
  const parsed = parsePhoneNumberFromString(dialable, region as CountryCode);
  if (!parsed?.isValid())
    problems.push(`not a valid phone number for ${region} or internationally`);
  return problems;
}

const BRANDS: ReadonlyArray<{ name: string; prefix: RegExp; lengths: readonly number[] }> = [
  { name: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  {
    name: 'mastercard',
    prefix: /^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/,
    lengths: [16],
  },
  { name: 'amex', prefix: /^3[47]/, lengths: [15] },
  { name: 'discover', prefix: /^(6011|65|64[4-9])/, lengths: [16, 19] },
  { name: 'jcb', prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'diners', prefix: /^3(0[0-5]|[689])/, lengths: [14, 16, 19] },
  { name: 'unionpay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'mir', prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
  { name: 'rupay', prefix: /^(60|65|81|82|508)/, lengths: [16] },
  {
    name: 'maestro',
    prefix: /^(5018|5020|5038|5893|6304|6759|676[1-3])/,
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  },
];

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function cardBrand(digits: string): string | undefined {
  return BRANDS.find((b) => b.prefix.test(digits) && b.lengths.includes(digits.length))?.name;
}

export function checkCard(value: string): string[] {
  const problems: string[] = [];
  const folded = foldText(value);
  const separators = new Set(folded.replace(/[0-9]/g, ''));
  if (separators.size > 1) problems.push('card groups must use one consistent separator');
  for (const s of separators)
    if (!/^[ \-.]$/.test(s)) problems.push(`card has unexpected separator ${JSON.stringify(s)}`);
  const digits = folded.replace(/[^0-9]/g, '');
  if (digits.length < 13 || digits.length > 19)
    problems.push(`card has ${digits.length} digits, not 13–19`);
  if (!isLuhnValid(digits)) problems.push('card fails the Luhn check');
  if (!cardBrand(digits)) problems.push('card has no known brand prefix and length');
  return problems;
}

/** Obfuscated email → plain addr-spec ("jane dot doe at gmail dot com" → jane.doe@gmail.com). */
export function plainEmail(value: string): string {
  return foldText(value)
    .replace(/\s*[[({<]\s*(at|@)\s*[\])}>]\s*/gi, '@')
    .replace(/\s*[[({<]\s*(dot|\.)\s*[\])}>]\s*/gi, '.')
    .replace(/\s+at\s+/gi, '@')
    .replace(/\s+dot\s+/gi, '.')
    .replace(/\s*@\s*/g, '@');
}

export function checkEmail(value: string): string[] {
  const problems: string[] = [];
  const plain = plainEmail(value);
  const parsed = emailAddresses.parseOneAddress({ input: plain, rfc6532: true });
  if (!parsed || parsed.type !== 'mailbox') return [`not an RFC 5322 addr-spec: ${plain}`];
  const domain = parsed.domain.toLowerCase();
  if (!domain.includes('.')) problems.push('email domain is not dotted');
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (!REAL_TLDS.has(tld)) problems.push(`email TLD .${tld} is not in the list of real TLDs`);
  if (RESERVED_DOMAINS.test(domain)) problems.push(`email domain ${domain} is reserved`);
  return problems;
}

/** Every problem with one case's labels: value validity, span boundaries, notes on negatives. */
export function checkCase(c: CorpusCase): string[] {
  const problems: string[] = [];
  if (!/^[A-Z]{2}$/.test(c.region))
    problems.push(`region ${c.region} is not an ISO 3166 alpha-2 code`);
  if (c.expect.length === 0 && !c.note) problems.push('a negative needs a "note" naming its trap');
  c.expect.forEach((label, k) => {
    const span = c.spans.find(
      (s) => s.type === label.type && c.text.slice(s.start, s.end) === label.value,
    );
    const where = `expect[${k}] ${label.type}`;
    const found =
      label.type === 'phone'
        ? checkPhone(label.value, c.region)
        : label.type === 'card'
          ? checkCard(label.value)
          : checkEmail(label.value);
    problems.push(...found.map((p) => `${where}: ${p}`));
    if (span) {
      // A label must not stop in the middle of a word or a digit run.
      const before = foldText(c.text.slice(Math.max(0, span.start - 1), span.start));
      const after = foldText(c.text.slice(span.end, span.end + 1));
      const inside = label.type === 'email' ? /[A-Za-z0-9_%+-]/ : /[0-9]/;
      if (before && inside.test(before))
        problems.push(`${where}: span starts inside a word or number`);
      if (after && (label.type === 'email' ? /[A-Za-z0-9-]/.test(after) : /[0-9]/.test(after))) {
        problems.push(`${where}: span ends inside a word or number`);
      }
    }
  });
  return problems;
}
