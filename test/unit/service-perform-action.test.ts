import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createPerformAction } from '../../src/actions/perform-action.js';
import {
  PermanentForumError,
  type ActionInput,
  type ForumAdapter,
} from '../../src/forums/types.js';
import { deriveKeys, verifyResponseToken } from '../../src/keys.js';
import { createLogger } from '../../src/log.js';
import { toActionJobData } from '../../src/queue/job-data.js';
import { LogCapture } from '../integration/support/service.js';

const keys = deriveKeys(Buffer.alloc(32, 5));

/** A forum that records calls and can be told to fail. */
function recordingForum(fail?: Error) {
  const calls: Array<[string, ActionInput]> = [];
  const record = (method: string) => async (input: ActionInput) => {
    calls.push([method, input]);
    if (fail) throw fail;
  };
  const adapter: ForumAdapter = {
    name: 'generic',
    notify: record('notify'),
    flag: record('flag'),
    hide: record('hide'),
    redact: record('redact'),
    restore: record('restore'),
    approvePending: record('approvePending'),
    rejectPending: record('rejectPending'),
  };
  return { adapter, calls };
}

const job = (kind: 'notify' | 'reject' | 'approve', forum = 'generic') => ({
  id: `generic-1-v1-${kind}`,
  data: toActionJobData(
    kind,
    {
      forum,
      post: { id: '1', version: 1 },
      author: { id: '7', username: 'jane' },
      findings: [],
      reasons: ['policy:phone'],
      reviewId: 'rv_1',
      redacted: 'call •••• 958',
    },
    keys.payload,
  ),
});

function setup(options: { fail?: Error; dryRun?: boolean } = {}) {
  const forum = recordingForum(options.fail);
  const logs = new LogCapture();
  const perform = createPerformAction({
    adapters: new Map([['generic', forum.adapter]]),
    keys,
    config: {
      dryRun: options.dryRun ?? false,
      publicUrl: 'https://lw.example.org',
      responseLinkDays: 14,
    },
    log: createLogger({ destination: logs }),
    now: () => 1_000,
  });
  return { perform, calls: forum.calls, logs };
}

describe('createPerformAction', () => {
  it('performAction(notify) calls adapter.notify with the decrypted redacted text and a signed respond link', async () => {
    const { perform, calls } = setup();
    expect(await perform(job('notify'))).toBe('done');
    expect(calls.map(([m]) => m)).toEqual(['notify']);
    const input = calls[0]![1];
    expect(input.redacted).toBe('call •••• 958');
    expect(input.reviewUrl).toBe('https://lw.example.org/moderate/#rv_1');
    const token = input.respondUrl!.replace('https://lw.example.org/respond/', '');
    expect(verifyResponseToken(keys.links, token, 2_000)).toMatchObject({
      ok: true,
      claims: { reviewId: 'rv_1' },
    });
  });

  it('performAction maps approve/reject to approvePending/rejectPending', async () => {
    const { perform, calls } = setup();
    await perform(job('approve'));
    await perform(job('reject'));
    expect(calls.map(([m]) => m)).toEqual(['approvePending', 'rejectPending']);
  });

  it('a PermanentForumError becomes UnrecoverableError; a plain error is rethrown for a retry', async () => {
    await expect(
      setup({ fail: new PermanentForumError('post deleted') }).perform(job('notify')),
    ).rejects.toBeInstanceOf(UnrecoverableError);
    const plain = setup({ fail: new Error('forum answered 502') }).perform(job('notify'));
    await expect(plain).rejects.toThrow('forum answered 502');
    await expect(plain).rejects.not.toBeInstanceOf(UnrecoverableError);
  });

  it('an unknown forum is unrecoverable; DRY_RUN logs and calls nothing', async () => {
    await expect(setup().perform(job('notify', 'nodebb'))).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    const dry = setup({ dryRun: true });
    expect(await dry.perform(job('notify'))).toBe('dry-run');
    expect(dry.calls).toEqual([]);
    expect(dry.logs.lines.join('\n')).toContain('dry run: action not sent');
    expect(dry.logs.lines.join('\n')).not.toContain('958');
  });
});
