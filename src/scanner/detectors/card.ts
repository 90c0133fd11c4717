import type { Candidate, DetectContext, NormalizedDoc } from '../types.js';
import { TEST_CARDS, cardBrand, luhn } from './card-brands.js';

const MAX_GROUPS = 4096;
/** 4-4-4-4-3 is the most groups a card is written in. */
const MAX_CARD_GROUPS = 5;
const MAX_CARDS = 2000;
const CONTEXT_WINDOW = 48;

/** Words right before a Luhn-valid number that make it something else: devices, parcels, orders. */
const NOT_CARD_CONTEXT = new RegExp(
  '\\b(?:imei|meid|esn|serial|s/n|sn|tracking|track|trace|sendung|sendungsnummer|paket|parcel|' +
    'shipment|consignment|waybill|awb|ups|fedex|dhl|usps|tnt|correos|colissimo|suivi|colis|' +
    'seguimiento|rastreamento|rastreio|envio|order|orders|invoice|ticket|case|claim|ref|reference|' +
    'referenz|booking|reservation|pnr|confirmation|policy|member|membership|customer|client|' +
    'bestellung|bestellnummer|bestellnr|auftrag|auftragsnummer|kundennummer|vertragsnummer|' +
    'rechnung|commande|facture|pedido|factura|ordine|fattura|encomenda|nota|transaction|txn|id|' +
    'iban|account|konto|acct|isbn|ean|upc|gtin|timestamp|ts|epoch|build|version|uuid|hash|' +
    'pesanan|resi|invois)\\b|订单|单号|快递|運単|注文|追跡|伝票|주문|송장|ऑर्डर',
  'i',
);
/** Words that say a number is a card; they win over the words above. */
const CARD_CONTEXT = new RegExp(
  '\\b(?:card|cards|cc|credit|debit|visa|mastercard|amex|discover|jcb|maestro|mir|rupay|' +
    'unionpay|diners|karte|kreditkarte|kreditkartennummer|carte|cb|bancaire|tarjeta|cart[aã]o|' +
    'carta|kartu|cvv|cvc|expiry|exp|pan|pay|paid|payment|charge|charged|billing|zahlung|' +
    'paiement|pago|pagamento|bayar)\\b|カード|クレジット|卡|카드|कार्ड',
  'i',
);
/** Order ids and the like are named right before the number ("Order #", "IMEI: "). */
const NOT_CARD_WINDOW = 24;
const DIGIT = /[0-9]/g;
/** Digit groups joined by separators, as far as they go (each step starts with a separator: linear). */
const CHAIN = /[0-9]+(?:(?:[ .-]| {2})[0-9]+)*/y;
/** Two spaces between groups ("4532  0151  1283  0366"), as one separator. */
const DOUBLE_SPACE = 0x2020;
const IBAN_BEFORE = /[A-Z]{2}\d{2}[ -]?$/;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAlnum(c: number): boolean {
  return (
    isDigit(c) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    (c >= 0xc0 && c <= 0x24f)
  );
}

interface Group {
  start: number;
  end: number;
}

/**
 * Finds card numbers: runs of digit groups joined by one consistent separator (space, two
 * spaces, '-' or '.') or none, 13–19 digits in all, Luhn-valid with a known brand prefix and length, and not
 * glued to other letters or digits.
 */
export function detectCards(doc: NormalizedDoc, _ctx: DetectContext): Candidate[] {
  return findCards(doc.text, true);
}

/**
 * The card scan. With `skipShort`, a chain of digit groups (any single separators) shorter
 * than 13 units is passed over in one step: no run inside it can hold 13 digits, and its end
 * is a place the run-by-run scan would resume from just the same (`skipShort` false: every run
 * is read group by group; kept for the equivalence test).
 */
export function findCards(text: string, skipShort: boolean): Candidate[] {
  const n = text.length;
  const out: Candidate[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < n && out.length < MAX_CARDS) {
    // Jump to the next digit; the regex engine scans plain text much faster than a JS loop.
    DIGIT.lastIndex = i;
    if (!DIGIT.test(text)) break; // test(): no match object per digit run
    i = DIGIT.lastIndex - 1;
    if (i > 0 && isAlnum(text.charCodeAt(i - 1))) {
      while (i < n && isAlnum(text.charCodeAt(i))) i++;
      continue;
    }
    if (skipShort) {
      CHAIN.lastIndex = i;
      CHAIN.test(text); // always matches: text[i] is a digit
      if (CHAIN.lastIndex - i < 13) {
        i = CHAIN.lastIndex;
        continue; // dates, prices, versions: most digit runs are far too short to hold a card
      }
    }
    // Group bounds go to reusable arrays; Group objects are only made for runs of 13+ digits.
    let count = 0;
    let sep = -1;
    let j = i;
    let glued = false;
    let total = 0;
    for (;;) {
      const gs = j;
      while (j < n && isDigit(text.charCodeAt(j)) && j - gs <= 19) j++;
      starts[count] = gs;
      ends[count] = j;
      count++;
      total += j - gs;
      const next = text.charCodeAt(j);
      if (isAlnum(next)) {
        glued = true; // a longer number or a token with letters
        break;
      }
      if (count >= MAX_GROUPS) break;
      if (
        (next === 0x20 || next === 0x2d || next === 0x2e) &&
        (sep === -1 || sep === next) &&
        isDigit(text.charCodeAt(j + 1))
      ) {
        sep = next;
        j++;
        continue;
      }
      if (
        next === 0x20 &&
        text.charCodeAt(j + 1) === 0x20 &&
        (sep === -1 || sep === DOUBLE_SPACE) &&
        isDigit(text.charCodeAt(j + 2))
      ) {
        sep = DOUBLE_SPACE;
        j += 2;
        continue;
      }
      break;
    }
    const runEnd = ends[count - 1]!;
    if (total < 13) {
      i = runEnd;
      while (i < n && isAlnum(text.charCodeAt(i))) i++;
      continue; // dates, prices, versions: most digit runs are far too short to hold a card
    }
    const groups: Group[] = [];
    for (let k = 0; k < count; k++) groups.push({ start: starts[k]!, end: ends[k]! });
    if (text.charCodeAt(i - 1) === 0x2b || isLongGroupedNumber(groups)) {
      // "+49 4539 …" is a phone number; "9400 1000 0000 0000 0000 00" a parcel or an account.
    } else if (!glued && groups.length >= 13 && groups.every((g) => g.end - g.start === 1)) {
      // "4 5 3 9 3 0 1 6 ...": digits spaced out to dodge filters, as a whole run only.
      const cand = groups.length <= 19 ? evaluate(text, groups, sep, true) : undefined;
      if (cand !== undefined) out.push(cand);
    } else if (!glued || groups.length > 1) {
      const usable = glued ? groups.slice(0, -1) : groups;
      findInGroups(text, usable, sep, out);
    }
    i = runEnd;
    while (i < n && isAlnum(text.charCodeAt(i))) i++;
  }
  return out;
}

function isLongGroupedNumber(groups: readonly Group[]): boolean {
  if (groups.length < 5) return false;
  let wide = 0;
  let digits = 0;
  for (const g of groups) {
    digits += g.end - g.start;
    if (g.end - g.start >= 4) wide++;
  }
  return wide >= 5 && digits > 19;
}

function findInGroups(text: string, groups: Group[], sep: number, out: Candidate[]): void {
  let a = 0;
  while (a < groups.length) {
    let found: Candidate | undefined;
    let next = a + 1;
    for (let b = Math.min(groups.length, a + MAX_CARD_GROUPS); b > a; b--) {
      found = evaluate(text, groups.slice(a, b), sep);
      if (found === undefined) continue;
      next = b;
      // 4-4-4-4 then three digits: a 16-digit card and its CVV is likelier than a 19-digit card.
      if (b - a === 5 && found.value.length === 19) {
        const shorter = evaluate(text, groups.slice(a, b - 1), sep);
        if (shorter !== undefined && shorter.value.length === 16) {
          found = shorter;
          next = b - 1;
        }
      }
      break;
    }
    if (found !== undefined) out.push(found);
    a = next;
  }
}

function evaluate(
  text: string,
  groups: Group[],
  sep: number,
  spacedOut = false,
): Candidate | undefined {
  if (groups.length > 1 && !spacedOut) {
    // Grouped numbers are written 4-4-4-4(-3), 4-6-5 or 4-6-4: never tiny groups.
    const head = groups[0]!.end - groups[0]!.start;
    if (head < 4 || head > 8) return undefined;
    for (let k = 1; k < groups.length; k++) {
      const len = groups[k]!.end - groups[k]!.start;
      if (len < 3 || len > 8) return undefined;
    }
  }
  let total = 0;
  for (const g of groups) total += g.end - g.start;
  if (total < 13 || total > 19) return undefined;
  let digits = '';
  for (const g of groups) digits += text.slice(g.start, g.end);
  if (/^(\d)\1+$/.test(digits)) return undefined;
  if (!luhn(digits)) return undefined;
  const brand = cardBrand(digits);
  if (brand === undefined) return undefined;
  const start = groups[0]!.start;
  const end = groups[groups.length - 1]!.end;
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  if (IBAN_BEFORE.test(before)) return undefined;
  const hasCardWord = CARD_CONTEXT.test(before);
  if (!hasCardWord && NOT_CARD_CONTEXT.test(before.slice(-NOT_CARD_WINDOW))) return undefined;
  const test = TEST_CARDS.has(digits);
  const reasons = ['luhn', `brand:${brand}`];
  if (hasCardWord) reasons.push('context:card');
  if (sep !== -1 && !spacedOut) reasons.push('grouped');
  if (spacedOut) reasons.push('obfuscated');
  if (test) reasons.push('test-number');
  return {
    type: 'card',
    start,
    end,
    value: digits,
    confidence: hasCardWord ? 0.99 : 0.9,
    reasons,
    severity: test ? 'low' : 'high',
    ...(test ? { test: true } : {}),
    ...(spacedOut ? { obfuscated: true } : {}),
  };
}
