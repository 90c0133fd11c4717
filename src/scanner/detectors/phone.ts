/**
 * Phone numbers, in the shape of libphonenumber's own text scanner: broad but bounded digit-run
 * candidates → cheap checks on the run and its surroundings → strict parse and validation with
 * the full ("max") metadata → results. National numbers without an international prefix also
 * need phone-like structure or a phone word nearby, because libphonenumber accepts plenty of
 * order ids, dates and counters as valid numbers.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Candidate, DetectContext, NormalizedDoc } from '../types.js';
import { forEachDigitRun, MIN_DIGITS, type DigitRun } from '../phone/digit-runs.js';
import { nonPhoneShape, isThousandsGrouped } from '../phone/shape.js';
import { badNeighbours, isTableRow } from '../phone/surroundings.js';
import { findContext, type PhoneContext } from '../phone/find-context.js';
import { columnPhoneWord } from '../phone/table-column.js';
import { findSpelledNumbers } from '../phone/spelled-digits.js';
import { findCjkNumerals } from '../phone/cjk-numerals.js';
import { hasPhoneGrouping } from '../phone/grouping.js';
import { regionsOf } from '../phone/context-words.js';
import {
  callingCodeLength,
  usesNationalPrefix,
  validateNumber,
  validateOwnCallingCode,
  type ValidNumber,
} from '../phone/validate-number.js';

/**
 * Regions whose people always write the trunk 0 of a national number (unlike Brazil, Argentina,
 * India or China, where mobiles are written without it).
 */
const ALWAYS_TRUNK = new Set([
  'AT', 'DE', 'CH', 'GB', 'FR', 'NL', 'BE', 'AU', 'NZ', 'IE', 'JP', 'KR', 'TR', 'ZA', 'FI', 'SE',
  'IL', 'EG', 'NG', 'KE', 'TW', 'TH', 'VN', 'ID', 'MY', 'PH', 'PK', 'BD', 'LK', 'UA',
]); // prettier-ignore

/** NANP regions, where 011 is the international prefix. */
const NANP = new Set(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP', 'BS', 'BB', 'JM', 'TT', 'DO']);

const WHATSAPP_LINK = /(?:wa\.me\/|[?&]phone=)$/i;

/** International call prefixes: 00 almost everywhere, and the local ones of a few regions. */
const IDD_PREFIXES: ReadonlyArray<{
  prefix: string;
  regions: (region: string | undefined) => boolean;
}> = [
  { prefix: '0011', regions: (r) => r === 'AU' },
  { prefix: '011', regions: (r) => r !== undefined && NANP.has(r) },
  { prefix: '010', regions: (r) => r === 'JP' },
  { prefix: '00', regions: () => true },
];

/**
 * Validation attempts per text: a fixed allowance plus one per 50 characters, far more than
 * real posts need (a phone number with its separators and a word around it is longer), while
 * keeping digit soup linear and well under a second per megabyte.
 */
function maxTries(length: number): number {
  return 500 + Math.floor(length / 50);
}

interface Budget {
  tries: number;
}

/** Digits as libphonenumber should see them, and how the number was introduced. */
function dialString(
  run: DigitRun,
  text: string,
  region: string | undefined,
): { dial: string; prefix: string } {
  let digits = run.digits;
  // wa.me/60123456789, api.whatsapp.com/send?phone=…: always the international form.
  const b = text.charCodeAt(run.start - 1);
  if (
    run.plus ||
    ((b === 47 || b === 61) &&
      WHATSAPP_LINK.test(text.slice(Math.max(0, run.start - 24), run.start)))
  ) {
    // "+44 (0)20 ...": the bracketed trunk zero is not dialled from abroad.
    for (let i = 1; i < run.groups.length; i++) {
      const [s, e] = run.groups[i]!;
      if (e - s === 1 && text[s] === '0' && text[s - 1] === '(' && text[e] === ')') {
        const offset = run.groups.slice(0, i).reduce((sum, [a, b]) => sum + b - a, 0);
        digits = digits.slice(0, offset) + digits.slice(offset + 1);
        break;
      }
    }
    return { dial: `+${digits}`, prefix: '+' };
  }
  for (const idd of IDD_PREFIXES) {
    if (digits.startsWith(idd.prefix) && digits[idd.prefix.length] !== '0' && idd.regions(region)) {
      return { dial: `+${digits.slice(idd.prefix.length)}`, prefix: idd.prefix };
    }
  }
  return { dial: digits, prefix: '' };
}

/** Shapes an international prefix outweighs when the country code is written apart. */
const INTERNATIONAL_OVER = new Set(['date', 'year-range', 'version', 'card-like']);

/**
 * The country code is a group of its own ("+20 10 …", "0044 7911 …", "00 44 …"), or the run is
 * one unbroken "00…"/"011…" dial string (no card number starts with 0).
 */
function callingCodeStandsApart(run: DigitRun, prefix: string, e164: string): boolean {
  if (run.groups.length === 1) return prefix !== '+';
  const target = (prefix === '+' ? 0 : prefix.length) + callingCodeLength(e164);
  let length = 0;
  for (let i = 0; i < run.groups.length - 1; i++) {
    const [s, e] = run.groups[i]!;
    length += e - s;
    if (length === target) return true;
    if (length > target) return false;
  }
  return false;
}

function confidenceOf(reasons: string[]): number {
  let c = 0.6;
  if (reasons.includes('international-prefix')) c += 0.3;
  if (reasons.includes('structure')) c += 0.2;
  if (reasons.includes('context-word')) c += 0.2;
  if (reasons.includes('obfuscated')) c += 0.15;
  return Math.min(0.99, Math.round(c * 100) / 100);
}

function evaluateRun(
  doc: NormalizedDoc,
  run: DigitRun,
  ctx: DetectContext,
  budget: Budget,
  out: Candidate[],
): void {
  const text = doc.text;
  let obfuscated = false;
  // "o412 345 678": a letter o standing in for the leading zero.
  const o = text.charCodeAt(run.start - 1);
  if (!run.plus && (o === 111 || o === 79) && !isLetterOrDigit(text[run.start - 2])) {
    run = { ...run, digits: `0${run.digits}`, start: run.start - 1 };
    obfuscated = true;
  }
  const { start, end } = run;
  // Cheapest checks first: the neighbours, then the run's own shape, then validation and words.
  let siblings = { before: run.siblingBefore, after: run.siblingAfter };
  let bad = badNeighbours(text, start, end, false, siblings);
  // "kontakt+48 601…", "номер89161234567": a word glued before the number; it must be a phone
  // word (checked below), and the other neighbours are checked as if a space stood there.
  const gluedBefore = bad === 'letter-before';
  if (gluedBefore) {
    siblings = { ...siblings, before: true };
    bad = badNeighbours(text, start, end, false, siblings);
  }
  // "call 4155552671asap": letters glued after a number still leave it a number when a phone
  // word names it and it is complete (checked below).
  const glued = bad === 'letter-after';
  if (glued) bad = badNeighbours(text, start, end, true, siblings);
  if (bad) return;
  let shape = nonPhoneShape(run, text);
  // "Call/WhatsApp 706.7611": two dotted groups after a strong phone word are a number, not a
  // decimal (which coordinates and prices written so are, with no phone word before them).
  if (shape === 'decimal' && findContext(text, start, end).strong) shape = undefined;
  const { dial, prefix } = dialString(run, text, ctx.region);
  // A date, year, version or card reading of the digits gives way to an international number
  // whose country code stands apart ("+20 10 2014 2080", "+33.6.38.81.65.29", "0044 7911 …"):
  // checked after validation below.
  if (shape && !(prefix && INTERNATIONAL_OVER.has(shape))) return;
  if (
    run.groups.length >= 6 &&
    run.groups.filter(([s, e]) => e - s === 1).length >= run.groups.length - 1
  ) {
    obfuscated = true; // 0 4 1 2 3 4 5 6 7 8
  }
  const reasons: string[] = [];
  let number: ValidNumber | null = null;
  let context: PhoneContext | undefined;
  // Validation is cheap now (precompiled metadata patterns) and rejects most digit runs, so it
  // runs before the word checks whenever the region is known.
  if (prefix) {
    if (budget.tries-- <= 0) return;
    number = validateNumber(dial, undefined);
    if (!number) return;
    if (shape && !callingCodeStandsApart(run, prefix, number.e164)) return;
    context = findContext(text, start, end);
    if (run.digits.length < MIN_DIGITS && !context.strong) return;
    // "00" numbers are excluded like national ones, unless written the country's own way with
    // the country code apart and only named through a verb ("la facture est le 0033 4 91 …").
    if (
      prefix !== '+' &&
      context.excluded &&
      !(
        context.namedLoosely &&
        callingCodeStandsApart(run, prefix, number.e164) &&
        hasPhoneGrouping(run, number.e164, number.e164.length - 1 - callingCodeLength(number.e164))
      )
    )
      return;
    if (glued && !context.strong) return;
    if (gluedBefore && !context.phone) return;
    reasons.push('international-prefix');
    if (context.phone) reasons.push('context-word');
  } else {
    const grouped = run.groups.length > 1;
    const trunk = run.digits[0] === '0';
    let region = ctx.region;
    /** Read as the region's own country code written without '+' ("6012-345 6789"). */
    let ownCode = false;
    if (ctx.region) {
      if (budget.tries-- <= 0) return;
      number = validateNumber(dial, ctx.region);
      if (!number && !trunk) {
        number = validateOwnCallingCode(dial, ctx.region);
        ownCode = number !== null;
      }
      if (!number) return;
    }
    context = findContext(text, start, end);
    if (context.excluded) return;
    // Six digits ("13 22 65") are a phone number only after a strong phone word.
    if (run.digits.length < MIN_DIGITS && !context.strong) return;
    if (!context.phone && followsPhone(out, text, start)) {
      // "8109 2426 / 92806150", "… 0412 345 678 or 0498 765 432": a second number of a list.
      context = { ...context, phone: true, lang: undefined };
    }
    if (!context.phone) {
      // In a table, the column header may be the phone word ("| Teléfono |").
      const lang = columnPhoneWord(text, start);
      if (lang !== undefined) context = { ...context, phone: true, strong: true, lang };
    }
    // A number split over two lines is only read as one next to a phone word.
    if (run.lineBreak && !context.phone) return;
    if (glued && !(context.strong && number)) return;
    if (gluedBefore && !(context.phone && number)) return;
    // A bare run shorter than any mobile number needs a trunk prefix or a phone word.
    if (!grouped && !trunk && !context.phone && !obfuscated && run.digits.length < 10) return;
    const table = isTableRow(text, start, end);
    const thousands = grouped && isThousandsGrouped(run, text);
    if (table && !context.strong && !trunk && !run.paren && (!grouped || thousands)) return;
    if (!number) {
      // Without a region, only a phone word's languages, or the unmistakable North American
      // shapes "(415) 555-2671" and "415-555-2671", say where to look.
      const regions = context.phone
        ? regionsOf(context.lang)
        : isNanpShape(text, start, end)
          ? ['US']
          : [];
      for (const r of regions) {
        if (budget.tries-- <= 0) return;
        number = validateNumber(dial, r);
        if (!number && !trunk && context.phone) {
          number = validateOwnCallingCode(dial, r);
          ownCode = number !== null;
        }
        region = r;
        if (number) break;
      }
    }
    if (!number) return;
    // The country code without '+' needs a phone word or the country's own grouping.
    if (ownCode && !context.phone && !(grouped && hasPhoneGrouping(run, number.e164))) return;
    // Where national numbers are always written with their 0, digits without it and without a
    // phone word are some other number ("z.B. 1234 010180", a social security number).
    if (
      !trunk &&
      !ownCode &&
      !context.phone &&
      region !== undefined &&
      ALWAYS_TRUNK.has(region) &&
      writtenWithTrunk(number.e164)
    )
      return;
    let structured = run.paren || obfuscated;
    if (!structured && grouped) {
      // 612 345 678 reads like a count, unless the country writes it so or it is a mobile range.
      // (Spain, Portugal, Italy, Poland write no trunk prefix: their mobile ranges stand alone.)
      structured =
        !thousands ||
        hasPhoneGrouping(run, number.e164) ||
        (number.type === 'MOBILE' && region !== undefined && !usesNationalPrefix(region));
    }
    if (!structured && !table && !grouped) {
      // One bare run: a trunk prefix or a mobile-only range is still the shape of a phone.
      structured = (trunk && run.digits.length >= 9) || number.type === 'MOBILE';
    }
    if (!structured && !context.phone) return;
    if (
      context.idInClause &&
      !trunk &&
      !run.paren &&
      !(grouped && hasPhoneGrouping(run, number.e164))
    )
      return;
    // "1 2 3 4 5 6 7 8 9" counts; it is not a number someone spaced out.
    if (obfuscated && !context.phone && isCounting(run.digits)) return;
    // Short spaced-out digits with no phone word are drawn numbers or codes ("Spiel 77: 0 4 9 1 7 3 8").
    if (obfuscated && !context.phone && run.digits.length < 9) return;
    reasons.push('national-format');
    if (structured) reasons.push('structure');
    if (context.phone) reasons.push('context-word');
  }
  // E.164 allows 15 digits; German metadata accepts longer national numbers than that.
  if (number.e164.length > 16) return;
  if (obfuscated) reasons.push('obfuscated');
  out.push({
    type: 'phone',
    start,
    end,
    value: number.e164,
    confidence: confidenceOf(reasons),
    reasons,
    ...(obfuscated ? { obfuscated: true } : {}),
    severity: 'high',
  });
}

/** The number's national format starts with a trunk 0 (not so AU 1300/1800 or UK 0800 numbers). */
function writtenWithTrunk(e164: string): boolean {
  return parsePhoneNumberFromString(e164)?.formatNational().startsWith('0') ?? false;
}

/** What joins two numbers of a list: a slash, a comma, "or" in a few languages. */
const LIST_JOIN = /^\s{0,2}(?:[/,;|]|or|ou|o|oder|atau|hoặc|или|או|أو|或|或者)\s{0,2}$/i;

/** The number right before this one (found already) is a phone, joined as a list. */
function followsPhone(out: readonly Candidate[], text: string, start: number): boolean {
  const prev = out[out.length - 1];
  return prev !== undefined && start - prev.end <= 8 && LIST_JOIN.test(text.slice(prev.end, start));
}

/** 123456789, 0123456789, 987654321: counting, not dialling. */
function isCounting(digits: string): boolean {
  const d = digits.replace('+', '');
  let up = true;
  let down = true;
  for (let i = 1; i < d.length; i++) {
    const step = d.charCodeAt(i) - d.charCodeAt(i - 1);
    if (step !== 1) up = false;
    if (step !== -1) down = false;
  }
  return up || down;
}

const NANP_SHAPE = /^(?:\(\d{3}\) ?|\d{3}-)\d{3}-\d{4}$/;

function isNanpShape(text: string, start: number, end: number): boolean {
  return end - start <= 14 && NANP_SHAPE.test(text.slice(start, end));
}

function isLetterOrDigit(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\d]/u.test(c);
}

function detectSpelled(
  doc: NormalizedDoc,
  ctx: DetectContext,
  budget: Budget,
  out: Candidate[],
): void {
  const seen = { cjk: false };
  const spelledNumbers = findSpelledNumbers(doc.text, seen);
  if (seen.cjk) spelledNumbers.push(...findCjkNumerals(doc.text));
  if (spelledNumbers.length === 0) return;
  spelledNumbers.sort((a, b) => a.start - b.start);
  // `out` holds the digit-run candidates in text order: walk both lists once.
  const taken = out.slice();
  let k = 0;
  for (const spelled of spelledNumbers) {
    while (k < taken.length && taken[k]!.end <= spelled.start) k++;
    if (k < taken.length && taken[k]!.start < spelled.end) continue;
    if (budget.tries-- <= 0) return;
    const context = findContext(doc.text, spelled.start, spelled.end);
    const international = spelled.digits.startsWith('+');
    const regions = international
      ? [undefined]
      : ctx.region
        ? [ctx.region]
        : regionsOf(context.lang);
    let number: ValidNumber | null = null;
    for (const region of regions) {
      number = validateNumber(spelled.digits, region);
      if (number) break;
    }
    if (!number || context.excluded || number.e164.length > 16) continue;
    if (!context.phone && isCounting(spelled.digits)) continue;
    const reasons = [international ? 'international-prefix' : 'national-format', 'obfuscated'];
    if (context.phone) reasons.push('context-word');
    out.push({
      type: 'phone',
      start: spelled.start,
      end: spelled.end,
      value: number.e164,
      confidence: confidenceOf(reasons),
      reasons,
      obfuscated: true,
      severity: 'high',
    });
  }
}

/** Phone numbers in the normalised text; offsets index doc.text. Never throws on text. */
export function detectPhones(doc: NormalizedDoc, ctx: DetectContext): Candidate[] {
  const out: Candidate[] = [];
  const budget: Budget = { tries: maxTries(doc.text.length) };
  try {
    forEachDigitRun(doc.text, (run) => {
      if (budget.tries <= 0) return false;
      const before = out.length;
      evaluateRun(doc, run, ctx, budget, out);
      return out.length > before;
    });
    if (budget.tries > 0) detectSpelled(doc, ctx, budget, out);
  } catch {
    // A detector bug must not take a post down with it; what was found so far stands.
  }
  return out.sort((a, b) => a.start - b.start);
}
