import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, readConfig, toSecretKey } from '../../src/config.js';

const KEY = 'a'.repeat(64);

describe('readConfig', () => {
  it('readConfig({LEAKWATCH_SECRET_KEY}) gives the documented defaults', () => {
    const config = readConfig({ LEAKWATCH_SECRET_KEY: KEY });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      redisUrl: undefined,
      prefix: 'leakwatch',
      maxBodyBytes: 1_048_576,
      dedupeDays: 7,
      policy: {
        email: ['notify', 'flag'],
        phone: ['notify', 'flag'],
        card: ['hide', 'notify', 'flag'],
        pending: 'reject',
        private: ['notify'],
      },
      dryRun: false,
      secretKeyIsDev: false,
    });
    expect(config.secretKey).toEqual(Buffer.from(KEY, 'hex'));
  });

  it('readConfig parses lists: secrets, moderator tokens, origins, policies', () => {
    const config = readConfig({
      LEAKWATCH_SECRET_KEY: KEY,
      GENERIC_WEBHOOK_SECRET: 'one, two',
      MODERATOR_TOKENS: 'alice:0123456789abcdef0,bob:fedcba9876543210x',
      ALLOWED_ORIGINS: 'https://forum.example.org,http://localhost:4200',
      POLICY_CARD: 'redact,notify',
      POLICY_EMAIL: '',
      DRY_RUN: 'true',
    });
    expect(config.genericWebhookSecrets).toEqual(['one', 'two']);
    expect([...config.moderatorTokens]).toEqual([
      ['alice', '0123456789abcdef0'],
      ['bob', 'fedcba9876543210x'],
    ]);
    expect(config.allowedOrigins).toEqual(['https://forum.example.org', 'http://localhost:4200']);
    expect(config.policy.card).toEqual(['redact', 'notify']);
    expect(config.policy.email).toEqual([]);
    expect(config.dryRun).toBe(true);
  });

  it('readConfig with several bad variables throws one ConfigError naming each and how to fix it', () => {
    let error: unknown;
    try {
      readConfig({
        NODE_ENV: 'production',
        PORT: 'eighty',
        POLICY_PHONE: 'notify,explode',
        MODERATOR_TOKENS: 'alice',
        ALLOWED_ORIGINS: 'https://forum.example.org/path',
        GENERIC_CALLBACK_URL: 'https://forum.example.org/hook',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'POLICY_PHONE',
      'MODERATOR_TOKENS',
      'ALLOWED_ORIGINS',
      'LEAKWATCH_SECRET_KEY',
      'GENERIC_CALLBACK_SECRET',
    ]) {
      expect(problems).toContain(name);
    }
    expect(problems).toContain('openssl rand -hex 32');
  });

  it('readConfig rejects a short secret key', () => {
    expect(() => readConfig({ LEAKWATCH_SECRET_KEY: 'abcd' })).toThrow(/LEAKWATCH_SECRET_KEY/);
  });

  it('readConfig without a key outside production generates one under stateDir and warns; the second call reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakwatch-config-'));
    const first = readConfig({}, { stateDir: dir });
    expect(first.secretKeyIsDev).toBe(true);
    expect(first.warnings.join('\n')).toMatch(/generated a development key/);
    expect(toSecretKey(readFileSync(join(dir, 'secret-key'), 'utf8'))).toEqual(first.secretKey);
    const second = readConfig({}, { stateDir: dir });
    expect(second.secretKey).toEqual(first.secretKey);
    expect(second.warnings.join('\n')).toMatch(/using a development key/);
  });

  it('toSecretKey accepts 64 hex characters or base64 of 32+ bytes', () => {
    expect(toSecretKey('00'.repeat(32))).toHaveLength(32);
    expect(toSecretKey(Buffer.alloc(48, 7).toString('base64'))).toHaveLength(48);
    expect(toSecretKey(Buffer.alloc(16, 7).toString('base64'))).toBeUndefined();
  });
});

describe('.env.example', () => {
  const text = readFileSync(join(import.meta.dirname, '../../.env.example'), 'utf8');
  const env = Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('lists every variable readConfig reads, each with a comment', () => {
    expect(Object.keys(env).sort()).toEqual([...CONFIG_VARIABLES].sort());
    const lines = text.split('\n');
    for (const name of CONFIG_VARIABLES) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(lines[at - 1], name).toMatch(/^#|^[A-Z_]+=/);
    }
  });

  it('is accepted by readConfig as it stands (plus a secret key)', () => {
    const config = readConfig({ ...env, LEAKWATCH_SECRET_KEY: KEY });
    expect(config.port).toBe(8080);
    expect(config.policy.card).toEqual(['hide', 'notify', 'flag']);
  });
});

describe('README configuration table', () => {
  it('names every variable readConfig reads', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const missing = CONFIG_VARIABLES.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
