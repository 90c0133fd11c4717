/**
 * validateNumber() re-implements libphonenumber's isValid() with precompiled patterns for speed;
 * it must agree with the library itself. Checked on every region's example numbers and on
 * seeded perturbations of them (national and international forms).
 */
import { describe, expect, it } from 'vitest';
import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { callingCodeLength, validateNumber } from '../../../src/scanner/phone/validate-number.js';

function library(dial: string, region: string | undefined): string | null {
  const n = parsePhoneNumberFromString(dial, {
    defaultCountry: region as CountryCode | undefined,
    extract: false,
  });
  return n && n.isValid() ? n.number : null;
}

/** Small seeded generator, so a failure names a reproducible input. */
function createRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

describe('validateNumber()', () => {
  it.each([
    ['+442079460958', undefined, '+442079460958'],
    ['02079460958', 'GB', '+442079460958'],
    ['+4402079460958', undefined, '+442079460958'],
    ['0412345678', 'AU', '+61412345678'],
    ['00114420794609', 'AU', null],
    ['001144207946095', 'AU', null],
    ['0011442079460958', 'AU', '+442079460958'],
    ['01144207946095', 'US', null],
    ['011442079460958', 'US', '+442079460958'],
    ['4165550123', 'US', '+14165550123'],
    ['0111523456789', 'AR', '+5491123456789'],
    ['09012345678', 'JP', '+819012345678'],
    ['5551234567', 'US', null],
    ['+999123456789', undefined, null],
    ['12345678', 'XX', null],
  ] as const)('validateNumber(%s, %s) is %s', (dial, region, expected) => {
    expect(validateNumber(dial, region)?.e164 ?? null).toBe(expected);
  });

  it("agrees with libphonenumber on every region's example numbers and their perturbations", () => {
    const rng = createRng(20261130);
    const disagreements: string[] = [];
    let valid = 0;
    for (const region of getCountries()) {
      const example = getExampleNumber(region, examples);
      if (!example) continue;
      const national = `0${example.nationalNumber}`;
      for (let i = 0; i < 40; i++) {
        let digits = i % 4 === 0 ? national : String(example.nationalNumber);
        // Change one or two digits, or the length.
        const pos = Math.floor(rng() * digits.length);
        if (i % 3 === 1)
          digits = digits.slice(0, pos) + String(Math.floor(rng() * 10)) + digits.slice(pos + 1);
        if (i % 5 === 2) digits = digits.slice(0, -1);
        if (i % 7 === 3) digits += String(Math.floor(rng() * 10));
        const intl = i % 2 === 1 ? `+${getCountryCallingCode(region)}${digits}` : undefined;
        for (const [dial, r] of intl ? [[intl, undefined] as const] : [[digits, region] as const]) {
          const expected = library(dial, r);
          const got = validateNumber(dial, r);
          if (expected) valid++;
          if ((got?.e164 ?? null) !== expected)
            disagreements.push(`${r ?? 'intl'} ${dial}: ${got?.e164} vs ${expected}`);
          else if (got && got.type !== parsePhoneNumberFromString(expected!)!.getType()) {
            disagreements.push(`${r ?? 'intl'} ${dial}: type ${got.type}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThan(2000);
  });
});

describe('callingCodeLength()', () => {
  it.each([
    ['+442079460958', 2],
    ['+14155552671', 1],
    ['+8613800138000', 2],
    ['+35312345678', 3],
    ['+80012345678', 3],
    ['+999', 0],
    ['442079460958', 0],
    ['', 0],
  ] as const)('callingCodeLength(%j) is %i', (e164, expected) => {
    expect(callingCodeLength(e164)).toBe(expected);
  });
});
