import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http-error.js';

export interface RawBodyOptions {
  /** Bytes; a larger body is answered 413. */
  limit: number;
}

/** The exact bytes of a request body, captured before parsing so signatures can be checked. */
export function getRawBody(req: Request): Buffer {
  const raw = (req as Request & { rawBody?: Buffer }).rawBody;
  if (!raw) throw new TypeError('getRawBody used on a route without the rawJsonBody middleware');
  return raw;
}

/**
 * Webhook body capture: 415 unless the body is JSON, 413 above `limit` (checked against
 * Content-Length first, then while reading), else stores the raw bytes for getRawBody().
 */
export function rawJsonBody(options: RawBodyOptions): RequestHandler {
  return (req, _res, next) => {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) {
      next(new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json'));
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.limit) {
      req.resume();
      next(new HttpError(413, 'payload_too_large', `body larger than ${options.limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      if (err) {
        next(err);
        return;
      }
      (req as Request & { rawBody?: Buffer }).rawBody = Buffer.concat(chunks, size);
      next();
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > options.limit) {
        chunks.length = 0;
        req.resume();
        finish(new HttpError(413, 'payload_too_large', `body larger than ${options.limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish());
    req.on('error', (err) =>
      finish(new HttpError(400, 'bad_request', `could not read body: ${err.message}`)),
    );
  };
}
