import type { Finding } from './types.js';

type Span = Pick<Finding, 'start' | 'end' | 'masked'>;

function isUsable(f: Span, length: number): boolean {
  return (
    Number.isInteger(f.start) &&
    Number.isInteger(f.end) &&
    f.start >= 0 &&
    f.end <= length &&
    f.start < f.end &&
    typeof f.masked === 'string'
  );
}

/**
 * Returns `text` with each finding's span replaced by its mask. Findings that are out of range
 * or overlap one already applied are skipped rather than corrupting the text.
 */
export function redact(text: string, findings: readonly Span[]): string {
  const spans = findings.filter((f) => isUsable(f, text.length));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let pos = 0;
  for (const f of spans) {
    if (f.start < pos) continue;
    parts.push(text.slice(pos, f.start), f.masked);
    pos = f.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
