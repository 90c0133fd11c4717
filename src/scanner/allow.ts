import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { AllowList, FindingType } from './types.js';

export type AllowMatcher = (type: FindingType, value: string, fingerprint: string) => boolean;

function phoneKey(raw: string, region: string | undefined): string {
  try {
    const p = parsePhoneNumberFromString(raw, region as CountryCode | undefined);
    if (p !== undefined) return p.number;
  } catch {
    // fall back to digits
  }
  return raw.replace(/\D/g, '');
}

/** Builds the allow-list check once per scan; values are compared in canonical form. */
export function createAllowMatcher(allow: AllowList, region: string | undefined): AllowMatcher {
  const lists = [allow.emails, allow.domains, allow.phones, allow.cards, allow.fingerprints];
  if (lists.every((l) => l === undefined || l.length === 0)) return () => false;
  const emails = new Set((allow.emails ?? []).map((e) => e.trim().toLowerCase()));
  const domains = (allow.domains ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, ''));
  const phones = new Set((allow.phones ?? []).map((p) => phoneKey(p, region)));
  const cards = new Set((allow.cards ?? []).map((c) => c.replace(/\D/g, '')));
  const fingerprints = new Set((allow.fingerprints ?? []).map((f) => f.toLowerCase()));
  return (type, value, fp) => {
    if (fingerprints.has(fp)) return true;
    if (type === 'email') {
      if (emails.has(value)) return true;
      const domain = value.slice(value.lastIndexOf('@') + 1);
      return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
    }
    if (type === 'phone') return phones.has(value) || phones.has(value.replace(/\D/g, ''));
    return cards.has(value);
  };
}
