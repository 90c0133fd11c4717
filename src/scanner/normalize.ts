import type { NormalizedDoc, TextFormat } from './types.js';
import { DocBuilder } from './normalize/builder.js';
import { normalizeHtml } from './normalize/html.js';
import { normalizeMarkdown } from './normalize/markdown.js';
import {
  DASH,
  DROP,
  KEEP,
  SPACE,
  SURROGATE,
  TABLES,
  foldAstral,
} from './normalize/char-classes.js';

/** A NormalizedDoc plus where the source of normalised unit j starts and ends in the original. */
export interface ScanDoc extends NormalizedDoc {
  readonly startOf: (j: number) => number;
  readonly endOf: (j: number) => number;
}

/**
 * Text whose normalised form has the same length as the original (plain ASCII, or only
 * one-for-one substitutions such as an en dash to '-') maps unit j to j; the map array is only
 * built if someone reads it. A class, so a scan allocates one small object and no closures.
 */
class IdentityDoc implements ScanDoc {
  private lazyMap: Int32Array | undefined;
  readonly codeRanges: ReadonlyArray<readonly [number, number]> = [];

  constructor(
    readonly original: string,
    readonly text: string,
  ) {}

  get map(): Int32Array {
    if (this.lazyMap === undefined) {
      const n = this.original.length;
      const map = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) map[i] = i;
      this.lazyMap = map;
    }
    return this.lazyMap;
  }

  startOf(j: number): number {
    return j;
  }

  endOf(j: number): number {
    return j + 1;
  }
}

function identityDoc(original: string, text: string = original): ScanDoc {
  return new IdentityDoc(original, text);
}

const NON_ASCII = /[\u0080-\uffff]/g;
const { cls: CLS, fold: FOLDED } = TABLES;

/**
 * Builds the text detectors run on, as a person reads it, with an exact map back to the
 * original. `text` is taken literally apart from character folding; `html` drops tags and
 * decodes entities; `markdown` marks code and removes backslash escapes.
 */
export function normalize(original: string, format: TextFormat = 'text'): ScanDoc {
  if (format === 'html') return normalizeHtml(original);
  if (format === 'markdown') return normalizeMarkdown(original);
  return normalizeText(original);
}

function normalizeText(original: string): ScanDoc {
  const n = original.length;
  NON_ASCII.lastIndex = 0;
  if (!NON_ASCII.test(original)) return identityDoc(original);
  // Most non-ASCII text (accents, CJK, emoji) has nothing to fold, and most of what is folded
  // (en dashes, odd spaces, Unicode digits, full-width forms) is one unit for one unit: the
  // offsets stay the same and no segment map is needed. Only dropped units and folded astral
  // characters change the length; those texts take the DocBuilder.
  const parts: string[] = []; // joined at the end: one flat string, not a chain of concatenations
  let run = 0;
  for (let i = NON_ASCII.lastIndex - 1; i < n; i++) {
    const c = original.charCodeAt(i);
    if (c < 0x80) {
      // ASCII: the regex engine finds the next non-ASCII unit faster than this loop.
      NON_ASCII.lastIndex = i;
      if (!NON_ASCII.test(original)) break;
      i = NON_ASCII.lastIndex - 2; // the loop's i++ lands on it
      continue;
    }
    const k = CLS[c]!;
    if (k === KEEP) continue;
    if (k === SURROGATE) {
      const cp = original.codePointAt(i)!;
      if (cp <= 0xffff) continue; // lone surrogate: kept
      if (foldAstral(cp) !== 0) return foldAll(original);
      i++; // a kept astral character (emoji)
      continue;
    }
    if (k === DROP) return foldAll(original);
    const folded = k === SPACE ? ' ' : k === DASH ? '-' : String.fromCharCode(FOLDED[c]!);
    parts.push(original.slice(run, i), folded);
    run = i + 1;
  }
  if (run === 0) return identityDoc(original);
  parts.push(original.slice(run));
  return identityDoc(original, parts.join(''));
}

function foldAll(original: string): ScanDoc {
  const b = new DocBuilder(original);
  b.fold(0, original.length);
  return b.finish(original.length, []);
}
