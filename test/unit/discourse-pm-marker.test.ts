import { describe, expect, it } from 'vitest';
import {
  derivePmMarkerKey,
  hasPmMarker,
  isPmMarker,
  toPmMarker,
  withPmMarker,
} from '../../src/forums/discourse/pm-marker.js';

const key = derivePmMarkerKey(Buffer.alloc(32, 1));
const base = { postId: 123, version: 1, fingerprints: ['fp-a', 'fp-b'] };

describe('toPmMarker', () => {
  it('toPmMarker(post 123 v1, [fp-a, fp-b]) is 12 hex characters, the same on every call and in any fingerprint order', () => {
    const marker = toPmMarker(key, base);
    expect(marker).toMatch(/^[0-9a-f]{12}$/);
    expect(isPmMarker(marker)).toBe(true);
    expect(toPmMarker(key, { ...base, fingerprints: ['fp-b', 'fp-a', 'fp-a'] })).toBe(marker);
  });

  it('toPmMarker differs for another post, version, set of findings or key', () => {
    const marker = toPmMarker(key, base);
    const others = [
      toPmMarker(key, { ...base, postId: 124 }),
      toPmMarker(key, { ...base, version: 2 }),
      toPmMarker(key, { ...base, fingerprints: ['fp-a'] }),
      toPmMarker(derivePmMarkerKey(Buffer.alloc(32, 2)), base),
    ];
    expect(new Set([marker, ...others]).size).toBe(5);
  });

  it('derivePmMarkerKey throws TypeError for a master key shorter than 32 bytes', () => {
    expect(() => derivePmMarkerKey(Buffer.alloc(16))).toThrow(TypeError);
  });
});

describe('withPmMarker / hasPmMarker', () => {
  it('withPmMarker("Personal data in your post", m) ends the title with " [lw:m]" and hasPmMarker finds it', () => {
    const title = withPmMarker('Personal data in your post', '3f9a1c2b7d4e');
    expect(title).toBe('Personal data in your post [lw:3f9a1c2b7d4e]');
    expect(hasPmMarker(title, '3f9a1c2b7d4e')).toBe(true);
    expect(hasPmMarker(title.toUpperCase(), '3f9a1c2b7d4e')).toBe(true);
    expect(hasPmMarker(title, '3f9a1c2b7d4f')).toBe(false);
    expect(hasPmMarker('Personal data in your post', '3f9a1c2b7d4e')).toBe(false);
    expect(hasPmMarker(undefined, '3f9a1c2b7d4e')).toBe(false);
  });

  it('isPmMarker accepts 8–32 lowercase hex characters only', () => {
    expect(isPmMarker('0123abcd')).toBe(true);
    expect(isPmMarker('0123abc')).toBe(false);
    expect(isPmMarker('0123ABCD')).toBe(false);
    expect(isPmMarker('0123abcd]')).toBe(false);
    expect(isPmMarker(12345678)).toBe(false);
  });
});
