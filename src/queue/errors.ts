/** Redis did not take the job: the HTTP layer answers 503 with Retry-After so the sender retries. */
export class QueueUnavailableError extends Error {
  constructor(
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super('queue unavailable', options);
    this.name = 'QueueUnavailableError';
  }
}
