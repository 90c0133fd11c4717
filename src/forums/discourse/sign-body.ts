import { createHmac } from 'node:crypto';

/**
 * The `X-Discourse-Event-Signature` value Discourse sends: `sha256=` and the hex HMAC-SHA256 of
 * the exact request body bytes (app/jobs/regular/emit_web_hook_event.rb, build_webhook_headers).
 */
export function signBody(body: string | Uint8Array, secret: string): string {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError('signBody(body, secret): body must be a string or a Buffer');
  }
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('signBody(body, secret): secret must be a non-empty string');
  }
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
