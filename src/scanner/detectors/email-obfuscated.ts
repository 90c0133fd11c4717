import type { Candidate } from '../types.js';

export function detectObfuscatedEmails(_text: string): Candidate[] {
  return [];
}
