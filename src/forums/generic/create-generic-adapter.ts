import { signBody } from '../../crypto.js';
import type { Logger } from '../../log.js';
import type { ActionInput, ForumAdapter } from '../types.js';

export interface GenericAdapterOptions {
  callbackUrl: string | undefined;
  callbackSecret: string | undefined;
  log: Logger;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type GenericDecision = 'approve' | 'reject' | 'hide' | 'flag' | 'notify' | 'redact' | 'restore';

/**
 * Delivers decisions to GENERIC_CALLBACK_URL as signed webhooks
 * (`X-Leakwatch-Signature: sha256=<hex HMAC of the body>`); a non-2xx answer throws so the job
 * is retried with backoff.
 */
export function createGenericAdapter(options: GenericAdapterOptions): ForumAdapter {
  const doFetch = options.fetch ?? fetch;
  async function send(decision: GenericDecision, input: ActionInput): Promise<void> {
    if (!options.callbackUrl || !options.callbackSecret) {
      // Review-only mode: decisions are recorded in leakwatch and nothing is sent.
      options.log.debug(
        { decision, postId: input.post.id },
        'GENERIC_CALLBACK_URL not set; decision not delivered',
      );
      return;
    }
    const body = JSON.stringify({
      event: 'decision',
      post: { id: input.post.id, version: input.post.version },
      decision,
      findings: input.findings,
      ...(input.redacted !== undefined ? { redacted: input.redacted } : {}),
      ...(input.reviewId ? { reviewId: input.reviewId } : {}),
      ...(input.respondUrl ? { respondUrl: input.respondUrl } : {}),
      reasons: input.reasons,
    });
    const response = await doFetch(options.callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'leakwatch',
        'x-leakwatch-signature': signBody(options.callbackSecret, body),
        'x-leakwatch-event': 'decision',
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`generic callback answered ${response.status}`);
  }
  return {
    name: 'generic',
    notify: (input) => send('notify', input),
    flag: (input) => send('flag', input),
    hide: (input) => send('hide', input),
    redact: (input) => send('redact', input),
    restore: (input) => send('restore', input),
    approvePending: (input) => send('approve', input),
    rejectPending: (input) => send('reject', input),
  };
}
