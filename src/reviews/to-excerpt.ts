import type { Finding } from '../scanner/types.js';

const RADIUS = 120;

/**
 * A short window of the post around the first finding, every finding inside it replaced by its
 * mask. The window never cuts through a finding, so no partial value can leak at its edges.
 */
export function toExcerpt(text: string, findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  let start = first ? Math.max(0, first.start - RADIUS) : 0;
  let end = first ? Math.min(text.length, first.end + RADIUS) : Math.min(text.length, RADIUS * 2);
  for (let changed = true; changed;) {
    changed = false;
    for (const f of sorted) {
      if (f.start < start && f.end > start) [start, changed] = [f.start, true];
      if (f.start < end && f.end > end) [end, changed] = [f.end, true];
    }
  }
  let out = '';
  let at = start;
  for (const f of sorted) {
    if (f.end <= start || f.start >= end) continue;
    if (f.start < at) {
      at = Math.max(at, f.end);
      continue;
    }
    out += text.slice(at, f.start) + f.masked;
    at = f.end;
  }
  out += text.slice(at, end);
  out = out.replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '… ' : ''}${out}${end < text.length ? ' …' : ''}`;
}
