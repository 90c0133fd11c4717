/** A failed call to the Discourse API. Messages carry status and Discourse's error_type only. */
export class DiscourseApiError extends Error {
  override name = 'DiscourseApiError';
  constructor(
    message: string,
    readonly method: string,
    readonly path: string,
    /** HTTP status, or null when no answer arrived (timeout, connection refused). */
    readonly status: number | null,
    /** Discourse's `error_type` (e.g. `invalid_access`, `rate_limit`, `not_found`). */
    readonly errorType: string | null = null,
  ) {
    super(message);
  }
}

/**
 * The call can never succeed as made (400/401/403/404/409/410/422): the worker turns it into
 * BullMQ's UnrecoverableError. 409 is also how Discourse reports a stale reviewable version.
 */
export class PermanentDiscourseError extends DiscourseApiError {
  override name = 'PermanentDiscourseError';
}

/** Worth retrying later (timeouts, connection errors, 408, 429, 5xx). */
export class TransientDiscourseError extends DiscourseApiError {
  override name = 'TransientDiscourseError';
  constructor(
    message: string,
    method: string,
    path: string,
    status: number | null,
    errorType: string | null = null,
    /** How long Discourse asked us to wait (Retry-After), when it said so. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message, method, path, status, errorType);
  }
}

export function isPermanentDiscourseError(error: unknown): error is PermanentDiscourseError {
  return error instanceof PermanentDiscourseError;
}
