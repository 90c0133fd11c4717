import { z } from 'zod';

export const ACTION_KINDS = ['notify', 'flag', 'hide', 'redact'] as const;
export type PolicyAction = (typeof ACTION_KINDS)[number];

export const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

const int = (name: string, fallback: number, min: number, max: number, fix: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name}=${JSON.stringify(value)} must be an integer from ${min} to ${max}; ${fix}`,
        });
        return z.NEVER;
      }
      return n;
    });

const bool = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return false;
      const v = value.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false` });
      return z.NEVER;
    });

const url = (name: string, fix: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      try {
        const parsed = new URL(value.trim());
        if (!/^(https?|rediss?):$/.test(parsed.protocol)) throw new Error('protocol');
        return value.trim().replace(/\/+$/, '');
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} is not a valid URL; ${fix}` });
        return z.NEVER;
      }
    });

const policy = (name: string, fallback: PolicyAction[]) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const actions = list(value);
      const bad = actions.filter((a) => !(ACTION_KINDS as readonly string[]).includes(a));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} has unknown action(s) ${bad.join(', ')}; use a comma-separated list of ${ACTION_KINDS.join(', ')} (or empty for none)`,
        });
        return z.NEVER;
      }
      return [...new Set(actions)] as PolicyAction[];
    });

/** Every environment variable but LEAKWATCH_SECRET_KEY (config.ts handles that one). */
export const envSchema = z.object({
  PORT: int('PORT', 8080, 0, 65535, 'e.g. PORT=8080'),
  HOST: z.string().optional(),
  REDIS_URL: url('REDIS_URL', 'e.g. REDIS_URL=redis://127.0.0.1:6379'),
  LEAKWATCH_PREFIX: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^[A-Za-z0-9_{}-]{1,64}$/.test(v), {
      message:
        'LEAKWATCH_PREFIX may contain letters, digits, _ - { } (hash tags for Redis Cluster), 1-64 characters',
    }),
  MAX_BODY_BYTES: int('MAX_BODY_BYTES', 1_048_576, 1024, 64 * 1_048_576, 'default 1048576 (1 MB)'),
  DEDUPE_DAYS: int('DEDUPE_DAYS', 7, 1, 365, 'default 7'),
  REVIEW_RETENTION_DAYS: int('REVIEW_RETENTION_DAYS', 90, 1, 3650, 'default 90'),
  GENERIC_WEBHOOK_SECRET: z.string().optional(),
  GENERIC_CALLBACK_URL: url('GENERIC_CALLBACK_URL', 'set it to the https URL of your forum plugin'),
  GENERIC_CALLBACK_SECRET: z.string().optional(),
  MODERATOR_TOKENS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      for (const entry of list(value)) {
        const [name, token] = splitPair(entry);
        if (!name || !token || token.length < 16) {
          ctx.addIssue({
            code: 'custom',
            message:
              'MODERATOR_TOKENS must be name:token pairs separated by commas, each token at least 16 characters (e.g. alice:$(openssl rand -hex 24))',
          });
          return;
        }
      }
    }),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      for (const origin of list(value)) {
        if (origin === '*') continue;
        try {
          if (new URL(origin).origin !== origin) throw new Error('not an origin');
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: `ALLOWED_ORIGINS entry ${JSON.stringify(origin)} is not an origin like https://forum.example.org (scheme://host[:port], no path)`,
          });
        }
      }
    }),
  TRUST_PROXY: z.string().optional(),
  CHECK_RATE_LIMIT: int('CHECK_RATE_LIMIT', 60, 1, 1_000_000, 'requests per minute per client'),
  POLICY_EMAIL: policy('POLICY_EMAIL', ['notify', 'flag']),
  POLICY_PHONE: policy('POLICY_PHONE', ['notify', 'flag']),
  POLICY_CARD: policy('POLICY_CARD', ['hide', 'notify', 'flag']),
  POLICY_PRIVATE: policy('POLICY_PRIVATE', ['notify']),
  POLICY_PENDING: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const v = (value ?? 'reject').trim() || 'reject';
      if (v === 'reject' || v === 'hold') return v;
      ctx.addIssue({ code: 'custom', message: 'POLICY_PENDING must be reject or hold' });
      return z.NEVER;
    }),
  DRY_RUN: bool('DRY_RUN'),
  WORKER_CONCURRENCY: int('WORKER_CONCURRENCY', 8, 1, 256, '4-16 is typical'),
  DEFAULT_REGION: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^[A-Za-z]{2}$/.test(v), {
      message: 'DEFAULT_REGION must be a two-letter ISO country code such as GB or US',
    }),
  PUBLIC_URL: url('PUBLIC_URL', 'set it to the URL where authors and moderators reach leakwatch'),
  PRIVACY_URL: url('PRIVACY_URL', "set it to your forum's privacy guidance page"),
  CATCHUP_INTERVAL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 60) {
        ctx.addIssue({
          code: 'custom',
          message:
            'CATCHUP_INTERVAL must be a whole number of seconds, at least 60 (or empty for off)',
        });
        return z.NEVER;
      }
      return n;
    }),
  RESPONSE_LINK_DAYS: int('RESPONSE_LINK_DAYS', 14, 1, 365, 'default 14'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FAILED_JOBS_KEPT: int('FAILED_JOBS_KEPT', 1000, 0, 1_000_000, 'default 1000'),
  DISCOURSE_URL: url('DISCOURSE_URL', 'e.g. DISCOURSE_URL=https://forum.example.org'),
  DISCOURSE_API_KEY: z.string().optional(),
  DISCOURSE_API_USERNAME: z.string().optional(),
  DISCOURSE_WEBHOOK_SECRET: z.string().optional(),
});

/** Every variable readConfig reads (the .env.example and README table list each one). */

/** `name:token` → [name, token]; ['', ''] without a colon. */
export function splitPair(entry: string): [string, string] {
  const at = entry.indexOf(':');
  if (at < 0) return ['', ''];
  return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
}
