import type { Candidate } from '../types.js';
import { isAddrSpec, isMailDomain, isReservedDomain } from './email-domain.js';
import { isAsciiAlnum, isAsciiDomain, isAsciiLocal } from './email-chars.js';

/**
 * Obfuscated addresses: "jane dot doe at gmail dot com", "jane(at)gmail(dot)com",
 * "jane [at] gmail [.] com", "jane @ gmail . com", "jane arroba gmail punto com".
 * A plain word "at" is everywhere in prose, so that form needs more evidence (see accept()).
 */

const AT_WORDS = 'at|arroba|arobase|chiocciola|klammeraffe|ma\u0142pa|apenstaartje';
/** The same words with the shared 'a' factored out: the regex engine scans prose faster. */
const AT_WORDS_FACTORED = 'a(?:t|rroba|robase|penstaartje)|chiocciola|klammeraffe|ma\u0142pa';
/** Cyrillic has no \\b in a non-unicode regex; blanks around it are checked by hand anyway. */
const AT_WORDS_CYRILLIC = '\u0441\u043e\u0431\u0430\u043a\u0430'; // собака
const DOT_WORDS =
  'dot|punto|ponto|punkt|point|titik|period|punt|kropka|nokta|\u0442\u043e\u0447\u043a\u0430';
const OPEN = '[\\(\\[\\{<]';
const CLOSE = '[\\)\\]\\}>]';

/** The core of an at-marker; surrounding blanks are measured by hand (cheaper than in a regex). */
const AT_MARKER = new RegExp(
  `@|${OPEN}[ \\t]{0,2}(?:${AT_WORDS}|${AT_WORDS_CYRILLIC}|@|a)[ \\t]{0,2}${CLOSE}|\\b(?:${AT_WORDS_FACTORED})\\b|${AT_WORDS_CYRILLIC}`,
  'gi',
);
/** A dot marker starting exactly at lastIndex. */
const DOT_MARKER = new RegExp(
  `[ \\t]{0,3}${OPEN}[ \\t]{0,2}(?:${DOT_WORDS}|\\.)[ \\t]{0,2}${CLOSE}[ \\t]{0,3}` +
    `|[ \\t]{1,3}(?:${DOT_WORDS})[ \\t]{1,3}` +
    `|[ \\t]{1,3}\\.[ \\t]{1,3}` +
    `|[.\u3002\uff61]`,
  'iy',
);
/** A dot marker ending exactly at the end of the tested string. */
const DOT_MARKER_BEFORE = new RegExp(
  `(?:[ \\t]{0,3}${OPEN}[ \\t]{0,2}(?:${DOT_WORDS}|\\.)[ \\t]{0,2}${CLOSE}[ \\t]{0,3}` +
    `|[ \\t]{1,3}(?:${DOT_WORDS})[ \\t]{1,3}|[ \\t]{1,3}\\.[ \\t]{1,3})$`,
  'i',
);
const LABEL = /[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?/y;

/** Words that precede a plain "at" in prose ("look at", "me at") and are never a local part. */
const PROSE_WORDS = new Set(
  `me us you him her them it i we they he she is are was were be been am look looking looked
  stay staying stayed work working works worked live lives living lived here there this that
  and or but only just also still available reach reached contact email e-mail mail write
  arrive arrived arriving meet meeting met shop shopping sold buy bought found find see seen
  one two three all good great best home job school office him online now then today tomorrow
  eat ate tickets ticket price prices sale deal deals offers offer get got listed post posted
  apply applied study studied intern employed hired jobs play played win won lost thanks
  thank cc ping hi hey hello via from to for with by on in of stuff things deals products
  more check out go visit click order ordered cheaper cheap free sign signup register registered
  read watch watched stream streaming hosted host based located store anything something
  everything nothing rates rate lunch dinner party event events ask asked call text message
  dm reply respond answer`.split(/\s+/),
);

const MAIL_PROVIDERS = new Set(
  `gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol proton protonmail pm
  gmx web mail yandex qq 163 126 sina zoho rediffmail orange free laposte sfr wanadoo libero
  virgilio tiscali uol bol terra ig globo hotmail t-online freenet posteo mailbox tutanota
  fastmail btinternet sky ntlworld bigpond optusnet comcast verizon att sbcglobal cox naver
  daum hanmail yahoo.co streamyx`.split(/\s+/),
);

interface Local {
  start: number;
  value: string;
  markedDots: boolean;
}

function readLocal(text: string, end: number): Local | undefined {
  const parts: string[] = [];
  let cursor = end;
  let start = end;
  let markedDots = false;
  let pendingMark = false;
  for (let round = 0; round < 4; round++) {
    let s = cursor;
    while (s > 0 && cursor - s < 64 && isAsciiLocal(text.charCodeAt(s - 1))) s--;
    while (s < cursor && !isAsciiAlnum(text.charCodeAt(s))) s++;
    if (s >= cursor || !isAsciiAlnum(text.charCodeAt(cursor - 1))) break;
    parts.unshift(text.slice(s, cursor));
    start = s;
    if (pendingMark) markedDots = true;
    const m = DOT_MARKER_BEFORE.exec(text.slice(Math.max(0, s - 16), s));
    if (m === null) break;
    cursor = s - m[0].length;
    if (cursor <= 0 || !isAsciiAlnum(text.charCodeAt(cursor - 1))) break;
    pendingMark = true;
  }
  if (parts.length === 0) return undefined;
  // The local part must start at a word boundary.
  if (start > 0 && /[\p{L}\p{N}'’@]/u.test(text[start - 1]!)) return undefined;
  const value = parts.join('.');
  if (value.length > 64 || value.includes('..')) return undefined;
  return { start, value, markedDots };
}

const WORD_UNIT = /[\p{L}\p{N}_]/u;

/** Whether text[i] is a letter, digit or '_' (ASCII answered without the regex). */
function isWordAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    return (
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
    );
  }
  return WORD_UNIT.test(text[i]!);
}

interface Domain {
  end: number;
  labels: string[];
  markedDots: boolean;
}

function readDomain(text: string, from: number): Domain | undefined {
  const labels: string[] = [];
  const ends: number[] = [];
  const marked: boolean[] = [];
  let pos = from;
  let markedSoFar = false;
  for (let k = 0; k < 6; k++) {
    LABEL.lastIndex = pos;
    const m = LABEL.exec(text);
    if (m === null) break;
    const e = pos + m[0].length;
    if (isWordAt(text, e)) break;
    labels.push(m[0].toLowerCase());
    ends.push(e);
    marked.push(markedSoFar);
    DOT_MARKER.lastIndex = e;
    const d = DOT_MARKER.exec(text);
    if (d === null) break;
    if (d[0] !== '.' && d[0] !== '\u3002' && d[0] !== '\uff61') markedSoFar = true;
    pos = DOT_MARKER.lastIndex;
  }
  for (let n = labels.length; n >= 2; n--) {
    const l = labels.slice(0, n);
    if (isMailDomain(l)) return { end: ends[n - 1]!, labels: l, markedDots: marked[n - 1]! };
  }
  return undefined;
}

function accept(kind: string, local: Local, domain: Domain): boolean {
  if (kind === 'bare') return domain.markedDots;
  if (kind === 'bracket') return true;
  const lower = local.value.toLowerCase();
  if (PROSE_WORDS.has(lower)) return false;
  const marked = domain.markedDots || local.markedDots;
  const userLike = /[._\d]/.test(lower);
  // "ping @gmail.com": a space before '@' only is how mentions are written.
  if (kind === 'mention') return marked || userLike;
  if (kind === 'spaced' || marked) return true;
  // "jane at gmail.com": only for a username-like local part or a known mail provider.
  return userLike || MAIL_PROVIDERS.has(domain.labels[0]!);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

interface Marker {
  start: number;
  end: number;
  kind: 'bare' | 'mention' | 'spaced' | 'bracket' | 'word';
}

function measureMarker(text: string, index: number, core: string): Marker | undefined {
  let start = index;
  while (start > index - 3 && isBlank(text.charCodeAt(start - 1))) start--;
  let end = index + core.length;
  const coreEnd = end;
  while (end < coreEnd + 3 && isBlank(text.charCodeAt(end))) end++;
  const c = core.charCodeAt(0);
  if (c === 0x40) {
    if (start === index) return { start, end, kind: end === coreEnd ? 'bare' : 'spaced' };
    return { start, end, kind: end === coreEnd ? 'mention' : 'spaced' };
  }
  if (c === 0x28 || c === 0x5b || c === 0x7b || c === 0x3c) {
    // "(a)" stands for @ only glued to both words (matti(a)gmail.com), never as a list label.
    if (/^.\s*a\s*.$/i.test(core) && (start !== index || end !== coreEnd)) return undefined;
    return { start, end, kind: 'bracket' };
  }
  // A plain word needs blanks on both sides: "jane at gmail dot com".
  if (start === index || end === coreEnd) return undefined;
  return { start, end, kind: 'word' };
}

/** First letters of DOT_WORDS, either case (т for точка). */
const DOT_WORD_START = new Set([...'dptknDPTKN\u0442\u0422'].map((ch) => ch.charCodeAt(0)));

/**
 * Whether readDomain(text, from) could see a marked dot (anything but a plain '.', '。', '｡').
 * Labels and plain dots run on to the first other unit, so a marked dot can only start there:
 * up to three blanks, then '.', an opening bracket or a dot word. False means: certainly not.
 */
function mayHaveMarkedDot(text: string, from: number): boolean {
  const max = Math.min(text.length, from + 512);
  let i = from;
  while (i < max && isAsciiDomain(text.charCodeAt(i))) i++;
  if (i >= max) return true; // end of text or a very long run: let readDomain decide
  let k = 0;
  while (k < 3 && isBlank(text.charCodeAt(i + k))) k++;
  const c = text.charCodeAt(i + k);
  if (c === 0x2e || c === 0x28 || c === 0x5b || c === 0x7b || c === 0x3c) return true;
  return k > 0 && DOT_WORD_START.has(c);
}

export function detectObfuscatedEmails(text: string, precheck = true): Candidate[] {
  const out: Candidate[] = [];
  let floor = 0;
  AT_MARKER.lastIndex = 0;
  for (let m = AT_MARKER.exec(text); m !== null && out.length < 1000; m = AT_MARKER.exec(text)) {
    const marker = measureMarker(text, m.index, m[0]);
    if (marker === undefined || marker.start <= floor) continue;
    // jane@gmail.com is the plain detector's: a bare '@' needs a marked dot (see accept()).
    if (precheck && marker.kind === 'bare' && !mayHaveMarkedDot(text, marker.end)) continue;
    const domain = readDomain(text, marker.end);
    if (domain === undefined) continue;
    // A plain '@' (jane@gmail.com) is the plain detector's; accept() needs a marked dot here.
    if (marker.kind === 'bare' && !domain.markedDots) continue;
    const local = readLocal(text, marker.start);
    if (local === undefined || local.start < floor) continue;
    const kind = marker.kind;
    if (!accept(kind, local, domain)) continue;
    const name = domain.labels.join('.');
    if (isReservedDomain(name)) continue;
    const address = `${local.value}@${name}`;
    if (!isAddrSpec(address)) continue;
    out.push({
      type: 'email',
      start: local.start,
      end: domain.end,
      value: address.toLowerCase(),
      confidence: kind === 'word' ? 0.85 : 0.9,
      reasons: ['obfuscated', `at:${kind}`],
      obfuscated: true,
    });
    floor = domain.end;
    AT_MARKER.lastIndex = domain.end;
  }
  return out;
}
