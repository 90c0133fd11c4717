import { describe, expect, it } from 'vitest';
import { parseScanArgs, UsageError } from '../../src/cli/scan-args.js';

describe('parseScanArgs', () => {
  it('parseScanArgs([]) reads stdin with every option off', () => {
    expect(parseScanArgs([])).toEqual({
      files: [],
      json: false,
      jsonl: false,
      redact: false,
      region: undefined,
      format: undefined,
      progress: undefined,
      fingerprints: false,
      help: false,
    });
  });

  it('parseScanArgs collects files, flags, an upper-cased region and the format', () => {
    const args = parseScanArgs([
      'a.txt',
      '--json',
      '--region',
      'gb',
      '--format=markdown',
      '-',
      '--redact',
    ]);
    expect(args.files).toEqual(['a.txt', '-']);
    expect(args.json).toBe(true);
    expect(args.redact).toBe(true);
    expect(args.region).toBe('GB');
    expect(args.format).toBe('markdown');
  });

  it('parseScanArgs reads --jsonl, --progress, --no-progress and -h', () => {
    expect(parseScanArgs(['--jsonl', 'x.jsonl']).jsonl).toBe(true);
    expect(parseScanArgs(['--progress']).progress).toBe(true);
    expect(parseScanArgs(['--no-progress']).progress).toBe(false);
    expect(parseScanArgs(['-h']).help).toBe(true);
    expect(parseScanArgs(['--fingerprints']).fingerprints).toBe(true);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--region'], /--region/],
    [['--region', 'GBR'], /two-letter ISO 3166/],
    [['--region', '12'], /two-letter ISO 3166/],
    [['--format', 'pdf'], /--format must be one of text, markdown, html/],
    [['--progress', '--no-progress'], /contradict/],
    [['--json=yes'], /--json/],
  ])('parseScanArgs(%j) throws a UsageError', (argv, message) => {
    expect(() => parseScanArgs(argv)).toThrow(UsageError);
    expect(() => parseScanArgs(argv)).toThrow(message);
  });

  it('UsageError messages are one line', () => {
    try {
      parseScanArgs(['--nope']);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
