/**
 * Cheap checks on the characters around a digit run: part of a longer token, inside a URL or
 * path, a price, a measurement, a percentage, a row of a statistics table.
 * Every check looks at a bounded slice, so the detector stays linear in the text length.
 */

/** Letters of space-separated scripts: a digit run glued to one of these is part of a token. */
const SPACED_LETTER = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/;
const FILE_EXTENSION = /^\.[a-z0-9]{2,4}(?![A-Za-z])/;
const DIGIT = /[0-9]/;
const ALNUM = /[A-Za-z0-9_\u00c0-\u024f\u0400-\u04ff]/;

const CURRENCY_SYMBOL = /[$€£¥₹₩₽₺₫฿₱₦]/;
const CURRENCY_BEFORE =
  /(?:^|[^A-Za-z])(?:usd|eur|gbp|aud|cad|sgd|myr|inr|brl|jpy|cny|rmb|mxn|chf|rs\.?|inr|rm|r\$|us\$|a\$|c\$|s\$|rp\.?|idr|php|thb|krw|rub)\s?$/i;
/** The lira's code only in capitals: "try" is a word ("Try +44 7834 …"). */
const LIRA_BEFORE = /(?:^|[^A-Za-z])TRY\s?$/;
const AFTER_UNIT =
  /^\s?(?:%|‰|€|\$|£|¥|₹|円|元|块|(?:usd|eur|gbp|aud|cad|sgd|myr|inr|brl|jpy|cny|rmb|mxn|chf|idr|euros?|dollars?|bucks|pounds|rupees?|ringgit|reais|reals?|pesos?|yen|yuan|rs|rm|km|kms|kg|kgs|mg|g|gr|m|cm|mm|mi|ft|lb|lbs|oz|ml|l|mb|gb|kb|tb|mbps|gbps|mhz|ghz|hz|ms|sec|secs|min|mins|h|hrs|px|pt|dpi|mah|w|kw|kwh|v|mph|kph|k|views|view|users|people|members|downloads|times|points|pts|votes|likes|subscribers|followers|posts|words|rows|records|bytes|steps|calories|kcal|miles|metres|meters|years|days|hours|visits|visitors|hits|clicks|tokens|entries|items|units|copies|sold|km\/h|stars|reviews|comments|replies|messages|lines|pages|chars|characters|fans|tickets|inhabitants|residents|habitants|einwohner|habitantes|abitanti|visitas|personas|usuarios|visualizaciones|pessoas|usuários|persone|utenti|visite|mitglieder|besucher|nutzer|aufrufe|vues|personnes|utilisateurs|mil|mille|million|millions|billion|millones|milhões|millionen|lakh|crore|ribu|juta|万|亿|億|人|件|次|个|個|回)(?![A-Za-z\u00c0-\u024f\u0400-\u04ff]))/i;
const URL_HINT = /:\/\/|www\.|\.(?:com|org|net|io|html?|php|aspx?)\//i;
const WHATSAPP_LINK = /(?:wa\.me\/|whatsapp\.com\/send\?phone=|phone=)$/i;

/** Whitespace, punctuation and brackets: nothing a unit, currency or URL starts with. */
function isPlain(c: string): boolean {
  return ' \t\n\r,;:!?()[]{}"\'*<>|-–—'.includes(c);
}

/** Whitespace, including the no-break and ideographic spaces. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x3000;
}

/**
 * Latin letters glued after the digits that form a word of their own ("…6789WhatsApp",
 * "…2671asap"), not an identifier going on with digits or '_' ("…2671abc123", "…2671ab_x").
 */
function gluedWord(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && i - end < 20) {
    const c = text.charCodeAt(i);
    if ((c | 32) >= 97 && (c | 32) <= 122) i++;
    else break;
  }
  if (i - end < 2) return false;
  const next = text[i];
  return next === undefined || !ALNUM.test(next);
}

/**
 * Letters glued before the digits that form a word of their own ("kontakt+48 …", "тел8916…"),
 * not an identifier ("SKU_12", "ab12cd…": a digit or '_' before the letters).
 */
function gluedWordBefore(text: string, start: number): boolean {
  let i = start;
  while (i > 0 && start - i < 20 && SPACED_LETTER.test(text[i - 1]!)) i--;
  if (start - i < 2) return false;
  return i === 0 || !ALNUM.test(text[i - 1]!);
}

/** "…7890/FAX", "…0018/Fax …": a second phone line after a slash, not a URL path. */
const PHONE_WORD_AFTER_SLASH =
  /^\/(?:fax|tel|tél|telefax|fon|mob|mobile|mobil|cell|phone|handy|gsm|whatsapp|sms)(?![A-Za-z])/i;

/**
 * A reason code when the neighbours rule the run out, else undefined. 'letter-after': Latin
 * letters glued after the number make a word; the caller may accept it with a phone word
 * (and then calls again with `letterAfterOk` for the remaining checks). 'letter-before': a word
 * glued before it ("tel4155552671", "kontakt+48 …"); the caller may accept it when that word is
 * a phone word (and calls again with `siblings.before`).
 */
export function badNeighbours(
  text: string,
  start: number,
  end: number,
  letterAfterOk = false,
  siblings: { before?: boolean; after?: boolean } = {},
): string | undefined {
  // Next to another complete number ("07911123456/07911654321"), the separator is no glue.
  const before = siblings.before ? ' ' : start > 0 ? text[start - 1]! : '';
  const before2 = siblings.before ? '' : start > 1 ? text[start - 2]! : '';
  const after = siblings.after ? '' : end < text.length ? text[end]! : '';
  const after2 = siblings.after ? '' : end + 1 < text.length ? text[end + 1]! : '';

  if (before && DIGIT.test(before)) return 'token';
  if (before && SPACED_LETTER.test(before)) {
    return gluedWordBefore(text, start) ? 'letter-before' : 'token';
  }
  const extension = (after === 'x' || after === 'X') && DIGIT.test(after2); // 212-555-0143x12
  if (after && DIGIT.test(after)) return 'token';
  if (after && SPACED_LETTER.test(after) && !extension && !letterAfterOk) {
    return gluedWord(text, end) ? 'letter-after' : 'token';
  }
  // '_' joins identifiers (id_12345678) but also marks markdown emphasis (_0412 345 678_).
  if (before === '_' && ALNUM.test(before2)) return 'token';
  if (after === '_' && ALNUM.test(after2)) return 'token';
  if (before === '/' || before === '=') {
    if (WHATSAPP_LINK.test(text.slice(Math.max(0, start - 30), start))) return undefined;
    return 'url';
  }
  if (before && '\\@#&?%'.includes(before)) return 'token';
  if (after && '\\@%'.includes(after)) return after === '%' ? 'percentage' : 'token';
  if (
    after === '/' &&
    ALNUM.test(after2) &&
    !PHONE_WORD_AFTER_SLASH.test(text.slice(end, end + 12))
  )
    return 'url';
  // Glued to something else: SKU-1234567, 1,2345678, 12:30 1234567, 1234567.89, 1234567-abc,
  // 4155552671.pdf. Not "Tel:0412…", "Tel.0412…", "…678, thanks" or "…678.Thanks".
  if (before && '-.:,'.includes(before) && before2) {
    const glued = before === ',' ? DIGIT.test(before2) : ALNUM.test(before2);
    const label = (before === ':' || before === '.') && SPACED_LETTER.test(before2);
    if (glued && !label) return 'token';
  }
  if (after && '-.:,'.includes(after) && after2) {
    if (DIGIT.test(after2)) return 'token';
    if (after === '-' && SPACED_LETTER.test(after2)) return 'token';
    if (after === '.' && FILE_EXTENSION.test(text.slice(end, end + 6))) return 'token';
  }
  if (CURRENCY_SYMBOL.test(before) || (before === ' ' && CURRENCY_SYMBOL.test(before2)))
    return 'price';
  // The regexes below only run when a letter or symbol is next to the number.
  const b = before === ' ' ? before2 : before;
  const lead = b && !isPlain(b) ? text.slice(Math.max(0, start - 6), start) : '';
  if (lead && (CURRENCY_BEFORE.test(lead) || LIRA_BEFORE.test(lead))) {
    return 'price';
  }
  const a = after === ' ' ? after2 : after;
  if (a && !isPlain(a) && AFTER_UNIT.test(text.slice(end, end + 14))) return 'unit';
  // Inside a URL or path: look back to the start of the whitespace-delimited token.
  let tokenStart = start;
  const limit = Math.max(0, start - 200);
  while (tokenStart > limit && !isSpace(text.charCodeAt(tokenStart - 1))) tokenStart--;
  if (tokenStart < start - 3) {
    const token = text.slice(tokenStart, start);
    if (URL_HINT.test(token) && !WHATSAPP_LINK.test(token)) return 'url';
  }
  return undefined;
}

/**
 * A row of a table of figures: the line has cell separators (| or tab) and at least two other
 * numbers. Bounded to 300 characters on each side.
 */
export function isTableRow(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 300);
  const to = Math.min(text.length, end + 300);
  let lineStart = start;
  while (lineStart > from && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  let lineEnd = end;
  while (lineEnd < to && text.charCodeAt(lineEnd) !== 10) lineEnd++;
  let cells = 0;
  for (let i = lineStart; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 124 || c === 9) cells++;
  }
  if (cells < 2) return false;
  const line = text.slice(lineStart, start) + ' ' + text.slice(end, lineEnd);
  return (line.match(/\d{2,}/g) ?? []).length >= 2;
}
