import type { ScanDoc } from '../normalize.js';
import { DocBuilder } from './builder.js';

type Range = [number, number];

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

/** Markdown: code spans, fences and indented blocks marked as code; backslash escapes removed. */
export function normalizeMarkdown(original: string): ScanDoc {
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
      const end = b.entity(run, i);
      if (end < 0) i++;
      else i = run = end;
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
