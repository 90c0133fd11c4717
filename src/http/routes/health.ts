import { Router } from 'express';
import type { Metrics } from '../../metrics.js';
import type { Ingest } from '../../queue/ingest.js';

/** /healthz: the process answers. /readyz: Redis answers and the queue is writable. /metrics. */
export function createHealthRouter(deps: {
  ingest?: Pick<Ingest, 'isReady'>;
  metrics: Metrics;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = deps.ingest ? await deps.ingest.isReady() : false;
    if (ready) {
      res.json({ status: 'ready' });
      return;
    }
    res
      .status(503)
      .set('Retry-After', '5')
      .json({ error: { code: 'not_ready', message: 'Redis does not answer' } });
  });
  router.get('/metrics', async (_req, res, next) => {
    try {
      res
        .set('Content-Type', deps.metrics.registry.contentType)
        .send(await deps.metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });
  return router;
}
