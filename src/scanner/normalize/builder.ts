import { DASH, DROP, FOLD, SPACE, SURROGATE, TABLES, foldAstral } from './char-classes.js';

const { cls: CLS, fold: FOLDED } = TABLES;

/**
 * Accumulates normalised text with, for every output unit, the original index where its
 * source starts (`map`) and, where it is not simply map + 1, where it ends (`wideEnds`), so
 * spans map back exactly even when a value ends in an entity or a surrogate pair.
 */
export class DocBuilder {
  private parts: string[] = [];
  map: Int32Array;
  private readonly wideEnds = new Map<number, number>();
  length = 0;

  constructor(
    readonly original: string,
    capacity: number,
  ) {
    this.map = new Int32Array(capacity + 1);
  }

  private ensure(extra: number): void {
    const need = this.length + extra + 1;
    if (need <= this.map.length) return;
    const size = Math.max(need, this.map.length * 2);
    const map = new Int32Array(size);
    map.set(this.map.subarray(0, this.length));
    this.map = map;
  }

  /** Copies original[from, to) unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.ensure(to - from);
    this.parts.push(this.original.slice(from, to));
    const map = this.map;
    let k = this.length;
    for (let i = from; i < to; i++, k++) map[k] = i;
    this.length = k;
  }

  /** Emits `text` standing for original[from, to). */
  emit(text: string, from: number, to: number): void {
    if (text.length === 0) return;
    this.ensure(text.length);
    this.parts.push(text);
    for (let j = 0; j < text.length; j++, this.length++) {
      this.map[this.length] = from;
      if (to !== from + 1) this.wideEnds.set(this.length, to);
    }
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

  /** The last emitted unit, or -1. */
  lastCode(): number {
    const last = this.parts[this.parts.length - 1];
    return last === undefined ? -1 : last.charCodeAt(last.length - 1);
  }

  /**
   * Copies original[from, to) with character folding: Unicode digits to ASCII, full-width forms
   * folded, format characters dropped, odd spaces and dashes unified.
   */
  fold(from: number, to: number): void {
    const s = this.original;
    let run = from;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) continue;
      const k = CLS[c]!;
      if (k === 0) continue;
      if (k === SURROGATE) {
        const cp = s.codePointAt(i)!;
        if (cp <= 0xffff || i + 1 >= to) continue; // lone surrogate: keep
        const f = foldAstral(cp);
        if (f === 0) {
          i++;
          continue;
        }
        this.copy(run, i);
        if (f > 0) this.emit(String.fromCharCode(f), i, i + 2);
        i++;
        run = i + 1;
        continue;
      }
      this.copy(run, i);
      run = i + 1;
      if (k === DROP) continue;
      const out = k === SPACE ? 0x20 : k === DASH ? 0x2d : k === FOLD ? FOLDED[c]! : c;
      this.emit(String.fromCharCode(out), i, i + 1);
    }
    this.copy(run, to);
  }

  finish(end: number): {
    text: string;
    map: Int32Array;
    startOf: (j: number) => number;
    endOf: (j: number) => number;
  } {
    const text = this.parts.join('');
    const n = this.length;
    const map = this.map.subarray(0, n + 1);
    map[n] = end;
    const wide = this.wideEnds;
    const endOf = (j: number): number => wide.get(j) ?? map[j]! + 1;
    return { text, map, startOf: (j) => map[j]!, endOf };
  }
}
