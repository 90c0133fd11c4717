import type { ScanDoc } from '../normalize.js';
import { DocBuilder } from './builder.js';
import { decodeEntity } from './entities.js';

type Range = [number, number];

const HTML_SPECIAL = /[<&]/g;
const TAG_NAME = /\/?([A-Za-z][A-Za-z0-9-]{0,20})/y;
const HREF = /\shref\s{0,8}=\s{0,8}(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
/** Link targets that carry an address or a number: mailto:, tel:, and WhatsApp chat links. */
const SCANNABLE_HREF =
  /^\s*(?:(?:mailto|tel|callto|sms|whatsapp):|(?:https?:)?\/\/(?:wa\.me|(?:api|web)\.whatsapp\.com)\/)/i;
const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'pre', 'blockquote', 'hr', 'section', 'article', 'aside', 'header', 'footer', 'dd', 'dt',
]); // prettier-ignore
/** Inline formatting is invisible to a reader: `jane@<b>gmail</b>.com` reads as one address. */
const INLINE_TAGS = new Set([
  'b', 'i', 'u', 'em', 'strong', 'span', 'a', 'small', 'big', 'font', 'mark', 's', 'strike',
  'del', 'ins', 'sup', 'sub', 'abbr', 'bdi', 'bdo', 'wbr', 'q', 'cite', 'dfn', 'var', 'time',
]); // prettier-ignore
const CODE_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'tt']);
const RAW_TEXT_TAGS = new Set(['script', 'style', 'template', 'noscript', 'textarea']);
const MAX_TAG = 8192;

/** HTML as a reader sees it: tags dropped, entities decoded, mailto:/tel: targets kept. */
export function normalizeHtml(original: string): ScanDoc {
  const n = original.length;
  const b = new DocBuilder(original);
  const codeRanges: Range[] = [];
  let codeDepth = 0;
  let codeStart = 0;
  let lower: string | undefined;
  let nextGt = -2; // cached position of the next '>' (-1: none left)
  let run = 0; // start of original text not yet handed to the builder
  let i = 0;
  while (i < n) {
    HTML_SPECIAL.lastIndex = i;
    const m = HTML_SPECIAL.exec(original);
    if (m === null) break;
    i = m.index;
    if (original.charCodeAt(i) === 0x26) {
      const end = b.entity(run, i);
      if (end < 0) i++;
      else i = run = end;
      continue;
    }
    // '<'
    if (original.startsWith('<!--', i)) {
      const close = original.indexOf('-->', i + 4);
      const end = close < 0 ? n : close + 3;
      b.fold(run, i);
      b.emit(' ', i, end);
      i = run = end;
      continue;
    }
    TAG_NAME.lastIndex = i + 1;
    const t = TAG_NAME.exec(original);
    if (t === null && original.charCodeAt(i + 1) !== 0x21) {
      i++;
      continue;
    }
    if (nextGt !== -1 && nextGt < i) nextGt = original.indexOf('>', i);
    const gt = nextGt;
    if (gt < 0 || gt - i > MAX_TAG) {
      i++;
      continue;
    }
    b.fold(run, i);
    const tagEnd = gt + 1;
    const closing = original.charCodeAt(i + 1) === 0x2f;
    const name = t === null ? '!' : t[1]!.toLowerCase();
    if (!INLINE_TAGS.has(name)) b.emit(BLOCK_TAGS.has(name) ? '\n' : ' ', i, tagEnd);
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      lower ??= original.toLowerCase();
      const close = lower.indexOf(`</${name}`, tagEnd);
      const end = close < 0 ? n : Math.max(tagEnd, lower.indexOf('>', close) + 1 || n);
      if (end > tagEnd) b.emit(' ', tagEnd, end);
      i = run = end;
      continue;
    }
    if (CODE_TAGS.has(name)) {
      if (!closing) {
        if (codeDepth === 0) codeStart = b.length;
        codeDepth++;
      } else if (codeDepth > 0 && --codeDepth === 0) {
        codeRanges.push([codeStart, b.length]);
      }
    }
    if (!closing && (name === 'a' || name === 'area')) emitHref(b, original, i, tagEnd);
    i = run = tagEnd;
  }
  b.fold(run, n);
  if (codeDepth > 0) codeRanges.push([codeStart, b.length]);
  return b.finish(n, codeRanges);
}

/** mailto:/tel:/WhatsApp link targets are read like text, mapped to their place inside the tag. */
function emitHref(b: DocBuilder, s: string, tagStart: number, tagEnd: number): void {
  const tag = s.slice(tagStart, tagEnd);
  const m = HREF.exec(tag);
  if (m === null) return;
  const value = m[1] ?? m[2] ?? m[3] ?? '';
  if (!SCANNABLE_HREF.test(value)) return;
  const from = tagStart + m.index + m[0].length - value.length - (m[3] === undefined ? 1 : 0);
  // On lines of their own, so the target never runs into the link text ("+4930901820 030 901820").
  b.emit('\n', tagStart, tagStart + 1);
  foldWithEntities(b, s, from, from + value.length);
  b.emit('\n', tagEnd - 1, tagEnd);
}

function foldWithEntities(b: DocBuilder, s: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    const amp = s.indexOf('&', i);
    const at = amp < 0 || amp >= to ? to : amp;
    b.fold(i, at);
    if (at >= to) return;
    const e = decodeEntity(s, at);
    if (e === undefined || e.end > to) {
      b.copy(at, at + 1);
      i = at + 1;
    } else {
      b.emitFolded(e.text, at, e.end);
      i = e.end;
    }
  }
}
