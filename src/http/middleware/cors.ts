import type { RequestHandler } from 'express';

/**
 * CORS for browser callers (the composer widget): only ALLOWED_ORIGINS (or `*` when listed) get
 * the Access-Control headers; preflights are answered 204 here.
 */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const any = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && (any || allowed.has(origin))) {
      res.set('Access-Control-Allow-Origin', any ? '*' : origin);
      res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.set('Access-Control-Allow-Headers', 'Content-Type');
      res.set('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
