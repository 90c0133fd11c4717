import { randomUUID } from 'node:crypto';
import express, { type Application, type Router } from 'express';
import { defaultScanner, type ScannerApi } from '../actions/scanner-api.js';
import type { Config } from '../config.js';
import type { ForumPlugin, WebhookContext } from '../forums/types.js';
import type { Keys } from '../keys.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { QueueUnavailableError } from '../queue/errors.js';
import type { Ingest } from '../queue/ingest.js';
import type { ReviewStore } from '../reviews/create-review-store.js';
import { createErrorHandler, notFound } from './middleware/error-handler.js';
import { createCheckRouter } from './routes/check.js';
import { createHealthRouter } from './routes/health.js';
import { createPagesRouter } from './routes/pages.js';
import { createReviewsRouter } from './routes/reviews.js';

export interface AppDeps {
  config: Config;
  log: Logger;
  keys: Keys;
  metrics: Metrics;
  scanner?: ScannerApi;
  /** The producer side of the queues; without it webhooks answer 503 and /readyz fails. */
  ingest?: Ingest;
  reviews?: ReviewStore;
  /** Forum integrations; each router is mounted at /webhooks/<name>. */
  forums?: readonly ForumPlugin[];
  /** Extra routers mounted after the API routes (outside moderator auth). */
  routers?: readonly Router[];
  /** Serve the moderator page, /respond and /widget.js from web/. Default true when `reviews` is given. */
  pages?: boolean;
}

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Paths as logged: signed tokens in /respond links are credentials, so they are left out. */
export function toLoggedPath(path: string): string {
  return path.replace(/\/respond\/[^/]+/, '/respond/:token').slice(0, 200);
}

/** TRUST_PROXY as Express wants it: a hop count, true/false, or a list of addresses/subnets. */
function toTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The HTTP app. It never listens: callers (serve/start, tests) do. */
export function createApp(deps: AppDeps): Application {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', toTrustProxy(deps.config.trustProxy));
  const scanner = deps.scanner ?? defaultScanner;

  app.use((req, res, next) => {
    // A caller's id is kept only if it looks like one: the header goes into logs, which must
    // never carry free text (an address typed into it, say).
    const given = req.get('x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    res.set('X-Request-Id', requestId);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0] ?? '';
      // Accepted webhooks are counted in /metrics; a line for each, thousands a second, is noise.
      const quiet =
        QUIET_PATHS.has(path) || (res.statusCode < 400 && path.startsWith('/webhooks/'));
      const level = quiet ? 'debug' : 'info';
      if (!deps.log.isLevelEnabled(level)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.log[level](
        {
          requestId,
          method: req.method,
          path: toLoggedPath(path),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    next();
  });

  app.use(createHealthRouter({ ingest: deps.ingest, metrics: deps.metrics }));

  for (const forum of deps.forums ?? []) {
    if (!forum.createRouter) continue;
    const ctx: WebhookContext = {
      config: deps.config,
      log: deps.log.child({ forum: forum.name }),
      enqueueScan: (post) => {
        if (!deps.ingest) return Promise.reject(new QueueUnavailableError());
        return deps.ingest.enqueueScan(post);
      },
      countWebhook: (outcome) => deps.metrics.webhooks.inc({ source: forum.name, outcome }),
    };
    app.use(`/webhooks/${forum.name}`, forum.createRouter(ctx));
  }

  app.use(createCheckRouter({ config: deps.config, keys: deps.keys, scanner }));

  if (deps.reviews && deps.ingest) {
    app.use(
      createReviewsRouter({
        config: deps.config,
        keys: deps.keys,
        reviews: deps.reviews,
        ingest: deps.ingest,
        log: deps.log,
      }),
    );
  }

  if (deps.reviews && deps.pages !== false) {
    app.use(
      createPagesRouter({
        config: deps.config,
        keys: deps.keys,
        reviews: deps.reviews,
        logger: deps.log,
      }),
    );
  }
  for (const router of deps.routers ?? []) app.use(router);

  app.use(notFound);
  app.use(createErrorHandler(deps.log));
  return app;
}
