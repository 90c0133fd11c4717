import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../log.js';
import { QueueUnavailableError } from '../../queue/errors.js';
import { HttpError } from '../http-error.js';

/** 404 for anything no route answered. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.path}`));
};

/** The one place errors become `{"error": {"code", "message"}}` with the right status. */
export function createErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let status = 500;
    let code = 'internal';
    let message = 'internal error';
    let headers: Record<string, string> = {};
    if (err instanceof HttpError) {
      ({ status, code, message, headers } = err);
    } else if (err instanceof QueueUnavailableError) {
      status = 503;
      code = 'unavailable';
      message = 'the queue is unreachable; retry later';
      headers = { 'Retry-After': String(err.retryAfterSeconds) };
    } else if (isRedisDown(err)) {
      status = 503;
      code = 'unavailable';
      message = 'Redis is unreachable; retry later';
      headers = { 'Retry-After': '5' };
    } else if (isBodyParserError(err)) {
      status = err.status;
      code = err.status === 413 ? 'payload_too_large' : 'invalid_body';
      message = err.status === 413 ? 'request body too large' : 'request body is not valid JSON';
    }
    const requestId = res.locals.requestId as string | undefined;
    if (status >= 500) {
      log.error({ requestId, err: toSafeError(err), status, path: req.path }, 'request failed');
    } else {
      log.debug({ requestId, status, code, path: req.path }, 'request rejected');
    }
    if (res.headersSent) return;
    res.status(status).set(headers).json({ error: { code, message } });
  };
}

/** ioredis' fail-fast errors (offline queue off, timeouts, refused connections). */
function isRedisDown(err: unknown): boolean {
  return (
    err instanceof Error &&
    /Stream isn't writeable|Connection is closed|ECONNREFUSED|Command timed out|enableOfflineQueue|Reached the max retries/.test(
      err.message,
    )
  );
}

function isBodyParserError(err: unknown): err is { status: number; type: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { status?: unknown }).status === 'number' &&
    typeof (err as { type?: unknown }).type === 'string'
  );
}

/** Error name and message only: stacks are fine, but messages from libraries never carry post text here. */
function toSafeError(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message.slice(0, 300) };
  return { name: typeof err, message: 'non-error thrown' };
}
