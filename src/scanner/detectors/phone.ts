import type { Candidate, DetectContext, NormalizedDoc } from '../types.js';

// Placeholder until the phone detector lands; it finds nothing.
export function detectPhones(_doc: NormalizedDoc, _ctx: DetectContext): Candidate[] {
  return [];
}
