import type { Config, PolicyAction } from '../config.js';
import type { ActionKind, PostAuthor, PostEvent, PostRef } from '../forums/types.js';
import { isClosed, type NewItemSlot } from '../reviews/create-review-store.js';
import type { BotState, OutboxEntry, Plan, ReviewItem } from '../reviews/types.js';
import type { Finding } from '../scanner/types.js';

/** What one scan found out about one post version. */
export interface ScanFacts {
  forum: string;
  event: PostEvent;
  post: PostRef;
  author: PostAuthor;
  isPrivate: boolean;
  /** Masked findings, allowed fingerprints already removed. */
  findings: Finding[];
  excerpt: string;
  /** ISO time of this scan. */
  at: string;
}

/** Builds the action job for `kind` (job id, encrypted payload) for a post version. */
export type MakeAction = (
  kind: ActionKind,
  findings: Finding[],
  reasons: string[],
  item: ReviewItem | undefined,
) => OutboxEntry;

export interface PlanScanDeps {
  policy: Config['policy'];
  slot: () => Promise<NewItemSlot>;
  makeAction: MakeAction;
}

export type ScanResult =
  'clean' | 'stale' | 'created' | 'updated' | 'unchanged' | 'resolved' | 'deleted';

const ORDER: PolicyAction[] = ['hide', 'redact', 'notify', 'flag'];
const BOT = 'leakwatch';

export function emptyBotState(): BotState {
  return {
    warned: [],
    redactedFingerprints: [],
    flagged: false,
    hidden: false,
    held: false,
    rejected: false,
  };
}

/**
 * Decides what a scan means for the post's review item and which actions to queue. The rules:
 * a human decision is never overridden (only new findings reopen an item); the same post and
 * finding never trigger a second warning; an edit that removes the data resolves the item and
 * undoes what the bot did (restore, approve).
 */
export async function planScan(
  existing: ReviewItem | undefined,
  facts: ScanFacts,
  deps: PlanScanDeps,
): Promise<Plan<ScanResult>> {
  if (existing && existing.post.version > facts.post.version) return { result: 'stale' };
  const pending = facts.event === 'pending';

  if (facts.event === 'deleted') {
    if (!existing || isClosed(existing)) return { result: 'deleted' };
    return {
      item: withAudit(
        { ...existing, status: 'resolved', updatedAt: facts.at },
        facts.at,
        'resolve',
        'post-deleted',
      ),
      result: 'deleted',
    };
  }

  if (facts.findings.length === 0) {
    if (!existing) {
      return {
        actions: pending ? [deps.makeAction('approve', [], ['pending-clean'], undefined)] : [],
        result: 'clean',
      };
    }
    const moved = { ...existing, post: facts.post, updatedAt: facts.at };
    if (existing.decidedBy) {
      return {
        item: withAudit(moved, facts.at, 'rescan', 'clean; decision stands'),
        result: 'unchanged',
      };
    }
    const bot = { ...existing.bot };
    const undo: OutboxEntry[] = [];
    if (bot.hidden) {
      undo.push(deps.makeAction('restore', [], ['edited-clean'], existing));
      bot.hidden = false;
    }
    if (pending || bot.held) {
      undo.push(deps.makeAction('approve', [], ['edited-clean'], existing));
      bot.held = false;
    }
    const item =
      existing.status === 'resolved'
        ? { ...moved, bot }
        : withAudit(
            { ...moved, bot, status: 'resolved' as const },
            facts.at,
            'resolve',
            'edited-clean',
          );
    return { item, actions: undo, result: 'resolved' };
  }

  const known = new Set(existing?.findings.map((f) => f.fingerprint) ?? []);
  let actionable = facts.findings;
  let base: ReviewItem;
  let result: ScanResult;
  if (existing?.decidedBy) {
    actionable = facts.findings.filter((f) => !known.has(f.fingerprint));
    const moved = { ...existing, post: facts.post, updatedAt: facts.at };
    if (actionable.length === 0) {
      return {
        item: withAudit(moved, facts.at, 'rescan', 'no new findings; decision stands'),
        result: 'unchanged',
      };
    }
    base = withAudit(
      { ...moved, status: 'open', decidedBy: undefined },
      facts.at,
      'reopen',
      'new findings',
    );
    result = 'updated';
  } else if (existing) {
    const reopened = existing.status !== 'open';
    base = reopened
      ? withAudit({ ...existing }, facts.at, 'reopen', 'findings again')
      : { ...existing };
    result = 'updated';
  } else {
    const slot = await deps.slot();
    base = {
      id: slot.id,
      seq: slot.seq,
      forum: facts.forum,
      post: facts.post,
      author: facts.author,
      status: 'open',
      pending,
      isPrivate: facts.isPrivate,
      findings: [],
      excerpt: '',
      createdAt: facts.at,
      updatedAt: facts.at,
      priority: 0,
      audit: [{ at: facts.at, by: BOT, action: 'open', note: summarize(facts.findings) }],
      bot: emptyBotState(),
      outbox: [],
    };
    result = 'created';
  }

  const item: ReviewItem = {
    ...base,
    post: facts.post,
    author: facts.author,
    status: 'open',
    pending: pending || (base.pending && facts.event !== 'created'),
    isPrivate: facts.isPrivate,
    findings: facts.findings,
    excerpt: facts.excerpt,
    updatedAt: facts.at,
  };
  if (result === 'updated' && existing && existing.post.version !== facts.post.version) {
    item.audit = [
      ...item.audit,
      { at: facts.at, by: BOT, action: 'rescan', note: summarize(facts.findings) },
    ];
  }

  const bot: BotState = { ...item.bot };
  const actions: OutboxEntry[] = [];
  if (pending) {
    if (deps.policy.pending === 'reject') {
      actions.push(
        deps.makeAction('reject', actionable, ['pending', 'policy:pending-reject'], item),
      );
      bot.rejected = true;
      bot.held = false;
    } else {
      bot.held = true;
    }
  } else {
    const types = [...new Set(actionable.map((f) => f.type))];
    const wanted = new Set<PolicyAction>(
      facts.isPrivate ? deps.policy.private : types.flatMap((type) => deps.policy[type]),
    );
    const reasons = facts.isPrivate ? ['policy:private'] : types.map((type) => `policy:${type}`);
    for (const kind of ORDER.filter((k) => wanted.has(k))) {
      if (kind === 'hide' && !bot.hidden) {
        actions.push(deps.makeAction('hide', actionable, reasons, item));
        bot.hidden = true;
      } else if (kind === 'flag' && !bot.flagged) {
        actions.push(deps.makeAction('flag', actionable, reasons, item));
        bot.flagged = true;
      } else if (kind === 'notify') {
        const fresh = actionable.filter((f) => !bot.warned.includes(f.fingerprint));
        if (fresh.length > 0) {
          actions.push(deps.makeAction('notify', fresh, reasons, item));
          bot.warned = [...bot.warned, ...fresh.map((f) => f.fingerprint)];
        }
      } else if (kind === 'redact') {
        const fresh = actionable.filter((f) => !bot.redactedFingerprints.includes(f.fingerprint));
        if (fresh.length > 0) {
          actions.push(deps.makeAction('redact', actionable, reasons, item));
          bot.redactedFingerprints = [
            ...bot.redactedFingerprints,
            ...fresh.map((f) => f.fingerprint),
          ];
        }
      }
    }
  }
  return { item: { ...item, bot }, actions, result };
}

function withAudit(item: ReviewItem, at: string, action: string, note?: string): ReviewItem {
  return { ...item, audit: [...item.audit, { at, by: BOT, action, ...(note ? { note } : {}) }] };
}

/** `email:1 phone:2`: counts per type, safe for audit trails and logs. */
export function summarize(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${type}:${n}`).join(' ');
}
