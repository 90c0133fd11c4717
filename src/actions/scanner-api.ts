import { redact, scan } from '../scanner/index.js';

/** The two scanner calls the service uses; injected so processors can be built from parts. */
export interface ScannerApi {
  scan: typeof scan;
  redact: typeof redact;
}

export const defaultScanner: ScannerApi = { scan, redact };
