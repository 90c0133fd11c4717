/**
 * Phone numbers written out in words ("zero four one two ...", "null eins fünf ...",
 * "kosong satu dua ..."), possibly mixed with digit groups and "double"/"triple".
 * Only runs with several digit words are reported; the detector validates them like any number.
 */

const DIGIT_WORDS: Record<string, string> = {};
function add(digit: number, ...list: string[]): void {
  for (const w of list) DIGIT_WORDS[w] = String(digit);
}
// English, German, French, Spanish, Italian, Portuguese, Dutch, Malay/Indonesian, Turkish, Polish.
add(0, 'zero', 'oh', 'null', 'zéro', 'cero', 'nul', 'kosong', 'nol', 'sıfır', 'sifir');
add(1, 'one', 'eins', 'un', 'une', 'uno', 'um', 'uma', 'een', 'één', 'satu', 'bir', 'jeden');
add(2, 'two', 'zwei', 'zwo', 'deux', 'dos', 'due', 'dois', 'duas', 'twee', 'dua', 'iki', 'dwa');
add(3, 'three', 'drei', 'trois', 'tres', 'tre', 'três', 'drie', 'tiga', 'üç', 'trzy');
add(4, 'four', 'vier', 'quatre', 'cuatro', 'quattro', 'quatro', 'empat', 'dört', 'cztery');
add(5, 'five', 'fünf', 'fuenf', 'cinq', 'cinco', 'cinque', 'vijf', 'lima', 'beş', 'pięć');
add(6, 'six', 'sechs', 'seis', 'sei', 'zes', 'enam', 'altı', 'sześć');
add(7, 'seven', 'sieben', 'sept', 'siete', 'sette', 'sete', 'zeven', 'tujuh', 'yedi', 'siedem');
add(8, 'eight', 'acht', 'huit', 'ocho', 'otto', 'oito', 'lapan', 'delapan', 'sekiz', 'osiem');
add(9, 'nine', 'neun', 'neuf', 'nueve', 'nove', 'negen', 'sembilan', 'dokuz', 'dziewięć');

const REPEAT: Record<string, number> = { double: 2, triple: 3, doppel: 2, doble: 2, doppio: 2 };

const WORD_ALT = [...Object.keys(DIGIT_WORDS), ...Object.keys(REPEAT), 'plus']
  .sort((a, b) => b.length - a.length)
  .join('|');
/** One token: a digit word, a repeat word, "plus", or a digit group. */
const TOKEN = new RegExp(`(?<![\\p{L}\\d])(?:${WORD_ALT}|\\+?\\d{1,4})(?![\\p{L}\\d])`, 'giu');
/** What may separate two tokens of one spelled number. */
const GAP = /^[\s,.\-–/]{0,3}$/;

/**
 * Trie over the digit words (lower case), walked one character at a time: finding the words in
 * a text costs one pass with no allocation, where a regex alternation of ~100 words would try
 * every word at every position.
 */
interface TrieNode {
  next: Map<number, TrieNode>;
  word: boolean;
}
const trie: TrieNode = { next: new Map(), word: false };
for (const w of [...Object.keys(DIGIT_WORDS), ...Object.keys(REPEAT)]) {
  let node = trie;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let child = node.next.get(c);
    if (!child) {
      child = { next: new Map(), word: false };
      node.next.set(c, child);
    }
    node = child;
  }
  node.word = true;
}

function isWordChar(c: number): boolean {
  return (
    ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7)
  );
}

/** [start, end) ranges of the text where three or more digit words stand close together. */
function spelledZones(text: string): Array<readonly [number, number]> {
  const zones: Array<readonly [number, number]> = [];
  const n = text.length;
  let clusterStart = -1;
  let clusterEnd = -1;
  let clusterWords = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    let node: TrieNode | undefined = trie;
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (!isWordChar(d)) break;
      if (node) node = node.next.get(d >= 65 && d <= 90 ? d + 32 : d);
      j++;
    }
    if (node?.word) {
      // Close enough to the previous word (digit groups may sit in between: "0412 three four")?
      if (clusterEnd >= 0 && i - clusterEnd <= 8) {
        clusterEnd = j;
        clusterWords++;
      } else {
        if (clusterWords >= 3) zones.push([clusterStart, clusterEnd]);
        clusterStart = i;
        clusterEnd = j;
        clusterWords = 1;
      }
    }
    i = j;
  }
  if (clusterWords >= 3) zones.push([clusterStart, clusterEnd]);
  return zones;
}

export interface SpelledNumber {
  start: number;
  end: number;
  /** Digits, with a leading '+' when the number started with "plus" or '+'. */
  digits: string;
}

/** Spelled-out numbers with at least `minWords` digit words and 7..15 digits. */
export function findSpelledNumbers(text: string, minWords = 3): SpelledNumber[] {
  const found: SpelledNumber[] = [];
  for (const [zoneStart, zoneEnd] of spelledZones(text)) {
    // Digit groups just before the words belong to the number ("+44 seven nine …").
    const from = Math.max(0, zoneStart - 24);
    const to = Math.min(text.length, zoneEnd + 24);
    for (const s of spelledInWindow(text.slice(from, to), minWords)) {
      found.push({ start: s.start + from, end: s.end + from, digits: s.digits });
    }
  }
  return found;
}

function spelledInWindow(text: string, minWords: number): SpelledNumber[] {
  const found: SpelledNumber[] = [];
  TOKEN.lastIndex = 0;
  let run: { start: number; end: number; digits: string; words: number; pending: number } | null =
    null;
  const flush = (): void => {
    if (run && run.words >= minWords) {
      const n = run.digits.replace('+', '').length;
      if (n >= 7 && n <= 15) found.push({ start: run.start, end: run.end, digits: run.digits });
    }
    run = null;
  };
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(text)) !== null) {
    const token = match[0].toLowerCase();
    const start = match.index;
    const end = start + match[0].length;
    if (run && !GAP.test(text.slice(run.end, start))) flush();
    const r = run as typeof run;
    if (token === 'plus' || token.startsWith('+')) {
      flush();
      run = { start, end, digits: token === 'plus' ? '+' : token, words: 0, pending: 1 };
      continue;
    }
    if (token in REPEAT) {
      if (!r) run = { start, end, digits: '', words: 0, pending: REPEAT[token]! };
      else {
        r.pending = REPEAT[token]!;
        r.end = end;
      }
      continue;
    }
    const isWord = !/\d/.test(token);
    const digits = isWord ? DIGIT_WORDS[token]! : token;
    if (!r) {
      run = {
        start,
        end,
        digits: digits.repeat(isWord ? 1 : 1),
        words: isWord ? 1 : 0,
        pending: 1,
      };
      continue;
    }
    r.digits += isWord ? digits.repeat(r.pending) : digits;
    r.words += isWord ? 1 : 0;
    r.pending = 1;
    r.end = end;
    if (r.digits.length > 16) flush();
  }
  flush();
  return found;
}
