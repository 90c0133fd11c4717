import type { Finding, FindingType } from '../../../src/scanner/types.js';

export type Expected = readonly [FindingType, number, number];

/** `one email at 9..23`, `no findings`, `two findings: email at 0..5, card at 9..28`. */
export function describeSpans(spans: readonly Expected[]): string {
  if (spans.length === 0) return 'no findings';
  if (spans.length === 1) return `one ${spans[0]![0]} at ${spans[0]![1]}..${spans[0]![2]}`;
  return `${spans.length} findings: ${spans.map(([t, s, e]) => `${t} at ${s}..${e}`).join(', ')}`;
}

export function spansOf(findings: readonly Pick<Finding, 'type' | 'start' | 'end'>[]): Expected[] {
  return findings.map((f) => [f.type, f.start, f.end] as const);
}

/** Short printable form of a sample for test names. */
export function show(text: string): string {
  const s = JSON.stringify(text);
  return s.length > 70 ? `${s.slice(0, 67)}…"` : s;
}
