import express, { Router } from 'express';
import { z } from 'zod';
import type { ScannerApi } from '../../actions/scanner-api.js';
import type { Config } from '../../config.js';
import type { Keys } from '../../keys.js';
import { HttpError } from '../http-error.js';
import { cors } from '../middleware/cors.js';
import { rateLimit } from '../middleware/rate-limit.js';

const checkSchema = z.object({
  text: z.string().max(200_000),
  region: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  format: z.enum(['markdown', 'html', 'text']).optional(),
});

/** POST /v1/check: synchronous scan of a draft; no Redis, rate limited, CORS for ALLOWED_ORIGINS. */
export function createCheckRouter(deps: {
  config: Pick<Config, 'allowedOrigins' | 'checkRateLimitPerMinute' | 'defaultRegion'>;
  keys: Pick<Keys, 'fingerprint'>;
  scanner: ScannerApi;
}): Router {
  const router = Router();
  router.use('/v1/check', cors(deps.config.allowedOrigins));
  router.post(
    '/v1/check',
    rateLimit({ limit: deps.config.checkRateLimitPerMinute, windowMs: 60_000 }),
    (req, _res, next) => {
      if (!req.is('application/json')) {
        next(new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json'));
        return;
      }
      next();
    },
    express.json({ limit: '512kb' }),
    (req, res, next) => {
      const parsed = checkSchema.safeParse(req.body);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
        next(new HttpError(422, 'invalid_payload', `invalid field(s): ${fields.join(', ')}`));
        return;
      }
      const { text, region, format } = parsed.data;
      const findings = deps.scanner.scan(text, {
        region: region?.toUpperCase() ?? deps.config.defaultRegion,
        format: format ?? 'text',
        fingerprintKey: deps.keys.fingerprint,
      });
      res
        .set('Cache-Control', 'no-store')
        .json({ findings, redacted: deps.scanner.redact(text, findings) });
    },
  );
  return router;
}
