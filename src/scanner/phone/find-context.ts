/**
 * What the words around a digit run say about it. Looks 40 characters back and 25 ahead.
 *
 * An exclusion word ("order", "Rechnung", "订单") applies only when nothing but filler
 * ("number", "no.", "#", ":") stands between it and the digits, and no phone word comes after
 * it; a phone word applies anywhere in the window.
 */
import {
  EXCLUDE_CONTEXT,
  FILLER,
  HAS_LETTER,
  STRONG_CONTEXT,
  WEAK_CONTEXT,
  regionHints,
} from './context-words.js';

export interface PhoneContext {
  /** A phone word is near. */
  phone: boolean;
  /** The phone word is a strong one (call, tel, whatsapp …), not just "number". */
  strong: boolean;
  /** An order/invoice/tracking/… word names this number. */
  excluded: boolean;
  /** Regions suggested by the language of the phone word (for texts without a region). */
  regions: readonly string[];
}

const BEFORE = 40;
const AFTER = 25;

function lastMatch(pattern: RegExp, s: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(s)) !== null) {
    last = m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return last;
}

export function findContext(text: string, start: number, end: number): PhoneContext {
  const before = text.slice(Math.max(0, start - BEFORE), start);
  const after = text.slice(end, end + AFTER);
  const strongBefore = lastMatch(STRONG_CONTEXT, before);
  const weakBefore = lastMatch(WEAK_CONTEXT, before);
  const exclusion = lastMatch(EXCLUDE_CONTEXT, before);

  let excluded = false;
  if (exclusion) {
    const gap = before.slice(exclusion.index + exclusion[0].length);
    const rest = gap.replace(FILLER, '');
    excluded = gap.length <= 25 && !HAS_LETTER.test(rest) && !/\d/.test(rest);
    if (excluded && strongBefore && strongBefore.index > exclusion.index) excluded = false;
  }
  STRONG_CONTEXT.lastIndex = 0;
  const strongAfter = STRONG_CONTEXT.exec(after);
  const strong = strongBefore ?? strongAfter;
  // "numéro de SIREN …", "number of the order …": the word names some other number.
  const weak =
    excluded || (weakBefore && exclusion && exclusion.index > weakBefore.index) ? null : weakBefore;
  const word = strong?.[0] ?? weak?.[0];
  return {
    phone: !excluded && word !== undefined,
    strong: !excluded && strong !== null,
    excluded,
    regions: word !== undefined && !excluded ? regionHints(word) : [],
  };
}
