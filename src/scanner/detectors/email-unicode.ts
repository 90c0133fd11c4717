/**
 * Internationalised addresses (RFC 6531/6532): `иван@почта.рф`, `info@例子.中国`,
 * `δοκιμή@παράδειγμα.ελ`. Tried only where the ASCII/Latin reading of an '@' found nothing,
 * so no address that reading finds changes.
 *
 * Rules that keep prose out of the address:
 * - the local part is one script's letters (plus digits and . _ - +), never Han or kana, which
 *   are written without spaces and would swallow the words before the address;
 * - the domain's last label must be a real internationalised TLD; in scripts written without
 *   spaces (Han, kana, Thai, and Hangul with its particles) the longest TLD at the start of the
 *   last label is taken, so `홍길동@회사.한국으로` ends at `한국`.
 */
import type { Candidate } from '../types.js';
import { IDN_TLDS, IDN_TLD_MAX } from '../data/idn-tlds.js';
import { addressCandidate, isRealTld, isReservedDomain } from './email-domain.js';
import { isDotCode } from './email-chars.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

type Script =
  | 'latin'
  | 'greek'
  | 'cyrillic'
  | 'armenian'
  | 'hebrew'
  | 'arabic'
  | 'indic'
  | 'thai'
  | 'georgian'
  | 'hangul'
  | 'cjk';

/** The script of a letter (or combining mark of that script), or undefined for anything else. */
export function scriptOf(c: number): Script | undefined {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return 'latin';
  if (c < 0xc0) return undefined;
  if (c <= 0x24f) return c === 0xd7 || c === 0xf7 ? undefined : 'latin';
  if (c >= 0x1e00 && c <= 0x1eff) return 'latin';
  if ((c >= 0x370 && c <= 0x3ff) || (c >= 0x1f00 && c <= 0x1fff)) return 'greek';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if (c >= 0x531 && c <= 0x58a) return 'armenian';
  if (c >= 0x591 && c <= 0x5f2) return 'hebrew';
  if (
    (c >= 0x610 && c <= 0x6ff && !(c >= 0x660 && c <= 0x66d) && c !== 0x6d4) ||
    (c >= 0x750 && c <= 0x77f)
  )
    return 'arabic';
  if (c >= 0x900 && c <= 0xdff) return c === 0x964 || c === 0x965 ? undefined : 'indic';
  if (c >= 0xe01 && c <= 0xe4e) return 'thai';
  if (c >= 0x10a0 && c <= 0x10ff) return 'georgian';
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3131 && c <= 0x318e))
    return 'hangul';
  if ((c >= 0x3041 && c <= 0x30ff && c !== 0x30fb) || (c >= 0x3400 && c <= 0x9fff)) return 'cjk';
  return undefined;
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Scripts written without spaces between words: a TLD may run straight into the next word. */
const UNSPACED = new Set<Script>(['cjk', 'thai', 'hangul']);

function isLocalPunct(c: number): boolean {
  return c === 0x2e || c === 0x5f || c === 0x2d || c === 0x2b;
}

function isDomainCode(c: number): boolean {
  return isAsciiDigit(c) || c === 0x2d || isDotCode(c) || scriptOf(c) !== undefined;
}

function hasNonLatin(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const k = scriptOf(s.charCodeAt(i));
    if (k !== undefined && k !== 'latin') return true;
  }
  return false;
}

/** The local part leftwards from '@': one script (not Han/kana), digits and . _ - +. */
function localStart(text: string, at: number, floor: number): number {
  const limit = Math.max(floor, at - MAX_LOCAL);
  let script: Script | undefined;
  let s = at;
  while (s > limit) {
    const c = text.charCodeAt(s - 1);
    const k = scriptOf(c);
    if (k !== undefined) {
      if (k === 'cjk') break;
      if (script === undefined && k !== 'latin') script = k;
      if (k !== 'latin' && k !== script) break;
    } else if (!isAsciiDigit(c) && !isLocalPunct(c)) break;
    s--;
  }
  if (s === limit && s > floor && scriptOf(text.charCodeAt(s - 1)) !== undefined) return -1;
  while (s < at && isLocalPunct(text.charCodeAt(s))) s++;
  return s < at ? s : -1;
}

/** The real TLD the last label is, or starts with in a script written without spaces. */
function tldOf(label: string): string | undefined {
  const lower = label.toLowerCase();
  if (IDN_TLDS.has(lower) || (/^[a-z]{2,63}$/.test(lower) && isRealTld(lower))) return lower;
  const script = scriptOf(lower.charCodeAt(0));
  if (script === undefined || !UNSPACED.has(script)) return undefined;
  for (let n = Math.min(IDN_TLD_MAX, lower.length - 1); n >= 1; n--) {
    if (IDN_TLDS.has(lower.slice(0, n))) return lower.slice(0, n);
  }
  return undefined;
}

const LABEL_EDGE = /^-|-$/;

/** An internationalised address around the '@' at `at`, or undefined. */
export function tryUnicodeAt(text: string, at: number, floor: number): Candidate | undefined {
  const s = localStart(text, at, floor);
  if (s < 0 || text.charCodeAt(s - 1) === 0x40) return undefined;
  let e = at + 1;
  const max = Math.min(text.length, at + 1 + MAX_DOMAIN);
  while (e < max && isDomainCode(text.charCodeAt(e))) e++;
  while (e > at + 1 && (isDotCode(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 0x2d)) e--;
  const labels = text.slice(at + 1, e).split(/[.\u3002\uff61]/);
  if (labels.length < 2) return undefined;
  const tld = tldOf(labels[labels.length - 1]!);
  if (tld === undefined) return undefined;
  labels[labels.length - 1] = tld;
  for (const l of labels) if (l === '' || l.length > 63 || LABEL_EDGE.test(l)) return undefined;
  e = at + 1 + labels.join('.').length;
  const domain = labels.join('.').toLowerCase();
  const local = text.slice(s, at);
  if (!hasNonLatin(local) && !hasNonLatin(domain)) return undefined; // the ASCII reading's call
  if (isReservedDomain(domain)) return undefined;
  // email-addresses checks the RFC 5322/6532 grammar on the address with '.' dots.
  return addressCandidate(s, e, local, domain, 'rfc6532');
}
