import { UnrecoverableError } from 'bullmq';
import type { Config } from '../config.js';
import type { Keys } from '../keys.js';
import { isInTitle, readTitleLength } from '../forums/titled-text.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { ScanJobData } from '../queue/job-data.js';
import { readScanText } from '../queue/job-data.js';
import type { ReviewStore } from '../reviews/create-review-store.js';
import { toExcerpt } from '../reviews/to-excerpt.js';
import type { OutboxEntry } from '../reviews/types.js';
import { createMakeAction } from './create-make-action.js';
import { planScan, summarize, type ScanResult } from './plan-scan.js';
import type { ScannerApi } from './scanner-api.js';

export interface ScanPostDeps {
  scanner: ScannerApi;
  store: ReviewStore;
  keys: Keys;
  config: Pick<Config, 'policy' | 'defaultRegion'>;
  /** Queues action jobs (deduped by job id); resolves once they are in Redis. */
  enqueueActions(entries: OutboxEntry[]): Promise<void>;
  log: Logger;
  metrics?: Metrics;
  now?: () => number;
}

export interface ScanPostResult {
  result: ScanResult;
  reviewId?: string;
  findings: number;
  actions: string[];
}

/**
 * The scan job: decrypt, scan, update the review item and queue the actions the policy asks for.
 * Safe to retry: the plan is made against what is stored, actions keep deterministic job ids, and
 * actions sit in the item's outbox until they are queued.
 */
export function createScanPost(deps: ScanPostDeps) {
  const now = deps.now ?? Date.now;
  return async function scanPost(
    job: { id: string; data: ScanJobData },
    log = deps.log,
  ): Promise<ScanPostResult> {
    const { data } = job;
    let text: string;
    try {
      text = readScanText(data, deps.keys.payload, job.id);
    } catch {
      // Retrying cannot help: the payload was encrypted under another LEAKWATCH_SECRET_KEY.
      throw new UnrecoverableError(
        'cannot decrypt the job payload (was LEAKWATCH_SECRET_KEY changed?)',
      );
    }
    const started = process.hrtime.bigint();
    let findings = deps.scanner.scan(text, {
      region: data.post.region ?? deps.config.defaultRegion,
      format: data.post.format,
      fingerprintKey: deps.keys.fingerprint,
    });
    deps.metrics?.scanDuration.observe(
      { format: data.post.format },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    const allowed = await deps.store.isAllowed(findings.map((f) => f.fingerprint));
    const allowedCount = allowed.filter(Boolean).length;
    findings = findings.filter((_f, i) => !allowed[i]);
    // Well-known public test card numbers are not personal data: /v1/check shows them, the
    // moderation pipeline does not act on them.
    const testCards = findings.filter((f) => f.test).length;
    findings = findings.filter((f) => !f.test);
    // A post scanned with its title (ref.titleLength): say which values are in the title, for
    // moderators and for the author's message.
    const titleLength = readTitleLength(data.post.ref);
    if (titleLength !== undefined) {
      findings = findings.map((f) =>
        isInTitle(f, titleLength) ? { ...f, reasons: [...f.reasons, 'in-title'] } : f,
      );
    }
    for (const f of findings) deps.metrics?.findings.inc({ type: f.type, severity: f.severity });

    const redacted = findings.length > 0 ? deps.scanner.redact(text, findings) : undefined;
    const post = {
      id: data.post.id,
      version: data.post.version,
      url: data.post.url,
      ref: data.post.ref,
    };
    const makeAction = createMakeAction({
      forum: data.forum,
      post,
      author: data.post.author,
      payloadKey: deps.keys.payload,
      jobIdBase: job.id,
      redacted,
    });
    const applied = await deps.store.updateForPost(data.forum, data.post.id, (existing, slot) =>
      planScan(
        existing,
        {
          forum: data.forum,
          event: data.event,
          post: JSON.parse(JSON.stringify(post)) as typeof post,
          author: data.post.author,
          isPrivate: data.post.isPrivate === true,
          findings,
          excerpt: toExcerpt(text, findings),
          at: new Date(now()).toISOString(),
        },
        { policy: deps.config.policy, slot, makeAction },
      ),
    );
    const result = applied.result ?? 'unchanged';
    if (applied.item && redacted !== undefined && result !== 'stale' && result !== 'unchanged') {
      await deps.store.saveRedacted(applied.item.id, redacted);
    }
    if (applied.outbox.length > 0) {
      await deps.enqueueActions(applied.outbox);
      if (applied.item)
        await deps.store.clearOutbox(
          applied.item.id,
          applied.outbox.map((e) => e.jobId),
        );
    }
    const actions = applied.outbox.map((e) => e.data.kind);
    log.info(
      {
        forum: data.forum,
        postId: data.post.id,
        version: data.post.version,
        event: data.event,
        result,
        reviewId: applied.item?.id,
        findings: summarize(findings) || 'none',
        allowed: allowedCount,
        testCards,
        actions,
      },
      'post scanned',
    );
    return { result, reviewId: applied.item?.id, findings: findings.length, actions };
  };
}
