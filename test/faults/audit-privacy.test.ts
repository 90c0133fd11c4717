import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/processes.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PLANTED = ['Jane.Doe.Audit@Gmail.com', '+44 20 7946 0412', '4539 1488 0343 6467'];

function runAudit(args: string[]) {
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/audit-privacy.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL },
      timeout: 60_000,
    },
  );
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('npm run audit:privacy (scripts/audit-privacy.ts)', () => {
  const prefix = `lwaudit-${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'leakwatch-audit-'));
  const planted = join(dir, 'planted.txt');
  const logFile = join(dir, 'service.log');
  const redis = new Redis(REDIS_URL);

  beforeAll(() => {
    writeFileSync(planted, `${PLANTED.join('\n')}\n`);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports "0 found" over clean keys of every type and a clean log', async () => {
    await redis.set(`${prefix}:string`, JSON.stringify({ masked: 'j•••@gmail.com', n: 3 }));
    await redis.hset(`${prefix}:hash`, { data: '{"text":"v1.gcm.AbCdEf=="}', attempts: '1' });
    await redis.rpush(`${prefix}:list`, 'a', 'b');
    await redis.sadd(`${prefix}:set`, 'fp-0123abcd');
    await redis.zadd(`${prefix}:zset`, 1, 'item-1');
    await redis.xadd(`${prefix}:stream`, '*', 'event', 'completed', 'jobId', 'discourse-1-v1');
    writeFileSync(logFile, '{"level":30,"msg":"post scanned","findings":"phone:1"}\n');
    const { code, stdout } = runAudit(['--prefix', prefix, '--planted', planted, '--log', logFile]);
    expect(stdout).toContain('scanned 6 Redis keys');
    expect(stdout).toContain('1 log lines in 1 file(s)');
    expect(stdout.trim().endsWith('0 found')).toBe(true);
    expect(code).toBe(0);
  }, 60_000);

  it('finds planted values in any type, in several forms, and never prints them', async () => {
    await redis.hset(`${prefix}:hash`, 'stacktrace', 'Error at jane.doe.audit@gmail.com'); // lower-cased
    await redis.rpush(`${prefix}:list`, 'tel 442079460412'); // digits only
    await redis.zadd(`${prefix}:zset`, 2, 'card 4539-1488-0343-6467'); // other separators
    await redis.xadd(`${prefix}:stream`, '*', 'failedReason', 'mailto:Jane.Doe.Audit%40Gmail.com');
    writeFileSync(logFile, '{"msg":"oops","phone":"+44 20 7946 0412"}\n', { flag: 'a' });
    const { code, stdout } = runAudit(['--prefix', prefix, '--planted', planted, '--log', logFile]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `FOUND planted #0 (lower-case) in redis-value ${prefix}:hash field stacktrace`,
    );
    expect(stdout).toContain(`FOUND planted #1 (digits) in redis-value ${prefix}:list index 2`);
    expect(stdout).toContain(`FOUND planted #2 (digits) in redis-value ${prefix}:zset member`);
    expect(stdout).toMatch(/FOUND planted #0 \(url-encoded\) in redis-value \S+:stream entry/);
    expect(stdout).toContain(`FOUND planted #1 (as-written) in log ${logFile}:2`);
    expect(stdout).toContain('5 found');
    for (const value of PLANTED) {
      const forms = [
        value,
        value.toLowerCase(),
        value.replace(/\D/g, ''),
        value.replace(/\s/g, ''),
      ];
      for (const form of forms.filter((f) => f.length >= 5)) {
        expect(stdout).not.toContain(form);
      }
    }
  }, 60_000);

  it('refuses to run without planted values (exit 2)', () => {
    expect(runAudit(['--prefix', prefix]).code).toBe(2);
  });
});
