import { expect, it } from 'vitest';
import { scan } from '../../../src/scanner/index.js';
import type { FindingType, ScanOptions } from '../../../src/scanner/types.js';
import { describeSpans, show, spansOf, type Expected } from './spans.js';

/** A labelled value: its type and the exact substring it covers (first occurrence, or nth). */
export type Label = readonly [FindingType, string, number?];
export type Row = readonly [text: string, labels: readonly Label[], options?: ScanOptions];

function locate(text: string, [type, value, nth = 1]: Label): Expected {
  let at = -1;
  for (let k = 0; k < nth; k++) at = text.indexOf(value, at + 1);
  if (at < 0) throw new Error(`label ${JSON.stringify(value)} is not in ${JSON.stringify(text)}`);
  return [type, at, at + value.length];
}

/** One test per row: `scan("...") finds one email at 9..23`, checking exact offsets. */
export function scanTable(rows: readonly Row[], types?: readonly FindingType[]): void {
  for (const [text, labels, options] of rows) {
    const expected = labels.map((l) => locate(text, l)).sort((a, b) => a[1] - b[1]);
    const fmt = options?.format && options.format !== 'text' ? ` (${options.format})` : '';
    it(`scan(${show(text)})${fmt} finds ${describeSpans(expected)}`, () => {
      const found = scan(text, { ...options, ...(types ? { types } : {}) });
      expect(spansOf(found)).toEqual(expected);
    });
  }
}
