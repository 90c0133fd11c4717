import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Keys } from '../../keys.js';
import { verifyResponseToken } from '../../keys.js';
import type { Logger } from '../../log.js';
import type { ReviewStore } from '../../reviews/create-review-store.js';
import { AUTHOR_ANSWERS, type ReviewItem } from '../../reviews/types.js';
import { HttpError } from '../http-error.js';
import { cors } from '../middleware/cors.js';

/** What the pages need from the review store. */
export type PagesReviewStore = Pick<ReviewStore, 'get' | 'recordAuthorResponse' | 'readRedacted'>;

export interface PagesDeps {
  config: Pick<Config, 'allowedOrigins'>;
  keys: Pick<Keys, 'links'>;
  reviews: PagesReviewStore;
  logger: Logger;
  /** The static files; default the package's web/ folder. */
  webDir?: string;
  now?: () => number;
}

/** web/ sits at the package root, whether this runs from src/ (tsx) or dist/src/ (built). */
export function findWebDir(from = import.meta.dirname): string {
  for (const up of ['../../..', '../../../..']) {
    const dir = resolve(from, up, 'web');
    if (existsSync(join(dir, 'widget.js'))) return dir;
  }
  throw new Error(`leakwatch cannot find its web/ folder near ${from}; reinstall the package`);
}

// Our own pages load only our own scripts and styles, and talk only to this origin.
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The widget on /demo/ injects its <style> element, as it does on a forum page.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  next();
};

const answerBody = z.object({ answer: z.enum(AUTHOR_ANSWERS) }).strict();

/** Only what the author needs: masked findings and the redacted text, no fingerprints or notes. */
function toAuthorView(item: ReviewItem, redacted: string | undefined) {
  return {
    id: item.id,
    forum: item.forum,
    post: { id: item.post.id, url: item.post.url },
    status: item.status,
    findings: item.findings.map((f) => ({
      type: f.type,
      masked: f.masked,
      severity: f.severity,
      ...(f.obfuscated ? { obfuscated: true } : {}),
      ...(f.test ? { test: true } : {}),
      ...(f.inCode ? { inCode: true } : {}),
    })),
    excerpt: item.excerpt,
    /** The whole post with each value masked, when the store kept it; else the excerpt. */
    redacted: redacted ?? item.excerpt,
    authorResponse: item.authorResponse,
  };
}

function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store');
}

/**
 * The moderator page (/moderate/), the widget (/widget.js), its demo (/demo/), and the author
 * response page (/respond/:token) with its API. None of it sits behind moderator auth: the
 * moderator page asks for a token itself, and a response link's signed token is its credential.
 */
export function createPagesRouter(deps: PagesDeps): Router {
  const webDir = deps.webDir ?? findWebDir();
  const now = deps.now ?? Date.now;
  const router = Router();
  const files = (dir: string) =>
    express.static(join(webDir, dir), { index: 'index.html', redirect: true });

  router.get('/widget.js', cors(deps.config.allowedOrigins), (_req, res) => {
    res.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    res.sendFile(join(webDir, 'widget.js'));
  });
  router.options('/widget.js', cors(deps.config.allowedOrigins));

  router.use('/assets', pageHeaders, files('assets'));
  router.use('/demo', pageHeaders, files('demo'));
  router.use(
    '/moderate',
    pageHeaders,
    (_req, res, next) => {
      noStore(res);
      next();
    },
    files('moderate'),
  );
  // /respond/app.js and /respond/style.css are files; any other /respond/<x> is a token.
  router.use('/respond', pageHeaders, express.static(join(webDir, 'respond'), { index: false }));
  router.get('/respond/:token', pageHeaders, (_req, res) => {
    noStore(res);
    res.set('X-Robots-Tag', 'noindex');
    res.sendFile(join(webDir, 'respond', 'index.html'));
  });

  function claimsOf(token: string): { reviewId: string; expiresAt: number } {
    const verdict = verifyResponseToken(deps.keys.links, token, now());
    if (verdict.ok) return verdict.claims;
    if (verdict.reason === 'expired') {
      throw new HttpError(410, 'expired_token', 'this link has expired');
    }
    throw new HttpError(401, 'invalid_token', 'this link is not valid');
  }

  router.get('/v1/respond/:token', async (req, res, next) => {
    try {
      noStore(res);
      const claims = claimsOf(req.params.token);
      const item = await deps.reviews.get(claims.reviewId);
      if (!item) throw new HttpError(404, 'not_found', 'this post is no longer under review');
      const redacted = await deps.reviews.readRedacted(item.id);
      res.json({
        item: toAuthorView(item, redacted),
        expiresAt: new Date(claims.expiresAt).toISOString(),
      });
    } catch (error) {
      next(error);
    }
  });

  router.post('/v1/respond/:token', express.json({ limit: '2kb' }), async (req, res, next) => {
    try {
      noStore(res);
      const claims = claimsOf(req.params.token);
      const parsed = answerBody.safeParse(req.body);
      if (!parsed.success) {
        throw new HttpError(
          400,
          'invalid_body',
          `send {"answer": one of ${AUTHOR_ANSWERS.join(', ')}}`,
        );
      }
      const item = await deps.reviews.recordAuthorResponse(claims.reviewId, {
        answer: parsed.data.answer,
        at: new Date(now()),
      });
      if (!item) throw new HttpError(404, 'not_found', 'this post is no longer under review');
      deps.logger.info(
        { reviewId: item.id, answer: parsed.data.answer },
        'author answered a review item',
      );
      res.json({ ok: true, answer: parsed.data.answer });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
