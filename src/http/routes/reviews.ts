import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { createMakeAction } from '../../actions/create-make-action.js';
import { planDecision } from '../../actions/plan-decision.js';
import type { Config } from '../../config.js';
import type { Keys } from '../../keys.js';
import type { Logger } from '../../log.js';
import type { Ingest } from '../../queue/ingest.js';
import { toScanJobId } from '../../queue/job-id.js';
import type { ReviewStore } from '../../reviews/create-review-store.js';
import { toPublicItem } from '../../reviews/to-public-item.js';
import { DECISIONS, REVIEW_STATUSES } from '../../reviews/types.js';
import { HttpError } from '../http-error.js';
import { requireModerator } from '../middleware/moderator-auth.js';

const listQuery = z.object({
  status: z.enum(REVIEW_STATUSES).optional(),
  type: z.enum(['email', 'phone', 'card']).optional(),
  severity: z.enum(['low', 'medium', 'high']).optional(),
  author: z.string().min(1).max(200).optional(),
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const decisionBody = z.object({
  decision: z.enum(DECISIONS),
  note: z.string().max(2000).optional(),
  allowFingerprint: z
    .union([z.boolean(), z.array(z.string().regex(/^[0-9a-f]{16,128}$/)).max(100)])
    .optional(),
});

export interface ReviewsRouterDeps {
  config: Pick<Config, 'moderatorTokens'>;
  keys: Pick<Keys, 'payload'>;
  reviews: ReviewStore;
  ingest: Pick<Ingest, 'enqueueActions'>;
  log: Logger;
  now?: () => number;
}

function invalid(error: z.ZodError): HttpError {
  const fields = [...new Set(error.issues.map((i) => i.path.join('.') || '(body)'))];
  return new HttpError(422, 'invalid_payload', `invalid field(s): ${fields.join(', ')}`);
}

/** The moderator review API, all behind `Authorization: Bearer <token>`. */
export function createReviewsRouter(deps: ReviewsRouterDeps): Router {
  const now = deps.now ?? Date.now;
  const router = Router();
  router.use('/v1/reviews', requireModerator(deps.config.moderatorTokens));

  router.get('/v1/reviews', async (req, res, next) => {
    try {
      const query = listQuery.safeParse(req.query);
      if (!query.success) throw invalid(query.error);
      let page;
      try {
        page = await deps.reviews.list(query.data);
      } catch (err) {
        if (err instanceof TypeError)
          throw new HttpError(400, 'bad_cursor', 'cursor is not one this API returned');
        throw err;
      }
      const counts = await deps.reviews.counts();
      res.json({ items: page.items.map(toPublicItem), nextCursor: page.nextCursor, counts });
    } catch (err) {
      next(err);
    }
  });

  router.get('/v1/reviews/:id', async (req: Request<{ id: string }>, res, next) => {
    try {
      const item = await deps.reviews.get(req.params.id);
      if (!item) throw new HttpError(404, 'not_found', 'no such review item');
      res.json(toPublicItem(item));
    } catch (err) {
      next(err);
    }
  });

  router.post(
    '/v1/reviews/:id/decision',
    express.json({ limit: '16kb' }),
    async (req: Request<{ id: string }>, res, next) => {
      try {
        const body = decisionBody.safeParse(req.body);
        if (!body.success) throw invalid(body.error);
        const moderator = String(res.locals.moderator);
        const id = req.params.id;
        const redacted = await deps.reviews.readRedacted(id);
        const applied = await deps.reviews.update(id, (item) => {
          const makeAction = createMakeAction({
            forum: item.forum,
            post: item.post,
            author: item.author,
            payloadKey: deps.keys.payload,
            jobIdBase: `${toScanJobId(item.forum, item.post.id, item.post.version)}-d${item.audit.length}`,
            redacted,
          });
          return planDecision(
            item,
            { ...body.data, moderator },
            new Date(now()).toISOString(),
            makeAction,
          );
        });
        if (!applied?.item) throw new HttpError(404, 'not_found', 'no such review item');
        const allow = applied.result?.allow ?? [];
        if (allow.length > 0) await deps.reviews.allow(allow);
        if (applied.outbox.length > 0) {
          // Recorded first, queued second: if Redis fails here the 503 asks the caller to retry,
          // and the outbox still holds the actions.
          await deps.ingest.enqueueActions(applied.outbox);
          await deps.reviews.clearOutbox(
            id,
            applied.outbox.map((e) => e.jobId),
          );
        }
        deps.log.info(
          {
            reviewId: id,
            moderator,
            decision: body.data.decision,
            queued: applied.result?.queued,
            allowed: allow.length,
          },
          'review decided',
        );
        const item = (await deps.reviews.get(id)) ?? applied.item;
        res.json({ item: toPublicItem(item), queued: applied.result?.queued ?? [] });
      } catch (err) {
        next(err);
      }
    },
  );
  return router;
}
