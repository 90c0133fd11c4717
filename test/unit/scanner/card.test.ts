import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scanner/index.js';
import { scanTable, type Row } from './table.js';

const positives: Row[] = [
  ['card 4539 5787 6362 1486 exp 09/27', [['card', '4539 5787 6362 1486']]],
  ['pay 4539578763621486 now', [['card', '4539578763621486']]],
  ['mc 5425-2334-3010-9903', [['card', '5425-2334-3010-9903']]],
  ['new mc range 2223 0031 2200 3222', [['card', '2223 0031 2200 3222']]],
  ['amex 3714 496353 98431', [['card', '3714 496353 98431']]],
  ['charged 4539  5787  6362  1486 twice', [['card', '4539  5787  6362  1486']]],
  ['amex 3714  496353  98431', [['card', '3714  496353  98431']]],
  ['amex 371449635398431.', [['card', '371449635398431']]],
  ['diners 3056 930902 5904', [['card', '3056 930902 5904']]],
  ['discover 6011 0009 9013 9424', [['card', '6011 0009 9013 9424']]],
  ['jcb 3530 1113 3330 0000', [['card', '3530 1113 3330 0000']]],
  ['unionpay 6212 3456 7890 1234 569', [['card', '6212 3456 7890 1234 569']]],
  ['dotted 4539.5260.1815.9083 on the form', [['card', '4539.5260.1815.9083']]],
  ['spaced 4 5 3 9 3 0 1 6 6 1 3 1 8 6 0 4 lol', [['card', '4 5 3 9 3 0 1 6 6 1 3 1 8 6 0 4']]],
  [
    'full width ４５３９ ５７８７ ６３６２ １４８６',
    [['card', '４５３９ ５７８７ ６３６２ １４８６']],
  ],
  ['arabic ٤٥٣٩٥٧٨٧٦٣٦٢١٤٨٦', [['card', '٤٥٣٩٥٧٨٧٦٣٦٢١٤٨٦']]],
  [
    'zero width 4539\u200b5787\u200b6362\u200b1486',
    [['card', '4539\u200b5787\u200b6362\u200b1486']],
  ],
  ['4539 5787 6362 1486 123 is the cvv', [['card', '4539 5787 6362 1486']]],
  ['card: 4539 5787 6362 1486 12/27', [['card', '4539 5787 6362 1486']]],
  ['Paid for my order with 4539 5787 6362 1486 yesterday', [['card', '4539 5787 6362 1486']]],
  ['Bestellung bezahlt mit Karte 4539578763621486', [['card', '4539578763621486']]],
  ['Kartennummer: 4539 5787 6362 1486', [['card', '4539 5787 6362 1486']]],
];

const negatives: Row[] = [
  ['luhn fails 4539 5787 6362 1487', []],
  ['mixed separators 4539  5787 6362 1486', []],
  ['no brand 9999 5787 6362 1486', []],
  ['glued x4539578763621486 and 4539578763621486y', []],
  ['too long 45395787636214861234', []],
  ['mixed separators 4539-5787 6362.1486', []],
  ['IMEI: 490154203237518', []],
  ['IMEI 35-209900-176148-1', []],
  ['tracking number 4539578763621486 via UPS', []],
  ['Order #4539578763621486 shipped', []],
  ['Bestellung 4539578763621486 storniert', []],
  ['IBAN DE89 3704 0044 0532 0130 00', []],
  ['IBAN GB33 BUKB 2020 1555 5555 55', []],
  ['ts 1700000000000 and 1699999999999', []],
  ['all same 4444444444444444 0000000000000000', []],
  ['odd groups 45 3957 8763 6214 86', []],
  ['phone +49 30 123456789', []],
  ['phone +49 4539 5787 6362 1486', []],
  ['USPS 9400 1000 0000 0000 0000 00 and 4539 5787 6362 1486 5787 6362', []],
  ['Order number: 4539578763621486', []],
  ['订单 4539578763621486', []],
];

describe('card positives', () => scanTable(positives, ['card']));
describe('card negatives', () => scanTable(negatives, ['card']));

describe('card findings', () => {
  it.each([
    ['4111111111111111', '•••• •••• •••• 1111'],
    ['4242 4242 4242 4242', '•••• •••• •••• 4242'],
    ['5555-5555-5555-4444', '••••-••••-••••-4444'],
    ['378282246310005', '•••• •••••• •0005'],
    ['6011111111111117', '•••• •••• •••• 1117'],
    ['3566002020360505', '•••• •••• •••• 0505'],
  ])(
    'scan("%s") reports a public test card with test:true, low severity, masked %s',
    (text, masked) => {
      const found = scan(text);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ type: 'card', test: true, severity: 'low', masked });
    },
  );

  it('scan("card 4539 5787 6362 1486") is high severity with luhn, brand and context reasons', () => {
    const [f] = scan('card 4539 5787 6362 1486');
    expect(f).toMatchObject({ type: 'card', severity: 'high', masked: '•••• •••• •••• 1486' });
    expect(f!.reasons).toEqual(expect.arrayContaining(['luhn', 'brand:visa', 'context:card']));
    expect(f!.test).toBeUndefined();
  });
});
