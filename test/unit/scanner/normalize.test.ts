import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/scanner/index.js';
import { scanTable, type Row } from './table.js';

describe('normalize()', () => {
  it.each([
    ['plain ascii', 'plain ascii'],
    ['ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ', 'jane@gmail.com'],
    ['٠١٢٣٤٥٦٧٨٩ ۰۱۲ ०१२३ ০১২ ๐๑๒', '0123456789 012 0123 012 012'],
    ['𝟎𝟏𝟐 𝟘𝟙𝟚', '012 012'],
    ['12\u200b34\u00ad56\u2060\ufeff78', '12345678'],
    ['a\u00a0b\u2009c\u3000d', 'a b c d'],
    ['1\u20132\u20143\u22124\u20105', '1-2-3-4-5'],
    ['5\ufe0f\u20e3', '5'],
    ['😀 4111', '😀 4111'],
    ['lone \ud800 surrogate', 'lone \ud800 surrogate'],
  ])('normalize(%j).text is %j', (input, text) => {
    expect(normalize(input).text).toBe(text);
  });

  it('normalize() maps every unit back into the original', () => {
    const original = '😀 ＋４４ ２０\u200b７９';
    const doc = normalize(original);
    expect(doc.text).toBe('😀 +44 2079');
    expect(Array.from(doc.map)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);
  });

  it.each([
    ['<p>a&#64;b&amp;c&nbsp;d&commat;</p>', ' a@b&c d@ '],
    ['<script>var x = "j@gmail.com"</script>ok', '  ok'],
    ['<a href="mailto:j@x.com">mail</a>', ' mailto:j@x.com mail'], // newlines shown as spaces
    ['x<!-- hidden 123 -->y', 'x y'],
    ['a < b and c > d', 'a < b and c > d'],
  ])('normalize(%j, "html").text is %j', (input, text) => {
    expect(normalize(input, 'html').text.replace(/\n/g, ' ')).toBe(text);
  });

  it('normalize(html) puts a tel: target on its own line, apart from the link text', () => {
    const doc = normalize('<a href="tel:+4930901820">030 901820</a>', 'html');
    expect(doc.text).toBe('\ntel:+4930901820\n030 901820');
    const at = doc.text.indexOf('+');
    expect(doc.map[at]).toBe('<a href="tel:'.length);
  });

  it('normalize(html) marks <code> and <pre> content as code', () => {
    const doc = normalize('x <code>123</code> y <pre>45</pre>', 'html');
    expect(doc.codeRanges.map(([s, e]) => doc.text.slice(s, e).trim())).toEqual(['123', '45']);
  });

  it.each([
    ['jane\\_doe\\@x', 'jane_doe@x'],
    ['a `code` b', 'a `code` b'],
    ['&#64;', '@'],
  ])('normalize(%j, "markdown").text is %j', (input, text) => {
    expect(normalize(input, 'markdown').text).toBe(text);
  });

  it('normalize(markdown) marks indented code blocks, not list continuations', () => {
    const text = 'Log:\n\n    ERROR 4539578763621486\n    at main\n\nok\n\n1. item\n\n    more';
    const doc = normalize(text, 'markdown');
    expect(doc.codeRanges.map(([s, e]) => doc.text.slice(s, e))).toEqual([
      '    ERROR 4539578763621486\n    at main',
    ]);
  });

  it('normalize(markdown) marks code spans and fences as code', () => {
    const doc = normalize('a `x1` b\n```js\ny2\n```\nc ``z`3`` d', 'markdown');
    expect(doc.codeRanges.map(([s, e]) => doc.text.slice(s, e))).toEqual([
      '`x1`',
      '```js\ny2\n```',
      '``z`3``',
    ]);
  });
});

const rows: Row[] = [
  ['😀😀 write to jane@gmail.com', [['email', 'jane@gmail.com']]],
  ['Tel 😀 card ٤٥٣٩ ٥٧٨٧ ٦٣٦٢ ١٤٨٦', [['card', '٤٥٣٩ ٥٧٨٧ ٦٣٦٢ ١٤٨٦']]],
  ['<p>mail jane&#64;gmail&#46;com</p>', [['email', 'jane&#64;gmail&#46;com']], { format: 'html' }],
  [
    '<p>mail jane&commat;gmail.com&nbsp;ok</p>',
    [['email', 'jane&commat;gmail.com']],
    { format: 'html' },
  ],
  [
    '<a href="mailto:jane@gmail.com">write me</a>',
    [['email', 'jane@gmail.com']],
    { format: 'html' },
  ],
  [
    'card <b>4539</b> <b>5787</b> 6362 1486',
    [['card', '4539</b> <b>5787</b> 6362 1486']],
    { format: 'html' },
  ],
  ['<p>jane@<b>gmail</b>.com</p>', [['email', 'jane@<b>gmail</b>.com']], { format: 'html' }],
  ['<td>4539</td><td>5787636214860</td>', [], { format: 'html' }],
  ['<script>jane@gmail.com</script><style>x@y.com{}</style>', [], { format: 'html' }],
  ['mail jane\\_doe@gmail.com', [['email', 'jane\\_doe@gmail.com']], { format: 'markdown' }],
  ['[write me](mailto:jane@gmail.com)', [['email', 'jane@gmail.com']], { format: 'markdown' }],
  ['card `4539578763621486`', [['card', '4539578763621486']], { format: 'markdown' }],
];

describe('scan() maps offsets through normalisation', () => scanTable(rows, ['email', 'card']));
