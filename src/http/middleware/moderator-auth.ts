import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../http-error.js';

/**
 * `Authorization: Bearer <token>` against MODERATOR_TOKENS; the moderator's name goes to
 * res.locals.moderator for the audit trail.
 */
export function requireModerator(tokens: ReadonlyMap<string, string>): RequestHandler {
  const entries = [...tokens].map(([name, token]) => [name, Buffer.from(token)] as const);
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
    if (!match) {
      next(
        new HttpError(
          401,
          'unauthorized',
          'send Authorization: Bearer <token> with a token from MODERATOR_TOKENS',
          {
            'WWW-Authenticate': 'Bearer',
          },
        ),
      );
      return;
    }
    const given = Buffer.from(match[1]!);
    let found: string | undefined;
    for (const [name, token] of entries) {
      if (token.length === given.length && timingSafeEqual(token, given)) found = name;
    }
    if (found === undefined) {
      next(
        new HttpError(401, 'unauthorized', 'unknown moderator token', {
          'WWW-Authenticate': 'Bearer',
        }),
      );
      return;
    }
    res.locals.moderator = found;
    next();
  };
}
