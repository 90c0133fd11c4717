/**
 * Public and internal types of the scanner core. The scanner is pure: text in, findings out.
 * Offsets in a Finding are UTF-16 indices into the ORIGINAL text, end exclusive.
 */

export type FindingType = 'email' | 'phone' | 'card';
export type Severity = 'low' | 'medium' | 'high';
export type TextFormat = 'text' | 'markdown' | 'html';

export interface Finding {
  type: FindingType;
  /** UTF-16 index into the original text, inclusive. */
  start: number;
  /** UTF-16 index into the original text, exclusive. */
  end: number;
  /** Recognisable but safe form, e.g. `j•••@gmail.com`, `+44 •••• ••• 958`, `•••• •••• •••• 1111`. */
  masked: string;
  /** Keyed HMAC-SHA256 (hex) of the canonical value; never the value itself. */
  fingerprint: string;
  severity: Severity;
  /** 0..1 */
  confidence: number;
  /** Machine-readable reason codes, e.g. `rfc5322`, `international-prefix`, `context-word`, `luhn`. */
  reasons: string[];
  obfuscated?: true;
  /** A well-known public test card number. */
  test?: true;
  /** Found inside a markdown/HTML code span or block. */
  inCode?: true;
}

export interface AllowList {
  /** Exact email addresses (case-insensitive). */
  emails?: readonly string[];
  /** Email domains; subdomains included. */
  domains?: readonly string[];
  /** Phone numbers in any format; compared by E.164 where parseable, else digits. */
  phones?: readonly string[];
  /** Card numbers; compared by digits. */
  cards?: readonly string[];
  /** Finding fingerprints (as produced with the same fingerprintKey). */
  fingerprints?: readonly string[];
}

export interface ScanOptions {
  /** ISO 3166-1 alpha-2 default region for national phone numbers, e.g. 'GB'. */
  region?: string;
  allow?: AllowList;
  /** Key for HMAC fingerprints. Without one, a fixed public key is used (fingerprints then only dedupe). */
  fingerprintKey?: Uint8Array | string;
  format?: TextFormat;
  /** Longer texts are scanned up to this many UTF-16 units. Default 1_000_000. */
  maxLength?: number;
  /** At most this many findings are returned. Default 1000. */
  maxFindings?: number;
  /** Only these types are reported. Default all. */
  types?: readonly FindingType[];
}

/**
 * The text a detector sees: folded (full-width, Unicode digits, zero-width removed, entities
 * decoded, tags dropped) with a map back to the original.
 */
export interface NormalizedDoc {
  /** The original text as given to scan(). */
  readonly original: string;
  /** The normalised text detectors run on. */
  readonly text: string;
  /** Original index of each normalised UTF-16 unit; length text.length + 1 (last = end). */
  readonly map: Int32Array;
  /** Normalised [start, end) ranges that are code (markdown code spans/blocks, <code>/<pre>). */
  readonly codeRanges: ReadonlyArray<readonly [number, number]>;
}

/** What a detector returns: offsets into the NORMALISED text, plus the canonical raw value. */
export interface Candidate {
  type: FindingType;
  start: number;
  end: number;
  /** Canonical value used for masking, fingerprinting and allow lists (email lower-cased, phone E.164, card digits). Never leaves the scanner. */
  value: string;
  confidence: number;
  reasons: string[];
  obfuscated?: boolean;
  test?: boolean;
  /** Detector's own severity; scan() lowers it for code and test values. */
  severity?: Severity;
}

export interface DetectContext {
  /** Upper-case ISO region or undefined. */
  region: string | undefined;
}

export type Detector = (doc: NormalizedDoc, ctx: DetectContext) => Candidate[];
