/**
 * Phone detection, table-driven with exact offsets: through scan() (the public surface) and
 * through detectPhones() on a normalised document. Every miss or false positive fixed in the
 * detector becomes a row here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scanner/index.js';
import { detectPhones } from '../../../src/scanner/detectors/phone.js';
import type { NormalizedDoc } from '../../../src/scanner/types.js';
import { loadCorpus } from '../../support/corpus.js';
import { evaluate } from '../../../bench/evaluate.js';

/** A document that is its own normal form (plain ASCII-ish text). */
function identityDoc(text: string): NormalizedDoc {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { original: text, text, map, codeRanges: [] };
}

function phoneSpans(text: string, region: string | null): Array<[number, number]> {
  return scan(text, { region: region ?? undefined, types: ['phone'] }).map((f) => [f.start, f.end]);
}

function show(spans: ReadonlyArray<readonly [number, number]>): string {
  if (spans.length === 0) return 'no phone';
  const at = spans.map(([s, e]) => `${s}..${e}`).join(', ');
  return spans.length === 1 ? `one phone at ${at}` : `${spans.length} phones at ${at}`;
}

const POSITIVES: ReadonlyArray<readonly [string | null, string, Array<[number, number]>]> = [
  [null, 'call +44 20 7946 0958', [[5, 21]]],
  ['US', '+1 212 555 0143 is the front desk', [[0, 15]]],
  ['GB', 'Ring +1 (415) 555-2671 after 9', [[5, 22]]],
  ['US', 'Office: +44 (0)20 7946 0958', [[8, 27]]],
  ['DE', 'aus dem Ausland: 0044 20 7946 0958', [[17, 34]]],
  ['US', 'from the US dial 011 44 20 7946 0958', [[17, 36]]],
  ['GB', '(+33) 6 12 34 56 78 ask for Marie', [[0, 19]]],
  ['FR', '+49.30.1234567', [[0, 14]]],
  ['IN', 'WhatsApp +60 12-345 6789', [[9, 24]]],
  [null, '+86 138 0013 8000', [[0, 17]]],
  ['AU', '<a>+61 2 9876 5432</a>', [[3, 18]]],
  ['US', 'tel:+4930901820', [[4, 15]]],
  ['MY', 'https://wa.me/60123456789 chat me', [[14, 25]]],
  ['US', 'Call me at (212) 555-0143 after 5pm', [[11, 25]]],
  ['US', 'text me 212.555.0143', [[8, 20]]],
  ['US', 'my cell is 212-555-0143', [[11, 23]]],
  ['US', '1-800-555-0199 toll free', [[0, 14]]],
  ['US', 'my number 4155552671', [[10, 20]]],
  ['CA', 'call me (416) 555-0123', [[8, 22]]],
  [
    'US',
    'Call 212-555-0143 or 212-555-0144.',
    [
      [5, 17],
      [21, 33],
    ],
  ],
  ['GB', 'call me on 020 7946 0958', [[11, 24]]],
  ['GB', 'ring me on 07911 123456', [[11, 23]]],
  ['GB', 'phone 0161 496 0000', [[6, 19]]],
  ['GB', '07911123456', [[0, 11]]],
  ['DE', 'Tel: 030 12345678', [[5, 17]]],
  ['DE', 'Handy: 0151 23456789', [[7, 20]]],
  ['DE', 'ruf mich an unter 0170 1234567', [[18, 30]]],
  ['DE', 'Telefon: 030/12345678', [[9, 21]]],
  ['DE', 'Telefonnummer 089 1234567', [[14, 25]]],
  ['DE', 'erreichbar unter 0176-23456789', [[17, 30]]],
  ['FR', 'appelez-moi au 06 12 34 56 78', [[15, 29]]],
  ['FR', 'tél : 01 42 68 53 00', [[6, 20]]],
  ['FR', 'portable 06.12.34.56.78', [[9, 23]]],
  ['FR', '06 12 34 56 78', [[0, 14]]],
  ['IN', 'mera number 98765 43210 hai', [[12, 23]]],
  ['IN', 'मेरा फोन 9876543210 है', [[9, 19]]],
  ['IN', 'whatsapp 09876543210', [[9, 20]]],
  ['IN', 'office 011 2345 6789', [[7, 20]]],
  ['MY', 'hubungi saya 012-345 6789', [[13, 25]]],
  ['MY', 'tel 03-2123 4567', [[4, 16]]],
  ['MY', 'nombor telefon 0123456789', [[15, 25]]],
  ['BR', 'me liga (11) 98765-4321', [[8, 23]]],
  ['BR', 'zap 11 98765-4321', [[4, 17]]],
  ['BR', 'celular 21987654321', [[8, 19]]],
  ['AU', 'call 0412 345 678', [[5, 17]]],
  ['AU', 'ph (02) 9876 5432', [[3, 17]]],
  ['AU', 'mobile 0412345678', [[7, 17]]],
  ['AU', 'from overseas 0011 44 20 7946 0958', [[14, 34]]],
  ['ES', 'llámame al 612 34 56 78', [[11, 23]]],
  ['ES', 'llámame 612 345 678', [[8, 19]]],
  ['ES', 'móvil 612345678', [[6, 15]]],
  ['IT', 'chiamami al 347 123 4567', [[12, 24]]],
  ['IT', 'telefono 06 1234 5678', [[9, 21]]],
  ['NL', 'bel me op 06 12345678', [[10, 21]]],
  ['NL', 'telefoon 020 123 4567', [[9, 21]]],
  ['JP', '電話 090-1234-5678', [[3, 16]]],
  ['JP', '携帯 080 1234 5678', [[3, 16]]],
  ['JP', 'TEL 03-1234-5678', [[4, 16]]],
  ['CN', '手机 138 0013 8000', [[3, 16]]],
  ['CN', '电话13800138000', [[2, 13]]],
  ['CN', '电话：010-1234 5678', [[3, 16]]],
  ['SG', 'call 8123 4567', [[5, 14]]],
  ['SG', 'whatsapp 9123 4567', [[9, 18]]],
  ['MX', 'llámame 55 1234 5678', [[8, 20]]],
  [null, 'Telefon 030 12345678', [[8, 20]]],
  [null, 'appelez-moi au 06 12 34 56 78', [[15, 29]]],
  ['US', '4155552671 is my cell', [[0, 10]]],
  ['AU', 'Order 12345678, call me on 0412 345 678', [[27, 39]]],
  ['AU', 'contact me in case you need: 0412 345 678', [[29, 41]]],
  ['AU', 'Meeting at 12:30 on 15.01.2024, call 0412 345 678', [[37, 49]]],
  ['FR', 'Réservation au 02 98 76 54 32', [[15, 29]]],
  ['US', 'Customer care: 1-800-555-0175', [[15, 29]]],
  ['MY', 'Order melalui 082-234 567', [[14, 25]]],
  ['DE', 'Aus dem Ausland bitte 0049 30 12345678 wählen', [[22, 38]]],
  [
    'GB',
    'numbers: 020 7946 0958 / 020 7946 0959',
    [
      [9, 22],
      [25, 38],
    ],
  ],
  ['DE', 'Tel. 030 / 12 34 56 78', [[5, 22]]],
  [
    'AU',
    '0412 345 678 / 0413 222 333',
    [
      [0, 12],
      [15, 27],
    ],
  ],
  ['AU', 'call me 0412345678.Thanks', [[8, 18]]],
  ['AU', 'call me,0412345678', [[8, 18]]],
  ['AU', '_0412 345 678_', [[1, 13]]],
  ['US', '1 (415) 555-2671', [[0, 16]]],
  ['AU', '(0412 345 678)', [[1, 13]]],
  ['ID', 'WA 0812-3456-7890', [[3, 17]]],
  ['US', "My order 4155552671 hasn't arrived; call me at 212-555-0143", [[47, 59]]],
  ['DE', 'Meine Festnetznummer: 089 / 123 456 78', [[22, 38]]],
  ['US', '+7 (912) 345-67-89', [[0, 18]]],
  ['RU', 'звоните 8 (912) 345-67-89', [[8, 25]]],
  ['PL', '512 345 678', [[0, 11]]],
  ['TR', '0532 123 45 67', [[0, 14]]],
  ['PH', '0917 123 4567', [[0, 13]]],
  ['ZA', '082 123 4567', [[0, 12]]],
  ['US', 'Call 212-555-0143x12', [[5, 17]]],
  ['US', 'Call 212 555 0143 ext. 12', [[5, 17]]],
  [
    'GB',
    'Phone: 020 7946 0958 (office), 07911 123456 (mobile)',
    [
      [7, 20],
      [31, 43],
    ],
  ],
  [
    'AU',
    'Call 1300 123 456 or 1800 123 456',
    [
      [5, 17],
      [21, 33],
    ],
  ],
  ['US', 'Call ☎️ 212‑555‑0143', [[8, 20]]],
  ['IN', 'call 9876543210 for the total', [[5, 15]]],
  [null, '(415) 555-2671', [[0, 14]]],
  [null, '415-555-2671', [[0, 12]]],
  ['ES', '612 345 678', [[0, 11]]],
  ['PT', '912 345 678', [[0, 11]]],
  ['KR', '전화 010-1234-5678', [[3, 16]]],
  [null, '연락처: 010 1234 5678', [[5, 18]]],
  ['TH', 'โทร 081 234 5678', [[4, 16]]],
  [null, 'เบอร์ 0812345678', [[6, 16]]],
  ['VN', 'SĐT: 0912 345 678', [[5, 17]]],
  [null, 'gọi cho tôi 0912345678', [[12, 22]]],
  // Two complete numbers joined by a spaced dash are a list, not a range.
  [
    'ES',
    'Móvil 622 11 22 33 - 93 456 78 90 por las tardes',
    [
      [6, 18],
      [21, 33],
    ],
  ],
  [
    'DE',
    'Telefon 089 1234567 – 0151 23456789',
    [
      [8, 19],
      [22, 35],
    ],
  ],
  // One line break inside a number next to a phone word; a number followed by a line of digits.
  ['DE', 'Ruf an: 0176 2345\n6789 danke', [[8, 22]]],
  ['US', 'call 415-555\n-2690 pls', [[5, 18]]],
  ['FR', 'appelez le 06 12 34\n56 78 merci', [[11, 25]]],
  ['GB', 'Tel: 020 7946 0958\n12 Baker Street', [[5, 18]]],
  [
    'AU',
    'Phones:\n0412 345 678\n0412 345 679\n0412 345 670\n0412 345 671\n0412 345 672\n0412 345 673',
    [
      [8, 20],
      [21, 33],
      [34, 46],
      [47, 59],
      [60, 72],
      [73, 85],
    ],
  ],
  // " (" after a complete number opens a remark.
  ['US', 'line 1-800-275-2273 (1-800-FLOWERS)', [[5, 19]]],
  // The Japanese long-vowel mark ー written as a dash between digit groups.
  ['JP', '電話は０９０ー１２３４ー５６７８です', [[3, 16]]],
  [null, '電話 03ー1234ー5678', [[3, 15]]],
  // An exclusion word after the digits without a number marker does not name them.
  ['AU', '1300 123 456 customer service', [[0, 12]]],
  // Customer-service phrases are phone words even though "customer" alone names an id.
  ['IN', 'Customer care number 1800 123 4567', [[21, 34]]],
  ['FR', 'service client 09 69 32 15 15', [[15, 29]]],
  ['ES', 'Atención al cliente 912 345 678', [[20, 31]]],
  ['ID', 'Layanan pelanggan 021 5087 1234', [[18, 31]]],
  ['KR', '고객센터 1588-1234 로 문의', [[5, 14]]],
  ['TH', 'ศูนย์บริการลูกค้า 02 123 4567', [[18, 29]]],
  ['VN', 'Tổng đài chăm sóc khách hàng 1900 1234', [[29, 38]]],
  ['TR', 'Müşteri hizmetleri numarası 0850 123 45 67', [[28, 42]]],
  ['DE', 'Für Kunden: 030 1234567', [[12, 23]]],
  ['KR', '고객 상담 02-123-4567', [[6, 17]]],
  ['IN', 'ग्राहक सेवा नंबर 1800 123 4567', [[17, 30]]],
  ['AU', '0412 345 678 for bookings', [[0, 12]]],
  ['AU', '0412 345 678 is my mobile', [[0, 12]]],
  ['US', '(212) 555-0143 is the order line', [[0, 14]]],
  // Without a region, a phone word's language says where to look (more languages).
  [null, 'Tawagan mo ako sa 02 8123 4567', [[18, 30]]],
  [null, 'nipigie simu 020 123 4567', [[13, 25]]],
  [null, 'ফোন: 02 9123456', [[5, 15]]],
  [null, 'رابطہ 042 35761234', [[6, 18]]],
  [null, 'Nazovite 01 4812 345', [[9, 20]]],
  [null, 'обадете се на 02 981 2345', [[14, 25]]],
  [null, 'Soita 09 123 4567', [[6, 17]]],
  [null, 'Volejte 222 123 457', [[8, 19]]],
  [null, 'τηλ 210 324 5678', [[4, 16]]],
  [null, 'hívjon 06 1 234 5678', [[7, 20]]],
  // The word closer to the number wins: a phone word after an exclusion word.
  ['GB', 'Order queries: call 07911 123456', [[20, 32]]],
  ['DE', 'Rechnungsfragen? Rufen Sie an: 030 1234567', [[31, 42]]],
  // A bare slash between two complete numbers too long to be one.
  [
    'GB',
    '07911123456/07911123457',
    [
      [0, 11],
      [12, 23],
    ],
  ],
  [
    'DE',
    'Tel. 030 1234567/0176 23456789',
    [
      [5, 16],
      [17, 30],
    ],
  ],
  // Latin letters glued after a number that a phone word names.
  ['DE', 'Melde dich 0176 2345 6789WhatsApp oder so', [[11, 25]]],
  ['US', 'call 4155552671asap pls', [[5, 15]]],
  // Phone words in more languages, compounds ending in "number", messenger/wallet accounts.
  ['GR', 'Πληροφορίες στο τηλ. 2103456789 κάθε πρωί', [[21, 31]]],
  ['CZ', 'Zavolejte na 224123456 odpoledne', [[13, 22]]],
  ['PK', 'send it to my JazzCash account 0300-1234567 thanks', [[31, 43]]],
  ['SA', 'الرقم الموحد 920012345 للحجز', [[13, 22]]],
  ['FI', 'Puhelinnumero 040 123 4567', [[14, 26]]],
  ['HU', 'Telefonszám: 06 30 123 4567', [[13, 27]]],
  ['US', 'call Bill 212-555-0143 tonight', [[10, 22]]],
  ['TR', 'Sipariş için arayın 0532 123 45 67', [[20, 34]]],
  // "00" + country code: a card-like (Luhn) or date-like reading of the digits gives way.
  [null, 'Call 0044 7911 123456', [[5, 21]]],
  ['GB', 'Call 00447911123456', [[5, 19]]],
  ['DE', 'Call 0044-7911-123456', [[5, 21]]],
  ['DE', 'Ruf an: 0049 30 30307687', [[8, 24]]],
  ['DE', 'Ruf an: 00 49 30 30307687', [[8, 25]]],
  // A year-like group inside an international number whose country code stands apart.
  [null, 'call +20 10 2014 2080', [[5, 21]]],
  ['GB', 'Kontakt: +49 30 2019 2023', [[9, 25]]],
  // A phone word still wins over an id word earlier in the clause, and so does a written shape.
  ['GB', 'About the order from Tuesday, call me on 07911123456', [[41, 52]]],
  ['GB', 'The order was late. 07911 123456 is my mobile', [[20, 32]]],
  ['GB', 'My order for the shop is with Dave 07911123456 (mobile)', [[35, 46]]],
  ['GB', 'Invoice query for the accounts team, 07911 123456', [[37, 49]]],
  // An id-like word for a person (customer, member, manager, Mr …) or an enquiries line: a phone.
  ['GB', 'Customer Jane Smith 07911123456', [[20, 31]]],
  ['BR', 'Cliente João Silva 11987654321', [[19, 30]]],
  ['AU', 'Our booking manager Sam 0412345678', [[24, 34]]],
  ['MY', 'Ahli jawatankuasa En. Ali 0123456789', [[26, 36]]],
  ['GB', 'Booking enquiries 07911123456', [[18, 29]]],
  // The region's own country code written without '+' (common in Malaysia and Singapore).
  ['MY', 'Boleh WhatsApp saya: 6012-345 6789', [[21, 34]]],
  ['MY', 'Pejabat kami 603-2161 2345', [[13, 26]]],
  [null, 'hubungi 6012-3456789 sekarang', [[8, 20]]],
  // Malay "pesanan" is an order, but "hantar pesanan" is sending a message.
  ['MY', 'Hantar pesanan ke 012-345 6789 ya', [[18, 30]]],
  // Dots after the country code; one-digit groups are not a version there.
  [null, 'appelle +33.6.38.81.65.29', [[8, 25]]],
  // An id word in an earlier clause does not name the number.
  ['GB', 'Order from Tuesday, Jane 07911123456', [[25, 36]]],
  // A phone word glued before the number.
  ['PL', 'kontakt+48 601-234-567 po 18', [[7, 22]]],
  ['RU', 'звоните89161234567 вечером', [[7, 18]]],
  // A second line after a slash is not a URL path.
  [
    'JP',
    'TEL.03-3456-7890／FAX.03-3456-7891',
    [
      [4, 16],
      [21, 33],
    ],
  ],
  [
    'GB',
    'Tel 020 7946 0018/Fax 020 7946 0019',
    [
      [4, 17],
      [22, 35],
    ],
  ],
  // A 00 number grouped the country's way, named by an invoice only through a verb.
  ['FR', 'Le numéro sur la facture est le 0033 4 91 55 23 18 mais', [[32, 50]]],
  // Numbers written without a trunk 0 in their own national format (AU 13/1300/1800).
  ['AU', 'Bookings: 1300 482 917 (Mon–Fri)', [[10, 22]]],
  // Where a number ends: before opening hours, a sentence's full stop, a spaced slash after (0).
  ['VN', '- Quận 1: 45 Lý Tự Trọng — (028) 3822 4510 — 8:00–20:00', [[27, 42]]],
  ['CN', '客服热线400-820-8820（9:00-21:00）', [[4, 16]]],
  ['DE', 'Tel. +49 (0) 6221 / 48 37 20', [[5, 28]]],
  ['UG', 'Call me on +256 772 123456. 2 months later', [[11, 26]]],
  // A "no." with its own number does not make a later word an id word's marker.
  ['IN', '(no. 2024031212345). Supplier Manju 98860 41273.', [[36, 47]]],
  ['DE', 'Internetrufnummer 03012345678', [[18, 29]]],
  // "Try" is a word, not the lira's code; "room" names no phone number.
  ['GB', 'Try 0044 7834 908 217 then', [[4, 21]]],
  ['GB', 'Try +44 7834 908 217 then', [[4, 20]]],
  ['ZA', 'call the control room 011 234 5678 now', [[22, 34]]],
  // An id word in the next sentence names another number.
  ['BD', 'sender 01819 442871. Transaction ID in the SMS was 8K2J', [[7, 19]]],
  ['TR', 'Çağrı merkezi 444 0 123 — 40 dakika bekledim', [[14, 23]]],
  // Six-digit numbers after a strong phone word, signature letters, toll-free lines.
  ['AU', 'call 13 22 65 for a cab', [[5, 13]]],
  [
    'AU',
    'M 0438 119 725 | P 13 22 65',
    [
      [2, 14],
      [19, 27],
    ],
  ],
  ['AE', 'Toll-free line 800 555 is for complaints only.', [[15, 22]]],
  // A second number of a list; "fono", "SIM"; a site name is no id word; a doubled bracket.
  [
    'SG',
    '2. Jenna Tulloch – 8109 2426 / 92806150',
    [
      [19, 28],
      [31, 39],
    ],
  ],
  ['CL', 'al fono 955252560 / Correo: x', [[8, 17]]],
  ['PE', 'local SIM 903178254. Gracias', [[10, 19]]],
  ['CN', 'Li.Tingting@qq.com / 18055154746', [[21, 32]]],
  ['BR', 'Ahmad ((37) 99812-3456) ligou', [[7, 22]]],
  // One dot after a trunk prefix, or after a strong phone word, is no decimal point.
  ['FI', 'soita 041.2342537 illalla', [[6, 17]]],
  ['GB', 'call 07911.123456', [[5, 17]]],
  ['FJ', 'Call/WhatsApp 706.7611 or email', [[14, 22]]],
  ['DK', 'Skriv på 21345678 hvis', [[9, 17]]],
];

const OBFUSCATED: ReadonlyArray<readonly [string | null, string, Array<[number, number]>]> = [
  ['AU', 'zero four one two three four five six seven eight', [[0, 49]]],
  ['GB', 'call oh seven nine one one one two three four five six', [[5, 54]]],
  ['DE', 'null eins fünf eins zwei drei vier fünf sechs sieben acht neun', [[0, 62]]],
  ['US', 'plus four four two zero seven nine four six zero nine five eight', [[0, 64]]],
  ['AU', '0 4 1 2 3 4 5 6 7 8', [[0, 19]]],
  ['AU', '0-4-1-2-3-4-5-6-7-8', [[0, 19]]],
  ['AU', 'call o412 345 678', [[5, 17]]],
  ['MY', 'hubungi kosong satu dua tiga empat lima enam tujuh lapan sembilan', [[8, 65]]],
  ['AU', '0412 three four five six seven eight', [[0, 36]]],
  ['GB', 'oh seven nine double one one two three four five six', [[0, 52]]],
  ['FR', 'zéro six, douze? non: zéro six un deux trois quatre cinq six sept huit', [[22, 70]]],
  [
    'DE',
    'meine Nummer: null eins sieben sechs, zwei drei vier fünf sechs sieben acht neun',
    [[14, 80]],
  ],
  ['US', 'my # is four one five - five five five - two six seven one', [[8, 58]]],
  ['US', 'call 4 1 5 5 5 5 2 6 7 1 (spaced so bots cant read)', [[5, 24]]],
  ['US', 'reach me at 415 five five five 2671', [[12, 35]]],
  ['CN', '手机：一三八零零一三八零零零', [[3, 14]]],
  [null, '我的电话 幺三八 零零幺三 八零零零', [[5, 18]]],
  ['JP', '携帯 〇九〇 一二三四 五六七八', [[3, 16]]],
  [
    'FR',
    'mon numéro : zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit',
    [[13, 77]],
  ],
  ['FR', 'appelle au zero six douze trente quatre cinquante six soixante dix huit', [[11, 71]]],
  ['FR', 'zero six vingt et un quatre-vingts quinze onze', [[0, 46]]],
  // A five-digit prefix group before spelled digits (UK mobile prefixes are five digits).
  ['GB', 'ring 07911 one two three 480', [[5, 28]]],
  // Digit words in Hindi, Russian, Greek, Swedish, Czech and Arabic.
  ['IN', 'मेरा नंबर नौ आठ सात छह पांच चार तीन दो एक शून्य है', [[10, 47]]],
  ['RU', 'звоните: восемь девять один два три четыре пять шесть семь восемь девять', [[9, 72]]],
  ['GR', 'τηλ: έξι εννέα τρία δύο τέσσερα πέντε έξι επτά οκτώ εννέα', [[5, 57]]],
  ['SE', 'ring noll sju noll ett två tre fyra fem sex sju', [[5, 47]]],
  ['CZ', 'volej šest nula jedna dva tři čtyři pět šest sedm', [[6, 49]]],
  ['EG', 'رقمي صفر واحد واحد اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة', [[5, 62]]],
];

const NEGATIVES: ReadonlyArray<readonly [string | null, string, string]> = [
  ['DE', 'on 2024-01-15 and 15.01.2024', 'dates'],
  ['US', '01/15/2024 and 2024-01-15 and 15 Jan 2024', 'dates'],
  ['DE', 'built 20240115123045', 'compact timestamp'],
  ['DE', 'Stand: 20240115', 'compact date'],
  ['US', 'at 12:30 and 18:45:10', 'times'],
  ['DE', 'from 1990–2000 and 2019-2023', 'year ranges'],
  ['US', 'Invoice 415-555-2671', 'invoice'],
  ['US', 'order number 4155552671', 'order number'],
  ['US', 'Ticket #4155552671', 'ticket'],
  ['US', 'case 4155552671 was closed', 'case'],
  ['US', 'tracking number: 9400 1000 0000 0000 0000 00', 'tracking'],
  ['DE', 'ISBN 978-3-16-148410-0', 'isbn'],
  ['US', '978-0-306-40615-7 is the ISBN', 'isbn shape'],
  ['DE', 'IBAN DE89 3704 0044 0532 0130 00', 'iban'],
  ['GB', 'account 12345678', 'account'],
  ['GB', 'serial 020 7946 0958', 'serial'],
  ['US', 'IMEI 490154203237518', 'imei'],
  ['US', 'SKU 4155552671', 'sku'],
  ['IN', 'PIN 1234 5678', 'pin'],
  ['IN', 'OTP 98765 43210', 'otp'],
  ['US', 'zip 90210-1234', 'zip'],
  ['DE', 'Bestellnummer: 0301234567', 'Bestellnummer'],
  ['DE', 'Rechnung 030 12345678', 'Rechnung'],
  ['DE', 'Kundennummer 030 12345678', 'Kundennummer'],
  ['FR', 'numéro de commande 0612345678', 'commande'],
  ['FR', "le numéro de SIREN de l'asso est 812 345 678", 'SIREN'],
  ['FR', 'N° de dossier CAF 0145236987', 'dossier'],
  ['BR', 'número de pedido 11912345678', 'pedido'],
  ['ES', 'pedido 612345678', 'pedido'],
  ['IT', 'ordine 0612345678', 'ordine'],
  ['IT', 'fattura n. 0612345678', 'fattura'],
  ['MY', 'pesanan 0123456789', 'pesanan'],
  ['MY', 'No. tiket aduan 0123456789 telah ditutup', 'tiket'],
  ['CN', '订单号 13800138000', '\u8ba2\u5355'],
  ['JP', '注文番号 09012345678', '\u6ce8\u6587\u756a\u53f7'],
  ['IN', 'Consumer no. 08041235678 on the bill', 'consumer number'],
  ['US', 'server at 10.120.33.254:8080', 'ip'],
  ['DE', '192.168.100.254', 'ip'],
  ['US', 'v10.0.19045', 'version'],
  ['US', 'ver 10.0.19045.3803', 'version'],
  ['US', 'version 2.3.4567890', 'version'],
  ['US', '$4155552671', 'price'],
  ['DE', 'costs €1234567 total', 'price'],
  ['DE', '1234567 € total', 'price'],
  ['BR', 'R$ 1.234.567', 'price'],
  ['MY', 'RM 1234567', 'price'],
  ['US', 'USD 4155552671', 'price'],
  ['US', 'I paid 4155552671 dollars', 'price'],
  ['US', 'cache key 1700000000123', 'ms timestamp'],
  ['US', 'created 1700000000', 's timestamp'],
  ['US', 'hash 4155552671abcdef', 'hex'],
  ['US', 'commit a3f9e24155552671', 'hex'],
  ['US', 'uuid 123e4567-e89b-12d3-a456-426614174000', 'uuid'],
  ['AU', 'at -33.868820, 151.209290', 'coordinates'],
  ['GB', 'final score 3-1', 'score'],
  ['US', 'length 4155552671 mm', 'measurement'],
  ['US', '4155552671 km driven', 'measurement'],
  ['US', 'see https://example.com/p?id=4155552671', 'url query'],
  ['US', 'https://example.com/item/4155552671', 'url path'],
  ['US', 'path /var/log/4155552671/x', 'path'],
  ['US', '| 2019 | 4155552671 | 30212345 | 5550123 |', 'stats table'],
  ['US', 'growth 4155552671%', 'percentage'],
  ['FR', '1 234 567 views', 'count'],
  ['FR', 'population 3 456 789 inhabitants', 'count'],
  ['US', 'the 4111 1111 1111 1111 card', 'card'],
  ['US', 'model SM-G9910123456', 'model'],
  ['AU', 'part no. 0412345678', 'part number'],
  ['US', 'id 4155552671', 'id'],
  ['US', 'ABC-4155552671', 'token'],
  ['US', '4155552671.pdf', 'file name'],
  ['FR', '612 345 678', 'bare thousands-grouped digits, no phone word'],
  ['US', '2024011512', 'bare date-like digits, no phone word'],
  ['DE', '12345678', 'bare digits, no phone word'],
  [null, '030 12345678', 'no region and no phone word'],
  ['US', 'one two three four five six seven', 'spelled counting'],
  ['AU', 'id_0412345678', 'identifier'],
  ['US', 'Population: 8 336 817', 'count'],
  ['AU', '0412345678.pdf', 'file name'],
  ['DE', '€ 1.234.567,89', 'price'],
  ['CN', '一二三四五六七八九', 'counting in numerals'],
  ['BR', 'CNPJ 12.345.678/0001-90', 'CNPJ'],
  ['BR', '123.456.789-09', 'CPF shape'],
  ['GB', 'Sort code 20-00-00 Account 12345678', 'bank details'],
  ['IN', 'Rs. 9876543210', 'price'],
  ['JP', '〒100-0001', 'postal code'],
  ['DE', 'Bestellung 12345678901 vom 03.04.2024', 'order'],
  ['FR', 'N° de commande : 123 456 789', 'order'],
  ['DE', '1.234.567 Einwohner', 'count'],
  [
    'FR',
    'il y a vingt et un ans, trente deux personnes et quarante chats',
    'French numbers that are not a phone',
  ],
  ['IN', 'Views: 9876543210', 'count'],
  ['IN', 'UTR 9876543210', 'bank reference'],
  ['IN', '9876543210\t1234567890\t2345678901', 'tab-separated figures'],
  [null, '123-456-7890', 'no region: NANP shape but not a valid number'],
  [null, 'Invoice 415-555-2671', 'no region: invoice'],
  ['FR', 'un deux trois quatre cinq six sept huit neuf', 'counting in words'],
  ['FR', '1 2 3 4 5 6 7 8 9', 'counting in digits'],
  ['MY', 'kosong satu dua tiga empat lima enam tujuh lapan sembilan', 'counting from zero'],
  ['ES', '612 345 678 visitas', 'count'],
  ['ES', '912 345 678', 'thousands-grouped landline digits, no phone word'],
  ['KR', '주문 번호 01012345678', 'Korean order number'],
  ['DE', 'Zahlen 0176 2345\n6789 danke', 'split over two lines, no phone word'],
  ['DE', 'Überweisung an DE12 5001 0517 0648 4898 90 bitte', 'IBAN groups stay one long run'],
  ['FR', 'virement FR76 3000 6000 0112 3456 7890 189 merci', 'IBAN groups stay one long run'],
  ['GB', 'Call us about order no. 07911123456', 'exclusion word closer than the phone word'],
  ['DE', 'Rufen Sie an wegen Rechnung Nr. 0301234567', 'exclusion word closer than the phone word'],
  ['FR', 'Réf. annonce 0612345678', 'reference abbreviation plus one noun'],
  ['GB', 'ref. listing 07911123456', 'reference abbreviation plus one noun'],
  ['HR', 'Broj narudžbe 0914567890', 'Croatian order number'],
  ['AU', '0412345678 is my order', 'named as an order by a copula after the digits'],
  ['AU', '0412 345 678 (invoice)', 'named as an invoice in brackets after the digits'],
  ['ID', 'nomor pelanggan 081234567890', 'Indonesian customer number'],
  ['IN', 'customer id 9812345678', 'customer id'],
  ['US', 'we sold 12345 one two three times', 'a count before spelled counting'],
  ['IN', 'एक दो तीन चार बातें हैं, और 12 लोग', 'Hindi counting words'],
  ['US', 'SKU4155552671 and sku4155552671x', 'letters glued before: an identifier'],
  ['BE', 'Ondernemingsnummer BE 0471.234.567', 'company number with its VAT prefix'],
  ['IT', 'P.IVA 02345678901', 'VAT number'],
  ['HK', 'BR No. 2345 6789', 'business registration number'],
  ['CN', 'QQ 2345678901', 'QQ account number'],
  ['DE', 'Spiel 77: 0 4 9 1 7 3 8', 'lottery draw, spaced'],
  ['IL', 'עוסק מורשה 031234567', 'VAT number'],
  ['AT', 'z.B. 1234 010180, das Geburtsdatum', 'national number without the 0 it is written with'],
  ['FR', 'Facture n° 0033 4 91 55 23 18', '00 number named directly as an invoice'],
  ['UA', 'Рахунок-фактура № 0441234567 від 12.03', 'invoice'],
  ['IT', 'protocollo n. 0612345/2024 del', 'protocol number with its year'],
  ['FR', 'Matricule candidat 0612345678', 'candidate number'],
  ['IN', 'Complaint no. 9876543210 still open', 'complaint number'],
  ['HU', 'Rajtszámok 1001–2500 között', 'bib number range'],
  ['US', 'Lease ID on the portal is 2203-884-117 and it expired', 'id named earlier in the clause'],
  ['TW', '中獎號碼：特獎 12345678、頭獎 87654321', 'receipt lottery winning numbers'],
  ['GB', 'score 12 34 56 and call 12 34 56', 'six digits: not a UK number'],
  ['US', 'P 12 34 56', 'six digits after a signature letter, not valid'],
  ['PK', 'CNIC 03379495406, paid PKR 1,250', 'national id card number'],
  ['AT', 'Aktenzahl: 06761317206. Support said wait', 'case file number'],
  ['RU', '> Номер заявки 89782952481', 'application number'],
  ['PE', 'Nº de boleta 934097897. We won', 'receipt number'],
  ['BD', 'ট্র্যাকিং নং 018-15922890, refund', 'tracking number'],
  ['SG', 'Order 81092426 / 92806150', 'two order numbers'],
  ['UY', 'CI 4.783.453-3', 'identity card number with its check digit'],
  ['PY', 'RUC 80048028-0', 'tax id with its check digit'],
  ['LT', 'Užsakymo nr. 61234567 vėluoja', 'order number'],
  ['AL', 'Numri i porosisë 0691234567', 'order number'],
  ['AZ', 'Sifariş nömrəsi 0501234567', 'order number'],
  ['ET', 'የትዕዛዝ ቁጥር 0911234567', 'order number'],
  ['HR', 'MBS 080123456', 'company registration number'],
  ['AU', 'coordinates -33.8688, 151.2093 and call 151.2093', 'decimals'],
  [
    'ES',
    '| Año | Visitas | Ingresos |\n|---|---|---|\n| 2021 | 915 174 322 | 612 345 678 |',
    'figures in a table whose columns are not phones',
  ],
  ['RU', 'два три раза в неделю, один или два, 5 человек', 'Russian number words in prose'],
  ['AU', '0412345678 is my order number', 'named as an order number after the digits'],
  ['AU', '0412 345 678 (tracking no.)', 'named as a tracking number after the digits'],
  ['US', 'Zoom meeting ID: 812 3456 7890 passcode 1234', 'meeting id'],
  ['GB', 'NHS number 943 476 5919', 'NHS number'],
  ['JP', 'ラーメン 2024ー01ー15', 'date written with ー'],
  ['US', 'ticket 4155552671asap pls', 'glued letters, no phone word'],
  ['US', 'call hash 4155552671abc123', 'identifier with digits after the letters'],
  // Order/invoice/tracking/serial/customer/meter words across languages, incl. compounds
  // whose "number" part ("番号", "번호", "नंबर", "numarası", "-szám", "-numero") is no phone hint.
  ['JP', 'ご注文番号：08012345678 の件で', 'Japanese order-number compound, colon'],
  ['KR', '주문번호: 01055556666 배송 언제 되나요', 'Korean order-number compound'],
  ['IN', 'tracking नंबर 9812345678 काम नहीं कर रहा', 'tracking + Hindi number word'],
  ['TR', 'Fatura numarası 05331234567 sistemde yok', 'Turkish invoice number'],
  ['VN', 'Mã đơn hàng 0912345678 bị hủy', 'Vietnamese three-word order code'],
  ['VN', 'Mã vận đơn 0912345678 bị hủy', 'Vietnamese waybill code'],
  ['UA', 'ТТН 0661234567 не відстежується', 'Ukrainian waybill'],
  ['IL', 'מספר הזמנה 0541234567 לא נמצא', 'Hebrew order number'],
  ['FI', 'Tilausnumero 0451234567 ei löydy', 'Finnish compound order number'],
  ['HU', 'Rendelésszám 06201234567 nem található', 'Hungarian compound order number'],
  ['TH', 'หมายเลขพัสดุ 0812345678 ยังไม่อัปเดต', 'Thai parcel number'],
  ['ID', 'ID pelanggan PDAM 081234567890 belum aktif', 'Indonesian customer id'],
  ['SA', 'رقم الطلب 0551234567 لم يصل', 'Arabic order number'],
  ['IN', 'electricity bill no 9812345678 paid', 'bill number'],
  ['FR', 'Numéro S/N 0698765432 sur l’étiquette', 'serial number S/N'],
  ['IT', 'Vedi annuncio rif. 3471234567 per dettagli', 'Italian reference'],
  ['SE', 'Betala till bankgiro 5050-1055 senast fredag', 'Swedish bankgiro'],
  ['GR', 'Αριθμός παραγγελίας 2101234567 δεν βρέθηκε', 'Greek order number'],
  ['CZ', 'Číslo objednávky 222123456 nepřišlo', 'Czech order number'],
  ['DE', 'Release 2.0.2019.2023 ist da', 'version, no international prefix'],
  ['US', 'from 2019 - 2023', 'year range'],
  ['US', 'card 4111111111111111 expires', 'card digits are no 00 dial string'],
  // An id word earlier in the same clause names a bare digit run when no phone word is near.
  ['GB', 'The reference from the council for my claim is 07911123456', 'id word, words between'],
  ['BR', 'Inscrição do candidato no concurso 21912345678, confira', 'id word, words between'],
  ['DE', 'Die Vertragsnummer meiner Versicherung ist 01761234567', 'id compound, words between'],
  [
    'GB',
    'My ticket for the gig tonight was 07911123456, not my phone',
    'later remark is no phone word',
  ],
  ['FR', 'N° de facture 0612345678, colis Chronopost 0187654321', 'second id noun in a list'],
  ['NL', 'Track & trace 0201234567 werkt niet', 'track & trace'],
  // Id words across languages: build numbers, bank-slip and service protocols, references,
  // complaint tickets, Hindi loanwords, M-Pesa merchant numbers.
  ['CN', '版本构建号 13912345678 已发布', 'Chinese build number'],
  ['BR', 'Boleto: nosso número 11987654321', 'bank-slip number'],
  ['BR', 'Protocolo de atendimento 11987654321 aberto', 'service protocol'],
  ['MY', 'Nombor rujukan 0123456789 untuk aduan', 'Malay reference'],
  ['VN', 'Số tham chiếu 0987654321 của giao dịch', 'Vietnamese reference'],
  ['PL', 'Nr zgłoszenia 601234567 w systemie', 'Polish ticket number'],
  ['IN', 'मेरा रेफरेंस 9876543210 है', 'Hindi reference loanword'],
  ['IN', 'इनवॉयस 9876543210 भेजा', 'Hindi invoice loanword'],
  ['KE', 'Pay via M-Pesa till number 0722123456 today', 'M-Pesa till number'],
  ['KE', 'Paybill 0722123456 account 1234', 'M-Pesa paybill'],
  ['MY', 'kod 60123456789', 'own country code, bare run, no phone word'],
  ['GB', 'ref 447911123456 noted', 'own country code after an id word'],
  ['DE', 'Los 4930 1234 5678 gezogen', 'own country code in a grouping Germany does not use'],
  ['DE', '940020 7946 0958', 'longer than E.164 allows (16 digits with +49)'],
];

describe('scan() finds phone numbers', () => {
  it.each(
    POSITIVES.map(
      ([region, text, spans]) =>
        [JSON.stringify(text), region ?? 'none', show(spans), region, text, spans] as const,
    ),
  )('scan(%s, region %s) finds %s', (_t, _r, _s, region, text, spans) => {
    expect(phoneSpans(text, region)).toEqual(spans);
  });
});

describe('scan() finds spelled-out and spaced-out phone numbers, flagged obfuscated', () => {
  it.each(
    OBFUSCATED.map(
      ([region, text, spans]) =>
        [JSON.stringify(text), region ?? 'none', show(spans), region, text, spans] as const,
    ),
  )('scan(%s, region %s) finds %s', (_t, _r, _s, region, text, spans) => {
    const found = scan(text, { region: region ?? undefined, types: ['phone'] });
    expect(found.map((f) => [f.start, f.end])).toEqual(spans);
    expect(found.every((f) => f.obfuscated === true && f.reasons.includes('obfuscated'))).toBe(
      true,
    );
  });
});

describe('scan() does not report numbers that are not phones', () => {
  it.each(
    NEGATIVES.map(
      ([region, text, note]) =>
        [JSON.stringify(text), region ?? 'none', note, region, text] as const,
    ),
  )('scan(%s, region %s) finds no phone (%s)', (_t, _r, _n, region, text) => {
    expect(phoneSpans(text, region)).toEqual([]);
  });
});

describe('detectPhones()', () => {
  it.each([
    ['call +44 20 7946 0958', undefined, '+442079460958'],
    ['call me on 020 7946 0958', 'GB', '+442079460958'],
    ['Office: +44 (0)20 7946 0958', 'US', '+442079460958'],
    ['from the US dial 011 44 20 7946 0958', 'US', '+442079460958'],
    ['me liga (11) 98765-4321', 'BR', '+5511987654321'],
    ['電話 090-1234-5678', 'JP', '+819012345678'],
    ['zero four one two three four five six seven eight', 'AU', '+61412345678'],
  ] as const)('detectPhones(%j, %s) returns the E.164 value %s', (text, region, value) => {
    const found = detectPhones(identityDoc(text), { region });
    expect(found.map((c) => c.value)).toEqual([value]);
    expect(found[0]!.type).toBe('phone');
  });

  it('detectPhones("call +44 20 7946 0958") gives reasons and a high confidence', () => {
    const [c] = detectPhones(identityDoc('call +44 20 7946 0958'), { region: undefined });
    expect(c!.reasons).toEqual(['international-prefix', 'context-word']);
    expect(c!.confidence).toBeGreaterThan(0.9);
    expect(c!.confidence).toBeLessThanOrEqual(1);
  });

  it('detectPhones() rates a bare structured number lower than one with a phone word', () => {
    const [bare] = detectPhones(identityDoc('0412 345 678'), { region: 'AU' });
    const [worded] = detectPhones(identityDoc('call 0412 345 678'), { region: 'AU' });
    expect(bare!.reasons).toEqual(['national-format', 'structure']);
    expect(worded!.reasons).toEqual(['national-format', 'structure', 'context-word']);
    expect(bare!.confidence).toBeLessThan(worded!.confidence);
  });

  it('detectPhones() reports each of many phones in a long text, in order', () => {
    const text = Array.from(
      { length: 300 },
      (_, i) => `call 020 7946 ${String(i).padStart(4, '0')}`,
    ).join('\n');
    const found = detectPhones(identityDoc(text), { region: 'GB' });
    expect(found.length).toBe(300);
    expect(found.every((c, i) => i === 0 || found[i - 1]!.end <= c.start)).toBe(true);
  });

  it('detectPhones() handles a megabyte of digit soup without throwing', () => {
    const text = '0123 456-789 (0) +1 '.repeat(50_000);
    expect(() => detectPhones(identityDoc(text), { region: 'US' })).not.toThrow();
  });
});

describe('detectPhones() properties', () => {
  const pieces = fc.constantFrom(
    '0',
    '1',
    '4',
    '7',
    '9',
    '00',
    '+',
    '(',
    ')',
    ' ',
    '-',
    '.',
    '/',
    ':',
    '#',
    '%',
    '€',
    '\n',
    '|',
    'call ',
    'tel ',
    'order ',
    'zero ',
    'four ',
    'oh ',
    'o',
    '020 7946 0958',
    '+44 ',
    '2024-01-15',
    '电话',
    'नंबर ',
    'é',
    '\u00a0',
  );
  const texts = fc.array(pieces, { maxLength: 60 }).map((p) => p.join(''));
  const regions = fc.constantFrom(
    undefined,
    'US',
    'GB',
    'DE',
    'FR',
    'IN',
    'MY',
    'BR',
    'AU',
    'JP',
    'CN',
    'XX',
  );

  it('never throws, and returns sorted, non-overlapping, in-bounds spans of valid E.164 values', () => {
    fc.assert(
      fc.property(texts, regions, (text, region) => {
        const found = detectPhones(identityDoc(text), { region });
        let last = 0;
        for (const c of found) {
          expect(c.start).toBeGreaterThanOrEqual(last);
          expect(c.end).toBeGreaterThan(c.start);
          expect(c.end).toBeLessThanOrEqual(text.length);
          expect(c.value).toMatch(/^\+[1-9]\d{6,14}$/);
          expect(c.confidence).toBeGreaterThan(0);
          expect(c.confidence).toBeLessThanOrEqual(1);
          last = c.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(texts, regions, (text, region) => {
        expect(detectPhones(identityDoc(text), { region })).toEqual(
          detectPhones(identityDoc(text), { region }),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('phone accuracy on the labelled corpus (development files, never holdout-*)', () => {
  it('scan() finds phones with precision and recall of at least 0.97', () => {
    const cases = loadCorpus({ holdout: false });
    const result = evaluate(cases, (text, region, format) =>
      scan(text, { region, format, types: ['phone'] }).map(({ type, start, end }) => ({
        type,
        start,
        end,
      })),
    );
    const phone = result.exact.phone;
    expect(phone.tp).toBeGreaterThan(100);
    expect(phone.precision).toBeGreaterThanOrEqual(0.97);
    expect(phone.recall).toBeGreaterThanOrEqual(0.97);
  });
});

describe('scan() reads a table cell in the light of its column header', () => {
  it('finds landlines with no phone word in their row under a "Teléfono" column', () => {
    const text =
      '| Biblioteca | Horario | Teléfono |\n|---|---|---|\n| Central | 8:30 – 20:30 | 91 588 57 24 |\n| Arganzuela | 9:00 – 14:00 | 915 174 322 |';
    const found = scan(text, { region: 'ES', format: 'markdown', types: ['phone'] });
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['91 588 57 24', '915 174 322']);
  });
});

describe('scan() reads WhatsApp chat links in HTML', () => {
  it('finds the number in an https://wa.me/ link target as well as the link text', () => {
    const text = '<p>WhatsApp <a href="https://wa.me/523318764520">33 1876 4520</a></p>';
    const found = scan(text, { region: 'MX', format: 'html', types: ['phone'] });
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['523318764520', '33 1876 4520']);
  });
});
