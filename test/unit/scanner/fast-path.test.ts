/**
 * The scanner's fast paths (identity offsets for text without length-changing folds, detectors
 * skipping text without their trigger characters) must give exactly what the general path
 * gives. A leading zero-width space forces the general path (the DocBuilder segment map):
 * it is dropped by normalisation, so every finding must come back one unit to the right and
 * otherwise identical.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDigitCorpus } from '../../../bench/lib/digit-corpus.js';
import { generateForumCorpus } from '../../../bench/lib/forum-corpus.js';
import { normalize, scan } from '../../../src/scanner/index.js';
import { findCards } from '../../../src/scanner/detectors/card.js';
import { detectObfuscatedEmails } from '../../../src/scanner/detectors/email-obfuscated.js';
import { DocBuilder } from '../../../src/scanner/normalize/builder.js';
import type { Finding, ScanOptions, TextFormat } from '../../../src/scanner/types.js';
import { loadCorpus } from '../../support/corpus.js';

interface Sample {
  id: string;
  text: string;
  region: string | undefined;
  format: TextFormat;
}

const SAMPLES: Sample[] = [
  ...loadCorpus().map((c) => ({ id: c.id, text: c.text, region: c.region, format: c.format })),
  ...generateForumCorpus(7, 150_000).posts.map((text, i) => ({
    id: `forum-${i}`,
    text,
    region: 'GB',
    format: 'text' as const,
  })),
  ...generateDigitCorpus(8, 80_000).posts.map((text, i) => ({
    id: `digits-${i}`,
    text,
    region: 'DE',
    format: 'text' as const,
  })),
  // One-for-one folds next to values: dashes, odd spaces, Unicode and full-width digits.
  ...[
    'card 4111\u20131111\u20131111\u20131111 ok',
    'call \uff10\uff12\uff10 \uff17\uff19\uff14\uff16 \uff10\uff19\uff15\uff18 now',
    'mail jane\uff20gmail\uff0ecom or \u0660\u0667\u0669\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668',
    'Tel.\u00a0+44\u202f20\u20097946\u00a00958 😀 and 🎉 jane.doe@example.org',
    'lone \ud800 high and \udc00 low surrogates around 4111 1111 1111 1111',
  ].map((text, i) => ({ id: `fold-${i}`, text, region: 'GB', format: 'text' as const })),
];

function full(text: string) {
  const b = new DocBuilder(text);
  b.fold(0, text.length);
  return b.finish(text.length, []);
}

function shifted(findings: Finding[], by: number): Finding[] {
  return findings.map((f) => ({ ...f, start: f.start + by, end: f.end + by }));
}

describe('scanner fast paths', () => {
  it('sample set is large and has findings of every type', () => {
    expect(SAMPLES.length).toBeGreaterThan(500);
    const types = new Set(
      SAMPLES.flatMap((s) => scan(s.text, { region: s.region }).map((f) => f.type)),
    );
    expect([...types].sort()).toEqual(['card', 'email', 'phone']);
  });

  it('normalize(text) equals the DocBuilder fold: same text, same offsets for every unit', () => {
    for (const s of SAMPLES) {
      const fast = normalize(s.text, 'text');
      const slow = full(s.text);
      expect(fast.text, s.id).toBe(slow.text);
      expect(Array.from(fast.map), s.id).toEqual(Array.from(slow.map));
      for (let j = 0; j < fast.text.length; j++) {
        if (fast.startOf(j) !== slow.startOf(j) || fast.endOf(j) !== slow.endOf(j)) {
          expect({ id: s.id, j, start: fast.startOf(j), end: fast.endOf(j) }).toEqual({
            id: s.id,
            j,
            start: slow.startOf(j),
            end: slow.endOf(j),
          });
        }
      }
    }
  });

  it('normalize(text) equals the DocBuilder fold on random mixes of ASCII and folded units', () => {
    const unit = fc.constantFrom(
      'a',
      ' ',
      '1',
      '@',
      '.',
      '\u00e9',
      '\u4e2d',
      '\u0915',
      '\u2013',
      '\u00a0',
      '\uff11',
      '\u0661',
      '\u200b',
      '\u00ad',
      '\ud83d\ude00',
      '\ud835\udfce',
      '\ud800',
      '\udc00',
      '\u20ac',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), (units) => {
        const text = units.join('');
        const fast = normalize(text, 'text');
        const slow = full(text);
        expect(fast.text).toBe(slow.text);
        expect(Array.from(fast.map)).toEqual(Array.from(slow.map));
        for (let j = 0; j < fast.text.length; j++) {
          expect([fast.startOf(j), fast.endOf(j)]).toEqual([slow.startOf(j), slow.endOf(j)]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('scan() finds the same with a leading zero-width space (general path), shifted by one', () => {
    let compared = 0;
    for (const s of SAMPLES) {
      const options: ScanOptions = { region: s.region, format: s.format };
      const fast = scan(s.text, options);
      const slow = scan(`\u200b${s.text}`, options);
      expect(slow, s.id).toEqual(shifted(fast, 1));
      compared += fast.length;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('the card scan that passes over short digit chains finds what the run-by-run scan finds', () => {
    let found = 0;
    for (const s of SAMPLES) {
      const text = normalize(s.text, 'text').text;
      const full = findCards(text, false);
      expect(findCards(text, true), s.id).toEqual(full);
      found += full.length;
    }
    expect(found).toBeGreaterThan(20);
    // Digit-dense strings with every kind of separator and boundary, including valid cards.
    const piece = fc.oneof(
      fc.constantFrom(
        '4111 1111 1111 1111',
        '4539-3016-2190-0213',
        '378282246310005',
        '5555.5555.5555.4444',
      ),
      fc.stringMatching(/^[0-9]{1,22}$/),
      fc.constantFrom(
        ' ',
        '-',
        '.',
        '  ',
        '+',
        'a',
        'x1',
        '\n',
        ',',
        '/',
        '(',
        ')',
        'card ',
        'IMEI ',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(findCards(text, true)).toEqual(findCards(text, false));
      }),
      { numRuns: 3000 },
    );
  });

  it('the obfuscated-email pass that skips plain addresses early finds what the full pass finds', () => {
    let found = 0;
    for (const s of SAMPLES) {
      const text = normalize(s.text, 'text').text;
      const full = detectObfuscatedEmails(text, false);
      expect(detectObfuscatedEmails(text, true), s.id).toEqual(full);
      found += full.length;
    }
    expect(found).toBeGreaterThan(10);
    const piece = fc.constantFrom(
      'jane',
      'doe',
      '@',
      ' @ ',
      'gmail',
      'web',
      'de',
      'com',
      '.',
      ' . ',
      ' dot ',
      '  DOT  ',
      ' punkt ',
      ' \u0442\u043e\u0447\u043a\u0430 ',
      '(dot)',
      ' [.] ',
      '{at}',
      ' at ',
      '-',
      '_',
      ' ',
      '\t',
      '\n',
      'x1',
      ':',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(detectObfuscatedEmails(text, true)).toEqual(detectObfuscatedEmails(text, false));
      }),
      { numRuns: 4000 },
    );
  });
});
