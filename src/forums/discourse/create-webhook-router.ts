import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Config } from '../../config.js';
import { HttpError } from '../../http/http-error.js';
import { getRawBody, rawJsonBody } from '../../http/middleware/raw-body.js';
import type { WebhookContext } from '../types.js';
import { acceptTopicEdited } from './accept-topic-edited.js';
import type { DiscourseClient } from './client.js';
import { parseEvent } from './parse-event.js';
import { toIncomingPost, toIncomingQueuedPost } from './to-incoming-post.js';
import { toPost } from './to-post.js';
import { toQueuedPost } from './to-queued-post.js';
import { verifySignature } from './verify-signature.js';

const REQUIRED_HEADERS = [
  'x-discourse-instance',
  'x-discourse-event-id',
  'x-discourse-event-type',
  'x-discourse-event-signature',
] as const;

/** `https://Forum.example.org/` and `https://forum.example.org` are the same instance. */
export function toInstanceKey(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return null;
  }
}

function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first : undefined;
}

/**
 * `POST /webhooks/discourse`. Checked in a fixed order, like the generic webhook: 415 (not JSON),
 * 413 (too large), 400 (missing headers, named), 401 (signature), 403 (another instance),
 * 400 (bad JSON), 422 (not the payload the event promises), then dispatch. Discourse waits 20 s
 * and retries only non-2xx answers, so this answers as soon as the job is in Redis.
 */
export function createWebhookRouter(
  config: Config,
  ctx: WebhookContext,
  /** Reads a topic's first post for `topic_edited` (which carries only the topic). */
  deps: { client?: Pick<DiscourseClient, 'getPostByNumber'> } = {},
): Router {
  const router = express.Router();
  const secrets = config.discourse.webhookSecrets;
  const instance = config.discourse.url ? toInstanceKey(config.discourse.url) : null;
  const botUsername = config.discourse.apiUsername.toLowerCase();

  router.post(
    '/',
    (_req: Request, _res: Response, next: NextFunction) => {
      if (secrets.length === 0) {
        next(
          new HttpError(
            404,
            'not_configured',
            'set DISCOURSE_WEBHOOK_SECRET to the secret of the webhook in Discourse Admin → API → Webhooks',
          ),
        );
        return;
      }
      next();
    },
    rawJsonBody({ limit: config.maxBodyBytes }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const missing = REQUIRED_HEADERS.filter((name) => headerValue(req, name) === undefined);
        if (missing.length > 0) {
          ctx.countWebhook('invalid');
          throw new HttpError(400, 'missing_header', `missing header(s): ${missing.join(', ')}`);
        }
        const raw = getRawBody(req);
        if (!verifySignature(raw, headerValue(req, 'x-discourse-event-signature'), secrets)) {
          ctx.countWebhook('unauthorized');
          throw new HttpError(
            401,
            'bad_signature',
            'X-Discourse-Event-Signature does not match the body; check DISCOURSE_WEBHOOK_SECRET',
          );
        }
        if (
          instance !== null &&
          toInstanceKey(headerValue(req, 'x-discourse-instance')!) !== instance
        ) {
          ctx.countWebhook('unauthorized');
          throw new HttpError(
            403,
            'wrong_instance',
            'X-Discourse-Instance is not DISCOURSE_URL; set DISCOURSE_URL to the forum that sends this webhook',
          );
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          ctx.countWebhook('invalid');
          throw new HttpError(400, 'invalid_json', 'body is not valid JSON');
        }
        const event = parseEvent(req.headers, body);
        // Per-webhook lines are debug (counts are in /metrics); no child logger per request.
        const ids = { eventId: event.eventId, event: event.name };

        if (event.kind === 'ping') {
          ctx.countWebhook('ping');
          res.status(200).json({ ping: 'pong' });
          return;
        }
        if (event.kind === 'other') {
          ctx.countWebhook('ignored');
          ctx.log.debug({ ...ids, type: event.type }, 'discourse webhook ignored');
          res.status(202).json({ ignored: true, reason: `event ${event.name}` });
          return;
        }

        if (event.kind === 'reviewable_created' || event.kind === 'reviewable_updated') {
          const queued = toQueuedPost(event.payload);
          if (!queued) {
            ctx.countWebhook('invalid');
            throw new HttpError(
              422,
              'invalid_payload',
              'reviewable payload lacks id, type or version',
            );
          }
          if (queued.status !== 'pending') {
            // Handled already (by a human or by leakwatch): nothing for the gate to do.
            ctx.countWebhook('ignored');
            res.status(202).json({ ignored: true, reason: `reviewable ${queued.status}` });
            return;
          }
          const result = await ctx.enqueueScan(toIncomingQueuedPost(queued, config.discourse.url));
          ctx.countWebhook(result.duplicate ? 'duplicate' : 'accepted');
          ctx.log.debug(
            {
              ...ids,
              reviewableId: queued.reviewableId,
              version: queued.version,
              jobId: result.jobId,
              duplicate: result.duplicate,
            },
            'discourse queued post accepted',
          );
          res
            .status(202)
            .json({ jobId: result.jobId, ...(result.duplicate ? { duplicate: true } : {}) });
          return;
        }

        if (event.kind === 'topic_edited') {
          if (!deps.client) {
            ctx.countWebhook('ignored');
            res.status(202).json({ ignored: true, reason: 'no Discourse API client' });
            return;
          }
          const answer = await acceptTopicEdited(event.payload, {
            client: deps.client,
            enqueueScan: (incoming) => ctx.enqueueScan(incoming),
            countWebhook: (outcome) => ctx.countWebhook(outcome),
            baseUrl: config.discourse.url,
            botUsername: config.discourse.apiUsername,
            log: ctx.log,
          });
          res.status(answer.status).json(answer.body);
          return;
        }

        const post = toPost(event.payload, { baseUrl: config.discourse.url });
        if (!post) {
          ctx.countWebhook('invalid');
          throw new HttpError(422, 'invalid_payload', 'post payload lacks an integer id');
        }
        if (post.author.username !== null && post.author.username.toLowerCase() === botUsername) {
          // leakwatch's own private messages and edits.
          ctx.countWebhook('ignored');
          res.status(202).json({ ignored: true, reason: 'own post' });
          return;
        }
        const kind =
          event.kind === 'post_destroyed'
            ? 'deleted'
            : event.kind === 'post_created'
              ? 'created'
              : 'edited';
        const result = await ctx.enqueueScan(toIncomingPost(post, kind));
        ctx.countWebhook(result.duplicate ? 'duplicate' : 'accepted');
        ctx.log.debug(
          {
            ...ids,
            postId: post.id,
            version: post.version,
            jobId: result.jobId,
            duplicate: result.duplicate,
          },
          'discourse post accepted',
        );
        res
          .status(202)
          .json({ jobId: result.jobId, ...(result.duplicate ? { duplicate: true } : {}) });
      } catch (err) {
        next(err);
      }
    },
  );
  return router;
}
