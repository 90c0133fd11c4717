/**
 * `leakwatch scan --jsonl` streams: a ~50 MB export goes through the real CLI (child process)
 * with every record answered once, in order, while the child's resident memory stays bounded.
 * The reader pauses now and then, so the CLI must honour backpressure on stdout too.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePost } from '../../bench/lib/forum-corpus.js';
import { createRng } from '../../bench/lib/prng.js';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-stream-'));
const input = join(dir, 'export.jsonl');
const TARGET_BYTES = 50e6;
const RSS_LIMIT_KB = 300 * 1024;
let records = 0;

beforeAll(async () => {
  const rng = createRng(7);
  const out = createWriteStream(input);
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    const line = `${JSON.stringify({ id: `r${records}`, text: generatePost(rng, rng.int(300, 1500), rng.chance(0.05)) })}\n`;
    // One malformed line in the middle: the run must go on past it.
    const written = records === 1000 ? `{"id":"r${records}","text": oops}\n` : line;
    bytes += Buffer.byteLength(written);
    records++;
    if (!out.write(written)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Peak (VmHWM) and current (VmRSS) resident set of a process in kB, from /proc. */
function memoryKb(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): number =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return undefined; // the process has exited
  }
}

describe('leakwatch scan --jsonl on a large export', () => {
  it('answers every record once and in order with bounded memory', async () => {
    expect(statSync(input).size).toBeGreaterThanOrEqual(TARGET_BYTES);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'scan', '--jsonl', '--no-progress', input],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const pid = child.pid as number;
    let peakKb = 0;
    const sample = (): void => {
      const m = memoryKb(pid);
      if (m) peakKb = Math.max(peakKb, m.rss, m.hwm);
    };
    const sampler = setInterval(sample, 50);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = once(child, 'close');

    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    let seen = 0;
    let outOfOrder = 0;
    let withFindings = 0;
    let errors = 0;
    for await (const line of lines) {
      const rec = JSON.parse(line) as { id: string; findings?: unknown[]; error?: string };
      if (rec.id !== `r${seen}`) outOfOrder++;
      if (rec.error !== undefined) errors++;
      else if ((rec.findings?.length ?? 0) > 0) withFindings++;
      seen++;
      if (seen % 20_000 === 0) {
        // Stop reading for a moment: the child's stdout fills up and it must wait for 'drain'.
        sample();
        lines.pause();
        await new Promise((r) => setTimeout(r, 300));
        lines.resume();
      }
    }
    sample();
    const [code] = (await exited) as [number | null];
    clearInterval(sampler);

    expect(seen).toBe(records);
    expect(outOfOrder).toBe(0);
    expect(errors).toBe(1);
    // ~5% of the generated posts carry personal data.
    expect(withFindings).toBeGreaterThan(records * 0.02);
    expect(code).toBe(2); // the malformed line
    expect(stderr).toContain('1 bad line');
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb).toBeLessThan(RSS_LIMIT_KB);
    console.info(
      `cli-stream: ${records} records, ${(TARGET_BYTES / 1e6).toFixed(0)} MB, peak RSS ${Math.round(peakKb / 1024)} MB`,
    );
  }, 600_000);
});
