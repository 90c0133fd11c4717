/**
 * A number in a cell of a pipe table ("| Central | 8:30 – 20:30 | 91 588 57 24 |") is read in the
 * light of its column's header: under "Teléfono", "Phone" or "Tel." it is a phone number even
 * with no phone word in its own row. Bounded: at most 60 lines and 6,000 characters upwards.
 */
import { classifyWord } from './context-words.js';

const MAX_LINES = 60;
const MAX_CHARS = 6000;
/** Longest table row looked at. */
const MAX_ROW = 2000;
const SEPARATOR_ROW = /^[\s|:\-–—]*$/;
const WORD = /[\p{L}\p{M}]+/gu;

function lineStartOf(text: string, i: number): number {
  while (i > 0 && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}

function lineEndOf(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** The cells of a pipe-table row, without the outer pipes. */
function cells(line: string): string[] {
  const parts = line.split('|');
  if (line.trimStart().startsWith('|')) parts.shift();
  if (line.trimEnd().endsWith('|')) parts.pop();
  return parts;
}

/** The language of a strong phone word heading the column of text[start], or undefined. */
export function columnPhoneWord(text: string, start: number): string | undefined {
  // Cheap exit for prose: no '|' between the number and the start of its (short) line.
  let rowStart = start;
  let pipe = false;
  while (rowStart > 0 && text.charCodeAt(rowStart - 1) !== 10) {
    if (start - rowStart > MAX_ROW) return undefined;
    if (text.charCodeAt(rowStart - 1) === 124) pipe = true;
    rowStart--;
  }
  if (!pipe) return undefined;
  const before = text.slice(rowStart, start);
  const leading = before.trimStart().startsWith('|') ? 1 : 0;
  let column = -leading;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 124) column++;
  if (column < 0) return undefined;
  // Walk up through the table's rows to its first one.
  let header: string | undefined;
  let lineStart = rowStart;
  for (let k = 0; k < MAX_LINES && lineStart > 0 && rowStart - lineStart < MAX_CHARS; k++) {
    const prevStart = lineStartOf(text, lineStart - 1);
    const line = text.slice(prevStart, lineEndOf(text, prevStart));
    if (!line.includes('|')) break;
    if (!SEPARATOR_ROW.test(line)) header = line;
    lineStart = prevStart;
  }
  if (header === undefined) return undefined;
  const cell = cells(header)[column];
  if (cell === undefined) return undefined;
  for (const [word] of cell.toLowerCase().matchAll(WORD)) {
    const info = classifyWord(word);
    if (info?.cls === 'strong') return info.lang;
  }
  return undefined;
}
