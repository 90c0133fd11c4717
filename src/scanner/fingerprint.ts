import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { FindingType } from './types.js';

/** Public, fixed key: without a server key fingerprints still dedupe but prove nothing. */
export const DEFAULT_FINGERPRINT_KEY = 'leakwatch-public-fingerprint-key-v1';

const DEFAULT_KEY_OBJECT = createSecretKey(DEFAULT_FINGERPRINT_KEY, 'utf8');

/** Imports a key once so each HMAC skips the key set-up (a third of its cost). */
export function toFingerprintKey(key: Uint8Array | string | undefined): KeyObject {
  if (key === undefined) return DEFAULT_KEY_OBJECT;
  return typeof key === 'string' ? createSecretKey(key, 'utf8') : createSecretKey(key);
}

/** Keyed HMAC-SHA256 (hex) of `${type}:${canonical}`. */
export function fingerprint(
  type: FindingType,
  canonical: string,
  key: Uint8Array | string | KeyObject = DEFAULT_KEY_OBJECT,
): string {
  const k = typeof key === 'string' || key instanceof Uint8Array ? toFingerprintKey(key) : key;
  return createHmac('sha256', k).update(`${type}:${canonical}`).digest('hex');
}
