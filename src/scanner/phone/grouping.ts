/**
 * Does the way a run is grouped match how the country itself writes the number?
 * Boundaries are compared counted from the END of the number, so a written or omitted trunk
 * prefix does not shift them.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DigitRun } from './digit-runs.js';

function boundariesFromEnd(groupLengths: readonly number[]): Set<number> {
  const result = new Set<number>();
  let after = 0;
  for (let i = groupLengths.length - 1; i > 0; i--) {
    after += groupLengths[i]!;
    result.add(after);
  }
  return result;
}

/**
 * `ignoreFrom`: boundaries this far from the end or further are not compared (the one after an
 * international number's country code, which national formatting does not have).
 */
export function hasPhoneGrouping(run: DigitRun, e164: string, ignoreFrom = Infinity): boolean {
  const ours = boundariesFromEnd(run.groups.map(([s, e]) => e - s));
  for (const b of ours) if (b >= ignoreFrom) ours.delete(b);
  if (ours.size === 0) return false;
  const formatted = parsePhoneNumberFromString(e164)?.formatNational().match(/\d+/g) ?? [];
  const theirs = boundariesFromEnd(formatted.map((g) => g.length));
  for (const b of ours) if (!theirs.has(b)) return false;
  return true;
}
