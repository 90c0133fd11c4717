import { describe, expect, it } from 'vitest';
import { formatDuration, renderProgress, createProgressBar } from '../../src/cli/progress-bar.js';
import {
  formatFindingLines,
  lineStarts,
  positionAt,
  toOutputFinding,
} from '../../src/cli/scan-format.js';
import { parseRecord, recoverId, scanLine } from '../../src/cli/scan-jsonl.js';
import type { Finding } from '../../src/scanner/types.js';

const finding = (over: Partial<Finding>): Finding => ({
  type: 'email',
  start: 0,
  end: 1,
  masked: 'j•••@gmail.com',
  fingerprint: 'ab'.repeat(32),
  severity: 'medium',
  confidence: 0.9,
  reasons: ['rfc5322'],
  ...over,
});

describe('positionAt', () => {
  const text = 'ab\ncd\r\n\nxyz';
  const starts = lineStarts(text);

  it('lineStarts lists the offset after every newline', () => {
    expect(starts).toEqual([0, 3, 7, 8]);
  });

  it.each([
    [0, 1, 1],
    [1, 1, 2],
    [3, 2, 1],
    [4, 2, 2],
    [7, 3, 1],
    [8, 4, 1],
    [10, 4, 3],
  ])('positionAt(starts, %i) is line %i column %i', (offset, line, column) => {
    expect(positionAt(starts, offset)).toEqual({ line, column });
  });

  it('counts columns in UTF-16 units, as the offsets do', () => {
    const t = '😀 x';
    expect(positionAt(lineStarts(t), 3)).toEqual({ line: 1, column: 4 });
  });
});

describe('formatFindingLines', () => {
  it('prints file:line:col  type  masked  severity  reasons, flags added once', () => {
    const text = 'hello\nmail j@gmail.com';
    const lines = formatFindingLines('post.txt', text, [
      finding({ start: 11, end: 22 }),
      finding({
        type: 'card',
        start: 0,
        end: 1,
        masked: '•••• 1111',
        severity: 'low',
        reasons: ['luhn', 'test-number'],
        test: true,
        inCode: true,
      }),
    ]);
    expect(lines).toEqual([
      'post.txt:2:6  email  j•••@gmail.com  medium  rfc5322',
      'post.txt:1:1  card  •••• 1111  low  luhn,test-number,in-code',
    ]);
  });

  it('prints nothing for no findings', () => {
    expect(formatFindingLines('a', 'text', [])).toEqual([]);
  });

  it('replaces control characters in file names', () => {
    const [line] = formatFindingLines('evil\u001b[2Jname', 'x', [finding({})]);
    expect(line?.startsWith('evil?[2Jname:1:1')).toBe(true);
  });

  it('toOutputFinding drops an unkeyed fingerprint and keeps it when asked', () => {
    expect(toOutputFinding(finding({}), false)).not.toHaveProperty('fingerprint');
    expect(toOutputFinding(finding({}), true)).toHaveProperty('fingerprint', 'ab'.repeat(32));
  });
});

describe('jsonl records', () => {
  const defaults = { region: 'GB', format: undefined, redact: false };

  it('parseRecord(valid) takes region and format from the record over the defaults', () => {
    const r = parseRecord('{"id":"p1","text":"x","region":"de","format":"html"}', 1, defaults);
    expect(r).toEqual({
      ok: true,
      id: 'p1',
      text: 'x',
      options: { maxLength: 1, region: 'DE', format: 'html' },
    });
  });

  it('parseRecord uses the default region when the record has none', () => {
    expect(parseRecord('{"id":7,"text":"x"}', 1, defaults)).toMatchObject({
      ok: true,
      options: { region: 'GB' },
    });
  });

  it.each([
    ['not json jane@example.org', null, 'line 4: not valid JSON'],
    ['[1,2]', null, 'line 4: a record must be a JSON object'],
    ['{"text":"x"}', null, 'line 4: "id" must be a string or a number'],
    ['{"id":"a"}', 'a', 'line 4: "text" must be a string'],
    [
      '{"id":"a","text":"x","region":"GBR"}',
      'a',
      'line 4: "region" must be a two-letter ISO 3166 country code',
    ],
    [
      '{"id":"a","text":"x","format":"pdf"}',
      'a',
      'line 4: "format" must be one of text, markdown, html',
    ],
  ])('parseRecord(%j) is an error for id %j: %s', (line, id, error) => {
    expect(parseRecord(line, 4, defaults)).toEqual({ ok: false, id, error });
  });

  it('an error never quotes the text of the line', () => {
    const [out] = scanLine('{"id":"a","text": jane.doe@gmail.com}', 2, defaults);
    expect(out).not.toContain('jane');
    expect(JSON.parse(out)).toEqual({ id: 'a', error: expect.stringContaining('line 2') });
  });

  it('scanLine(record with an email) answers masked findings without fingerprint or raw value', () => {
    const [out, count] = scanLine(
      '{"id":"a","text":"write to jane.doe@gmail.com today"}',
      1,
      defaults,
    );
    expect(count).toBe(1);
    expect(out).not.toContain('jane.doe');
    const parsed = JSON.parse(out) as { id: string; findings: Record<string, unknown>[] };
    expect(parsed.id).toBe('a');
    expect(parsed.findings[0]).toMatchObject({ type: 'email', start: 9, end: 27 });
    expect(parsed.findings[0]).not.toHaveProperty('fingerprint');
  });

  it('scanLine scans a record longer than the per-post default limit to its end', () => {
    const text = `${'word '.repeat(250_000)}mail jane.doe@gmail.com`;
    const [out, count] = scanLine(JSON.stringify({ id: 'long', text }), 1, defaults);
    expect(count).toBe(1);
    expect((JSON.parse(out) as { findings: { start: number }[] }).findings[0]?.start).toBe(
      1_250_005,
    );
  });

  it('scanLine with redact adds the redacted text', () => {
    const [out] = scanLine('{"id":1,"text":"write to jane.doe@gmail.com"}', 1, {
      ...defaults,
      redact: true,
    });
    const parsed = JSON.parse(out) as { redacted: string };
    expect(parsed.redacted.startsWith('write to ')).toBe(true);
    expect(parsed.redacted).not.toContain('jane.doe');
  });
});

describe('progress bar', () => {
  it('renderProgress shows the bar, percentage, bytes, rate and ETA', () => {
    const line = renderProgress(
      { bytes: 50e6, totalBytes: 200e6, records: 10_000, elapsedMs: 5000 },
      100,
    );
    expect(line).toMatch(/^\[#+-+\] {2}25% {2}50\.0 MB \/ 200\.0 MB {2}2,000 rec\/s {2}ETA 0:15$/);
    expect(line.length).toBeLessThan(100);
  });

  it('renderProgress fits a narrow terminal by dropping the bar', () => {
    const line = renderProgress({ bytes: 1, totalBytes: 2, records: 1, elapsedMs: 1000 }, 40);
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line).not.toContain('[');
  });

  it('renderProgress without a total (stdin) shows records and rate only', () => {
    const line = renderProgress({ bytes: 0, totalBytes: 0, records: 12_345, elapsedMs: 2000 }, 80);
    expect(line).toBe('12,345 records  6,173 rec/s');
  });

  it('formatDuration(3725) is 1:02:05 and unknown is --:--', () => {
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(Number.NaN)).toBe('--:--');
  });

  it('createProgressBar redraws at most once per interval and ends the line on finish', () => {
    let t = 0;
    const writes: string[] = [];
    const bar = createProgressBar({
      totalBytes: 100,
      write: (s) => writes.push(s),
      now: () => t,
      intervalMs: 200,
    });
    bar.update(10, 1);
    t = 50;
    bar.update(20, 2);
    t = 250;
    bar.update(30, 3);
    expect(writes).toHaveLength(2);
    bar.finish();
    bar.finish();
    expect(writes.at(-1)).toBe('\n');
    expect(writes.filter((w) => w === '\n')).toHaveLength(1);
  });
});

describe('recoverId', () => {
  it.each([
    ['{"id":"p-1","text": broken', 'p-1'],
    ['{ "id" : 42, "text": broken', 42],
    ['{"text":"x", "id":"z"} trailing', 'z'],
    ['{"text":"say \\"id\\": 5", broken', null],
    ['complete garbage', null],
  ])('recoverId(%j) is %j', (line, id) => {
    expect(recoverId(line)).toBe(id);
  });
});
