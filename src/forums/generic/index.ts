import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { ForumPlugin } from '../types.js';
import { createGenericAdapter } from './create-generic-adapter.js';
import { createGenericWebhookRouter } from './create-webhook-router.js';

/** leakwatch's own webhook in, signed decision callbacks out. */
export function createGenericForum(config: Config, deps: { log: Logger }): ForumPlugin {
  return {
    name: 'generic',
    adapter: createGenericAdapter({
      callbackUrl: config.genericCallbackUrl,
      callbackSecret: config.genericCallbackSecret,
      log: deps.log,
    }),
    createRouter: (ctx) => createGenericWebhookRouter(ctx, config.genericWebhookSecrets),
  };
}
