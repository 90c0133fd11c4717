import type { ActionKind } from '../forums/types.js';
import type { Decision, OutboxEntry, Plan, ReviewItem, ReviewStatus } from '../reviews/types.js';
import type { MakeAction } from './plan-scan.js';

export interface DecisionInput {
  decision: Decision;
  moderator: string;
  note?: string;
  /** true: every fingerprint of the item; a list: those of the item's fingerprints. */
  allowFingerprint?: boolean | string[];
}

export interface DecisionResult {
  /** Fingerprints to allow from now on. */
  allow: string[];
  queued: ActionKind[];
}

const STATUS: Record<Decision, ReviewStatus> = {
  approve: 'approved',
  confirm: 'confirmed',
  redact: 'redacted',
  dismiss: 'dismissed',
};

/**
 * A moderator's decision: the new status, the audit entry, and what to tell the forum.
 * approve → publish a held post / restore a hidden one; confirm → reject a held post;
 * redact → reject a held post with the redacted text, or edit a live one; dismiss → nothing.
 */
export function planDecision(
  item: ReviewItem,
  input: DecisionInput,
  at: string,
  makeAction: MakeAction,
): Plan<DecisionResult> {
  const bot = { ...item.bot };
  const reasons = [`moderator:${input.moderator}`, `decision:${input.decision}`];
  const actions: OutboxEntry[] = [];
  const add = (kind: ActionKind) => actions.push(makeAction(kind, item.findings, reasons, item));
  switch (input.decision) {
    case 'approve':
      if (bot.held) add('approve');
      if (bot.hidden) add('restore');
      bot.held = false;
      bot.hidden = false;
      break;
    case 'confirm':
      if (bot.held) {
        add('reject');
        bot.rejected = true;
      }
      bot.held = false;
      break;
    case 'redact':
      if (bot.held) {
        add('reject');
        bot.rejected = true;
      } else {
        add('redact');
        bot.redactedFingerprints = [
          ...new Set([...bot.redactedFingerprints, ...item.findings.map((f) => f.fingerprint)]),
        ];
      }
      bot.held = false;
      break;
    case 'dismiss':
      break;
  }
  const own = item.findings.map((f) => f.fingerprint);
  const allow =
    input.decision !== 'approve' || !input.allowFingerprint
      ? []
      : input.allowFingerprint === true
        ? own
        : input.allowFingerprint.filter((fp) => own.includes(fp));
  const note = [input.note, allow.length > 0 ? `allowed ${allow.length} fingerprint(s)` : undefined]
    .filter(Boolean)
    .join('; ');
  return {
    item: {
      ...item,
      status: STATUS[input.decision],
      decidedBy: input.moderator,
      priority: 0,
      updatedAt: at,
      bot,
      audit: [
        ...item.audit,
        {
          at,
          by: input.moderator,
          action: `decision:${input.decision}`,
          ...(note ? { note } : {}),
        },
      ],
    },
    actions,
    result: { allow, queued: actions.map((a) => a.data.kind) },
  };
}
