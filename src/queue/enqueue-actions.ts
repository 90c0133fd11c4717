import type { Queue } from 'bullmq';
import type { OutboxEntry } from '../reviews/types.js';
import type { ActionJobData } from './job-data.js';

/** Adds action jobs; an id that is already queued (or recently done) is not added twice. */
export async function enqueueActions(
  queue: Queue<ActionJobData>,
  entries: readonly OutboxEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await queue.addBulk(
    entries.map((entry) => ({
      name: entry.data.kind,
      data: entry.data,
      opts: { jobId: entry.jobId },
    })),
  );
}
