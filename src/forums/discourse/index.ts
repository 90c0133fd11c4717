import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { ForumPlugin } from '../types.js';
import { createDiscourseAdapter } from './create-adapter.js';
import { createWebhookRouter } from './create-webhook-router.js';
import { createDiscourseClient } from './client.js';
import { FORUM_NAME } from './to-incoming-post.js';

export { createDiscourseClient } from './client.js';
export { createDiscourseAdapter } from './create-adapter.js';
export { PermanentDiscourseError, TransientDiscourseError } from './errors.js';

/** PRIVACY_URL, when config.ts provides it. */
function privacyUrlOf(config: Config): string | undefined {
  const value = (config as Config & { privacyUrl?: unknown }).privacyUrl;
  return typeof value === 'string' && value !== '' ? value : undefined;
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
    adapter: createDiscourseAdapter({ client, log, privacyUrl: privacyUrlOf(config) }),
    createRouter: (ctx) => createWebhookRouter(config, ctx),
  };
}
