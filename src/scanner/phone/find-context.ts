/**
 * What the words around a digit run say about it. Looks 40 characters back and 25 ahead.
 *
 * An exclusion word ("order", "Rechnung", "订单") applies only when little but filler
 * ("number", "no.", "#", ":") stands between it and the digits and no phone word follows it;
 * a phone word applies anywhere in the window. "number"-like words only count when no exclusion
 * word follows them ("numéro de SIREN").
 */
import {
  CJK_MARKERS,
  CJK_WORDS,
  FILLER,
  NUMBER_MARKERS,
  WORDS,
  classifyWord,
  type WordInfo,
} from './context-words.js';
import { isSpace } from './surroundings.js';

export interface PhoneContext {
  /** A phone word is near. */
  phone: boolean;
  /** The phone word is a strong one (call, tel, whatsapp …), not just "number". */
  strong: boolean;
  /** An order/invoice/tracking/… word names this number. */
  excluded: boolean;
  /**
   * It names it only through a verb or article ("the number on the invoice is …", "la facture
   * est le …"), not right before it ("Invoice: …", "facture n° …").
   */
  namedLoosely: boolean;
  /**
   * An id word earlier in the same clause, with no phone word near ("Lease ID on the portal is
   * 2203-884-117"): it names the number unless the number is written like a phone.
   */
  idInClause: boolean;
  /** Language of the phone word, if any. */
  lang: string | undefined;
}

const CJK_BY_FIRST = new Map<number, Array<readonly [string, WordInfo]>>();
for (const entry of CJK_WORDS) {
  const first = entry[0].charCodeAt(0);
  const list = CJK_BY_FIRST.get(first) ?? [];
  list.push(entry);
  CJK_BY_FIRST.set(first, list);
}

const BEFORE = 40;
const AFTER = 25;

interface Hit {
  info: WordInfo;
  start: number;
  end: number;
}

/** Letters (and combining marks) of scripts that separate words with spaces. */
function isWordChar(c: number): boolean {
  return (
    ((c | 32) >= 97 && (c | 32) <= 122) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x6ff) || // Greek, Cyrillic, Hebrew, Arabic
    (c >= 0x900 && c <= 0xdff) || // Devanagari, Bengali, Gurmukhi, Gujarati, Tamil … Sinhala
    (c >= 0x1e00 && c <= 0x1eff) || // Latin Extended Additional (Vietnamese)
    (c >= 0x1200 && c <= 0x137f) || // Ethiopic (Amharic)
    (c >= 0x10a0 && c <= 0x10ff) || // Georgian
    (c >= 0x531 && c <= 0x587) || // Armenian
    c === 0xb0 || // n°
    c === 0xba // nº
  );
}

function hasCjk(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x3000 && c <= 0xffef) || (c >= 0xe00 && c <= 0xe7f)) return true;
  }
  return false;
}

/** Words of s (lower case) with their offsets; phrases of two words are looked up first. */
/**
 * The word is part of an email address or a link ("order@shop.com", "qq.com", "…/ticket/…"): it
 * names the site, not the number next to it.
 */
function inAddress(s: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && a > start - 80 && !isSpace(s.charCodeAt(a - 1))) a--;
  let b = end;
  while (b < s.length && b < end + 80 && !isSpace(s.charCodeAt(b))) b++;
  const token = s.slice(a, b);
  return (
    token.includes('@') ||
    token.includes('://') ||
    /\.(?:com|net|org|[a-z]{2})(?:\W|$)/i.test(s.slice(end, b))
  );
}

function wordHits(
  s: string,
  skipPartialFirst: boolean,
): { hits: Hit[]; words: Array<[string, number, number]> } {
  const words: Array<[string, number, number]> = [];
  let i = 0;
  if (skipPartialFirst) while (i < s.length && isWordChar(s.charCodeAt(i))) i++;
  while (i < s.length) {
    if (!isWordChar(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (
      j < s.length &&
      (isWordChar(s.charCodeAt(j)) || (s[j] === '-' && isWordChar(s.charCodeAt(j + 1))))
    )
      j++;
    words.push([s.slice(i, j).toLowerCase(), i, j]);
    i = j;
  }
  const hits: Hit[] = [];
  for (let k = 0; k < words.length; k++) {
    const [w, start, end] = words[k]!;
    const next = words[k + 1];
    const third = words[k + 2];
    if (next && third && next[1] - end <= 2 && third[1] - next[2] <= 2) {
      const phrase = WORDS.get(`${w} ${next[0]} ${third[0]}`);
      if (phrase) {
        hits.push({ info: phrase, start, end: third[2] });
        k += 2;
        continue;
      }
    }
    if (next && next[1] - end <= 2) {
      const phrase = WORDS.get(`${w} ${next[0]}`);
      if (phrase) {
        hits.push({ info: phrase, start, end: next[2] });
        k++;
        continue;
      }
    }
    const info = classifyWord(w);
    if (info && !inAddress(s, start, end)) hits.push({ info, start, end });
  }
  if (hasCjk(s)) {
    // Words of unspaced scripts, looked up by their first character at each position.
    for (let i = 0; i < s.length; i++) {
      const candidates = CJK_BY_FIRST.get(s.charCodeAt(i));
      if (!candidates) continue;
      for (const [word, info] of candidates) {
        if (s.startsWith(word, i)) hits.push({ info, start: i, end: i + word.length });
      }
    }
    hits.sort((a, b) => a.start - b.start);
  }
  return { hits, words };
}

/** Number markers beyond the lexicon's: abbreviations that are not words of one language. */
const MARKERS = new Set([...NUMBER_MARKERS, 'n°', 'nº', 'nr', 'no', 'num', 'number', 'id']);

/** Exclusion words that mean "reference number" by themselves. */
const REFERENCE_WORDS = new Set([
  'ref',
  'réf',
  'rif',
  'reference',
  'référence',
  'referencia',
  'riferimento',
  'referência',
]);

/** Messengers and mobile wallets: their "account" is a phone number (WhatsApp account 0345…). */
const PHONE_ACCOUNTS = new Set([
  'whatsapp',
  'telegram',
  'viber',
  'signal',
  'jazzcash',
  'easypaisa',
  'gcash',
  'bkash',
  'nagad',
  'mpesa',
  'm-pesa',
  'paytm',
  'phonepe',
  'zalo',
]);

/** A wallet's merchant numbers (M-Pesa till / paybill) are not the wallet's phone account. */
const MERCHANT_WORDS = new Set(['till', 'paybill', 'pay', 'buy', 'business', 'store', 'namba']);

/** Punctuation that may stand between a word and its number in unspaced scripts. */
const CJK_GAP_PUNCTUATION = /[\s:：#＃.。,，、\-－()（）【】「」[\]]/g;

/**
 * Does the gap between an exclusion word and the digits only name the number? Filler words
 * ("number", "no.", "de"), plus at most one other word when a number marker is at hand
 * ("No. tiket aduan 0123…", "N° de dossier CAF 0145…"; but not "Réservation au 02 98…").
 */
/** Country prefixes of VAT and company numbers ("BTW BE 0123.456.789", "UID ATU 12345678"). */
const VAT_PREFIXES = new Set(
  'AT ATU BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK GB XI CHE NO'.split(
    ' ',
  ),
);

/** gap[from, to) is a VAT country prefix written in capitals. */
function isVatPrefix(gap: string, from: number, to: number): boolean {
  return to - from <= 3 && VAT_PREFIXES.has(gap.slice(from, to));
}

function namesTheNumber(
  before: string,
  gap: string,
  words: Array<[string, number, number]>,
  exclusion: Hit,
): boolean {
  if (gap.length > 25 || /\d/.test(gap)) return false;
  let others = 0;
  let marked = gap.includes('#') || gap.includes('№');
  for (let k = 0; k < words.length; k++) {
    const [w, start] = words[k]!;
    if (start >= exclusion.end) {
      if (MARKERS.has(w)) marked = true;
      else if (
        !FILLER.has(w) &&
        !isVatPrefix(gap, start - exclusion.end, words[k]![2] - exclusion.end)
      )
        others++;
    } else if (start === exclusion.start && REFERENCE_WORDS.has(w)) {
      marked = true; // "Réf. annonce 06…", "ref. listing 04…": a reference names a number itself
    } else if (
      start < exclusion.start &&
      (words[k + 1]?.[1] === exclusion.start || words[k + 2]?.[1] === exclusion.start) &&
      MARKERS.has(w) &&
      // "n° de commande", not "(no. 2024…). Supplier": the marker has a number of its own.
      !/[\d.;!?)]/.test(before.slice(words[k]![2], exclusion.start).replace(/^\./, ''))
    ) {
      marked = true;
    }
  }
  return others === 0 || (others === 1 && marked);
}

/** Length of a CJK gap without number markers and punctuation. */
function cjkGapLength(gap: string): number {
  let g = gap;
  for (const m of CJK_MARKERS) if (g.includes(m)) g = g.split(m).join('');
  return g.replace(CJK_GAP_PUNCTUATION, '').length;
}

/** "WhatsApp account", "JazzCash account": the exclusion word belongs to a phone service. */
function accountOfPhone(words: Array<[string, number, number]>, exclusion: Hit): boolean {
  for (let k = 1; k < words.length; k++) {
    if (words[k]![1] === exclusion.start) {
      const prev = words[k - 1]!;
      return (
        exclusion.start - prev[2] <= 2 &&
        PHONE_ACCOUNTS.has(prev[0]) &&
        !MERCHANT_WORDS.has(words[k]![0])
      );
    }
  }
  return false;
}

/**
 * The words after the digits name them as another kind of number: only filler, then an
 * exclusion word followed by a number marker ("is my order number", "(tracking no.)").
 */
function namedAfter(after: string, hits: Hit[], words: Array<[string, number, number]>): boolean {
  const first = hits[0];
  if (!first || first.info.cls !== 'exclude' || first.start > 15) return false;
  if (/\d/.test(after.slice(0, first.end))) return false;
  // "… 442871. Transaction ID in the SMS …": the next sentence names another number.
  if (/[.!?;][\s)]/.test(after.slice(0, first.start))) return false;
  let k = 0;
  while (k < words.length && words[k]![1] < first.start) {
    if (!FILLER.has(words[k]![0])) return false;
    k++;
  }
  // "tracking no" may be one phrase already.
  while (k < words.length && words[k]![1] < first.end) {
    if (words[k]![1] > first.start && MARKERS.has(words[k]![0])) return true;
    k++;
  }
  const marker = words[k];
  if (marker !== undefined && marker[1] - first.end <= 2 && MARKERS.has(marker[0])) return true;
  // "… is the order line", "… (bookings desk)": a line one calls.
  if (marker !== undefined && marker[1] - first.end <= 2 && PHONE_NOUNS.has(marker[0]))
    return false;
  // "… 0412345678 is my order", "… 0412345678 (invoice)": a copula or a bracket says so too,
  // unlike "… 1300 123 456 customer service" or "… for bookings".
  let copula = false;
  for (let j = 0; j < words.length && words[j]![1] < first.start; j++) {
    const w = words[j]![0];
    if (COPULAS.has(w)) copula = true;
    else if (!POSSESSIVES.has(w)) return false;
  }
  return copula || (first.start === after.indexOf('(') + 1 && after.indexOf('(') >= 0);
}

/** One digit run with no separators, '+' or brackets: how ids are written. */
function isBareDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The phone word after the number belongs to it: at most one word and no punctuation but
 * brackets and colons between ("07911123456 (mobile)", "07911123456 my cell"), unlike a later
 * remark (", not my phone", " but they never call back").
 */
function rightAfter(after: string, words: Array<[string, number, number]>, hit: Hit): boolean {
  if (/[,.;!?\-\u2013\u2014]/.test(after.slice(0, hit.start))) return false;
  let count = 0;
  for (const [, start] of words) if (start < hit.start) count++;
  return count <= 1;
}

/** Most words that may stand between an id word and its number in one clause. */
const CLAUSE_WORDS = 6;

/**
 * The gap after an exclusion word stays in its clause: no digits, no . ! ? ; or line break
 * (a '.' after a short abbreviation such as "No." or "ref." ends nothing), and few words.
 */
function sameClause(gap: string, words: Array<[string, number, number]>, exclusion: Hit): boolean {
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i);
    if (c >= 48 && c <= 57) return false;
    if (
      c === 33 || // !
      c === 63 || // ?
      c === 59 || // ;
      c === 44 || // , ("Order from Tuesday, Jane 07911123456")
      c === 0x60c || // ،
      c === 0xff0c || // ，
      c === 10 ||
      c === 0x3002 || // 。
      c === 0xff01 || // ！
      c === 0xff1f || // ？
      c === 0x964 // ।
    )
      return false;
    if (c === 46 && (i === gap.length - 1 || /\s/.test(gap[i + 1]!))) {
      let k = i;
      while (k > 0 && isWordChar(gap.charCodeAt(k - 1))) k--;
      if (i - k > 3) return false;
    }
  }
  if (hasCjk(gap) && cjkGapLength(gap) > 6) return false;
  let count = 0;
  for (const [w, start] of words) {
    if (start === exclusion.start && PERSON_WORDS.has(w)) return false;
    if (start < exclusion.end) continue;
    // "Customer Jane Smith 0791…", "booking manager Sam 0412…": a person's number.
    if (PERSON_WORDS.has(w)) return false;
    count++;
  }
  return count <= CLAUSE_WORDS;
}

/** People and their titles: a number after them in the clause is theirs, not an id. */
const PERSON_WORDS = new Set([
  'customer',
  'client',
  'member',
  'patient',
  'employee',
  'staff',
  'student',
  'subscriber',
  'consumer',
  'vendor',
  'supplier',
  'manager',
  'agent',
  'rep',
  'officer',
  'contact',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'sir',
  'madam',
  'herr',
  'frau',
  'kunde',
  'klant',
  'mitglied',
  'membre',
  'cliente',
  'socio',
  'sócio',
  'sr',
  'sra',
  'señor',
  'señora',
  'senhor',
  'senhora',
  'signor',
  'signora',
  'm',
  'mme',
  'pelanggan',
  'ahli',
  'anggota',
  'en',
  'encik',
  'puan',
  'cik',
  'tuan',
  'pak',
  'bu',
  'ibu',
  'bapak',
  'anh',
  'chị',
  'ông',
  'bà',
]);

const PHONE_NOUNS = new Set(['line', 'lines', 'hotline', 'desk', 'team', 'office', 'department']);
const COPULAS = new Set(['is', 'was', 'are', '=', 'ist', 'est', 'es', 'é', 'è', 'adalah', 'ialah']);
const POSSESSIVES = new Set(['my', 'the', 'your', 'our', 'his', 'her', 'their', 'its', 'an', 'a']);

/** A capital T, M, P, F, W or H standing for a phone line at the start of a line or cell. */
const SIGNATURE_LETTER = /(?:^|[\n|•·])[ \t]{0,3}[TMPFWH][.:]?[ \t]{1,3}$/;

export function findContext(text: string, start: number, end: number): PhoneContext {
  const from = Math.max(0, start - BEFORE);
  const before = text.slice(from, start);
  const partial = from > 0 && isWordChar(text.charCodeAt(from - 1));
  const { hits, words } = wordHits(before, partial);

  let strong: Hit | undefined;
  let weak: Hit | undefined;
  let exclusion: Hit | undefined;
  for (const hit of hits) {
    if (hit.info.cls === 'strong') strong = hit;
    else if (hit.info.cls === 'weak') weak = hit;
    else exclusion = hit;
  }
  // A phone phrase containing an exclusion word ("고객센터", "บริการลูกค้า") is a phone word.
  if (strong && exclusion && strong.start <= exclusion.start && strong.end >= exclusion.end)
    exclusion = undefined;
  let excluded = false;
  let namedLoosely = false;
  if (
    exclusion &&
    !(strong && strong.start > exclusion.start) &&
    !accountOfPhone(words, exclusion)
  ) {
    const gap = before.slice(exclusion.end);
    // CJK text has no spaces: once "番号", "번호" and punctuation are taken out, the gap must be
    // short ("注文番号：", "송장번호: ").
    excluded =
      namesTheNumber(before, gap, words, exclusion) && !(hasCjk(gap) && cjkGapLength(gap) > 2);
    namedLoosely =
      excluded &&
      words.some(
        ([w, start]) => start >= exclusion!.end && !NUMBER_MARKERS.has(w) && !MARKERS.has(w),
      );
  }
  // Signature lines: "M 0438 119 725 | P 13 22 65", "T: 020 7946 0018".
  if (!strong && !excluded && SIGNATURE_LETTER.test(before)) {
    strong = {
      info: { cls: 'strong', lang: 'en' },
      start: before.length - 2,
      end: before.length - 1,
    };
  }
  const strongBefore = strong !== undefined;
  /** A phone word right after the number ("07911123456 (mobile)"), not in a later remark. */
  let phoneRightAfter = false;
  if (!strong) {
    const after = text.slice(end, end + AFTER);
    const next = wordHits(after, false);
    strong = next.hits.find((h) => h.info.cls === 'strong');
    const firstPhone = next.hits.find((h) => h.info.cls !== 'exclude');
    phoneRightAfter = firstPhone !== undefined && rightAfter(after, next.words, firstPhone);
    // "… 0412345678 is my order number", "… 0412345678 (tracking no.)": named after the fact.
    if (!excluded && !weak) excluded = namedAfter(after, next.hits, next.words);
  }
  // "number" before an exclusion word names that word's number ("numéro de commande"); right
  // after it, it is part of the compound ("注文番号", "tracking नंबर", "order no").
  const weakIsMarker =
    weak !== undefined && MARKERS.has(before.slice(weak.start, weak.end).toLowerCase());
  if (
    weak &&
    exclusion &&
    (exclusion.start > weak.start || (weak.start - exclusion.end <= 2 && weakIsMarker))
  )
    weak = undefined;
  // "My reference for the passport office is 07824551204", "Matrícula do aluno 21987654321":
  // an id word earlier in the same clause names a bare digit run when no phone word is near.
  const idInClause =
    !excluded &&
    exclusion !== undefined &&
    !strongBefore &&
    !(weak && !weakIsMarker) &&
    !phoneRightAfter &&
    !accountOfPhone(words, exclusion) &&
    sameClause(before.slice(exclusion.end), words, exclusion);
  if (idInClause && isBareDigits(text, start, end)) excluded = true;
  const word = excluded ? undefined : (strong ?? weak);
  return {
    phone: word !== undefined,
    strong: !excluded && strong !== undefined,
    excluded,
    namedLoosely: excluded && namedLoosely,
    idInClause: !excluded && idInClause,
    lang: word?.info.lang,
  };
}
