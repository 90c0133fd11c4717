import type { AllowList, FindingType, ScanOptions, TextFormat } from './types.js';

export const DEFAULT_MAX_LENGTH = 1_000_000;
export const DEFAULT_MAX_FINDINGS = 1000;

const FORMATS: readonly TextFormat[] = ['text', 'markdown', 'html'];
const TYPES: readonly FindingType[] = ['email', 'phone', 'card'];
const ALL_TYPES: ReadonlySet<FindingType> = new Set(TYPES);
const ALLOW_KEYS = ['emails', 'domains', 'phones', 'cards', 'fingerprints'] as const;

export interface ResolvedOptions {
  region: string | undefined;
  allow: AllowList;
  fingerprintKey: Uint8Array | string | undefined;
  format: TextFormat;
  maxLength: number;
  maxFindings: number;
  types: ReadonlySet<FindingType>;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** Validates scan() options; programmer mistakes throw TypeError saying what to pass instead. */
export function resolveOptions(options: ScanOptions | undefined): ResolvedOptions {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw new TypeError('scan options must be an object');
  const { region, allow, fingerprintKey, format, maxLength, maxFindings, types } = options;
  if (region !== undefined && (typeof region !== 'string' || !/^[A-Za-z]{2}$/.test(region))) {
    throw new TypeError('options.region must be a two-letter ISO 3166-1 code such as "GB"');
  }
  if (format !== undefined && !FORMATS.includes(format)) {
    throw new TypeError(`options.format must be one of ${FORMATS.join(', ')}`);
  }
  if (maxLength !== undefined && !isPositiveInt(maxLength)) {
    throw new TypeError('options.maxLength must be a positive integer');
  }
  if (maxFindings !== undefined && !isPositiveInt(maxFindings)) {
    throw new TypeError('options.maxFindings must be a positive integer');
  }
  if (types !== undefined) {
    if (!Array.isArray(types) || types.some((t) => !TYPES.includes(t))) {
      throw new TypeError(`options.types must be an array of ${TYPES.join(', ')}`);
    }
  }
  if (
    fingerprintKey !== undefined &&
    !(typeof fingerprintKey === 'string' && fingerprintKey.length > 0) &&
    !(fingerprintKey instanceof Uint8Array && fingerprintKey.length > 0)
  ) {
    throw new TypeError('options.fingerprintKey must be a non-empty string or Uint8Array');
  }
  if (allow !== undefined) {
    if (allow === null || typeof allow !== 'object') {
      throw new TypeError('options.allow must be an object of string arrays');
    }
    for (const key of ALLOW_KEYS) {
      const list = allow[key];
      if (list !== undefined && (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))) {
        throw new TypeError(`options.allow.${key} must be an array of strings`);
      }
    }
  }
  return {
    region: region?.toUpperCase(),
    allow: allow ?? {},
    fingerprintKey,
    format: format ?? 'text',
    maxLength: maxLength ?? DEFAULT_MAX_LENGTH,
    maxFindings: maxFindings ?? DEFAULT_MAX_FINDINGS,
    types: types === undefined ? ALL_TYPES : new Set(types),
  };
}
