/**
 * Phone number validation against libphonenumber's full ("max") metadata, the same rules as
 * `parsePhoneNumber(...).isValid()` (general pattern, then the per-type patterns with their
 * possible lengths), but with each pattern compiled once. libphonenumber compiles a RegExp for
 * every pattern test, which made parsing dominate the scan time of digit-dense text.
 *
 * Regions whose national prefix rule is more than "strip this prefix" (carrier codes, digit
 * transforms: BR, AR, MX, …) are left to libphonenumber's own parser.
 */
import {
  Metadata,
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';

export interface ValidNumber {
  /** E.164, e.g. +442079460958. */
  e164: string;
  type: NumberType;
}

const TYPES: readonly NonNullable<NumberType>[] = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

interface TypeRule {
  type: NonNullable<NumberType>;
  pattern: RegExp;
  lengths: readonly number[] | undefined;
}

interface Plan {
  callingCode: string;
  /** Possible lengths of a national significant number. */
  lengths: ReadonlySet<number>;
  general: RegExp;
  nationalPrefix: string;
  /** What a national number may start with before its significant digits (anchored). */
  prefixForParsing: RegExp | undefined;
  /** The national prefix rule rewrites digits (a transform rule). */
  complex: boolean;
  types: TypeRule[];
  /** FIXED_LINE and MOBILE share one pattern (the metadata drops the mobile one). */
  fixedOrMobile: boolean;
  /** The region's international call prefix, anchored. */
  idd: RegExp | undefined;
}

interface InternalType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface InternalMetadata {
  hasCountry(country: string): boolean;
  getCountryCodesForCallingCode(code: string): string[] | undefined;
  nonGeographic(): Record<string, unknown> | undefined;
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: {
    callingCode(): string;
    IDDPrefix(): string | undefined;
    nationalNumberPattern(): string;
    possibleLengths(): number[] | undefined;
    nationalPrefix(): string | undefined;
    nationalPrefixForParsing(): string | undefined;
    nationalPrefixTransformRule(): string | undefined;
    type(type: string): InternalType | undefined;
  };
}

const metadata = new Metadata() as unknown as InternalMetadata;
const plans = new Map<string, Plan | null>();

function planOf(country: string): Plan | null {
  let plan = plans.get(country);
  if (plan !== undefined) return plan;
  plan = null;
  if (metadata.hasCountry(country)) {
    metadata.selectNumberingPlan(country);
    const p = metadata.numberingPlan;
    const nationalPrefix = p.nationalPrefix() ?? '';
    const forParsing = p.nationalPrefixForParsing();
    const types: TypeRule[] = [];
    for (const type of TYPES) {
      const t = p.type(type);
      const source = t?.pattern();
      if (t && source)
        types.push({ type, pattern: new RegExp(`^(?:${source})$`), lengths: t.possibleLengths() });
    }
    const mobile = p.type('MOBILE');
    plan = {
      callingCode: p.callingCode(),
      lengths: new Set(p.possibleLengths() ?? []),
      general: new RegExp(`^(?:${p.nationalNumberPattern()})$`),
      nationalPrefix,
      prefixForParsing: forParsing ? new RegExp(`^(?:${forParsing})`) : undefined,
      complex: Boolean(p.nationalPrefixTransformRule()),
      types,
      fixedOrMobile: !mobile || mobile.pattern() === '',
      idd: p.IDDPrefix() ? new RegExp(`^(?:${p.IDDPrefix()})`) : undefined,
    };
  }
  plans.set(country, plan);
  return plan;
}

/** The number type of a national significant number in one country, as getNumberType() has it. */
function typeIn(plan: Plan, nsn: string): NumberType {
  if ((plan.lengths.size > 0 && !plan.lengths.has(nsn.length)) || !plan.general.test(nsn)) {
    return undefined;
  }
  let fixed = false;
  for (const rule of plan.types) {
    if (rule.lengths && !rule.lengths.includes(nsn.length)) continue;
    if (!rule.pattern.test(nsn)) continue;
    if (rule.type === 'FIXED_LINE') {
      if (plan.fixedOrMobile) return 'FIXED_LINE_OR_MOBILE';
      fixed = true;
      continue;
    }
    if (fixed) return rule.type === 'MOBILE' ? 'FIXED_LINE_OR_MOBILE' : 'FIXED_LINE';
    return rule.type;
  }
  return fixed ? 'FIXED_LINE' : undefined;
}

/** Valid in any country sharing the calling code (as libphonenumber picks the country by leading digits). */
function validNsn(callingCode: string, nsn: string): ValidNumber | null {
  for (const country of metadata.getCountryCodesForCallingCode(callingCode) ?? []) {
    const plan = planOf(country);
    if (!plan) continue;
    const type = typeIn(plan, nsn);
    if (type) return { e164: `+${callingCode}${nsn}`, type };
  }
  return null;
}

function viaLibrary(dial: string, region: string | undefined): ValidNumber | null {
  const n = parsePhoneNumberFromString(dial, {
    defaultCountry: region as CountryCode | undefined,
    extract: false,
  });
  return n && n.isValid() ? { e164: n.number, type: n.getType() } : null;
}

/**
 * `dial` is "+<digits>" (international) or national digits for `region`. Returns the E.164 form
 * and type of a valid number, else null.
 */
export function validateNumber(dial: string, region: string | undefined): ValidNumber | null {
  if (dial.startsWith('+')) {
    for (let len = 1; len <= 3 && len < dial.length; len++) {
      const callingCode = dial.slice(1, 1 + len);
      const countries = metadata.getCountryCodesForCallingCode(callingCode);
      if (!countries) continue;
      const plan = planOf(countries[0]!);
      // Calling codes are prefix-free: the first one that exists is the one.
      if (!plan) return viaLibrary(dial, undefined);
      const nsn = dial.slice(1 + len);
      const direct = validNsn(callingCode, nsn);
      if (direct) return direct;
      // "+44 0 20 …", "+1 1 641 …": a national prefix written after the calling code.
      const prefix = plan.nationalPrefix;
      if (plan.complex && plan.prefixForParsing?.test(nsn)) return viaLibrary(dial, undefined);
      return prefix && nsn.startsWith(prefix)
        ? validNsn(callingCode, nsn.slice(prefix.length))
        : null;
    }
    // Non-geographic codes (+800, +882 …): ask the library.
    for (let len = 1; len <= 3 && len < dial.length; len++) {
      if (metadata.nonGeographic()?.[dial.slice(1, 1 + len)]) return viaLibrary(dial, undefined);
    }
    return null;
  }
  if (!region) return null;
  const plan = planOf(region);
  if (!plan) return null;
  if (plan.complex) return viaLibrary(dial, region);
  const prefix = plan.prefixForParsing?.exec(dial);
  if (prefix && prefix[0].length > 0) {
    const stripped = validNsn(plan.callingCode, dial.slice(prefix[0].length));
    if (stripped) return stripped;
  }
  const national = validNsn(plan.callingCode, dial);
  if (national) return national;
  // Dialled with the region's own international prefix (011 in NANP, 0011 in AU, 00 …).
  const idd = plan.idd?.exec(dial);
  return idd ? validateNumber(`+${dial.slice(idd[0].length)}`, undefined) : null;
}

/**
 * Length of the calling code of an E.164 number ("+442079460958" → 2), 0 when there is none.
 * A few object lookups, where parsing the number again would cost a full parse.
 */
export function callingCodeLength(e164: string): number {
  if (!e164.startsWith('+')) return 0;
  for (let len = 1; len <= 3 && len < e164.length; len++) {
    const code = e164.slice(1, 1 + len);
    if (metadata.getCountryCodesForCallingCode(code) || metadata.nonGeographic()?.[code])
      return len;
  }
  return 0;
}

/** Whether national numbers of the region are written with a trunk prefix (0 in GB, FR, DE …). */
export function usesNationalPrefix(region: string): boolean {
  return Boolean(planOf(region)?.nationalPrefix);
}

/**
 * "6012-345 6789" in Malaysia, "4930 1234567" in Germany: a number of `region` written with its
 * country code but no '+' or international prefix (libphonenumber reads it so too). Only when the
 * digits start with the region's calling code and not with its national prefix.
 */
export function validateOwnCallingCode(dial: string, region: string): ValidNumber | null {
  const plan = planOf(region);
  if (!plan || !dial.startsWith(plan.callingCode)) return null;
  if (plan.nationalPrefix && dial.startsWith(plan.nationalPrefix)) return null;
  const number = validateNumber(`+${dial}`, undefined);
  return number && number.e164.startsWith(`+${plan.callingCode}`) ? number : null;
}
