import type {
  Candidate,
  DetectContext,
  Detector,
  Finding,
  FindingType,
  ScanOptions,
  Severity,
} from './types.js';
import type { KeyObject } from 'node:crypto';
import { createAllowMatcher } from './allow.js';
import { detectCards } from './detectors/card.js';
import { detectEmails } from './detectors/email.js';
import { detectPhones } from './detectors/phone.js';
import { fingerprint, toFingerprintKey } from './fingerprint.js';
import { maskCard, maskEmail, maskPhone } from './mask.js';
import { normalize, type ScanDoc } from './normalize.js';
import { resolveOptions } from './options.js';

/** Overlaps are resolved in this order: an email beats a card beats a phone. */
const DETECTORS: ReadonlyArray<readonly [FindingType, Detector]> = [
  ['email', detectEmails],
  ['card', detectCards],
  ['phone', detectPhones],
];
const PRIORITY: Readonly<Record<FindingType, number>> = { email: 0, card: 1, phone: 2 };
const BASE_SEVERITY: Readonly<Record<FindingType, Severity>> = {
  email: 'medium',
  phone: 'medium',
  card: 'high',
};
const LOWER: Readonly<Record<Severity, Severity>> = { high: 'medium', medium: 'low', low: 'low' };

function runDetector(
  detector: Detector,
  doc: ScanDoc,
  ctx: DetectContext,
  type: FindingType,
): Candidate[] {
  try {
    const found = detector(doc, ctx);
    const n = doc.text.length;
    // A detector bug must not take the scan down or produce spans outside the text.
    return found.filter(
      (c) =>
        c.type === type &&
        Number.isInteger(c.start) &&
        Number.isInteger(c.end) &&
        c.start >= 0 &&
        c.end <= n &&
        c.start < c.end &&
        typeof c.value === 'string',
    );
  } catch {
    return [];
  }
}

/** Keeps, in priority order, each candidate that does not overlap one already kept. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort(
    (a, b) =>
      PRIORITY[a.type] - PRIORITY[b.type] ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const sorted: Candidate[] = []; // kept, ordered by start, for a binary-search overlap check
  for (const c of candidates) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < c.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = sorted[lo - 1];
    const next = sorted[lo];
    if ((prev !== undefined && prev.end > c.start) || (next !== undefined && next.start < c.end)) {
      continue;
    }
    sorted.splice(lo, 0, c);
  }
  return sorted;
}

function inCode(doc: ScanDoc, c: Candidate): boolean {
  for (const [s, e] of doc.codeRanges) if (c.start < e && c.end > s) return true;
  return false;
}

function maskFor(c: Candidate, shape: string): string {
  if (c.type === 'email') return maskEmail(c.value);
  if (c.type === 'card') return maskCard(c.value, shape);
  return maskPhone(c.value, shape);
}

/**
 * Finds emails, phone numbers and card numbers in `text`. Offsets index the original string.
 * Throws TypeError only for bad options; never for any text.
 */
export function scan(text: string, options?: ScanOptions): Finding[] {
  const opts = resolveOptions(options);
  if (typeof text !== 'string') throw new TypeError('scan(text) needs a string');
  const input = text.length > opts.maxLength ? text.slice(0, opts.maxLength) : text;
  let doc: ScanDoc;
  try {
    doc = normalize(input, opts.format);
  } catch {
    doc = normalize(input, 'text');
  }
  const ctx: DetectContext = { region: opts.region };
  const candidates: Candidate[] = [];
  for (const [type, detector] of DETECTORS) {
    for (const c of runDetector(detector, doc, ctx, type)) candidates.push(c);
  }
  const allowed = createAllowMatcher(opts.allow, opts.region);
  const findings: Finding[] = [];
  let key: KeyObject | undefined;
  for (const c of resolveOverlaps(candidates)) {
    if (!opts.types.has(c.type)) continue;
    key ??= toFingerprintKey(opts.fingerprintKey);
    const fp = fingerprint(c.type, c.value, key);
    if (allowed(c.type, c.value, fp)) continue;
    const code = inCode(doc, c);
    let severity: Severity = c.severity ?? BASE_SEVERITY[c.type];
    if (c.test) severity = 'low';
    if (code) severity = LOWER[severity];
    const start = doc.startOf(c.start);
    const end = doc.endOf(c.end - 1);
    const finding: Finding = {
      type: c.type,
      start,
      end,
      masked: maskFor(c, doc.text.slice(c.start, c.end)),
      fingerprint: fp,
      severity,
      confidence: Math.max(0, Math.min(1, c.confidence)),
      reasons: [...c.reasons],
    };
    if (c.obfuscated) finding.obfuscated = true;
    if (c.test) finding.test = true;
    if (code) finding.inCode = true;
    findings.push(finding);
    if (findings.length >= opts.maxFindings) break;
  }
  return findings;
}
