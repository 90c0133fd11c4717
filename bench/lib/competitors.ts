/**
 * Comparison libraries, called through their public APIs the way a user would, with their
 * entity names mapped to our types and their detections turned into spans of the original text
 * so they are scored exactly like leakwatch.
 *
 * - @redactpii/node: regex rules applied one after the other (CREDIT_CARD, EMAIL, PHONE);
 *   `redact()` only returns the redacted text, so spans are recovered by aligning it with the
 *   original (anonymised tokens such as EMAIL_1 tell the type; each candidate span is confirmed
 *   by redacting it alone).
 * - @arcjet/redact: WebAssembly, async; its `replace(entity, plaintext)` callback hands us each
 *   detected value in order, which we locate in the original text.
 */
import { redact as arcjetRedact } from '@arcjet/redact';
import { Redactor } from '@redactpii/node';
import type { Span } from '../evaluate.js';
import type { FindingType } from '../../src/scanner/types.js';

export interface Competitor {
  name: string;
  /** Processes every post as a user of the library would (for throughput). */
  runAll(posts: readonly string[]): Promise<void>;
  /** What it reports in one text, as spans of our types. */
  spans(text: string): Promise<Span[]>;
  /** Detections whose position could not be recovered (reported, never silently dropped). */
  unaligned: number;
  /** Texts on which the library threw (WebAssembly panics, for one); counted, then skipped. */
  failures: number;
}

const REDACTPII_RULES = { CREDIT_CARD: true, EMAIL: true, PHONE: true } as const;
const REDACTPII_TOKEN = /(CREDIT_CARD|EMAIL|PHONE)_\d+/g;
const REDACTPII_TYPES: Readonly<Record<string, FindingType>> = {
  CREDIT_CARD: 'card',
  EMAIL: 'email',
  PHONE: 'phone',
};
/** No match of its patterns is longer than this (emails are the longest). */
const MAX_MATCH = 320;

export function createRedactPii(): Competitor {
  const plain = new Redactor({ rules: { ...REDACTPII_RULES } });
  const tokens = new Redactor({ rules: { ...REDACTPII_RULES }, anonymize: true });
  const matchesAlone = (slice: string, kind: string): boolean => {
    const out = tokens.redact(slice);
    return new RegExp(`^${kind}_\\d+$`).test(out);
  };
  const self: Competitor = {
    name: '@redactpii/node',
    unaligned: 0,
    failures: 0,
    async runAll(posts) {
      for (const post of posts) plain.redact(post);
    },
    async spans(text) {
      const redacted = tokens.redact(text);
      const found: { kind: string; at: number; length: number }[] = [];
      for (const m of redacted.matchAll(REDACTPII_TOKEN)) {
        found.push({ kind: m[1] as string, at: m.index, length: m[0].length });
      }
      if (found.length === 0) return [];
      // redacted = s0 T1 s1 T2 ... Tn sn; find each Ti's extent in the original.
      const segment = (i: number): string => {
        const from =
          (found[i] as (typeof found)[number]).at + (found[i] as (typeof found)[number]).length;
        const to =
          i + 1 < found.length ? (found[i + 1] as (typeof found)[number]).at : redacted.length;
        return redacted.slice(from, to);
      };
      const spans: Span[] = [];
      let pos = (found[0] as (typeof found)[number]).at;
      for (let i = 0; i < found.length; i++) {
        const { kind } = found[i] as (typeof found)[number];
        const after = segment(i);
        let end: number;
        if (i === found.length - 1) {
          end = text.length - after.length;
        } else {
          // Longest extent that is followed by the next segment and is a whole match on its own.
          const limit = Math.min(text.length, pos + MAX_MATCH);
          const candidates: number[] = [];
          for (let p = pos + 1; p <= limit; p++) if (text.startsWith(after, p)) candidates.push(p);
          end = candidates.reverse().find((p) => matchesAlone(text.slice(pos, p), kind)) ?? -1;
          if (end === -1) end = candidates.at(-1) ?? -1; // the shortest, as a last resort
        }
        if (end <= pos) {
          self.unaligned += found.length - i;
          break;
        }
        spans.push({ type: REDACTPII_TYPES[kind] as FindingType, start: pos, end });
        pos = end + after.length;
      }
      return spans;
    },
  };
  return self;
}

const ARCJET_ENTITIES = ['email', 'phone-number', 'credit-card-number'] as const;
const ARCJET_TYPES: Readonly<Record<string, FindingType>> = {
  email: 'email',
  'phone-number': 'phone',
  'credit-card-number': 'card',
};

export function createArcjet(): Competitor {
  const self: Competitor = {
    name: '@arcjet/redact',
    unaligned: 0,
    failures: 0,
    async runAll(posts) {
      for (const post of posts) {
        try {
          await arcjetRedact(post, { entities: [...ARCJET_ENTITIES] });
        } catch {
          self.failures++;
        }
      }
    },
    async spans(text) {
      const seen: { entity: string; plaintext: string }[] = [];
      try {
        await arcjetRedact(text, {
          entities: [...ARCJET_ENTITIES],
          replace: (entity, plaintext) => {
            seen.push({ entity, plaintext });
            return undefined;
          },
        });
      } catch {
        self.failures++;
        return [];
      }
      const spans: Span[] = [];
      let cursor = 0;
      for (const { entity, plaintext } of seen) {
        const type = ARCJET_TYPES[entity];
        if (type === undefined || plaintext === '') continue;
        let at = text.indexOf(plaintext, cursor);
        if (at === -1) at = text.indexOf(plaintext);
        if (at === -1) {
          self.unaligned++;
          continue;
        }
        spans.push({ type, start: at, end: at + plaintext.length });
        cursor = at + plaintext.length;
      }
      return spans.sort((a, b) => a.start - b.start);
    },
  };
  return self;
}
