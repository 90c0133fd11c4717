import type { Candidate, DetectContext, NormalizedDoc } from '../types.js';
import {
  addressCandidate,
  FILE_EXTENSION_TLDS,
  isMailDomain,
  isReservedDomain,
} from './email-domain.js';
import { isAsciiDomain, isAsciiLocal, isDotCode, isLatinLetter } from './email-chars.js';
import { detectObfuscatedEmails } from './email-obfuscated.js';
import { tryUnicodeAt } from './email-unicode.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_EMAILS = 2000;

function isLocalCode(c: number): boolean {
  return isAsciiLocal(c) || c === 0x25 || isLatinLetter(c);
}

function isDomainCode(c: number): boolean {
  return isAsciiDomain(c) || isLatinLetter(c);
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f);
}

/**
 * The local part sits in the credentials of a URL (`https://user:pw@host`), not in its path or
 * query (`https://site/?email=jane@gmail.com` is an address a reader sees).
 */
function isUrlUserinfo(text: string, start: number): boolean {
  const from = Math.max(0, start - 200);
  for (let j = start - 1; j >= from; j--) {
    const c = text.charCodeAt(j);
    if (c <= 0x20 || c === 0x3f || c === 0x23 || c === 0x26 || c === 0x3d) return false;
    if (c === 0x2f) {
      if (text.charCodeAt(j - 1) !== 0x2f || text.charCodeAt(j - 2) !== 0x3a) return false;
      return !/mailto:$/i.test(text.slice(Math.max(0, j - 8), j - 1));
    }
  }
  return false;
}

const REMOTE_COMMANDS = new Set(['ssh', 'scp', 'sftp', 'rsync', 'mosh', 'ssh-copy-id']);

/**
 * `git@github.com`, `git@bitbucket.org:` (a git remote's SSH login, with or without a path), or
 * any user@host right after an ssh/scp command and its options (`ssh -p 2222 admin@host`).
 */
function isRemoteLogin(text: string, start: number, local: string): boolean {
  if (local.toLowerCase() === 'git') return true;
  const words = text.slice(Math.max(0, start - 60), start).split(/\s/);
  if (words.pop() !== '') return false; // glued to something before it
  for (let i = words.length - 1; i >= 0 && i >= words.length - 6; i--) {
    const w = words[i]!;
    if (w === '' || w.startsWith('-') || /^\d+$/.test(w)) continue;
    return REMOTE_COMMANDS.has(w.replace(/^[`$>]+/, ''));
  }
  return false;
}

function tryAt(text: string, at: number, floor: number): Candidate | undefined {
  // Local part, leftwards.
  let s = at;
  const limit = Math.max(floor, at - MAX_LOCAL);
  while (s > limit) {
    const c = text.charCodeAt(s - 1);
    // o'brien@… keeps its apostrophe; a quote before the address does not join it.
    if (isLocalCode(c) || (c === 0x27 && isLetterAt(text, s - 2) && isLetterAt(text, s))) s--;
    else break;
  }
  if (s === limit && s > floor && isLocalCode(text.charCodeAt(s - 1))) return undefined; // too long
  // Leading punctuation is markup or prose (_jane@gmail.com_ in markdown), not the address.
  while (s < at && /[.\-_+']/.test(text[s]!)) s++;
  const dd = text.slice(s, at).lastIndexOf('..');
  if (dd >= 0) s += dd + 2;
  if (s >= at) return undefined;
  if (text.charCodeAt(at - 1) === 0x2e) return undefined;
  const before = text.charCodeAt(s - 1);
  if (before === 0x40) return undefined; // @jane@mastodon.social is a fediverse handle
  // Domain, rightwards.
  let e = at + 1;
  const max = Math.min(text.length, at + 1 + MAX_DOMAIN);
  while (e < max && isDomainCode(text.charCodeAt(e))) e++;
  if (e === max && e < text.length && isDomainCode(text.charCodeAt(e))) return undefined;
  while (e > at + 1 && (isDotCode(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 0x2d)) e--;
  if (e <= at + 1) return undefined;
  let written = text.slice(at + 1, e).split(/[.\u3002\uff61]/);
  let labels = written.map((l) => l.toLowerCase());
  // noreply@example.jp.invalid is not example.jp with a word after it.
  if (isReservedDomain(labels.join('.'))) return undefined;
  let truncated = false;
  while (labels.length >= 2 && !isMailDomain(labels)) {
    labels = labels.slice(0, -1);
    written = written.slice(0, -1);
    truncated = true;
  }
  if (labels.length < 2) return undefined;
  const domain = labels.join('.');
  e = at + 1 + written.join('.').length;
  const tld = labels[labels.length - 1]!;
  const after = text.charCodeAt(e);
  // git@github.com:org/repo, user@host:path
  if (!truncated && after === 0x3a && /[\w~/.]/.test(text[e + 1] ?? '')) return undefined;
  if (FILE_EXTENSION_TLDS.has(tld)) {
    if (before === 0x2f || before === 0x5c) return undefined;
    if (/^\d+(?:x|px|w|h)?$/.test(labels[0]!)) return undefined;
  }
  if (isReservedDomain(domain)) return undefined;
  if (isUrlUserinfo(text, s)) return undefined;
  const local = text.slice(s, at);
  if (isRemoteLogin(text, s, local)) return undefined;
  return addressCandidate(s, e, local, domain, 'rfc5322');
}

/** A non-ASCII letter just before the '@', or where its ASCII domain part stops. */
function mayBeInternational(text: string, at: number): boolean {
  if (text.charCodeAt(at - 1) >= 0x80) return true;
  let i = at + 1;
  const max = Math.min(text.length, at + 256);
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return true;
    if (!isAsciiDomain(c)) return false;
    i++;
  }
  return false;
}

/**
 * Finds addr-specs around each '@' (full-width ＠ is folded by normalize), internationalised ones
 * where the ASCII reading finds none, plus obfuscated forms.
 */
export function detectEmails(doc: NormalizedDoc, _ctx: DetectContext): Candidate[] {
  const text = doc.text;
  const out: Candidate[] = [];
  let floor = 0;
  let at = text.indexOf('@');
  while (at >= 0 && out.length < MAX_EMAILS) {
    const c =
      at > floor
        ? (tryAt(text, at, floor) ??
          (mayBeInternational(text, at) ? tryUnicodeAt(text, at, floor) : undefined))
        : undefined;
    if (c !== undefined) {
      out.push(c);
      floor = c.end;
    }
    at = text.indexOf('@', at + 1);
  }
  for (const c of detectObfuscatedEmails(text)) out.push(c);
  return out;
}
