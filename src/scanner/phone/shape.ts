/**
 * Digit runs whose own shape says they are not phone numbers, whatever libphonenumber thinks:
 * dates, year ranges, IP addresses, versions, decimals, timestamps, card-like and ISBN-like runs.
 */
import type { DigitRun } from './digit-runs.js';

function isYear(s: string): boolean {
  return s.length === 4 && (s.startsWith('19') || s.startsWith('20'));
}

function isDayMonth(a: string, b: string): boolean {
  const x = Number(a);
  const y = Number(b);
  return x >= 1 && y >= 1 && ((x <= 31 && y <= 12) || (x <= 12 && y <= 31));
}

/** YYYYMMDD (optionally followed by hhmm or hhmmss). */
function isCompactDate(d: string): boolean {
  if (!isYear(d.slice(0, 4))) return false;
  const month = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (d.length === 8) return true;
  const hour = Number(d.slice(8, 10));
  const minute = Number(d.slice(10, 12));
  return (d.length === 12 || d.length === 14) && hour <= 23 && minute <= 59;
}

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let v = digits.charCodeAt(i) - 48;
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 === 0;
}

function sepKind(sep: string): string {
  return sep.trim() === '' ? ' ' : sep.trim();
}

/** nonPhoneShape() for a run of one digit group, without splitting it into parts. */
function ungroupedShape(run: DigitRun): string | undefined {
  const d = run.digits;
  const n = d.length;
  if (run.plus) return undefined;
  if (isCompactDate(d)) return 'date';
  // Unix time in seconds or milliseconds (2001..2033).
  if ((n === 10 || n === 13) && d[0] === '1') return 'timestamp';
  if (n >= 13 && n <= 19 && isLuhnValid(d)) return 'card-like';
  if (n === 13 && (d.startsWith('978') || d.startsWith('979'))) return 'isbn';
  return undefined;
}

/** Returns a reason code when the run's shape rules out a phone, else undefined. */
export function nonPhoneShape(run: DigitRun, text: string): string | undefined {
  if (run.groups.length === 1) return ungroupedShape(run);
  const parts = run.groups.map(([s, e]) => text.slice(s, e));
  const kinds = run.seps.map(sepKind);
  const allSame = kinds.every((k) => k === kinds[0]);
  const onlyDots = kinds.length > 0 && allSame && kinds[0] === '.';
  const n = run.digits.length;

  if (parts.length === 1 && !run.plus) {
    const d = run.digits;
    if (isCompactDate(d)) return 'date';
    // Unix time in seconds or milliseconds (2001..2033).
    if ((n === 10 || n === 13) && d[0] === '1') {
      return 'timestamp';
    }
  }
  // Dates: 15.01.2024, 2024-01-15, 01/15/2024, possibly followed by a time group.
  for (let i = 0; i + 2 < parts.length; i++) {
    const [a, b, c] = [parts[i]!, parts[i + 1]!, parts[i + 2]!];
    const same = kinds[i] === kinds[i + 1];
    if (same && isYear(c) && a.length <= 2 && b.length <= 2 && isDayMonth(a, b)) return 'date';
    if (same && isYear(a) && b.length <= 2 && c.length <= 2 && isDayMonth(c, b)) return 'date';
  }
  // Year ranges: 2019-2023, 1990 / 2000.
  if (parts.length === 2 && isYear(parts[0]!) && isYear(parts[1]!)) return 'year-range';
  if (onlyDots) {
    // 192.168.10.254, and dotted quads inside longer dotted runs.
    if (parts.length === 4 && parts.every((p) => p.length <= 3 && Number(p) <= 255))
      return 'ip-address';
    // 1234.5678 is a decimal; phones written with dots have three or more groups, or start
    // with a trunk 0 that no decimal has ("041.2342537", "07911.123456").
    if (parts.length === 2 && !(parts[0]!.length >= 2 && parts[0]![0] === '0')) return 'decimal';
    // 10.0.19045.3803: a later one-digit group is a version, not a phone group.
    if (parts.slice(1).some((p) => p.length === 1)) return 'version';
  }
  // 4.783.453-3, 80048028-0, 12.345.678-K: an id with a check digit after a dash.
  if (
    !run.plus &&
    parts.length >= 2 &&
    parts[parts.length - 1]!.length === 1 &&
    parts[parts.length - 2]!.length >= 3 &&
    kinds[kinds.length - 1] === '-'
  ) {
    return 'check-digit';
  }
  if (
    !run.plus &&
    n >= 13 &&
    n <= 19 &&
    isLuhnValid(run.digits) &&
    (allSame || parts.length === 1)
  ) {
    return 'card-like';
  }
  if (n === 13 && (run.digits.startsWith('978') || run.digits.startsWith('979')) && !run.plus) {
    return 'isbn';
  }
  return undefined;
}

/** 1 234 567 or 12.345.678: thousands grouping, which counts things rather than dials them. */
export function isThousandsGrouped(run: DigitRun, text: string): boolean {
  if (run.groups.length < 2) return false;
  const kinds = run.seps.map(sepKind);
  if (!kinds.every((k) => k === kinds[0] && (k === ' ' || k === '.'))) return false;
  const parts = run.groups.map(([s, e]) => text.slice(s, e));
  return (
    parts[0]!.length <= 3 && parts[0]![0] !== '0' && parts.slice(1).every((p) => p.length === 3)
  );
}
