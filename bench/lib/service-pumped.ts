/**
 * ReDoS second line: the scanner on pumped adversarial inputs at 1×, 2×, 4× and 8× the size. A
 * linear scanner grows about 2× per doubling; 4× per doubling is quadratic.
 */
import { scan } from '../../src/scanner/index.js';
import type { TextFormat } from '../../src/scanner/types.js';

export interface PumpResult {
  name: string;
  sizes: number[];
  ms: number[];
  /** (t(8×) / t(1×)) ^ (1/3): time factor per doubling of the input. */
  perDoubling: number;
}

/** Units that candidate patterns start on or continue with, repeated. */
export const PUMPS: { name: string; unit: string; format?: TextFormat; prefix?: string }[] = [
  { name: "'@'", unit: '@' },
  { name: "'a.'", unit: 'a.' },
  { name: "'a@'", unit: 'a@' },
  { name: "'x@y.'", unit: 'x@y.' },
  { name: "'a.b-'", unit: 'a.b-', prefix: 'x@' },
  { name: "' at '", unit: 'a at ' },
  { name: "' dot '", unit: 'b dot ' },
  { name: "'(at)'", unit: 'c(at)' },
  { name: "'1'", unit: '1' },
  { name: "'1 '", unit: '1 ' },
  { name: "'1-'", unit: '1-' },
  { name: "'+1 '", unit: '+1 ' },
  { name: "'(0)'", unit: '(0)' },
  { name: "'4111 '", unit: '4111 ' },
  { name: "'٣' (Arabic-Indic)", unit: '٣' },
  { name: "'１' (full-width)", unit: '１' },
  { name: "'one '", unit: 'one ' },
  { name: "'1\\u200b'", unit: '1\u200b' },
  { name: "'&#64;' html", unit: 'a&#64;', format: 'html' },
  { name: "'<a href=\"tel:' html", unit: '<a href="tel:1', format: 'html' },
  { name: "'[x](mailto:' md", unit: '[x](mailto:a', format: 'markdown' },
  { name: "'`' md", unit: '`1', format: 'markdown' },
];

function timeScan(text: string, format: TextFormat | undefined): number {
  const t = performance.now();
  scan(text, { region: 'GB', format: format ?? 'text', maxFindings: 1_000_000 });
  return performance.now() - t;
}

export function runPumps(baseSize: number, repeats = 3): PumpResult[] {
  const results: PumpResult[] = [];
  for (const pump of PUMPS) {
    const sizes = [1, 2, 4, 8].map((k) => baseSize * k);
    const ms = sizes.map((size) => {
      const text =
        (pump.prefix ?? '') + pump.unit.repeat(Math.ceil(size / pump.unit.length)).slice(0, size);
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) times.push(timeScan(text, pump.format));
      times.sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)]!;
    });
    const perDoubling = Math.cbrt(Math.max(ms[3]!, 0.001) / Math.max(ms[0]!, 0.001));
    results.push({ name: pump.name, sizes, ms, perDoubling });
  }
  return results;
}
