import { Router, type NextFunction, type Request, type Response } from 'express';
import { verifySignature } from '../../crypto.js';
import { HttpError } from '../../http/http-error.js';
import { getRawBody, rawJsonBody } from '../../http/middleware/raw-body.js';
import { QueueUnavailableError } from '../../queue/errors.js';
import type { IncomingPost, PostEvent, WebhookContext } from '../types.js';
import { genericWebhookSchema } from './payload-schema.js';

const EVENTS: Record<string, PostEvent> = {
  'post.created': 'created',
  'post.edited': 'edited',
  'post.pending': 'pending',
  'post.deleted': 'deleted',
};

/**
 * POST /webhooks/generic, checked in this order: content type (415), size (413), headers (400),
 * signature over the raw body (401), JSON (400), schema (422); then 202 once the job is in Redis.
 */
export function createGenericWebhookRouter(
  ctx: WebhookContext,
  secrets: readonly string[],
): Router {
  const router = Router();
  router.post(
    '/',
    (_req, _res, next) => {
      if (secrets.length === 0) {
        next(
          new HttpError(
            404,
            'not_configured',
            'set GENERIC_WEBHOOK_SECRET to enable the generic webhook',
          ),
        );
        return;
      }
      next();
    },
    rawJsonBody({ limit: ctx.config.maxBodyBytes }),
    async (req, res, next) => {
      try {
        const signature = req.get('x-leakwatch-signature');
        if (!signature) {
          throw new HttpError(400, 'missing_header', 'missing header: X-Leakwatch-Signature');
        }
        const raw = getRawBody(req);
        if (!verifySignature(raw, signature, secrets)) {
          throw new HttpError(
            401,
            'bad_signature',
            'X-Leakwatch-Signature does not match the body; check GENERIC_WEBHOOK_SECRET',
          );
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new HttpError(400, 'invalid_json', 'body is not valid JSON');
        }
        const parsed = genericWebhookSchema.safeParse(body);
        if (!parsed.success) {
          const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
          throw new HttpError(422, 'invalid_payload', `invalid field(s): ${fields.join(', ')}`);
        }
        const { event, post } = parsed.data;
        const incoming: IncomingPost = {
          forum: 'generic',
          event: EVENTS[event]!,
          post: {
            id: post.id,
            version: post.version,
            text: post.text,
            format: post.format,
            author: post.author,
            ...(post.url ? { url: post.url } : {}),
            ...(post.region ? { region: post.region } : {}),
            ...(post.isPrivate !== undefined ? { isPrivate: post.isPrivate } : {}),
          },
        };
        const result = await ctx.enqueueScan(incoming);
        ctx.countWebhook(result.duplicate ? 'duplicate' : 'accepted');
        res
          .status(202)
          .json({ jobId: result.jobId, ...(result.duplicate ? { duplicate: true } : {}) });
      } catch (err) {
        next(err);
      }
    },
  );
  // Every refusal is counted by outcome for /metrics, then answered by the app's error handler.
  router.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    ctx.countWebhook(toOutcome(err));
    next(err);
  });
  return router;
}

function toOutcome(err: unknown): string {
  if (err instanceof QueueUnavailableError) return 'unavailable';
  if (!(err instanceof HttpError)) return 'error';
  const outcomes: Record<number, string> = {
    400: 'invalid',
    401: 'unauthorized',
    404: 'not_configured',
    413: 'too_large',
    415: 'unsupported_media_type',
    422: 'invalid',
  };
  return outcomes[err.status] ?? 'error';
}
