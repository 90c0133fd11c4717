import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envSchema, list, splitPair, type PolicyAction } from './config-env.js';

export { ACTION_KINDS, type PolicyAction } from './config-env.js';

export interface Config {
  port: number;
  host: string;
  /** Undefined when REDIS_URL is unset: the local default (127.0.0.1:6379) applies. */
  redisUrl: string | undefined;
  prefix: string;
  /** The master key; subkeys are derived from it (src/keys.ts). */
  secretKey: Buffer;
  /** True when the key was generated or loaded from ./.leakwatch/ (development only). */
  secretKeyIsDev: boolean;
  maxBodyBytes: number;
  dedupeDays: number;
  reviewRetentionDays: number;
  genericWebhookSecrets: string[];
  genericCallbackUrl: string | undefined;
  genericCallbackSecret: string | undefined;
  /** Moderator name → token. */
  moderatorTokens: Map<string, string>;
  allowedOrigins: string[];
  checkRateLimitPerMinute: number;
  /** Express `trust proxy`: which hops may set X-Forwarded-For (the client address for rate limits). */
  trustProxy: string;
  policy: {
    email: PolicyAction[];
    phone: PolicyAction[];
    card: PolicyAction[];
    pending: 'reject' | 'hold';
    private: PolicyAction[];
  };
  dryRun: boolean;
  workerConcurrency: number;
  defaultRegion: string | undefined;
  publicUrl: string | undefined;
  /** The forum's privacy guidance, linked from messages to authors. */
  privacyUrl: string | undefined;
  responseLinkDays: number;
  logLevel: string;
  failedJobsKept: number;
  discourse: {
    url: string | undefined;
    apiKey: string | undefined;
    apiUsername: string;
    webhookSecrets: string[];
    /** Run a catch-up over recent posts this often (seconds); undefined = off. */
    catchupIntervalSeconds: number | undefined;
  };
  /** Human-readable notes for the operator (e.g. a generated development key). */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `leakwatch configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See .env.example or the README "Configuration" table.',
    );
    this.name = 'ConfigError';
  }
}

export interface ReadConfigOptions {
  /** Where a development secret key is kept. Default `./.leakwatch`. */
  stateDir?: string;
}

export const CONFIG_VARIABLES: readonly string[] = [
  ...Object.keys(envSchema.shape),
  'LEAKWATCH_SECRET_KEY',
];

/** Decodes a key given as 64 hex characters or base64 of at least 32 bytes; undefined if neither. */
export function toSecretKey(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64,}$/.test(v) && v.length % 2 === 0) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) {
    const bytes = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length >= 32) return bytes;
  }
  return undefined;
}

function readDevKey(stateDir: string): { key: Buffer; created: boolean; path: string } {
  const path = join(stateDir, 'secret-key');
  try {
    const key = toSecretKey(readFileSync(path, 'utf8'));
    if (key) return { key, created: false, path };
  } catch {
    // not there yet
  }
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const hex = randomBytes(32).toString('hex');
  writeFileSync(path, `${hex}\n`, { mode: 0o600 });
  return { key: Buffer.from(hex, 'hex'), created: true, path };
}

/**
 * Reads every setting from `env` (the only place leakwatch reads the environment) and throws a
 * ConfigError listing every bad or missing variable with how to fix it.
 */
export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: ReadConfigOptions = {},
): Config {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      problems.push(issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`);
    }
  }
  const production = env.NODE_ENV === 'production';
  const warnings: string[] = [];

  let secretKey: Buffer | undefined;
  let secretKeyIsDev = false;
  const rawKey = env.LEAKWATCH_SECRET_KEY?.trim();
  if (rawKey) {
    secretKey = toSecretKey(rawKey);
    if (!secretKey) {
      problems.push(
        'LEAKWATCH_SECRET_KEY must be at least 32 random bytes written as 64 hex characters or base64; generate one with `openssl rand -hex 32`',
      );
    }
  } else if (production) {
    problems.push(
      'LEAKWATCH_SECRET_KEY is required when NODE_ENV=production; generate one with `openssl rand -hex 32` and keep it stable (fingerprints and signed links depend on it)',
    );
  } else {
    const stateDir = resolve(options.stateDir ?? '.leakwatch');
    const dev = readDevKey(stateDir);
    secretKey = dev.key;
    secretKeyIsDev = true;
    warnings.push(
      `LEAKWATCH_SECRET_KEY is not set: ${dev.created ? 'generated' : 'using'} a development key saved in ${dev.path}. Set LEAKWATCH_SECRET_KEY (openssl rand -hex 32) before production.`,
    );
  }

  if (env.GENERIC_CALLBACK_URL && !env.GENERIC_CALLBACK_SECRET) {
    problems.push(
      'GENERIC_CALLBACK_SECRET is required with GENERIC_CALLBACK_URL so your forum can verify decisions; generate one with `openssl rand -hex 32`',
    );
  }
  if (env.DISCOURSE_URL && !env.DISCOURSE_API_KEY) {
    problems.push(
      'DISCOURSE_API_KEY is required with DISCOURSE_URL; create one in Discourse Admin → API → New API Key',
    );
  }

  if (problems.length > 0 || !parsed.success || !secretKey) throw new ConfigError(problems);
  const e = parsed.data;

  const moderatorTokens = new Map<string, string>();
  for (const entry of list(e.MODERATOR_TOKENS)) {
    const [name, token] = splitPair(entry);
    moderatorTokens.set(name, token);
  }
  if (moderatorTokens.size === 0) {
    warnings.push('MODERATOR_TOKENS is not set: the review API answers 401 to everyone.');
  }
  const genericWebhookSecrets = list(e.GENERIC_WEBHOOK_SECRET);
  if (genericWebhookSecrets.length === 0) {
    warnings.push('GENERIC_WEBHOOK_SECRET is not set: POST /webhooks/generic answers 404.');
  }

  if (genericWebhookSecrets.length > 0 && !e.GENERIC_CALLBACK_URL) {
    warnings.push(
      'GENERIC_CALLBACK_URL is not set: generic-forum posts are reviewed in leakwatch, but no decision is sent back to the forum.',
    );
  }

  return {
    port: e.PORT,
    host: e.HOST?.trim() || '127.0.0.1',
    redisUrl: e.REDIS_URL,
    prefix: e.LEAKWATCH_PREFIX || 'leakwatch',
    secretKey,
    secretKeyIsDev,
    maxBodyBytes: e.MAX_BODY_BYTES,
    dedupeDays: e.DEDUPE_DAYS,
    reviewRetentionDays: e.REVIEW_RETENTION_DAYS,
    genericWebhookSecrets,
    genericCallbackUrl: e.GENERIC_CALLBACK_URL,
    genericCallbackSecret: e.GENERIC_CALLBACK_SECRET?.trim() || undefined,
    moderatorTokens,
    allowedOrigins: list(e.ALLOWED_ORIGINS),
    checkRateLimitPerMinute: e.CHECK_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY?.trim() || 'loopback',
    policy: {
      email: e.POLICY_EMAIL,
      phone: e.POLICY_PHONE,
      card: e.POLICY_CARD,
      pending: e.POLICY_PENDING,
      private: e.POLICY_PRIVATE,
    },
    dryRun: e.DRY_RUN,
    workerConcurrency: e.WORKER_CONCURRENCY,
    defaultRegion: e.DEFAULT_REGION ? e.DEFAULT_REGION.toUpperCase() : undefined,
    publicUrl: e.PUBLIC_URL,
    privacyUrl: e.PRIVACY_URL,
    responseLinkDays: e.RESPONSE_LINK_DAYS,
    logLevel: e.LOG_LEVEL ?? 'info',
    failedJobsKept: e.FAILED_JOBS_KEPT,
    discourse: {
      url: e.DISCOURSE_URL,
      apiKey: e.DISCOURSE_API_KEY?.trim() || undefined,
      apiUsername: e.DISCOURSE_API_USERNAME?.trim() || 'system',
      webhookSecrets: list(e.DISCOURSE_WEBHOOK_SECRET),
      catchupIntervalSeconds: e.CATCHUP_INTERVAL,
    },
    warnings,
  };
}
