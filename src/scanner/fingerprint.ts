import { createHmac } from 'node:crypto';
import type { FindingType } from './types.js';

/** Public, fixed key: without a server key fingerprints still dedupe but prove nothing. */
export const DEFAULT_FINGERPRINT_KEY = 'leakwatch-public-fingerprint-key-v1';

/** Keyed HMAC-SHA256 (hex) of `${type}:${canonical}`. */
export function fingerprint(
  type: FindingType,
  canonical: string,
  key: Uint8Array | string = DEFAULT_FINGERPRINT_KEY,
): string {
  return createHmac('sha256', key).update(`${type}:${canonical}`).digest('hex');
}
