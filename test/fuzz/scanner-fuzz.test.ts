/**
 * fast-check fuzzing of the scanner: whatever the text, scan() and redact() never throw, every
 * finding's offsets are valid UTF-16 indices into the original text, a finding carries no raw
 * value, and the redacted text no longer holds what was found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, scan, type Finding, type TextFormat } from '../../src/scanner/index.js';

const KEY = 'fuzz-fingerprint-key-0123456789abcdef';
const REGIONS = ['GB', 'US', 'DE', 'FR', 'IN', 'BR', 'JP', undefined] as const;
const FORMATS: TextFormat[] = ['text', 'markdown', 'html'];

function check(text: string, region: string | undefined, format: TextFormat): Finding[] {
  const findings = scan(text, { region, format, fingerprintKey: KEY });
  expect(Array.isArray(findings)).toBe(true);
  let previousEnd = -1;
  for (const f of findings) {
    expect(['email', 'phone', 'card']).toContain(f.type);
    expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThan(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    // Findings come in text order and do not overlap.
    expect(f.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = f.end;
    const raw = text.slice(f.start, f.end);
    if (raw.replace(/\s/g, '').length >= 6) {
      expect(JSON.stringify(f)).not.toContain(raw);
    }
  }
  const redacted = redact(text, findings);
  expect(typeof redacted).toBe('string');
  for (const f of findings) {
    // A value that occurs once in the text must be gone from the redacted text.
    const raw = text.slice(f.start, f.end);
    if (raw.length >= 6 && text.indexOf(raw) === text.lastIndexOf(raw)) {
      expect(redacted).not.toContain(raw);
    }
  }
  return findings;
}

const region = fc.constantFrom(...REGIONS);
const format = fc.constantFrom(...FORMATS);

/** Any UTF-16 code units, lone surrogates included. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
  .map((units) => String.fromCharCode(...units));

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const DIGITS = [
  ...'0123456789',
  ...'０１２３４５６７８９',
  ...'٠١٢٣٤٥٦٧٨٩',
  ...'०१२३४५६७८९',
  '𝟎',
  '𝟗',
];
const SEPARATORS = [
  ' ',
  '-',
  '.',
  '/',
  '(',
  ')',
  '+',
  '\u00a0',
  '\u2011',
  '\u2013',
  '\t',
  '\n',
  '#',
  ':',
  ',',
];

/** Real values (made up, valid): a UK number and a Luhn-valid Visa number, as written by people. */
const REAL = ['+44 20 7946 0958', '020 7946 0958', '4539 1488 0343 6467', '4539-1488-0343-6467'];
const FAMILIES = ['0123456789', '０１２３４５６７８９', '٠١٢٣٤٥٦٧٨٩', '०१२३४५६७८९'];

/** A real value with its digits in one Unicode digit family and zero-width characters inside. */
const disguised = fc
  .tuple(
    fc.constantFrom(...REAL),
    fc.constantFrom(...FAMILIES),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ZERO_WIDTH)), { maxLength: 3 }),
  )
  .map(([value, family, inserts]) => {
    let out = value.replace(/\d/g, (d) => family[Number(d)]!);
    for (const [at, zw] of inserts) {
      const i = 1 + (at % (out.length - 1));
      out = out.slice(0, i) + zw + out.slice(i);
    }
    return out;
  });

const digitSoup = fc
  .array(
    fc.oneof(
      { weight: 1, arbitrary: disguised },
      { weight: 6, arbitrary: fc.constantFrom(...DIGITS) },
      { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
      { weight: 1, arbitrary: fc.constantFrom(...ZERO_WIDTH) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('tel:', 'call ', '00', '+44', 'x', 'ext.', '€', '$'),
      },
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/);
const nearMissEmail = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9._%+\-']{0,20}$/),
    fc.constantFrom('@', ' at ', '(at)', '[at]', ' @ ', '＠', '@@', '', ' [at] '),
    fc.array(label, { minLength: 0, maxLength: 4 }),
    fc.constantFrom('.', ' dot ', '(dot)', '[.]', '..', '．', ''),
    fc.constantFrom(
      'com',
      'org',
      'co.uk',
      'c',
      'localhost',
      'example',
      'png',
      'zzzzzz',
      'xn--p1ai',
      '',
    ),
    fc.constantFrom('', ...ZERO_WIDTH, '>', ')', '.', ','),
  )
  .map(
    ([local, at, labels, dot, tld, tail]) => `${local}${at}${labels.join('.')}${dot}${tld}${tail}`,
  );

const markup = fc.constantFrom(
  '[x](mailto:',
  '<a href="tel:',
  '">',
  '</a>',
  '```\n',
  '`',
  '<code>',
  '&#64;',
  '&commat;',
  '&#x40;',
  '<br>',
  '<!--',
  '-->',
  '**',
  '> ',
  '\n\n',
);

const mixed = fc
  .array(
    fc.oneof(
      nearMissEmail,
      digitSoup,
      markup,
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(' '));

describe('scanner fuzzing (fast-check)', () => {
  it('random Unicode (code points, graphemes, lone surrogates): never throws, offsets valid', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({ unit: 'grapheme' }),
          codeUnits,
        ),
        region,
        format,
        (text, r, f) => {
          check(text, r, f);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('near-miss emails (obfuscations, reserved and fake domains, zero-width, full-width)', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.array(nearMissEmail, { minLength: 1, maxLength: 6 }),
        region,
        format,
        (parts, r, f) => {
          found += check(parts.join(' '), r, f).length;
        },
      ),
      { numRuns: 600 },
    );
    // The generator also makes real addresses, so the checks above ran on real findings.
    expect(found).toBeGreaterThan(0);
  });

  it('digit soup (Unicode digits, separators, zero-width, prefixes)', () => {
    let found = 0;
    fc.assert(
      fc.property(digitSoup, region, format, (text, r, f) => {
        found += check(text, r, f).length;
      }),
      { numRuns: 600 },
    );
    expect(found).toBeGreaterThan(0);
  });

  it('a real phone or card in Unicode or full-width digits with zero-width characters is still found, span covering it', () => {
    fc.assert(
      fc.property(
        disguised,
        fc.constantFrom('Call ', 'My number: ', 'Reach me at ', ''),
        format,
        (value, lead, f) => {
          const before = /\d{4}.\d{4}.\d{4}/.test(value.normalize('NFKC')) ? 'Card: ' : lead;
          const text = `${before}${value} thanks`;
          const findings = check(text, 'GB', f);
          const start = before.length;
          const hit = findings.find(
            (x) => x.start <= start + 1 && x.end >= start + value.length - 1,
          );
          expect(
            hit,
            JSON.stringify({ findings: findings.length, start, len: value.length }),
          ).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('markup mixed with all of the above', () => {
    fc.assert(
      fc.property(mixed, region, format, (text, r, f) => {
        check(text, r, f);
      }),
      { numRuns: 300 },
    );
  });

  it('huge inputs (a random unit repeated to 200k–1M UTF-16 units) never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(mixed, digitSoup, nearMissEmail).filter((s) => s.length > 0),
        fc.integer({ min: 200_000, max: 1_000_000 }),
        format,
        (unit, size, f) => {
          const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
          check(text, 'GB', f);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});
