/**
 * Phone numbers, in the shape of libphonenumber's own text scanner: broad but bounded digit-run
 * candidates → cheap checks on the run and its surroundings → strict parse and validation with
 * the full ("max") metadata → results. National numbers without an international prefix also
 * need phone-like structure or a phone word nearby, because libphonenumber accepts plenty of
 * order ids, dates and counters as valid numbers.
 */
import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import type { Candidate, DetectContext, NormalizedDoc } from '../types.js';
import { forEachDigitRun, type DigitRun } from '../phone/digit-runs.js';
import { nonPhoneShape, isThousandsGrouped } from '../phone/shape.js';
import { badNeighbours, isTableRow } from '../phone/surroundings.js';
import { findContext, type PhoneContext } from '../phone/find-context.js';
import { findSpelledNumbers } from '../phone/spelled-digits.js';
import { hasPhoneGrouping } from '../phone/grouping.js';

/** NANP regions, where 011 is the international prefix. */
const NANP = new Set(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP', 'BS', 'BB', 'JM', 'TT', 'DO']);

/** Parse attempts per text: a fixed allowance plus one per 100 characters. */
function maxTries(length: number): number {
  return 200 + Math.floor(length / 100);
}

// Memo of parse results: forum text repeats the same numbers, and parsing dominates the cost.
const memo = new Map<string, PhoneNumber | null>();
function parse(digits: string, region: string | undefined): PhoneNumber | null {
  const key = `${region ?? ''}:${digits}`;
  let result = memo.get(key);
  if (result === undefined) {
    const n = parsePhoneNumberFromString(digits, region as CountryCode | undefined);
    result = n && n.isValid() ? n : null;
    if (memo.size >= 4096) memo.clear();
    memo.set(key, result);
  }
  return result;
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
  if (run.plus) {
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
  if (digits.startsWith('00') && digits[2] !== '0')
    return { dial: `+${digits.slice(2)}`, prefix: '00' };
  if (region && NANP.has(region) && digits.startsWith('011')) {
    return { dial: `+${digits.slice(3)}`, prefix: '011' };
  }
  return { dial: digits, prefix: '' };
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
  let { start } = run;
  let obfuscated = false;
  // "o412 345 678": a letter o standing in for the leading zero.
  if (
    !run.plus &&
    (text[start - 1] === 'o' || text[start - 1] === 'O') &&
    !/[\p{L}\d]/u.test(text[start - 2] ?? '')
  ) {
    run = { ...run, digits: `0${run.digits}`, start: start - 1 };
    start = run.start;
    obfuscated = true;
  }
  if (nonPhoneShape(run, text)) return;
  if (badNeighbours(text, start, run.end)) return;
  const { dial, prefix } = dialString(run, text, ctx.region);
  const context = findContext(text, start, run.end);
  if (prefix && prefix !== '+' && context.excluded) return;
  const singleDigits =
    run.groups.length >= 6 &&
    run.groups.filter(([s, e]) => e - s === 1).length >= run.groups.length - 1;
  if (singleDigits) obfuscated = true;

  const reasons: string[] = [];
  let number: PhoneNumber | null = null;
  if (prefix) {
    if (budget.tries-- <= 0) return;
    number = parse(dial, undefined);
    if (!number) return;
    reasons.push('international-prefix');
    if (context.phone) reasons.push('context-word');
  } else {
    if (context.excluded) return;
    const table = isTableRow(text, start, run.end);
    const regions = ctx.region ? [ctx.region] : context.regions;
    // Cheap structure signals, before any parsing.
    const grouped = run.groups.length > 1 && !(table && isThousandsGrouped(run, text));
    const trunk = run.digits[0] === '0';
    if (!grouped && !trunk && !context.phone && !obfuscated && run.digits.length < 10) return;
    if (regions.length === 0 && !context.phone) return;
    for (const region of regions) {
      if (budget.tries-- <= 0) return;
      number = parse(dial, region);
      if (number) break;
    }
    if (!number) return;
    let structured = run.paren || obfuscated;
    if (!structured && grouped) {
      structured = isThousandsGrouped(run, text) ? hasPhoneGrouping(run, text, number) : true;
    }
    if (!structured && !table && run.groups.length === 1) {
      // One bare run: a trunk prefix or a mobile-only range is still the shape of a phone.
      structured = (trunk && run.digits.length >= 9) || number.getType() === 'MOBILE';
    }
    if (!structured && !(context.phone && (!table || context.strong))) return;
    reasons.push('national-format');
    if (structured) reasons.push('structure');
    if (context.phone) reasons.push('context-word');
  }
  if (obfuscated) reasons.push('obfuscated');
  out.push({
    type: 'phone',
    start,
    end: run.end,
    value: number.number,
    confidence: confidenceOf(reasons),
    reasons,
    ...(obfuscated ? { obfuscated: true } : {}),
    severity: 'high',
  });
}

function detectSpelled(
  doc: NormalizedDoc,
  ctx: DetectContext,
  budget: Budget,
  out: Candidate[],
): void {
  for (const spelled of findSpelledNumbers(doc.text)) {
    if (out.some((c) => c.start < spelled.end && spelled.start < c.end)) continue;
    if (budget.tries-- <= 0) return;
    const context: PhoneContext = findContext(doc.text, spelled.start, spelled.end);
    const international = spelled.digits.startsWith('+');
    const regions = international ? [undefined] : ctx.region ? [ctx.region] : context.regions;
    let number: PhoneNumber | null = null;
    for (const region of regions) {
      number = parse(spelled.digits, region);
      if (number) break;
    }
    if (!number || context.excluded) continue;
    const reasons = [international ? 'international-prefix' : 'national-format', 'obfuscated'];
    if (context.phone) reasons.push('context-word');
    out.push({
      type: 'phone',
      start: spelled.start,
      end: spelled.end,
      value: number.number,
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
      if (budget.tries > 0) evaluateRun(doc, run, ctx, budget, out);
    });
    if (budget.tries > 0) detectSpelled(doc, ctx, budget, out);
  } catch {
    // A detector bug must not take a post down with it; what was found so far stands.
  }
  return out.sort((a, b) => a.start - b.start);
}
