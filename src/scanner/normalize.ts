import type { NormalizedDoc, TextFormat } from './types.js';
import { DocBuilder } from './normalize/builder.js';
import { SPECIAL } from './normalize/char-classes.js';
import { decodeEntity } from './normalize/entities.js';

/** A NormalizedDoc plus where the source of normalised unit j starts and ends in the original. */
export interface ScanDoc extends NormalizedDoc {
  readonly startOf: (j: number) => number;
  readonly endOf: (j: number) => number;
}

const identity = (j: number): number => j;
const identityEnd = (j: number): number => j + 1;

/** Plain ASCII text maps to itself; the map array is only built if someone reads it. */
function identityDoc(original: string): ScanDoc {
  let map: Int32Array | undefined;
  return {
    original,
    text: original,
    get map(): Int32Array {
      if (map === undefined) {
        map = new Int32Array(original.length + 1);
        for (let i = 0; i <= original.length; i++) map[i] = i;
      }
      return map;
    },
    startOf: identity,
    endOf: identityEnd,
    codeRanges: [],
  };
}

type Range = [number, number];

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Builds the text detectors run on, as a person reads it, with an exact map back to the
 * original. `text` is taken literally apart from character folding; `html` drops tags and
 * decodes entities; `markdown` marks code and removes backslash escapes.
 */
export function normalize(original: string, format: TextFormat = 'text'): ScanDoc {
  if (format === 'html') return normalizeHtml(original);
  if (format === 'markdown') return normalizeMarkdown(original);
  return normalizeText(original);
}

function normalizeText(original: string): ScanDoc {
  const n = original.length;
  if (!NON_ASCII.test(original)) return identityDoc(original);
  // Most non-ASCII text (accents, CJK, emoji) has nothing to fold either.
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(original)) return identityDoc(original);
  const b = new DocBuilder(original);
  b.fold(0, n);
  return b.finish(n, []);
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_SPECIAL = /[<&]/g;
const TAG_NAME = /\/?([A-Za-z][A-Za-z0-9-]{0,20})/y;
const HREF = /\shref\s{0,8}=\s{0,8}(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const SCANNABLE_HREF = /^\s*(?:mailto|tel|callto|sms|whatsapp):/i;
const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'pre', 'blockquote', 'hr', 'section', 'article', 'aside', 'header', 'footer', 'dd', 'dt',
]); // prettier-ignore
/** Inline formatting is invisible to a reader: `jane@<b>gmail</b>.com` reads as one address. */
const INLINE_TAGS = new Set([
  'b', 'i', 'u', 'em', 'strong', 'span', 'a', 'small', 'big', 'font', 'mark', 's', 'strike',
  'del', 'ins', 'sup', 'sub', 'abbr', 'bdi', 'bdo', 'wbr', 'q', 'cite', 'dfn', 'var', 'time',
]); // prettier-ignore
const CODE_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'tt']);
const RAW_TEXT_TAGS = new Set(['script', 'style', 'template', 'noscript', 'textarea']);
const MAX_TAG = 8192;

function normalizeHtml(original: string): ScanDoc {
  const n = original.length;
  const b = new DocBuilder(original);
  const codeRanges: Range[] = [];
  let codeDepth = 0;
  let codeStart = 0;
  let lower: string | undefined;
  let nextGt = -2; // cached position of the next '>' (-1: none left)
  let run = 0; // start of original text not yet handed to the builder
  let i = 0;
  while (i < n) {
    HTML_SPECIAL.lastIndex = i;
    const m = HTML_SPECIAL.exec(original);
    if (m === null) break;
    i = m.index;
    if (original.charCodeAt(i) === 0x26) {
      const e = decodeEntity(original, i);
      if (e === undefined) {
        i++;
      } else {
        b.fold(run, i);
        b.emitFolded(e.text, i, e.end);
        i = run = e.end;
      }
      continue;
    }
    // '<'
    if (original.startsWith('<!--', i)) {
      const close = original.indexOf('-->', i + 4);
      const end = close < 0 ? n : close + 3;
      b.fold(run, i);
      b.emit(' ', i, end);
      i = run = end;
      continue;
    }
    TAG_NAME.lastIndex = i + 1;
    const t = TAG_NAME.exec(original);
    if (t === null && original.charCodeAt(i + 1) !== 0x21) {
      i++;
      continue;
    }
    if (nextGt !== -1 && nextGt < i) nextGt = original.indexOf('>', i);
    const gt = nextGt;
    if (gt < 0 || gt - i > MAX_TAG) {
      i++;
      continue;
    }
    b.fold(run, i);
    const tagEnd = gt + 1;
    const closing = original.charCodeAt(i + 1) === 0x2f;
    const name = t === null ? '!' : t[1]!.toLowerCase();
    if (!INLINE_TAGS.has(name)) b.emit(BLOCK_TAGS.has(name) ? '\n' : ' ', i, tagEnd);
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      lower ??= original.toLowerCase();
      const close = lower.indexOf(`</${name}`, tagEnd);
      const end = close < 0 ? n : Math.max(tagEnd, lower.indexOf('>', close) + 1 || n);
      if (end > tagEnd) b.emit(' ', tagEnd, end);
      i = run = end;
      continue;
    }
    if (CODE_TAGS.has(name)) {
      if (!closing) {
        if (codeDepth === 0) codeStart = b.length;
        codeDepth++;
      } else if (codeDepth > 0 && --codeDepth === 0) {
        codeRanges.push([codeStart, b.length]);
      }
    }
    if (!closing && (name === 'a' || name === 'area')) emitHref(b, original, i, tagEnd);
    i = run = tagEnd;
  }
  b.fold(run, n);
  if (codeDepth > 0) codeRanges.push([codeStart, b.length]);
  return b.finish(n, codeRanges);
}

/** mailto:/tel: link targets are read like text, mapped to their place inside the tag. */
function emitHref(b: DocBuilder, s: string, tagStart: number, tagEnd: number): void {
  const tag = s.slice(tagStart, tagEnd);
  const m = HREF.exec(tag);
  if (m === null) return;
  const value = m[1] ?? m[2] ?? m[3] ?? '';
  if (!SCANNABLE_HREF.test(value)) return;
  const from = tagStart + m.index + m[0].length - value.length - (m[3] === undefined ? 1 : 0);
  // On lines of their own, so the target never runs into the link text ("+4930901820 030 901820").
  b.emit('\n', tagStart, tagStart + 1);
  foldWithEntities(b, s, from, from + value.length);
  b.emit('\n', tagEnd - 1, tagEnd);
}

function foldWithEntities(b: DocBuilder, s: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    const amp = s.indexOf('&', i);
    const at = amp < 0 || amp >= to ? to : amp;
    b.fold(i, at);
    if (at >= to) return;
    const e = decodeEntity(s, at);
    if (e === undefined || e.end > to) {
      b.copy(at, at + 1);
      i = at + 1;
    } else {
      b.emitFolded(e.text, at, e.end);
      i = e.end;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Markdown

const MD_SPECIAL = /[`~\\&]/g;
const FENCE = /([`~]{3,})[^\n]*/y;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

function isLineStart(s: string, i: number): boolean {
  let j = i - 1;
  let spaces = 0;
  while (j >= 0 && s.charCodeAt(j) === 0x20 && spaces < 4) {
    j--;
    spaces++;
  }
  return spaces <= 3 && (j < 0 || s.charCodeAt(j) === 0x0a);
}

function normalizeMarkdown(original: string): ScanDoc {
  const n = original.length;
  const b = new DocBuilder(original);
  const codeRanges: Range[] = [];
  // A backtick run of length k with no closer after position p has none after any later p.
  const noCloser = new Set<number>();
  let run = 0; // start of original text not yet handed to the builder
  let i = 0;
  while (i < n) {
    MD_SPECIAL.lastIndex = i;
    const m = MD_SPECIAL.exec(original);
    if (m === null) break;
    i = m.index;
    const c = original.charCodeAt(i);
    if (c === 0x5c) {
      const next = original[i + 1];
      if (next !== undefined && ASCII_PUNCT.test(next)) {
        b.fold(run, i);
        run = i + 1; // drop the backslash, keep what it escapes
      }
      i += 2;
      continue;
    }
    if (c === 0x26) {
      const e = decodeEntity(original, i);
      if (e === undefined) {
        i++;
      } else {
        b.fold(run, i);
        b.emitFolded(e.text, i, e.end);
        i = run = e.end;
      }
      continue;
    }
    // '`' or '~'
    if (isLineStart(original, i)) {
      FENCE.lastIndex = i;
      const f = FENCE.exec(original);
      if (f !== null && (c === 0x7e || !f[0].slice(f[1]!.length).includes('`'))) {
        const end = findFenceEnd(original, FENCE.lastIndex, f[1]!);
        b.fold(run, i);
        const start = b.length;
        b.fold(i, end);
        codeRanges.push([start, b.length]);
        i = run = end;
        continue;
      }
    }
    if (c === 0x7e) {
      i++;
      continue;
    }
    let k = 1;
    while (original.charCodeAt(i + k) === 0x60) k++;
    const close = noCloser.has(k) ? -1 : findCloser(original, i + k, k);
    if (close < 0) {
      noCloser.add(k);
      i += k;
      continue;
    }
    b.fold(run, i);
    const start = b.length;
    b.fold(i, close + k);
    codeRanges.push([start, b.length]);
    i = run = close + k;
  }
  b.fold(run, n);
  const doc = b.finish(n, codeRanges);
  addIndentedCode(doc.text, codeRanges);
  return doc;
}

const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s/;

/**
 * Indented code blocks: lines indented by four spaces or a tab after a blank line (not the
 * continuation of a list item), found on the normalised text, whose lines match the original.
 */
function addIndentedCode(text: string, codeRanges: Range[]): void {
  if (!text.includes('\n    ') && !text.includes('\n\t')) return;
  const fenced = codeRanges.slice();
  const inFence = (p: number): boolean => fenced.some(([s, e]) => p >= s && p < e);
  let prevBlank = true;
  let lastText = '';
  let blockStart = -1;
  let blockEnd = -1;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    const blank = line.trim() === '';
    const indented = line.startsWith('    ') || line.startsWith('\t');
    if (indented && !blank && (blockStart >= 0 || (prevBlank && !LIST_ITEM.test(lastText)))) {
      if (!inFence(pos)) {
        if (blockStart < 0) blockStart = pos;
        blockEnd = end;
      }
    } else if (!blank && blockStart >= 0) {
      codeRanges.push([blockStart, blockEnd]);
      blockStart = -1;
    }
    if (!blank) lastText = line;
    prevBlank = blank;
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (blockStart >= 0) codeRanges.push([blockStart, blockEnd]);
  codeRanges.sort((a, b) => a[0] - b[0]);
}

function findCloser(s: string, from: number, k: number): number {
  const ticks = '`'.repeat(k);
  let p = from;
  for (;;) {
    const j = s.indexOf(ticks, p);
    if (j < 0) return -1;
    let e = j + k;
    if (s.charCodeAt(e) !== 0x60) return j;
    while (s.charCodeAt(e) === 0x60) e++;
    p = e;
  }
}

function findFenceEnd(s: string, from: number, fence: string): number {
  const ch = fence[0]!;
  let p = from;
  for (;;) {
    const nl = s.indexOf('\n', p);
    if (nl < 0) return s.length;
    let j = nl + 1;
    let spaces = 0;
    while (s.charCodeAt(j) === 0x20 && spaces < 3) {
      j++;
      spaces++;
    }
    if (s.startsWith(fence, j)) {
      let e = j + fence.length;
      while (s[e] === ch) e++;
      const eol = s.indexOf('\n', e);
      const lineEnd = eol < 0 ? s.length : eol;
      if (s.slice(e, lineEnd).trim() === '') return lineEnd;
    }
    p = nl + 1;
  }
}
