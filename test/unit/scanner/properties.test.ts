import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, redact, scan } from '../../../src/scanner/index.js';
import { normalize as normalizeDoc } from '../../../src/scanner/normalize.js';
import type { Finding, TextFormat } from '../../../src/scanner/types.js';

const pieces = [
  'jane@gmail.com', 'a.b@mail.co.uk', ' at ', ' dot ', '(at)', '[dot]', '@', '.', '4539 5787 6362 1486',
  '4111111111111111', '+44 20 7946 0958', '(202) 555-0143', '0176 23456789', '&#64;', '&amp;', '<b>',
  '</a>', '<a href="mailto:x@y.com">', '`', '```\n', '\\_', '\u200b', '\u00ad', '＠', '４', '٤', '😀',
  '\ud800', '\udc00', ' ', '\n', '-', '1', '12', 'x', 'com', 'gmail',
]; // prettier-ignore

/** Texts made of fragments that exercise every detector, plus arbitrary Unicode. */
const texts = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
  fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 4 })), {
      maxLength: 40,
    })
    .map((a) => a.join('')),
);
const formats = fc.constantFrom<TextFormat>('text', 'markdown', 'html');
const runs = { numRuns: 300 };

function checkShape(text: string, found: Finding[]): void {
  let last = -1;
  for (const f of found) {
    expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.start).toBeLessThan(f.end);
    expect(f.start).toBeGreaterThanOrEqual(last); // sorted, and no overlaps
    last = f.end;
  }
}

describe('scan() properties', () => {
  it('scan() never throws and returns sorted, in-bounds, non-overlapping findings', () => {
    fc.assert(
      fc.property(texts, formats, (text, format) => {
        checkShape(text, scan(text, { format }));
      }),
      runs,
    );
  });

  it('scan() is deterministic', () => {
    fc.assert(
      fc.property(texts, formats, (text, format) => {
        expect(scan(text, { format })).toEqual(scan(text, { format }));
      }),
      runs,
    );
  });

  it('normalize() maps every unit to a non-decreasing index inside the original', () => {
    fc.assert(
      fc.property(texts, formats, (text, format) => {
        const doc = normalize(text, format);
        expect(doc.map.length).toBe(doc.text.length + 1);
        for (let j = 0; j < doc.text.length; j++) {
          expect(doc.map[j]).toBeGreaterThanOrEqual(0);
          expect(doc.map[j]).toBeLessThan(Math.max(1, text.length));
          if (j > 0) expect(doc.map[j]).toBeGreaterThanOrEqual(doc.map[j - 1]!);
        }
      }),
      runs,
    );
  });

  it('normalize() span mapping agrees with the map and never inverts a unit', () => {
    fc.assert(
      fc.property(texts, formats, (text, format) => {
        const doc = normalizeDoc(text, format);
        for (let j = 0; j < doc.text.length; j++) {
          expect(doc.startOf(j)).toBe(doc.map[j]);
          expect(doc.endOf(j)).toBeGreaterThan(doc.startOf(j));
          expect(doc.endOf(j)).toBeLessThanOrEqual(text.length);
        }
        expect(doc.map[doc.text.length]).toBe(text.length);
      }),
      runs,
    );
  });

  it('redact(text, scan(text)) leaves none of the redacted values findable', () => {
    fc.assert(
      fc.property(texts, formats, (text, format) => {
        const found = scan(text, { format });
        const redacted = redact(text, found);
        const again = new Set(scan(redacted, { format }).map((f) => f.fingerprint));
        for (const f of found) expect(again.has(f.fingerprint)).toBe(false);
      }),
      runs,
    );
  });

  it('scan() reports no raw value in a finding', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('jane.doe@gmail.com', '4539578763621486'),
        fc.string(),
        (v, s) => {
          const json = JSON.stringify(scan(`${s} ${v} ${s}`));
          expect(json).not.toContain(v);
        },
      ),
      { numRuns: 50 },
    );
  });
});
