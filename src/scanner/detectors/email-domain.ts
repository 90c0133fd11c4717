import emailAddresses from 'email-addresses';
import type { Candidate } from '../types.js';
import { TLDS } from '../data/tlds.js';

/** RFC 2606 / RFC 6761 names that never reach a real mailbox. */
const RESERVED_TLDS = new Set(['test', 'example', 'invalid', 'localhost', 'local']);
const RESERVED_DOMAINS = ['example.com', 'example.org', 'example.net'];

/** Real TLDs that are also common file extensions: `icon@2x.png` style tokens are not mail. */
export const FILE_EXTENSION_TLDS = new Set([
  'zip', 'mov', 'md', 'py', 'rs', 'sh', 'pl', 'js', 'ts', 'java', 'app', 'dev', 'pdf', 'png',
  'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'json', 'xml', 'html', 'txt', 'mp4', 'mp3', 'exe',
  'cc', 'so', 'gz', 'tar', 'yml', 'yaml', 'lock', 'log', 'cs', 'go', 'rb', 'kt', 'swift',
]); // prettier-ignore

export function isRealTld(tld: string): boolean {
  return TLDS.has(tld) || (tld.startsWith('xn--') && tld.length > 4);
}

export function isReservedDomain(domain: string): boolean {
  const dot = domain.lastIndexOf('.');
  if (RESERVED_TLDS.has(domain.slice(dot + 1))) return true;
  return RESERVED_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOMAIN_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOT_ATOM_ADDRESS = new RegExp(
  `^${ATEXT}+(?:\\.${ATEXT}+)*@${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+$`,
);

const LABEL = /^[a-z0-9\u00c0-\u024f](?:[a-z0-9\u00c0-\u024f-]{0,61}[a-z0-9\u00c0-\u024f])?$/;

/** Whether lower-cased `labels` form a plausible public mail domain. */
export function isMailDomain(labels: readonly string[]): boolean {
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1]!;
  if (!/^[a-z]{2,63}$/.test(tld) && !tld.startsWith('xn--')) return false;
  if (!isRealTld(tld)) return false;
  for (const l of labels) if (!LABEL.test(l)) return false;
  return true;
}

/** RFC 5322 addr-spec check by email-addresses, only for candidates that already look right. */
export function isAddrSpec(address: string): boolean {
  // The RFC 5322 dot-atom production, which nearly every real address is; the full grammar
  // (quoted strings, UTF-8 per RFC 6532) is left to email-addresses.
  if (DOT_ATOM_ADDRESS.test(address)) return true;
  try {
    const parsed = emailAddresses.parseOneAddress({ input: address, rfc6532: true });
    return parsed !== null && parsed.type === 'mailbox' && parsed.address === address;
  } catch {
    return false;
  }
}

/**
 * The email candidate for `local@domain` at [start, end), or undefined when the address fails the
 * grammar (RFC 5322, or RFC 6532 for an internationalised one).
 */
export function addressCandidate(
  start: number,
  end: number,
  local: string,
  domain: string,
  grammar: 'rfc5322' | 'rfc6532',
): Candidate | undefined {
  const address = `${local}@${domain}`;
  if (!isAddrSpec(address)) return undefined;
  return {
    type: 'email',
    start,
    end,
    value: address.toLowerCase(),
    confidence: grammar === 'rfc5322' ? 0.97 : 0.9,
    reasons: [grammar, 'tld'],
  };
}
