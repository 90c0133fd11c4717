import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http-error.js';

export interface RateLimitOptions {
  /** Requests per window per client. */
  limit: number;
  windowMs: number;
  /** Client key; default the remote address. */
  keyOf?: (req: Request) => string;
  now?: () => number;
}

/**
 * A per-process sliding-window-ish limiter (two fixed windows weighted), enough to keep
 * /v1/check from being used as a free scanning service. No Redis: /v1/check must work without it.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const keyOf = options.keyOf ?? ((req) => req.ip ?? req.socket.remoteAddress ?? 'unknown');
  const now = options.now ?? Date.now;
  let windowStart = now();
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  return (req, res, next) => {
    const t = now();
    if (t - windowStart >= options.windowMs) {
      const skipped = Math.floor((t - windowStart) / options.windowMs);
      previous = skipped === 1 ? current : new Map();
      current = new Map();
      windowStart += skipped * options.windowMs;
    }
    const key = keyOf(req);
    const weight = 1 - (t - windowStart) / options.windowMs;
    const count = (current.get(key) ?? 0) + (previous.get(key) ?? 0) * weight;
    res.set('RateLimit-Limit', String(options.limit));
    if (count >= options.limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + options.windowMs - t) / 1000));
      next(
        new HttpError(429, 'rate_limited', 'too many requests; slow down', {
          'Retry-After': String(retryAfter),
        }),
      );
      return;
    }
    current.set(key, (current.get(key) ?? 0) + 1);
    res.set('RateLimit-Remaining', String(Math.max(0, Math.floor(options.limit - count - 1))));
    next();
  };
}
