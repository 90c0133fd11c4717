/**
 * Per-code-unit classification for the BMP, computed once at module load so the hot loop in
 * normalize() is a table lookup. Astral code points are handled separately (they are rare).
 */

export const KEEP = 0;
export const DROP = 1;
export const SPACE = 2;
export const DASH = 3;
/** Replace with FOLD[c] (a single BMP code unit): digits, full-width forms, dots. */
export const FOLD = 4;
export const SURROGATE = 5;

export interface CharTables {
  readonly cls: Uint8Array;
  readonly fold: Uint16Array;
}

/**
 * Full-width ，！？：；"' end every other CJK phrase and never sit inside a value: leaving them
 * alone keeps CJK posts on the no-copy path. (Ideographic full stops inside an address,
 * jane@gmail。com, are read by the email detector itself.)
 */
const CJK_SENTENCE_PUNCTUATION = new Set([0xff0c, 0xff01, 0xff1f, 0xff1a, 0xff1b, 0xff02, 0xff07]);

function isFoldRange(c: number): boolean {
  return (
    (c >= 0xff01 && c <= 0xff5e) || // full-width ASCII
    (c >= 0xfe50 && c <= 0xfe6b) || // small forms (﹫ ﹒)
    (c >= 0x2460 && c <= 0x2468) || // circled 1-9
    c === 0x24ea || // circled 0
    (c >= 0x24b6 && c <= 0x24e9) || // circled letters
    c === 0x2024 // one dot leader
  );
}

function buildTables(): CharTables {
  const cls = new Uint8Array(0x10000);
  const fold = new Uint16Array(0x10000);
  const nd = /\p{Nd}/u;
  const cf = /\p{Cf}/u;
  const zs = /[\p{Zs}\u2028\u2029\u0085]/u;
  const pd = /[\p{Pd}\u2212\u2043\u02d7\ufe63\uff0d]/u;
  let digitValue = -1;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      cls[c] = SURROGATE;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (nd.test(ch)) {
      // Unicode decimal digits always come in contiguous runs 0..9.
      digitValue =
        digitValue >= 0 && digitValue < 9 && nd.test(String.fromCharCode(c - 1))
          ? digitValue + 1
          : 0;
      cls[c] = FOLD;
      fold[c] = 0x30 + digitValue;
      continue;
    }
    digitValue = -1;
    if (
      cf.test(ch) ||
      c === 0x034f ||
      c === 0x115f ||
      c === 0x1160 ||
      c === 0x3164 ||
      c === 0xffa0 ||
      c === 0x20e3 ||
      (c >= 0xfe00 && c <= 0xfe0f)
    ) {
      cls[c] = DROP;
    } else if (zs.test(ch)) {
      cls[c] = SPACE;
    } else if (pd.test(ch)) {
      cls[c] = DASH;
    } else if (isFoldRange(c) && !CJK_SENTENCE_PUNCTUATION.has(c)) {
      const n = ch.normalize('NFKC');
      if (n.length === 1 && n.charCodeAt(0) < 0x80) {
        cls[c] = FOLD;
        fold[c] = n.charCodeAt(0);
      }
    }
  }
  return { cls, fold };
}

export const TABLES: CharTables = buildTables();

function hex(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/**
 * Matches the next unit fold() must look at: every non-ASCII BMP character that is not kept
 * as is, and high surrogates (astral digits and letters). Letters of other scripts, CJK and
 * accented Latin are skipped by the regex engine, which is much faster than a JS loop.
 */
function buildSpecialPattern(cls: Uint8Array): RegExp {
  let source = '';
  let c = 0x80;
  while (c < 0x10000) {
    const special = cls[c] !== KEEP && !(c >= 0xdc00 && c <= 0xdfff);
    if (!special) {
      c++;
      continue;
    }
    const from = c;
    while (c + 1 < 0x10000 && cls[c + 1] !== KEEP && !(c + 1 >= 0xdc00 && c + 1 <= 0xdfff)) c++;
    source += from === c ? hex(from) : `${hex(from)}-${hex(c)}`;
    c++;
  }
  return new RegExp(`[${source}]`, 'g');
}

export const SPECIAL: RegExp = buildSpecialPattern(TABLES.cls);

const astralDigit = /\p{Nd}/u;
const astralFormat = /\p{Cf}/u;

/**
 * Folds one astral code point: returns an ASCII code, -1 to drop it, or 0 to keep it as is.
 * Emoji (U+1F000 and up, below the tag block) are kept without any regex work.
 */
export function foldAstral(cp: number): number {
  if (cp >= 0x1f000 && cp < 0xe0000) return 0;
  const ch = String.fromCodePoint(cp);
  if (astralFormat.test(ch)) return -1;
  if (astralDigit.test(ch)) {
    // Digit blocks are runs of ten, sometimes adjacent (mathematical digits): count back.
    let v = 0;
    while (v < 100 && astralDigit.test(String.fromCodePoint(cp - v - 1))) v++;
    return 0x30 + (v % 10);
  }
  if (cp >= 0x1d400 && cp <= 0x1d7ff) {
    const n = ch.normalize('NFKC');
    if (n.length === 1 && n.charCodeAt(0) < 0x80) return n.charCodeAt(0);
  }
  return 0;
}
