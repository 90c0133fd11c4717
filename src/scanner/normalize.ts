import type { NormalizedDoc, TextFormat } from './types.js';
import { DocBuilder } from './normalize/builder.js';
import { normalizeHtml } from './normalize/html.js';
import { normalizeMarkdown } from './normalize/markdown.js';
import { SPECIAL } from './normalize/char-classes.js';

/** A NormalizedDoc plus where the source of normalised unit j starts and ends in the original. */
export interface ScanDoc extends NormalizedDoc {
  readonly startOf: (j: number) => number;
  readonly endOf: (j: number) => number;
}

const identity = (j: number): number => j;
const identityEnd = (j: number): number => j + 1;

/** Plain ASCII text maps to itself; the map array is only built if someone reads it. */
function identityDoc(original: string): ScanDoc {
  let map: Int32Array | undefined;
  return {
    original,
    text: original,
    get map(): Int32Array {
      if (map === undefined) {
        map = new Int32Array(original.length + 1);
        for (let i = 0; i <= original.length; i++) map[i] = i;
      }
      return map;
    },
    startOf: identity,
    endOf: identityEnd,
    codeRanges: [],
  };
}

const NON_ASCII = /[\u0080-\uffff]/;

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
  if (!NON_ASCII.test(original)) return identityDoc(original);
  // Most non-ASCII text (accents, CJK, emoji) has nothing to fold either.
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(original)) return identityDoc(original);
  const b = new DocBuilder(original);
  b.fold(0, n);
  return b.finish(n, []);
}
