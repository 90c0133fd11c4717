import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks `X-Discourse-Event-Signature` (`sha256=<hex HMAC-SHA256 of the raw body>`) against every
 * configured secret, so a secret can be rotated without dropping deliveries. Bad outside input
 * (missing, malformed or wrong signature) returns false; programmer misuse throws TypeError.
 */
export function verifySignature(
  body: string | Uint8Array,
  signature: string | undefined,
  secrets: readonly string[],
): boolean {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError(
      'verifySignature(body, …): body must be the raw request body (string or Buffer)',
    );
  }
  if (
    !Array.isArray(secrets) ||
    secrets.length === 0 ||
    secrets.some((secret) => typeof secret !== 'string' || secret === '')
  ) {
    throw new TypeError(
      'verifySignature(…, secrets): secrets must be a non-empty list of non-empty strings; ' +
        'set DISCOURSE_WEBHOOK_SECRET to the secret shown in Admin → API → Webhooks',
    );
  }
  if (typeof signature !== 'string' || !signature.startsWith(PREFIX)) return false;
  const hex = signature.slice(PREFIX.length);
  if (!HEX_SHA256.test(hex)) return false;
  const given = Buffer.from(hex, 'hex');
  let matched = false;
  // Every secret is tried (no early exit) so timing does not reveal which one matched.
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}
