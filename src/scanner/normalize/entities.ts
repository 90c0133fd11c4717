/**
 * HTML character references, enough to see through the usual ways of hiding an address or a
 * number (&#64; &commat; &period; &nbsp; ...). Unknown names stay literal text.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  zwsp: '',
  zwj: '',
  zwnj: '',
  shy: '',
  lrm: '',
  rlm: '',
  commat: '@',
  period: '.',
  dot: '.',
  middot: '\u00b7',
  hyphen: '-',
  dash: '-',
  ndash: '-',
  mdash: '-',
  minus: '-',
  plus: '+',
  lpar: '(',
  rpar: ')',
  lbrack: '[',
  rbrack: ']',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
  lbrace: '{',
  rbrace: '}',
  num: '#',
  colon: ':',
  semi: ';',
  comma: ',',
  sol: '/',
  bsol: '\\',
  lowbar: '_',
  excl: '!',
  quest: '?',
  equals: '=',
  percnt: '%',
  dollar: '$',
  ast: '*',
  verbar: '|',
  tilde: '~',
  grave: '`',
  hellip: '\u2026',
  copy: '\u00a9',
  reg: '\u00ae',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  bull: '\u2022',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/y;

export interface DecodedEntity {
  text: string;
  end: number;
}

/** Decodes the character reference starting at s[i] === '&', or returns undefined. */
export function decodeEntity(s: string, i: number): DecodedEntity | undefined {
  ENTITY.lastIndex = i;
  const m = ENTITY.exec(s);
  if (m === null) return undefined;
  const end = ENTITY.lastIndex;
  if (m[3] !== undefined) {
    if (s.charCodeAt(end - 1) !== 0x3b) return undefined; // named references need ';'
    const text = NAMED[m[3].toLowerCase()];
    return text === undefined ? undefined : { text, end };
  }
  const cp = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2]!, 16);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { text: '\ufffd', end };
  return { text: String.fromCodePoint(cp), end };
}
