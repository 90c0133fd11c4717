export const SCAN_QUEUE = 'scan';
export const ACTIONS_QUEUE = 'actions';

/** Redis key under the leakwatch prefix, e.g. toKey('leakwatch', 'dedupe', id) → `leakwatch:dedupe:<id>`. */
export function toKey(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].join(':');
}
