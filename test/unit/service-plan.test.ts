import { describe, expect, it } from 'vitest';
import { planDecision } from '../../src/actions/plan-decision.js';
import {
  emptyBotState,
  planScan,
  type MakeAction,
  type ScanFacts,
} from '../../src/actions/plan-scan.js';
import type { Config } from '../../src/config.js';
import type { ReviewItem } from '../../src/reviews/types.js';
import type { Finding } from '../../src/scanner/types.js';

const policy: Config['policy'] = {
  email: ['notify', 'flag'],
  phone: ['notify', 'flag'],
  card: ['hide', 'notify', 'flag'],
  pending: 'reject',
  private: ['notify'],
};

const finding = (type: Finding['type'], fp: string): Finding => ({
  type,
  start: 0,
  end: 5,
  masked: '•••••',
  fingerprint: fp,
  severity: 'high',
  confidence: 0.9,
  reasons: ['test'],
});

const makeAction: MakeAction = (kind, findings, reasons, item) => ({
  jobId: `job-${kind}`,
  data: {
    v: 1,
    forum: 'generic',
    kind,
    post: { id: 'p', version: 1 },
    author: { id: '1', username: 'u' },
    findings,
    reasons,
    reviewId: item?.id,
  },
});

const facts = (over: Partial<ScanFacts> = {}): ScanFacts => ({
  forum: 'generic',
  event: 'created',
  post: { id: 'p', version: 1 },
  author: { id: '1', username: 'u' },
  isPrivate: false,
  findings: [finding('card', 'fp-card')],
  excerpt: '…',
  at: '2026-01-01T00:00:00.000Z',
  ...over,
});

const deps = { policy, makeAction, slot: async () => ({ id: 'rv_1', seq: 1 }) };
const kinds = (plan: { actions?: Array<{ data: { kind: string } }> }) =>
  (plan.actions ?? []).map((a) => a.data.kind);

describe('planScan', () => {
  it('planScan(new post with a card) opens an item and queues hide, notify, flag', async () => {
    const plan = await planScan(undefined, facts(), deps);
    expect(plan.result).toBe('created');
    expect(plan.item).toMatchObject({
      id: 'rv_1',
      status: 'open',
      bot: { hidden: true, flagged: true, warned: ['fp-card'] },
    });
    expect(kinds(plan)).toEqual(['hide', 'notify', 'flag']);
  });

  it('planScan(clean pending post) approves it without an item', async () => {
    const plan = await planScan(undefined, facts({ event: 'pending', findings: [] }), deps);
    expect(plan.item).toBeUndefined();
    expect(kinds(plan)).toEqual(['approve']);
  });

  it('planScan(pending post with data) rejects it, or holds it with POLICY_PENDING=hold', async () => {
    const reject = await planScan(undefined, facts({ event: 'pending' }), deps);
    expect(kinds(reject)).toEqual(['reject']);
    const hold = await planScan(undefined, facts({ event: 'pending' }), {
      ...deps,
      policy: { ...policy, pending: 'hold' },
    });
    expect(kinds(hold)).toEqual([]);
    expect(hold.item?.bot.held).toBe(true);
  });

  it('planScan(private message) follows POLICY_PRIVATE only', async () => {
    const plan = await planScan(undefined, facts({ isPrivate: true }), deps);
    expect(kinds(plan)).toEqual(['notify']);
  });

  it('planScan(edit that removes the data) resolves the item and restores the hidden post', async () => {
    const first = await planScan(undefined, facts(), deps);
    const plan = await planScan(
      first.item,
      facts({ event: 'edited', post: { id: 'p', version: 2 }, findings: [] }),
      deps,
    );
    expect(plan.result).toBe('resolved');
    expect(plan.item?.status).toBe('resolved');
    expect(kinds(plan)).toEqual(['restore']);
  });

  it('planScan(edit with the same finding) never warns twice; a new finding is warned about', async () => {
    const first = (await planScan(undefined, facts({ findings: [finding('email', 'fp-a')] }), deps))
      .item!;
    const same = await planScan(
      first,
      facts({
        event: 'edited',
        post: { id: 'p', version: 2 },
        findings: [finding('email', 'fp-a')],
      }),
      deps,
    );
    expect(kinds(same)).toEqual([]);
    const more = await planScan(
      same.item,
      facts({
        event: 'edited',
        post: { id: 'p', version: 3 },
        findings: [finding('email', 'fp-a'), finding('email', 'fp-b')],
      }),
      deps,
    );
    expect(kinds(more)).toEqual(['notify']);
    expect(more.actions![0]!.data.findings.map((f) => f.fingerprint)).toEqual(['fp-b']);
  });

  it('planScan(older version than stored) changes nothing', async () => {
    const item = (await planScan(undefined, facts({ post: { id: 'p', version: 5 } }), deps)).item!;
    expect(await planScan(item, facts({ post: { id: 'p', version: 4 } }), deps)).toEqual({
      result: 'stale',
    });
  });

  it('planScan never overrides a moderator: same findings leave the decision, new ones reopen', async () => {
    const item = (await planScan(undefined, facts({ findings: [finding('phone', 'fp-p')] }), deps))
      .item!;
    const decided = planDecision(
      item,
      { decision: 'approve', moderator: 'alice' },
      '2026-01-02T00:00:00.000Z',
      makeAction,
    ).item!;
    const again = await planScan(
      decided,
      facts({
        event: 'edited',
        post: { id: 'p', version: 2 },
        findings: [finding('phone', 'fp-p')],
      }),
      deps,
    );
    expect(again.item?.status).toBe('approved');
    expect(again.item?.decidedBy).toBe('alice');
    expect(kinds(again)).toEqual([]);
    const clean = await planScan(
      decided,
      facts({ event: 'edited', post: { id: 'p', version: 2 }, findings: [] }),
      deps,
    );
    expect(clean.item?.status).toBe('approved');
    const newer = await planScan(
      decided,
      facts({
        event: 'edited',
        post: { id: 'p', version: 3 },
        findings: [finding('phone', 'fp-p'), finding('card', 'fp-c')],
      }),
      deps,
    );
    expect(newer.item?.status).toBe('open');
    expect(kinds(newer)).toEqual(['hide', 'notify']);
  });

  it('planScan(deleted) resolves an open item without actions', async () => {
    const item = (await planScan(undefined, facts(), deps)).item!;
    const plan = await planScan(item, facts({ event: 'deleted', findings: [] }), deps);
    expect(plan.item?.status).toBe('resolved');
    expect(kinds(plan)).toEqual([]);
  });
});

describe('planDecision', () => {
  const base = (bot: Partial<ReviewItem['bot']>): ReviewItem => ({
    id: 'rv_1',
    seq: 1,
    forum: 'generic',
    post: { id: 'p', version: 1 },
    author: { id: '1', username: 'u' },
    status: 'open',
    pending: false,
    isPrivate: false,
    findings: [finding('card', 'fp-c')],
    excerpt: '',
    createdAt: '',
    updatedAt: '',
    priority: 1,
    audit: [],
    bot: { ...emptyBotState(), ...bot },
    outbox: [],
  });

  it.each([
    ['approve', { held: true }, ['approve'], 'approved'],
    ['approve', { hidden: true }, ['restore'], 'approved'],
    ['confirm', { held: true }, ['reject'], 'confirmed'],
    ['redact', { held: true }, ['reject'], 'redacted'],
    ['redact', {}, ['redact'], 'redacted'],
    ['dismiss', { hidden: true }, [], 'dismissed'],
  ] as const)('planDecision(%s, bot %o) queues %o and sets %s', (decision, bot, queued, status) => {
    const plan = planDecision(
      base(bot),
      { decision, moderator: 'alice', note: 'n' },
      'T',
      makeAction,
    );
    expect(plan.result?.queued).toEqual(queued);
    expect(plan.item).toMatchObject({ status, decidedBy: 'alice', priority: 0 });
    expect(plan.item?.audit.at(-1)).toEqual({
      at: 'T',
      by: 'alice',
      action: `decision:${decision}`,
      note: 'n',
    });
  });

  it('planDecision(approve, allowFingerprint) allows only the item’s own fingerprints', () => {
    const all = planDecision(
      base({}),
      { decision: 'approve', moderator: 'a', allowFingerprint: true },
      'T',
      makeAction,
    );
    expect(all.result?.allow).toEqual(['fp-c']);
    const some = planDecision(
      base({}),
      { decision: 'approve', moderator: 'a', allowFingerprint: ['fp-c', 'fp-other'] },
      'T',
      makeAction,
    );
    expect(some.result?.allow).toEqual(['fp-c']);
    const confirm = planDecision(
      base({}),
      { decision: 'confirm', moderator: 'a', allowFingerprint: true },
      'T',
      makeAction,
    );
    expect(confirm.result?.allow).toEqual([]);
  });
});
