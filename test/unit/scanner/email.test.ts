import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scanner/index.js';
import { scanTable, type Row } from './table.js';

const positives: Row[] = [
  ['write to jane@gmail.com', [['email', 'jane@gmail.com']]],
  [
    'Jane.Doe+forum@Mail.Example-Shop.co.uk.',
    [['email', 'Jane.Doe+forum@Mail.Example-Shop.co.uk']],
  ],
  ['(mail: j_smith99@yahoo.fr), merci', [['email', 'j_smith99@yahoo.fr']]],
  ['<anna.k@web.de>', [['email', 'anna.k@web.de']]],
  [
    'two: a.b@outlook.com, c-d@proton.me',
    [
      ['email', 'a.b@outlook.com'],
      ['email', 'c-d@proton.me'],
    ],
  ],
  ['mailto:support@shop.com.br?subject=hi', [['email', 'support@shop.com.br']]],
  ['email: jane@gmail.com.Thanks', [['email', 'jane@gmail.com']]],
  ['联系我jane@qq.com谢谢', [['email', 'jane@qq.com']]],
  ['📧 jane@gmail.com', [['email', 'jane@gmail.com']]],
  ['ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ', [['email', 'ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ']]],
  ['jane\u200b.doe@gm\u00adail.com', [['email', 'jane\u200b.doe@gm\u00adail.com']]],
  ['我的邮箱是jane@gmail。com', [['email', 'jane@gmail。com']]],
  ['邮箱：jane@qq.com。谢谢，再见！', [['email', 'jane@qq.com']]],
  ['jane at gmail dot com。谢谢', [['email', 'jane at gmail dot com']]],
  [
    'user@xn--80ak6aa92e.com and ivan@mail.ru',
    [
      ['email', 'user@xn--80ak6aa92e.com'],
      ['email', 'ivan@mail.ru'],
    ],
  ],
  ['"quoted" jane@gmail.com"', [['email', 'jane@gmail.com']]],
  ['ends with dot jane@gmail.com...', [['email', 'jane@gmail.com']]],
  ['site.com/contact or hello@site.com', [['email', 'hello@site.com']]],
  ["write to o'brien@eircom.net", [['email', "o'brien@eircom.net"]]],
  ["email:'jane@gmail.com'", [['email', 'jane@gmail.com']]],
  ['see https://shop.com/unsubscribe?email=jane@gmail.com', [['email', 'jane@gmail.com']]],
  ['schreib an jürgen@müller-bau.de', [['email', 'jürgen@müller-bau.de']]],
  ['mail _jane@gmail.com_ now', [['email', 'jane@gmail.com']], { format: 'markdown' }],
];

/** Internationalised addresses (RFC 6531/6532), tried where the ASCII reading finds none. */
const internationalised: Row[] = [
  ['Пишите на почту иван@почта.рф или звоните', [['email', 'иван@почта.рф']]],
  ['почта: иван.петров@yandex.ru, спасибо', [['email', 'иван.петров@yandex.ru']]],
  ['邮箱：info@例子.中国，谢谢', [['email', 'info@例子.中国']]],
  ['메일은 홍길동@회사.한국으로 보내주세요', [['email', '홍길동@회사.한국']]],
  ['στείλτε στο δοκιμή@παράδειγμα.ελ παρακαλώ', [['email', 'δοκιμή@παράδειγμα.ελ']]],
  ['ติดต่อ สมชาย@บริษัท.ไทยครับ', [['email', 'สมชาย@บริษัท.ไทย']]],
  ['ईमेल: राम@डाक.भारत पर भेजें', [['email', 'राम@डाक.भारत']]],
  ['اكتب إلى علي@مثال.مصر من فضلك', [['email', 'علي@مثال.مصر']]],
];

const internationalisedNegatives: Row[] = [
  ['привет@всем и @иван', []],
  ['купил@авито.ру за 500', []],
  ['张三@公司 明天见', []],
  ['价格@中国.很贵', []],
  ['иван@почта.испытание', []],
];

const obfuscated: Row[] = [
  ['jane dot doe at gmail dot com', [['email', 'jane dot doe at gmail dot com']]],
  ['reach out: lena.marsh(at)yahoo(dot)com now', [['email', 'lena.marsh(at)yahoo(dot)com']]],
  ['oliver [at] hughes [dot] co [dot] uk', [['email', 'oliver [at] hughes [dot] co [dot] uk']]],
  ['jane {at} gmail {dot} com', [['email', 'jane {at} gmail {dot} com']]],
  ['jane AT gmail DOT com', [['email', 'jane AT gmail DOT com']]],
  ['write jane @ gmail . com', [['email', 'jane @ gmail . com']]],
  ['jane [at] gmail [.] com', [['email', 'jane [at] gmail [.] com']]],
  ['john (dot) smith (at) gmail (dot) com', [['email', 'john (dot) smith (at) gmail (dot) com']]],
  ['matti.virtanen(a)gmail.com', [['email', 'matti.virtanen(a)gmail.com']]],
  ['jane@gmail[.]com', [['email', 'jane@gmail[.]com']]],
  ['jane.doe at gmail.com', [['email', 'jane.doe at gmail.com']]],
  ['contacto: maria arroba hotmail punto com', [['email', 'maria arroba hotmail punto com']]],
  ['joao arroba uol ponto com ponto br', [['email', 'joao arroba uol ponto com ponto br']]],
  ['hans at web punkt de', [['email', 'hans at web punkt de']]],
  ['info at acme-tools dot com', [['email', 'info at acme-tools dot com']]],
  ['pierre arobase orange point fr', [['email', 'pierre arobase orange point fr']]],
  ['pisz: jan.kowalski małpa wp kropka pl', [['email', 'jan.kowalski małpa wp kropka pl']]],
  ['почта: ivan собака yandex точка ru', [['email', 'ivan собака yandex точка ru']]],
  ['mail: piet apenstaartje ziggo punt nl', [['email', 'piet apenstaartje ziggo punt nl']]],
];

const negatives: Row[] = [
  ['thanks @jane for the tip', []],
  ['npm i @scope/pkg@1.2.3', []],
  ['install lodash@4.17.21 and react@18.2.0', []],
  ['see icon@2x.png and logo@3x.jpg', []],
  ['assets/img/banner@2x.zip', []],
  ['git clone git@github.com:org/repo.git', []],
  ['$ ssh -T git@github.com\ngit@github.com: Permission denied (publickey).', []],
  ['[url "git@bitbucket.org:"]', []],
  ['ssh -p 2222 admin@server.company.com', []],
  ['noreply@example.jp.invalid', []],
  ['ssh deploy@server.company.com:/var/www', []],
  ['user@localhost and root@localhost.localdomain', []],
  ['me@example.com, you@mail.example.org, x@foo.test, y@bar.invalid, z@a.example', []],
  ['https://user:secret@host.company.com/path', []],
  ['a@b, a@b.c, a@b.c0m', []],
  ['jane@gmail', []],
  ['follow me @jane@mastodon.social', []],
  ['.@gmail.com and @gmail.com', []],
  ['meet me at home dot', []],
  ['see option (a) and (b) in section 2.com', []],
  ['choose option (a) gmail.com or (b) outlook.com', []],
  ['look at gmail dot com', []],
  ['I work at google.com now', []],
  ['we stayed at hotel dot com', []],
  ['email me at the office', []],
  ['Check it out at github dot com, stuff at amazon dot com', []],
  ["I'm at gmail.com and ask at hotmail.com", []],
  ['@'.repeat(50), []],
  ['price 5 @ 10.00 each', []],
  ['x'.repeat(70) + '@gmail.com', []],
];

describe('email positives', () => scanTable(positives, ['email']));
describe('internationalised emails', () => scanTable(internationalised, ['email']));
describe('internationalised email negatives', () =>
  scanTable(internationalisedNegatives, ['email']));
describe('obfuscated emails', () => {
  scanTable(obfuscated, ['email']);
  it('scan("jane dot doe at gmail dot com") flags it obfuscated with the address masked', () => {
    const [f] = scan('jane dot doe at gmail dot com');
    expect(f).toMatchObject({ type: 'email', obfuscated: true, masked: 'j•••@gmail.com' });
  });
});
describe('email negatives', () => scanTable(negatives, ['email']));

describe('email findings', () => {
  it('scan("write to jane@gmail.com") carries reasons, medium severity and no raw value', () => {
    const [f] = scan('write to jane@gmail.com');
    expect(f).toMatchObject({ type: 'email', severity: 'medium', masked: 'j•••@gmail.com' });
    expect(f!.reasons).toContain('rfc5322');
    expect(JSON.stringify(f)).not.toContain('jane@');
  });

  it('scan() gives the same fingerprint to the same address in any case', () => {
    const [a] = scan('JANE@GMAIL.COM');
    const [b] = scan('jane@gmail.com');
    expect(a!.fingerprint).toBe(b!.fingerprint);
  });
});
