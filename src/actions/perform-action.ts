import { UnrecoverableError } from 'bullmq';
import type { Config } from '../config.js';
import {
  PermanentForumError,
  type ActionInput,
  type ActionKind,
  type ForumAdapter,
} from '../forums/types.js';
import { createResponseToken, toResponseUrl, type Keys } from '../keys.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { readActionRedacted, type ActionJobData } from '../queue/job-data.js';

export interface PerformActionDeps {
  adapters: ReadonlyMap<string, ForumAdapter>;
  keys: Keys;
  config: Pick<Config, 'dryRun' | 'publicUrl' | 'responseLinkDays'>;
  log: Logger;
  metrics?: Metrics;
  now?: () => number;
}

const METHOD: Record<ActionKind, keyof Omit<ForumAdapter, 'name'>> = {
  notify: 'notify',
  flag: 'flag',
  hide: 'hide',
  redact: 'redact',
  restore: 'restore',
  approve: 'approvePending',
  reject: 'rejectPending',
};

/**
 * The actions job: calls the forum adapter. A plain error is retried with exponential backoff
 * (the forum may be down); PermanentForumError / an unknown forum fail at once.
 */
export function createPerformAction(deps: PerformActionDeps) {
  const now = deps.now ?? Date.now;
  return async function performAction(
    job: { id: string; data: ActionJobData },
    log = deps.log,
  ): Promise<'done' | 'dry-run'> {
    const { data } = job;
    const adapter = deps.adapters.get(data.forum);
    const labels = { forum: data.forum, kind: data.kind };
    if (!adapter) {
      deps.metrics?.actions.inc({ ...labels, result: 'unknown-forum' });
      throw new UnrecoverableError(`no adapter for forum ${data.forum}`);
    }
    const input: ActionInput = {
      forum: data.forum,
      post: data.post,
      author: data.author,
      findings: data.findings,
      reasons: data.reasons,
      reviewId: data.reviewId,
      redacted: readActionRedacted(data, deps.keys.payload),
    };
    if (data.reviewId && deps.config.publicUrl) {
      input.reviewUrl = `${deps.config.publicUrl}/moderate/#${encodeURIComponent(data.reviewId)}`;
      const expires = now() + deps.config.responseLinkDays * 86_400_000;
      input.respondUrl = toResponseUrl(
        deps.config.publicUrl,
        createResponseToken(deps.keys.links, data.reviewId, expires),
      );
    }
    const context = {
      forum: data.forum,
      kind: data.kind,
      postId: data.post.id,
      reviewId: data.reviewId,
    };
    if (deps.config.dryRun) {
      log.info(
        { ...context, dryRun: true, findings: data.findings.length },
        'dry run: action not sent',
      );
      deps.metrics?.actions.inc({ ...labels, result: 'dry-run' });
      return 'dry-run';
    }
    try {
      await adapter[METHOD[data.kind]](input);
    } catch (err) {
      const permanent = err instanceof PermanentForumError;
      deps.metrics?.actions.inc({ ...labels, result: permanent ? 'rejected' : 'error' });
      log.warn({ ...context, permanent, err: (err as Error).message }, 'action failed');
      if (permanent) throw new UnrecoverableError((err as Error).message);
      throw err;
    }
    deps.metrics?.actions.inc({ ...labels, result: 'done' });
    log.info(context, 'action done');
    return 'done';
  };
}
