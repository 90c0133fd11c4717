import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCommand, main, readVersion, USAGE } from '../../src/cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('leakwatch dispatcher', () => {
  it('main(["--version"]) prints the package version and exits 0', async () => {
    const io = capture();
    expect(await main(['--version'])).toBe(0);
    expect(io.out.join('')).toBe(`${readVersion()}\n`);
    expect(readVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('main(["--help"]) and main(["help"]) print the usage listing every command', async () => {
    const io = capture();
    expect(await main(['--help'])).toBe(0);
    expect(await main(['help'])).toBe(0);
    expect(io.out.join('')).toBe(USAGE + USAGE);
    for (const command of ['scan', 'start', 'serve', 'worker', 'catch-up'])
      expect(USAGE).toContain(command);
  });

  it('main([]) prints the usage and exits 2', async () => {
    const io = capture();
    expect(await main([])).toBe(2);
    expect(io.out.join('')).toBe(USAGE);
  });

  it('main(["frobnicate"]) exits 2 with one line naming the command', async () => {
    const io = capture();
    expect(await main(['frobnicate'])).toBe(2);
    expect(io.err).toEqual([
      "leakwatch: unknown command 'frobnicate'; run 'leakwatch --help' to list the commands\n",
    ]);
  });

  it('main(["../cli"]) does not import outside src/cli/', async () => {
    const io = capture();
    expect(await main(['../cli'])).toBe(2);
    expect(io.err.join('')).toContain('unknown command');
  });

  it('main(["help", "scan"]) shows the scan command help', async () => {
    const io = capture();
    expect(await main(['help', 'scan'])).toBe(0);
    expect(io.out.join('')).toContain('Usage: leakwatch scan');
  });

  it('loadCommand("scan") returns a module with run()', async () => {
    const mod = await loadCommand('scan');
    expect(typeof mod?.run).toBe('function');
  });

  it('loadCommand of a command without a module is undefined', async () => {
    expect(await loadCommand('no-such')).toBeUndefined();
  });
});
