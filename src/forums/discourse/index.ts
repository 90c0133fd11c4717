import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { EnqueueResult, ForumPlugin, IncomingPost } from '../types.js';
import { startCatchUpTimer, type CatchUpTimer } from './catch-up-timer.js';
import { createDiscourseAdapter } from './create-adapter.js';
import { createWebhookRouter } from './create-webhook-router.js';
import { createDiscourseClient } from './client.js';
import { derivePmMarkerKey } from './pm-marker.js';
import { FORUM_NAME } from './to-incoming-post.js';

export { createDiscourseClient } from './client.js';
export { createDiscourseAdapter } from './create-adapter.js';
export { PermanentDiscourseError, TransientDiscourseError } from './errors.js';

/**
 * The periodic catch-up (CATCHUP_INTERVAL) for a worker process; undefined when Discourse or the
 * interval is not configured. Call `close()` on shutdown.
 */
export function startDiscourseCatchUp(
  config: Config,
  deps: { redis: Redis; enqueueScan(post: IncomingPost): Promise<EnqueueResult>; log: Logger },
): CatchUpTimer | undefined {
  const intervalSeconds = config.discourse.catchupIntervalSeconds;
  const { url, apiKey, apiUsername } = config.discourse;
  if (!intervalSeconds || !url || !apiKey) return undefined;
  const log = deps.log.child({ forum: FORUM_NAME, task: 'catch-up' });
  return startCatchUpTimer({
    client: createDiscourseClient({ baseUrl: url, apiKey, apiUsername, logger: log }),
    enqueueScan: deps.enqueueScan,
    baseUrl: url,
    botUsername: apiUsername,
    redis: deps.redis,
    prefix: config.prefix,
    intervalSeconds,
    log,
  });
}

/**
 * The Discourse integration: `POST /webhooks/discourse` in, REST API actions out. Undefined when
 * DISCOURSE_URL is unset.
 */
export function createDiscourseForum(
  config: Config,
  deps: { log: Logger },
): ForumPlugin | undefined {
  const { url, apiKey, apiUsername } = config.discourse;
  if (!url) return undefined;
  if (!apiKey) {
    throw new TypeError(
      'DISCOURSE_API_KEY is required with DISCOURSE_URL; create one in Discourse Admin → API → New API Key',
    );
  }
  const log = deps.log.child({ forum: FORUM_NAME });
  const client = createDiscourseClient({
    baseUrl: url,
    apiKey,
    apiUsername,
    dryRun: config.dryRun,
    logger: log,
  });
  return {
    name: FORUM_NAME,
    adapter: createDiscourseAdapter({
      client,
      log,
      markerKey: derivePmMarkerKey(config.secretKey),
      privacyUrl: config.privacyUrl,
    }),
    // topic_edited reads the topic's first post while Discourse waits (20 s): one short attempt
    // plus one retry, then a 503 that Discourse retries later.
    createRouter: (ctx) =>
      createWebhookRouter(config, ctx, {
        client: createDiscourseClient({
          baseUrl: url,
          apiKey,
          apiUsername,
          logger: log,
          timeoutMs: 5_000,
          maxAttempts: 2,
          maxDelayMs: 1_000,
        }),
      }),
  };
}
