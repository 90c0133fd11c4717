import { createHmac, hkdfSync } from 'node:crypto';

/**
 * A private message cannot be sent twice safely: Discourse has no idempotency key, and its
 * duplicate-post check skips staff users and private messages (PostValidator
 * #unique_post_validator). So each warning carries a short marker in its title, the same on every
 * retry of the action, and the client looks for it among the bot's sent messages before sending.
 *
 * The marker is an HMAC (key derived from LEAKWATCH_SECRET_KEY) of the post id, version and the
 * fingerprints of the findings warned about: members cannot predict it, it says nothing about the
 * post, and a new warning for the same post version (an edit inside Discourse's grace period that
 * adds new data) gets a marker of its own.
 */

const MARKER = /^[0-9a-f]{8,32}$/;

/** The HMAC key for markers, from the master key (HKDF-SHA256, as src/keys.ts derives its keys). */
export function derivePmMarkerKey(master: Uint8Array): Buffer {
  if (master.length < 32) throw new TypeError('the master key must be at least 32 bytes');
  return Buffer.from(hkdfSync('sha256', master, 'leakwatch/v1', 'discourse-pm-marker', 32));
}

/** 12 hex characters, stable for the same post, version and findings. */
export function toPmMarker(
  key: Uint8Array,
  input: { postId: number; version: number; fingerprints: readonly string[] },
): string {
  const fingerprints = [...new Set(input.fingerprints)].sort().join(',');
  return createHmac('sha256', key)
    .update(`notify\0${input.postId}\0${input.version}\0${fingerprints}`)
    .digest('hex')
    .slice(0, 12);
}

export function isPmMarker(value: unknown): value is string {
  return typeof value === 'string' && MARKER.test(value);
}

/** `Personal data in your post [lw:3f9a1c2b7d4e]`. Lower case, so title_prettify leaves it be. */
export function withPmMarker(title: string, marker: string): string {
  return `${title.trimEnd()} [lw:${marker}]`;
}

/** Whether a topic title (as Discourse lists it) carries this marker. */
export function hasPmMarker(title: unknown, marker: string): boolean {
  return typeof title === 'string' && title.toLowerCase().includes(`[lw:${marker}]`);
}
