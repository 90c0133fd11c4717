import { describe, expect, it } from 'vitest';
import { decryptText, encryptText, signBody, verifySignature } from '../../src/crypto.js';
import {
  createResponseToken,
  deriveKeys,
  toResponseUrl,
  verifyResponseToken,
} from '../../src/keys.js';

const master = Buffer.alloc(32, 1);

describe('signatures', () => {
  it('signBody("secret", "hello") is the known HMAC-SHA256 vector', () => {
    expect(signBody('secret', 'hello')).toBe(
      'sha256=88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b',
    );
  });
  it('verifySignature accepts any of several secrets and rejects the rest', () => {
    const body = Buffer.from('{"a":1}');
    const sig = signBody('new', body);
    expect(verifySignature(body, sig, ['old', 'new'])).toBe(true);
    expect(verifySignature(body, sig, ['old'])).toBe(false);
    expect(verifySignature(Buffer.from('{"a":2}'), sig, ['new'])).toBe(false);
    expect(verifySignature(body, sig.toUpperCase().replace('SHA256', 'sha256'), ['new'])).toBe(
      true,
    );
    for (const bad of [undefined, '', 'sha256=', 'sha1=abc', sig.slice(0, -2)]) {
      expect(verifySignature(body, bad, ['new'])).toBe(false);
    }
  });
});

describe('payload encryption', () => {
  const { payload } = deriveKeys(master);
  it('encryptText then decryptText returns the text; the box does not contain it', () => {
    const box = encryptText(payload, 'call 020 7946 0958', 'job-1');
    expect(box).not.toContain('7946');
    expect(decryptText(payload, box, 'job-1')).toBe('call 020 7946 0958');
  });
  it('decryptText fails with another aad, another key or a changed byte', () => {
    const box = encryptText(payload, 'secret text', 'job-1');
    expect(() => decryptText(payload, box, 'job-2')).toThrow();
    expect(() => decryptText(deriveKeys(Buffer.alloc(32, 2)).payload, box, 'job-1')).toThrow();
    const parts = box.split('.');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    expect(() => decryptText(payload, parts.join('.'), 'job-1')).toThrow();
  });
});

describe('keys', () => {
  it('deriveKeys gives three different 32-byte subkeys, stable for a master key', () => {
    const a = deriveKeys(master);
    expect(new Set([a.fingerprint, a.payload, a.links].map((k) => k.toString('hex'))).size).toBe(3);
    expect(a.payload).toHaveLength(32);
    expect(deriveKeys(master).links).toEqual(a.links);
    expect(() => deriveKeys(Buffer.alloc(16))).toThrow(TypeError);
  });

  it('createResponseToken → verifyResponseToken round-trips before expiry and says expired after', () => {
    const { links } = deriveKeys(master);
    const token = createResponseToken(links, 'rv_abc', 2_000);
    expect(verifyResponseToken(links, token, 1_000)).toEqual({
      ok: true,
      claims: { reviewId: 'rv_abc', expiresAt: 2_000 },
    });
    expect(verifyResponseToken(links, token, 2_000)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('verifyResponseToken rejects a token signed with another key or edited', () => {
    const { links } = deriveKeys(master);
    const other = deriveKeys(Buffer.alloc(32, 9)).links;
    const token = createResponseToken(other, 'rv_abc', 9e15);
    expect(verifyResponseToken(links, token, 0)).toEqual({ ok: false, reason: 'invalid' });
    const mine = createResponseToken(links, 'rv_abc', 9e15);
    const forged = `${Buffer.from(JSON.stringify({ r: 'rv_other', e: 9e15 })).toString('base64url')}.${mine.split('.')[1]}`;
    expect(verifyResponseToken(links, forged, 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyResponseToken(links, 'garbage', 0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('toResponseUrl joins PUBLIC_URL and the token', () => {
    expect(toResponseUrl('https://lw.example.org/', 't.k')).toBe(
      'https://lw.example.org/respond/t.k',
    );
    expect(toResponseUrl(undefined, 't.k')).toBeUndefined();
  });
});
