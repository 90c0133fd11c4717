import { describe, expect, it } from 'vitest';
import { signBody } from '../../src/forums/discourse/sign-body.js';
import { verifySignature } from '../../src/forums/discourse/verify-signature.js';

// Known-good vector: printf '%s' '{"ping":"OK"}' | openssl dgst -sha256 -hmac 'rotated-secret-1234'
const BODY = '{"ping":"OK"}';
const SECRET = 'rotated-secret-1234';
const SIGNATURE = 'sha256=90ab3d14c673bdab44e48c2266625c54fa6a98d80c5b75e3c79659aa962b18d2';

describe('signBody', () => {
  it('signBody(\'{"ping":"OK"}\', secret) matches openssl', () => {
    expect(signBody(BODY, SECRET)).toBe(SIGNATURE);
    expect(signBody(Buffer.from(BODY), SECRET)).toBe(SIGNATURE);
  });

  it('signBody throws TypeError without a secret', () => {
    expect(() => signBody(BODY, '')).toThrow(TypeError);
  });
});

describe('verifySignature', () => {
  it('verifySignature(body, known signature, [secret]) is true for string and Buffer bodies', () => {
    expect(verifySignature(BODY, SIGNATURE, [SECRET])).toBe(true);
    expect(verifySignature(Buffer.from(BODY), SIGNATURE, [SECRET])).toBe(true);
  });

  it('verifySignature accepts upper-case hex', () => {
    expect(verifySignature(BODY, `sha256=${SIGNATURE.slice(7).toUpperCase()}`, [SECRET])).toBe(
      true,
    );
  });

  it('verifySignature matches any of several secrets (rotation)', () => {
    expect(verifySignature(BODY, SIGNATURE, ['old-secret-abcdef', SECRET])).toBe(true);
    expect(verifySignature(BODY, SIGNATURE, [SECRET, 'new-secret-abcdef'])).toBe(true);
  });

  it('verifySignature is false for a wrong secret, a changed body, or a bad header', () => {
    expect(verifySignature(BODY, SIGNATURE, ['another-secret-1'])).toBe(false);
    expect(verifySignature('{"ping":"OK"} ', SIGNATURE, [SECRET])).toBe(false);
    expect(verifySignature(BODY, undefined, [SECRET])).toBe(false);
    expect(verifySignature(BODY, '', [SECRET])).toBe(false);
    expect(verifySignature(BODY, SIGNATURE.slice(7), [SECRET])).toBe(false);
    expect(verifySignature(BODY, 'sha1=' + SIGNATURE.slice(7), [SECRET])).toBe(false);
    expect(verifySignature(BODY, SIGNATURE.slice(0, -2), [SECRET])).toBe(false);
    expect(verifySignature(BODY, SIGNATURE + '00', [SECRET])).toBe(false);
    expect(verifySignature(BODY, 'sha256=' + 'zz'.repeat(32), [SECRET])).toBe(false);
  });

  it('verifySignature throws TypeError on misuse', () => {
    expect(() => verifySignature(BODY, SIGNATURE, [])).toThrow(TypeError);
    expect(() => verifySignature(BODY, SIGNATURE, [''])).toThrow(/DISCOURSE_WEBHOOK_SECRET/);
    expect(() => verifySignature({} as unknown as string, SIGNATURE, [SECRET])).toThrow(TypeError);
    expect(() => verifySignature(BODY, SIGNATURE, 'secret' as unknown as string[])).toThrow(
      TypeError,
    );
  });
});
