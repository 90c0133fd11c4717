/**
 * Runs the real CLI (src/cli.ts through tsx, so a fresh clone needs no build) as a child process
 * on stdin, files and JSONL, and checks output, masking and exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const EMAIL = 'jane.doe@gmail.com';
const PHONE = '+44 20 7946 0958';
const POST = `Hello all,\nplease mail ${EMAIL} or call ${PHONE} tonight.\n`;

describe('leakwatch scan (child process)', () => {
  it('scan on stdin prints masked findings with line:col and exits 1', async () => {
    const run = await cli(['scan'], POST);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^<stdin>:2:13 {2}email {2}\S*•\S*@gmail\.com {2}(low|medium|high) {2}\S+$/,
    );
    expect(lines[1]).toMatch(/^<stdin>:2:40 {2}phone {2}\+44 .*•.* {2}(low|medium|high) {2}\S+$/);
    expect(run.stdout).not.toContain(EMAIL);
    expect(run.stdout).not.toContain('7946 0958');
  });

  it('scan FILE with nothing in it prints nothing and exits 0', async () => {
    const run = await cli([
      'scan',
      file('clean.txt', 'Version 2.1.3 shipped on 2024-05-01, order 12345.\n'),
    ]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('scan FILE names the file and counts lines and columns from the original text', async () => {
    const path = file('post.md', `# Title\n\n😀 *Contact*: ${EMAIL}\n`);
    const run = await cli(['scan', '--format', 'markdown', path]);
    expect(run.code).toBe(1);
    // '😀' is two UTF-16 units: the email starts at column 15 (2 + 13).
    expect(run.stdout).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:15 {2}email `),
    );
  });

  it('scan --json prints [{file, findings}] with offsets into the text and no raw values', async () => {
    const path = file('a.txt', POST);
    const run = await cli(['scan', '--json', path, '-'], 'nothing here');
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as {
      file: string;
      findings: { type: string; start: number; end: number }[];
    }[];
    expect(out.map((r) => r.file)).toEqual([path, '<stdin>']);
    expect(out[1]?.findings).toEqual([]);
    const [email, phone] = out[0]?.findings ?? [];
    expect(POST.slice(email?.start, email?.end)).toBe(EMAIL);
    expect(POST.slice(phone?.start, phone?.end)).toBe(PHONE);
    expect(run.stdout).not.toContain(EMAIL);
    expect(run.stdout).not.toContain('fingerprint');
  });

  it('scan --redact prints the text with masks in place of the values', async () => {
    const run = await cli(['scan', '--redact'], POST);
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('Hello all,\nplease mail ')).toBe(true);
    expect(run.stdout.endsWith(' tonight.\n')).toBe(true);
    expect(run.stdout).toContain('@gmail.com');
    expect(run.stdout).not.toContain(EMAIL);
    expect(run.stdout).not.toContain('7946 0958');
  });

  it('scan --jsonl answers every record in order, a bad line with its error, and exits 2', async () => {
    const path = file(
      'posts.jsonl',
      [
        JSON.stringify({ id: 'p1', text: `mail ${EMAIL}` }),
        JSON.stringify({ id: 'p2', text: 'nothing to see' }),
        `{"id": "p3", "text": "broken ${EMAIL}`,
        '',
        JSON.stringify({ id: 4, text: 'Ruf an: 030 12345678', region: 'DE' }),
        JSON.stringify({ id: 'p5' }),
        JSON.stringify({ id: 'p6', text: `<a href="mailto:${EMAIL}">me</a>`, format: 'html' }),
      ].join('\n') + '\n',
    );
    const run = await cli(['scan', '--jsonl', path]);
    expect(run.code).toBe(2);
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; findings?: { type: string }[]; error?: string });
    expect(out.map((r) => r.id)).toEqual(['p1', 'p2', 'p3', 4, 'p5', 'p6']);
    expect(out[0]?.findings?.map((f) => f.type)).toEqual(['email']);
    expect(out[1]?.findings).toEqual([]);
    expect(out[2]).toEqual({ id: 'p3', error: 'line 3: not valid JSON' });
    expect(out[3]?.findings?.map((f) => f.type)).toEqual(['phone']);
    expect(out[4]).toEqual({ id: 'p5', error: 'line 6: "text" must be a string' });
    expect(out[5]?.findings?.map((f) => f.type)).toEqual(['email']);
    expect(run.stdout).not.toContain(EMAIL);
    expect(run.stderr).toContain('2 bad lines');
  });

  it('scan --jsonl on stdin with only clean records exits 0', async () => {
    const run = await cli(['scan', '--jsonl'], '{"id":1,"text":"hi"}\n{"id":2,"text":"ok"}\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"id":1,"findings":[]}\n{"id":2,"findings":[]}\n');
  });

  it('scan --jsonl --progress draws a progress bar on stderr', async () => {
    const path = file('p.jsonl', '{"id":1,"text":"hi"}\n');
    const run = await cli(['scan', '--jsonl', '--progress', path]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('100%');
    expect(run.stderr).toContain('rec/s');
    expect(run.stderr).toContain('ETA');
  });

  it.each([
    [
      ['scan', join('/nonexistent', 'x.txt')],
      /^leakwatch scan: cannot read '.*x\.txt': no such file\n$/,
    ],
    [
      ['scan', '--jsonl', join('/nonexistent', 'x.jsonl')],
      /^leakwatch scan: cannot read '.*': no such file\n$/,
    ],
    [['scan', '--region', 'Britain'], /^leakwatch scan: --region must be a two-letter/],
    [['scan', '--wat'], /^leakwatch scan: Unknown option '--wat'/],
    [['scan', '-', '-'], /can be read only once/],
    [['frobnicate'], /^leakwatch: unknown command 'frobnicate'/],
  ])('leakwatch %j exits 2 with a one-line message', async (args, message) => {
    const run = await cli(args, '');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an unreadable file among good ones: the others are scanned, exit 2', async () => {
    const good = file('good.txt', POST);
    const run = await cli(['scan', good, join(dir, 'missing.txt')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${good}:2:13  email`);
    expect(run.stderr).toContain('missing.txt');
  });

  it('scan --fingerprints adds fingerprints keyed with LEAKWATCH_SECRET_KEY', async () => {
    const fingerprints = async (key: string): Promise<string[]> => {
      const run = await cli(
        ['scan', '--jsonl', '--fingerprints'],
        JSON.stringify({ id: 1, text: POST }),
        {
          LEAKWATCH_SECRET_KEY: key,
        },
      );
      expect(run.code).toBe(1);
      const out = JSON.parse(run.stdout) as { findings: { fingerprint: string }[] };
      return out.findings.map((f) => f.fingerprint);
    };
    const [a, again, b] = [
      await fingerprints('a'.repeat(64)),
      await fingerprints('a'.repeat(64)),
      await fingerprints('b'.repeat(64)),
    ];
    expect(a).toHaveLength(2);
    for (const fp of a) expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toEqual(a);
    expect(b[0]).not.toBe(a[0]);
  });

  it('scan --fingerprints with a bad LEAKWATCH_SECRET_KEY exits 2 saying how to fix it', async () => {
    const run = await cli(['scan', '--fingerprints'], 'x', { LEAKWATCH_SECRET_KEY: 'short' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^leakwatch scan: --fingerprints: LEAKWATCH_SECRET_KEY .*openssl rand -hex 32`?\n$/,
    );
  });

  it('a reader that stops early (| head -1) ends the run quietly', async () => {
    const path = file(
      'many.txt',
      Array.from({ length: 20_000 }, (_, i) => `mail a${i}@gmail.com`).join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'scan', path], {
      cwd: root,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((done) => {
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', done);
    });
    expect(code).toBe(1);
    expect(stderr).toBe('');
  });

  it('--version prints the version', async () => {
    const run = await cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });
});
