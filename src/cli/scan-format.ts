/**
 * Human-readable and JSON shapes of scan results. Only masked values leave the scanner, and the
 * fingerprint is dropped unless it was made with a secret key (an unkeyed hash of a phone
 * number can be reversed by trying every number).
 */
import type { Finding } from '../scanner/types.js';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 units, as editors (VS Code, tsc, eslint) count them. */
  column: number;
}

/** Offsets of the first character of each line: 0, then one past every '\n'. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a UTF-16 offset into the text whose line starts are given. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** The finding as printed in JSON output. */
export function toOutputFinding(finding: Finding, keepFingerprint: boolean): Partial<Finding> {
  if (keepFingerprint) return { ...finding };
  const { fingerprint: _fingerprint, ...rest } = finding;
  return rest;
}

function flags(finding: Finding): string[] {
  const out: string[] = [];
  if (finding.obfuscated) out.push('obfuscated');
  if (finding.test) out.push('test-number');
  if (finding.inCode) out.push('in-code');
  return out;
}

/** Control characters in a file name would let a crafted name rewrite the terminal. */
function printableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** `file:line:col  type  masked  severity  reasons` lines, one per finding, in the given order. */
export function formatFindingLines(
  file: string,
  text: string,
  findings: readonly Finding[],
): string[] {
  if (findings.length === 0) return [];
  const starts = lineStarts(text);
  const name = printableName(file);
  return findings.map((f) => {
    const { line, column } = positionAt(starts, f.start);
    const reasons = [...new Set([...f.reasons, ...flags(f)])].join(',');
    return `${name}:${line}:${column}  ${f.type}  ${f.masked}  ${f.severity}  ${reasons}`;
  });
}
