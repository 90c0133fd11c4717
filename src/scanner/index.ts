/** The scanner's public surface: pure functions, text in, findings out. */
export { scan } from './scan-text.js';
export { redact } from './redact.js';
export { normalize } from './normalize.js';
export { fingerprint, DEFAULT_FINGERPRINT_KEY } from './fingerprint.js';
export { maskCard, maskEmail, maskPhone } from './mask.js';
export type {
  AllowList,
  Candidate,
  DetectContext,
  Detector,
  Finding,
  FindingType,
  NormalizedDoc,
  ScanOptions,
  Severity,
  TextFormat,
} from './types.js';
