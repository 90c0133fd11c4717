import type { ScanDoc } from '../normalize.js';
import { DASH, DROP, FOLD, SPACE, SPECIAL, SURROGATE, TABLES, foldAstral } from './char-classes.js';
import { decodeEntity } from './entities.js';

const { cls: CLS, fold: FOLDED } = TABLES;

/**
 * Accumulates normalised text as segments: a copied run of the original (unit j maps to
 * orig + j) or an emitted replacement standing for original[from, to). The per-unit map is only
 * materialised if someone reads it; scan() maps its few findings by binary search.
 */
export class DocBuilder {
  private readonly parts: string[] = [];
  private readonly segOut: number[] = [];
  private readonly segOrig: number[] = [];
  /** -1 for a copied run, else the original end of the emitted replacement. */
  private readonly segTo: number[] = [];
  length = 0;
  /**
   * No SPECIAL character stands in original[specialFrom, specialAt); specialAt is the next one
   * (or the text's length). Remembered across fold() calls so that many short folds (one per
   * code span or entity) do not each search to the end of the text: that was quadratic.
   */
  private specialFrom = 0;
  private specialAt = -1;

  constructor(readonly original: string) {}

  /** Index of the first SPECIAL character at or after i, or the text's length. */
  private nextSpecial(i: number): number {
    if (i >= this.specialFrom && i <= this.specialAt) return this.specialAt;
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(this.original);
    this.specialFrom = i;
    this.specialAt = m === null ? this.original.length : m.index;
    return this.specialAt;
  }

  /** Copies original[from, to) unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(this.original.slice(from, to));
    const k = this.segOut.length - 1;
    const contiguous =
      k >= 0 && this.segTo[k] === -1 && this.segOrig[k]! + (this.length - this.segOut[k]!) === from;
    if (!contiguous) {
      this.segOut.push(this.length);
      this.segOrig.push(from);
      this.segTo.push(-1);
    }
    this.length += to - from;
  }

  /** Emits `text` standing for original[from, to). */
  emit(text: string, from: number, to: number): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.segOut.push(this.length);
    this.segOrig.push(from);
    this.segTo.push(to);
    this.length += text.length;
  }

  /**
   * If an HTML entity starts at original[at], folds original[run, at), emits the decoded entity
   * and returns where it ends; otherwise returns -1 and emits nothing.
   */
  entity(run: number, at: number): number {
    const e = decodeEntity(this.original, at);
    if (e === undefined) return -1;
    this.fold(run, at);
    this.emitFolded(e.text, at, e.end);
    return e.end;
  }

  /** Emits `text` (folded like fold() does) standing for original[from, to). */
  emitFolded(text: string, from: number, to: number): void {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const k = c < 0x80 ? 0 : CLS[c]!;
      if (k === 0 || k === SURROGATE) out += text[i];
      else if (k === SPACE) out += ' ';
      else if (k === DASH) out += '-';
      else if (k === FOLD) out += String.fromCharCode(FOLDED[c]!);
    }
    this.emit(out, from, to);
  }

  /**
   * Copies original[from, to) with character folding: Unicode digits to ASCII, full-width forms
   * folded, format characters dropped, odd spaces and dashes unified.
   */
  fold(from: number, to: number): void {
    const s = this.original;
    let run = from;
    let i = from;
    while (i < to) {
      const at = this.nextSpecial(i);
      if (at >= to) break;
      i = at;
      const c = s.charCodeAt(i);
      const k = CLS[c]!;
      if (k === SURROGATE) {
        const cp = s.codePointAt(i)!;
        if (cp <= 0xffff || i + 1 >= to) {
          i++; // lone surrogate: keep
          continue;
        }
        const f = foldAstral(cp);
        if (f !== 0) {
          this.copy(run, i);
          if (f > 0) this.emit(String.fromCharCode(f), i, i + 2);
          run = i + 2;
        }
        i += 2;
        continue;
      }
      this.copy(run, i);
      run = i + 1;
      i++;
      if (k === DROP) continue;
      const out = k === SPACE ? 0x20 : k === DASH ? 0x2d : FOLDED[c]!;
      this.emit(String.fromCharCode(out), i - 1, i);
    }
    this.copy(run, to);
  }

  private segmentOf(j: number): number {
    const out = this.segOut;
    let lo = 0;
    let hi = out.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (out[mid]! <= j) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Original index where the source of normalised unit j starts (j = length: `end`). */
  private startOf(j: number, end: number): number {
    if (j >= this.length || this.segOut.length === 0) return end;
    const k = this.segmentOf(j);
    return this.segTo[k] === -1 ? this.segOrig[k]! + (j - this.segOut[k]!) : this.segOrig[k]!;
  }

  private endOf(j: number, end: number): number {
    if (j >= this.length || this.segOut.length === 0) return end;
    const k = this.segmentOf(j);
    const to = this.segTo[k]!;
    return to === -1 ? this.segOrig[k]! + (j - this.segOut[k]!) + 1 : to;
  }

  private buildMap(end: number): Int32Array {
    const n = this.length;
    const map = new Int32Array(n + 1);
    const segs = this.segOut.length;
    for (let k = 0; k < segs; k++) {
      const from = this.segOut[k]!;
      const to = k + 1 < segs ? this.segOut[k + 1]! : n;
      const orig = this.segOrig[k]!;
      if (this.segTo[k] === -1) for (let j = from; j < to; j++) map[j] = orig + (j - from);
      else map.fill(orig, from, to);
    }
    map[n] = end;
    return map;
  }

  /** The finished document; `end` is the original index the text ends at. */
  finish(end: number, codeRanges: ReadonlyArray<readonly [number, number]>): ScanDoc {
    const text = this.parts.join('');
    let map: Int32Array | undefined;
    const build = (): Int32Array => (map ??= this.buildMap(end));
    return {
      original: this.original,
      text,
      get map(): Int32Array {
        return build();
      },
      startOf: (j) => this.startOf(j, end),
      endOf: (j) => this.endOf(j, end),
      codeRanges,
    };
  }
}
