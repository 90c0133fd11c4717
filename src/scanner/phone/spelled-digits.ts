/**
 * Phone numbers written out in words ("zero four one two ...", "null eins fünf ...",
 * "kosong satu dua ..."), possibly mixed with digit groups and "double"/"triple".
 * Only runs with several digit words are reported; the detector validates them like any number.
 */

const DIGIT_WORDS: Record<string, string> = {};
function add(digit: number, ...list: string[]): void {
  for (const w of list) DIGIT_WORDS[w] = String(digit);
}
// English, German, French, Spanish, Italian, Portuguese, Dutch, Malay/Indonesian, Turkish, Polish,
// Swedish, Czech, Russian, Greek (with and without accents), Hindi and Arabic. Words that are
// common in other languages' prose ("to", "en", "ni", "sex", "fire") are left out.
add(0, 'zero', 'oh', 'null', 'zéro', 'cero', 'nul', 'kosong', 'nol', 'sıfır', 'sifir', 'noll');
add(0, 'nula', 'ноль', 'нуль', 'μηδέν', 'μηδεν', 'शून्य', 'सिफ़र', 'صفر');
add(1, 'one', 'eins', 'un', 'une', 'uno', 'um', 'uma', 'een', 'één', 'satu', 'bir', 'jeden');
add(1, 'ett', 'jedna', 'один', 'одна', 'ένα', 'ενα', 'एक', 'واحد');
add(2, 'two', 'zwei', 'zwo', 'deux', 'dos', 'due', 'dois', 'duas', 'twee', 'dua', 'iki', 'dwa');
add(2, 'två', 'dva', 'два', 'две', 'δύο', 'δυο', 'दो', 'اثنان', 'اثنين');
add(3, 'three', 'drei', 'trois', 'tres', 'tre', 'três', 'drie', 'tiga', 'üç', 'trzy');
add(3, 'tři', 'три', 'τρία', 'τρια', 'तीन', 'ثلاثة');
add(4, 'four', 'vier', 'quatre', 'cuatro', 'quattro', 'quatro', 'empat', 'dört', 'cztery');
add(4, 'fyra', 'čtyři', 'четыре', 'τέσσερα', 'τεσσερα', 'चार', 'أربعة', 'اربعة');
add(5, 'five', 'fünf', 'fuenf', 'cinq', 'cinco', 'cinque', 'vijf', 'lima', 'beş', 'pięć');
add(5, 'fem', 'pět', 'пять', 'πέντε', 'πεντε', 'पांच', 'पाँच', 'خمسة');
add(6, 'six', 'sechs', 'seis', 'sei', 'zes', 'enam', 'altı', 'sześć');
add(6, 'sex', 'seks', 'šest', 'шесть', 'έξι', 'εξι', 'छह', 'छः', 'ستة');
add(7, 'seven', 'sieben', 'sept', 'siete', 'sette', 'sete', 'zeven', 'tujuh', 'yedi', 'siedem');
add(7, 'sju', 'sedm', 'семь', 'επτά', 'επτα', 'εφτά', 'εφτα', 'सात', 'سبعة');
add(8, 'eight', 'acht', 'huit', 'ocho', 'otto', 'oito', 'lapan', 'delapan', 'sekiz', 'osiem');
add(8, 'åtta', 'osm', 'восемь', 'οκτώ', 'οκτω', 'οχτώ', 'οχτω', 'आठ', 'ثمانية');
add(9, 'nine', 'neun', 'neuf', 'nueve', 'nove', 'negen', 'sembilan', 'dokuz', 'dziewięć');
add(9, 'nio', 'devět', 'девять', 'εννέα', 'εννεα', 'εννιά', 'εννια', 'नौ', 'تسعة');

const REPEAT: Record<string, number> = { double: 2, triple: 3, doppel: 2, doble: 2, doppio: 2 };

/**
 * French speakers give phone numbers in pairs ("zéro six, douze, trente-quatre, soixante-dix-huit"),
 * so French numbers 10..99 are read too: these words, plus the units above, "et" and "quatre-vingt".
 */
const FRENCH_TENS: Record<string, number> = {
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
};
const FRENCH_UNITS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
};

/** A French number 10..99 starting at words[i], as two digits and the index after it. */
function frenchPair(words: readonly string[], i: number): [string, number] | null {
  const w = words[i]!;
  let base: number;
  let j = i + 1;
  if (w === 'quatre' && (words[j] === 'vingt' || words[j] === 'vingts')) {
    base = 80;
    j++;
  } else if (w in FRENCH_TENS) base = FRENCH_TENS[w]!;
  else return null;
  if (base === 10 && ['sept', 'huit', 'neuf'].includes(words[j] ?? '')) {
    return [String(10 + FRENCH_UNITS[words[j]!]!), j + 1];
  }
  if (base < 20) return [String(base), j];
  // "quatre-vingts" (with s) is 80 and nothing more.
  if (words[j - 1] === 'vingts') return [String(base), j];
  if (words[j] === 'et') j++;
  const next = words[j];
  if ((base === 60 || base === 80) && next !== undefined) {
    const teen = frenchPair(words, j);
    if (teen && Number(teen[0]) < 20) return [String(base + Number(teen[0])), teen[1]];
  }
  if (next !== undefined && next in FRENCH_UNITS)
    return [String(base + FRENCH_UNITS[next]!), j + 1];
  return [String(base), words[j - 1] === 'et' ? j - 1 : j];
}

const WORD_ALT = [
  ...Object.keys(DIGIT_WORDS),
  ...Object.keys(REPEAT),
  ...Object.keys(FRENCH_TENS),
  'et',
  'plus',
]
  .sort((a, b) => b.length - a.length)
  .join('|');
/** One token: a digit word, a repeat word, "plus", or a digit group. */
const TOKEN = new RegExp(`(?<![\\p{L}\\d])(?:${WORD_ALT}|\\+?\\d{1,5})(?![\\p{L}\\d])`, 'giu');
/** What may separate two tokens of one spelled number. */
const GAP = /^[\s,.\-–/]{0,3}$/;

/**
 * The digit words as a DFA over a small alphabet in typed arrays: finding them in a text is one
 * pass of table lookups, with no allocation, where a regex alternation of ~100 words would try
 * every word at every position. Characters below CHAR_LIMIT map to an alphabet index (0 = not a
 * letter, 1 = a letter no digit word uses); everything above counts as such a letter.
 */
const CHAR_LIMIT = 0x980; // Latin, Greek, Cyrillic, Arabic, Devanagari
/** Punctuation of those scripts: word ends, not letters. */
const NOT_LETTERS = new Set([
  0x37e, 0x387, 0x589, 0x60c, 0x61b, 0x61f, 0x66a, 0x66b, 0x66c, 0x6d4, 0x964, 0x965,
]);
const ALPHABET = new Uint8Array(CHAR_LIMIT);
let alphabetSize = 2;
const vocabulary = [
  ...Object.keys(DIGIT_WORDS),
  ...Object.keys(REPEAT),
  ...Object.keys(FRENCH_TENS),
];
for (let c = 0; c < CHAR_LIMIT; c++) {
  const ch = String.fromCharCode(c);
  if (
    ch.toLowerCase() !== ch.toUpperCase() ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !NOT_LETTERS.has(c) && !(c >= 0x660 && c <= 0x669))
  )
    ALPHABET[c] = 1;
}
for (const w of vocabulary) {
  for (const ch of w) {
    const c = ch.charCodeAt(0);
    if (ALPHABET[c]! < 2) {
      const index = alphabetSize++;
      ALPHABET[c] = index;
      const upper = ch.toUpperCase().charCodeAt(0);
      if (upper < CHAR_LIMIT && ch.toUpperCase().length === 1) ALPHABET[upper] = index;
    }
  }
}
const transitions: number[] = [];
const accepting: boolean[] = [];
function newState(): number {
  for (let k = 0; k < alphabetSize; k++) transitions.push(-1);
  accepting.push(false);
  return accepting.length - 1;
}
const weights: number[] = [];
newState();
for (const w of vocabulary) {
  let state = 0;
  for (const ch of w) {
    const k = ALPHABET[ch.charCodeAt(0)]!;
    let next = transitions[state * alphabetSize + k]!;
    if (next < 0) {
      next = newState();
      transitions[state * alphabetSize + k] = next;
    }
    state = next;
  }
  accepting[state] = true;
  // Digits a word stands for at most: 1, two for a French pair, two more for "double"/"triple".
  weights[state] = Math.max(weights[state] ?? 0, w in DIGIT_WORDS ? 1 : 2);
}
const TRANSITIONS = Int32Array.from(transitions);
const ACCEPTING = Uint8Array.from(accepting, (a) => (a ? 1 : 0));
const WEIGHT = Uint8Array.from(accepting, (_a, i) => weights[i] ?? 0);
const STRIDE = alphabetSize;
/** CJK symbols, ideographs and full-width forms (not emoji or other astral characters). */
const CJK_TEXT = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** ASCII digits in text[from, to). */
function digitsIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = Math.max(0, from); i < to && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}

/**
 * [start, end) ranges of the text where three or more digit words stand close together and,
 * with the digit groups around them, could make the seven digits of a phone number.
 */
function spelledZones(text: string, seen: TextTraits): Array<readonly [number, number]> {
  const zones: Array<readonly [number, number]> = [];
  if (CJK_TEXT.test(text)) seen.cjk = true;
  const n = text.length;
  let clusterStart = -1;
  let clusterEnd = -1;
  let clusterWords = 0;
  let clusterMass = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    let k = c < CHAR_LIMIT ? ALPHABET[c]! : 1;
    if (k === 0) continue;
    // A word starts: run the DFA over it, then only look for its end once the DFA is dead.
    const wordStart = i;
    let state = k === 1 ? -1 : TRANSITIONS[k]!;
    while (++i < n) {
      c = text.charCodeAt(i);
      k = c < CHAR_LIMIT ? ALPHABET[c]! : 1;
      if (k === 0) break;
      if (state >= 0) state = k === 1 ? -1 : TRANSITIONS[state * STRIDE + k]!;
    }
    if (state < 0 || ACCEPTING[state] !== 1) continue;
    // Close enough to the previous word (digit groups may sit in between: "0412 three four")?
    if (clusterEnd >= 0 && wordStart - clusterEnd <= 8) {
      clusterEnd = i;
      clusterWords++;
      clusterMass += WEIGHT[state]!;
    } else {
      if (isZone(text, clusterStart, clusterEnd, clusterWords, clusterMass))
        zones.push([clusterStart, clusterEnd]);
      clusterStart = wordStart;
      clusterEnd = i;
      clusterWords = 1;
      clusterMass = WEIGHT[state]!;
    }
  }
  if (isZone(text, clusterStart, clusterEnd, clusterWords, clusterMass))
    zones.push([clusterStart, clusterEnd]);
  return zones;
}

/** Three digit words, worth seven digits with the digit groups around them. */
function isZone(text: string, start: number, end: number, words: number, mass: number): boolean {
  return words >= 3 && mass + digitsIn(text, start - 24, end + 24) >= 7;
}

export interface SpelledNumber {
  start: number;
  end: number;
  /** Digits, with a leading '+' when the number started with "plus" or '+'. */
  digits: string;
}

/** Noted on the way through the text, so that other passes can be skipped. */
export interface TextTraits {
  /** The text has characters of CJK scripts (U+3000..U+9FFF, compatibility and full-width forms). */
  cjk: boolean;
}

/**
 * Spelled-out numbers with at least `minWords` digit words and 7..15 digits. Notes in `seen`
 * whether the text has CJK characters at all.
 */
export function findSpelledNumbers(
  text: string,
  seen: TextTraits = { cjk: false },
  minWords = 3,
): SpelledNumber[] {
  const found: SpelledNumber[] = [];
  for (const [zoneStart, zoneEnd] of spelledZones(text, seen)) {
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
  const tokens: Array<{ word: string; start: number; end: number }> = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(text)) !== null) {
    tokens.push({
      word: match[0].toLowerCase(),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  const words = tokens.map((t) => t.word);
  const found: SpelledNumber[] = [];
  let run: { start: number; end: number; digits: string; words: number; pending: number } | null =
    null;
  const flush = (): void => {
    if (run && run.words >= minWords) {
      const n = run.digits.replace('+', '').length;
      if (n >= 7 && n <= 15) found.push({ start: run.start, end: run.end, digits: run.digits });
    }
    run = null;
  };
  for (let i = 0; i < tokens.length;) {
    const { word, start, end } = tokens[i]!;
    if (run && !GAP.test(text.slice(run.end, start))) flush();
    if (word === 'plus' || word.startsWith('+')) {
      flush();
      run = { start, end, digits: word === 'plus' ? '+' : word, words: 0, pending: 1 };
      i++;
      continue;
    }
    if (word in REPEAT) {
      run ??= { start, end, digits: '', words: 0, pending: 1 };
      run.pending = REPEAT[word]!;
      run.end = end;
      i++;
      continue;
    }
    const pair = frenchPair(words, i);
    let digits: string;
    let wordCount = 1;
    let next = i + 1;
    if (pair && pair[1] > i) {
      digits = pair[0];
      wordCount = pair[1] - i;
      next = pair[1];
    } else if (/\d/.test(word)) {
      digits = word;
      wordCount = 0;
    } else if (word in DIGIT_WORDS) {
      digits = DIGIT_WORDS[word]!;
    } else {
      flush(); // "et" on its own
      i++;
      continue;
    }
    const last = tokens[next - 1]!.end;
    run ??= { start, end: last, digits: '', words: 0, pending: 1 };
    run.digits += wordCount > 0 && digits.length === 1 ? digits.repeat(run.pending) : digits;
    run.words += wordCount;
    run.pending = 1;
    run.end = last;
    if (run.digits.length > 16) flush();
    i = next;
  }
  flush();
  return found;
}
