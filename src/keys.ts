import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Independent subkeys derived from LEAKWATCH_SECRET_KEY with HKDF-SHA256. */
export interface Keys {
  /** HMAC key for finding fingerprints (passed to scan()). */
  fingerprint: Buffer;
  /** AES-256-GCM key for post text in job payloads and stored redacted text. */
  payload: Buffer;
  /** HMAC key for signed links (author response tokens). */
  links: Buffer;
}

function derive(master: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'leakwatch/v1', info, 32));
}

export function deriveKeys(master: Uint8Array): Keys {
  if (master.length < 32) throw new TypeError('the master key must be at least 32 bytes');
  return {
    fingerprint: derive(master, 'fingerprint'),
    payload: derive(master, 'payload'),
    links: derive(master, 'links'),
  };
}

export interface ResponseTokenClaims {
  reviewId: string;
  /** Unix milliseconds. */
  expiresAt: number;
}

export type VerifyResponseTokenResult =
  | { ok: true; claims: ResponseTokenClaims }
  | { ok: false; reason: 'invalid' | 'expired'; claims?: ResponseTokenClaims };

function mac(linkKey: Uint8Array, payload: string): string {
  return createHmac('sha256', linkKey).update(`respond.${payload}`).digest('base64url');
}

/**
 * A token for `<PUBLIC_URL>/respond/<token>`: base64url(JSON {r, e}) + '.' + HMAC. It names a
 * review id and an expiry only; it carries no finding or text.
 */
export function createResponseToken(
  linkKey: Uint8Array,
  reviewId: string,
  expiresAt: Date | number,
): string {
  const e = typeof expiresAt === 'number' ? expiresAt : expiresAt.getTime();
  if (!reviewId || !Number.isFinite(e))
    throw new TypeError('createResponseToken needs a review id and an expiry');
  const payload = Buffer.from(JSON.stringify({ r: reviewId, e })).toString('base64url');
  return `${payload}.${mac(linkKey, payload)}`;
}

export function verifyResponseToken(
  linkKey: Uint8Array,
  token: string,
  now: Date | number = Date.now(),
): VerifyResponseTokenResult {
  const at = typeof now === 'number' ? now : now.getTime();
  const [payload, sig, extra] = String(token).split('.');
  if (!payload || !sig || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(linkKey, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'invalid' };
  }
  let claims: ResponseTokenClaims;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      r?: unknown;
      e?: unknown;
    };
    if (typeof data.r !== 'string' || typeof data.e !== 'number')
      return { ok: false, reason: 'invalid' };
    claims = { reviewId: data.r, expiresAt: data.e };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims.expiresAt <= at) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

/** `<publicUrl>/respond/<token>` or undefined without PUBLIC_URL. */
export function toResponseUrl(publicUrl: string | undefined, token: string): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/respond/${token}` : undefined;
}
