import type { Logger } from '../log.js';
import type { ReviewStore } from '../reviews/create-review-store.js';
import type { OutboxEntry } from '../reviews/types.js';

export interface SweepDeps {
  store: Pick<ReviewStore, 'staleOutboxes' | 'get' | 'clearOutbox'>;
  /** Queues action jobs; a job id already queued (or done within the dedupe window) is skipped. */
  enqueueActions: (entries: readonly OutboxEntry[]) => Promise<void>;
  log: Logger;
}

export interface SweepOptions {
  /** Leave outboxes younger than this to the request or job that is queueing them now. */
  graceMs: number;
  /** Items per sweep. */
  limit: number;
}

/**
 * Queues the actions left in review items' outboxes when queueing them failed (Redis blipped
 * after a moderator's decision was saved) or a crash cut it short. Action job ids are stable and
 * completed action jobs are kept for an hour, so an action queued already is not queued twice.
 * Returns how many actions were queued.
 */
export async function sweepOutboxes(deps: SweepDeps, options: SweepOptions): Promise<number> {
  const ids = await deps.store.staleOutboxes(options.graceMs, options.limit);
  let queued = 0;
  for (const id of ids) {
    const item = await deps.store.get(id);
    if (!item) continue;
    const entries = item.outbox;
    if (entries.length === 0) continue;
    await deps.enqueueActions(entries);
    await deps.store.clearOutbox(
      id,
      entries.map((e) => e.jobId),
    );
    queued += entries.length;
    deps.log.info({ reviewId: id, actions: entries.map((e) => e.data.kind) }, 'outbox swept');
  }
  return queued;
}
