import { describe, expect, it } from 'vitest';
import { DEFAULT_FINGERPRINT_KEY, fingerprint, redact, scan } from '../../../src/scanner/index.js';
import type { ScanOptions } from '../../../src/scanner/types.js';

describe('scan() options', () => {
  it.each([
    [{ region: 'GBR' }],
    [{ region: 'G1' }],
    [{ region: 44 }],
    [{ maxLength: 0 }],
    [{ maxLength: 1.5 }],
    [{ maxFindings: -1 }],
    [{ format: 'pdf' }],
    [{ types: ['email', 'iban'] }],
    [{ types: 'email' }],
    [{ fingerprintKey: '' }],
    [{ fingerprintKey: 42 }],
    [{ allow: { emails: 'jane@gmail.com' } }],
    [{ allow: { cards: [4111111111111111] } }],
  ])('scan("x", %j) throws TypeError', (options) => {
    expect(() => scan('x', options as unknown as ScanOptions)).toThrow(TypeError);
  });

  it('scan(non-string) throws TypeError', () => {
    expect(() => scan(42 as unknown as string)).toThrow(TypeError);
  });

  it('scan("", {region: "gb"}) accepts a lower-case region and finds nothing', () => {
    expect(scan('', { region: 'gb' })).toEqual([]);
  });

  it('scan(text, {maxLength: 20}) scans only the first 20 units', () => {
    const text = 'a@gmail.com and b@gmail.com';
    expect(scan(text, { maxLength: 20 }).map((f) => f.start)).toEqual([0]);
  });

  it('scan(text, {maxFindings: 2}) returns the first two findings by position', () => {
    const text = 'c@gmail.com b@gmail.com a@gmail.com';
    expect(scan(text, { maxFindings: 2 }).map((f) => f.start)).toEqual([0, 12]);
  });

  it('scan(text, {types: ["card"]}) reports only cards', () => {
    const text = 'jane@gmail.com 4539 5787 6362 1486';
    expect(scan(text, { types: ['card'] }).map((f) => f.type)).toEqual(['card']);
  });
});

describe('scan() findings', () => {
  it('scan("jane@gmail.com 4539 5787 6362 1486") sorts findings by start', () => {
    const found = scan('4539 5787 6362 1486 then jane@gmail.com');
    expect(found.map((f) => [f.type, f.start, f.end])).toEqual([
      ['card', 0, 19],
      ['email', 25, 39],
    ]);
  });

  it('scan() lowers severity one step for code and marks inCode', () => {
    const [card] = scan('`4539578763621486`', { format: 'markdown' });
    expect(card).toMatchObject({ type: 'card', severity: 'medium', inCode: true });
    const [email] = scan('<pre>jane@gmail.com</pre>', { format: 'html' });
    expect(email).toMatchObject({ type: 'email', severity: 'low', inCode: true });
  });

  it('scan() fingerprints are HMAC-SHA256 of type:canonical with the given key', () => {
    const [f] = scan('JANE@gmail.com', { fingerprintKey: 'k1' });
    expect(f!.fingerprint).toBe(fingerprint('email', 'jane@gmail.com', 'k1'));
    expect(f!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const [g] = scan('JANE@gmail.com');
    expect(g!.fingerprint).toBe(fingerprint('email', 'jane@gmail.com', DEFAULT_FINGERPRINT_KEY));
    expect(g!.fingerprint).not.toBe(f!.fingerprint);
  });

  it('scan() with a Uint8Array key matches the same key as a string', () => {
    const [a] = scan('4539578763621486', { fingerprintKey: new TextEncoder().encode('key') });
    const [b] = scan('4539578763621486', { fingerprintKey: 'key' });
    expect(a!.fingerprint).toBe(b!.fingerprint);
  });
});

describe('scan() allow list', () => {
  const text = 'Jane@Gmail.com, ops@team.shop.com, 4539 5787 6362 1486';
  it.each([
    [{ emails: ['jane@gmail.com'] }, ['email', 'card']],
    [{ domains: ['shop.com'] }, ['email', 'card']],
    [{ domains: ['gmail.com', 'team.shop.com'] }, ['card']],
    [{ cards: ['4539-5787-6362-1486'] }, ['email', 'email']],
  ])('scan(text, {allow: %j}) reports %j', (allow, types) => {
    expect(scan(text, { allow }).map((f) => f.type)).toEqual(types);
  });

  it('scan() skips findings whose fingerprint is allowed', () => {
    const [first] = scan(text);
    const rest = scan(text, { allow: { fingerprints: [first!.fingerprint] } });
    expect(rest.map((f) => f.start)).not.toContain(first!.start);
    expect(rest).toHaveLength(2);
  });
});

describe('redact()', () => {
  it('redact("write to jane@gmail.com", scan(...)) replaces the address with its mask', () => {
    const text = 'write to jane@gmail.com or 4539 5787 6362 1486.';
    expect(redact(text, scan(text))).toBe('write to j•••@gmail.com or •••• •••• •••• 1486.');
  });

  it('redact() keeps the markup around an entity-encoded value', () => {
    const text = '<p>jane&#64;gmail.com</p>';
    expect(redact(text, scan(text, { format: 'html' }))).toBe('<p>j•••@gmail.com</p>');
  });

  it('redact() ignores out-of-range, empty and overlapping findings', () => {
    const f = (start: number, end: number, masked = '#') => ({ start, end, masked });
    expect(redact('abcdef', [f(-1, 2), f(4, 99), f(3, 3), f(1.5, 2), f(0, 2, 'X'), f(1, 3)])).toBe(
      'Xcdef',
    );
    expect(redact('abcdef', [f(4, 6, 'Z'), f(0, 1, 'A')])).toBe('AbcdZ');
    expect(redact('abc', [])).toBe('abc');
  });
});
