/**
 * 1 MB inputs built to make a careless scanner go quadratic or worse: long runs of the
 * characters candidate patterns start or continue on. Each must be scanned in under a second.
 */
import type { TextFormat } from '../../src/scanner/types.js';
import { createRng } from './prng.js';

export interface AdversarialInput {
  name: string;
  text: string;
  format?: TextFormat;
}

export const ADVERSARIAL_SIZE = 1_000_000;

/** `unit` repeated to exactly `size` UTF-16 units (ASCII here, so also bytes). */
function fill(unit: string, size = ADVERSARIAL_SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function soup(seed: number, alphabet: string): string {
  const rng = createRng(seed);
  let s = '';
  while (s.length < ADVERSARIAL_SIZE) {
    let chunk = '';
    for (let i = 0; i < 4096; i++) chunk += alphabet[rng.int(0, alphabet.length - 1)];
    s += chunk;
  }
  return s.slice(0, ADVERSARIAL_SIZE);
}

export function adversarialInputs(): AdversarialInput[] {
  return [
    { name: '"@" x 1M', text: fill('@') },
    { name: '"a." x 500k', text: fill('a.') },
    { name: '"1 " x 500k', text: fill('1 ') },
    { name: '"1" x 1M', text: fill('1') },
    { name: '"a@" x 500k', text: fill('a@') },
    { name: '"+1 " x 333k', text: fill('+1 ') },
    { name: '"x@y." x 250k', text: fill('x@y.') },
    { name: 'digit/dash soup', text: soup(1, '0123456789-- ') },
    { name: 'digit/sep soup (.()+/)', text: soup(2, '0123456789.()+/ ') },
    { name: '"a at b dot " x 90k', text: fill('a at b dot ') },
    { name: '"4111 " x 200k', text: fill('4111 ') },
    { name: '"a@b.co " x 125k', text: fill('a@b.co ') },
    { name: '"\\u200b1" x 500k', text: fill('\u200b1') },
    { name: '"&#64;" x 200k (html)', text: fill('&#64;'), format: 'html' },
    { name: '"<a href=mailto:" (html)', text: fill('<a href="mailto:'), format: 'html' },
    { name: '"[a](" x 250k (markdown)', text: fill('[a]('), format: 'markdown' },
    { name: '"`" x 1M (markdown)', text: fill('`'), format: 'markdown' },
    // Many short folds (one per code span or entity): quadratic before the builder remembered
    // where the next special character stands.
    { name: '"`1" x 500k (markdown)', text: fill('`1'), format: 'markdown' },
    { name: '"a&#64;" x 166k (html)', text: fill('a&#64;'), format: 'html' },
  ];
}
