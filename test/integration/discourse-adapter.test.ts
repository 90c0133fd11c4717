import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscourseClient } from '../../src/forums/discourse/client.js';
import { createDiscourseAdapter } from '../../src/forums/discourse/create-adapter.js';
import { derivePmMarkerKey } from '../../src/forums/discourse/pm-marker.js';
import { toTextDigest } from '../../src/forums/discourse/to-incoming-post.js';
import {
  PermanentForumError,
  type ActionInput,
  type ForumAdapter,
} from '../../src/forums/types.js';
import { createLogger } from '../../src/log.js';
import type { Finding } from '../../src/scanner/types.js';
import {
  startFakeDiscourse,
  type FakeDiscourse,
  type FakeReviewable,
} from '../support/fake-discourse.js';
import { LogCapture } from './support/service.js';

const card: Finding = {
  type: 'card',
  start: 7,
  end: 26,
  masked: '•••• •••• •••• 6467',
  fingerprint: 'fp-card',
  severity: 'high',
  confidence: 0.99,
  reasons: ['luhn'],
};

let fake: FakeDiscourse;
let adapter: ForumAdapter;
const logs = new LogCapture();

beforeAll(async () => {
  fake = await startFakeDiscourse();
  const log = createLogger({ level: 'debug', destination: logs });
  const client = createDiscourseClient({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    apiUsername: 'leakwatch-bot',
    maxAttempts: 2,
    baseDelayMs: 1,
    logger: log,
  });
  adapter = createDiscourseAdapter({
    client,
    log,
    markerKey: derivePmMarkerKey(Buffer.alloc(32, 7)),
    privacyUrl: 'https://forum.test/privacy',
  });
});
afterAll(async () => {
  await fake.close();
});

function liveInput(postId: number, version: number, extra: Partial<ActionInput> = {}): ActionInput {
  return {
    forum: 'discourse',
    post: { id: String(postId), version },
    author: { id: '9', username: 'maria' },
    findings: [card],
    reasons: ['policy:card'],
    ...extra,
  };
}

function queuedInput(r: FakeReviewable, extra: Partial<ActionInput> = {}): ActionInput {
  return {
    forum: 'discourse',
    post: {
      id: `r${r.id}`,
      version: r.version + 1,
      ref: {
        reviewableId: r.id,
        reviewableVersion: r.version,
        textDigest: toTextDigest(r.payload.raw),
      },
    },
    author: { id: '9', username: '' },
    findings: [],
    reasons: ['pending-clean'],
    ...extra,
  };
}

describe('DiscourseAdapter against the fake Discourse', () => {
  it('approvePending re-reads after a 409 and approves with the fresh version when the text is unchanged', async () => {
    const r = fake.addReviewable({ username: 'newbie', raw: 'Hello all' });
    const input = queuedInput(r);
    fake.bumpReviewableVersion(r.id);
    await adapter.approvePending(input);
    expect(r.status).toBe(1);
    const performs = fake.calls.filter((c) => c.path.startsWith(`/review/${r.id}/perform`));
    expect(performs.map((c) => [c.query.version, c.status])).toEqual([
      ['0', 409],
      ['1', 200],
    ]);
  });

  it('approvePending uses approve_post_closed for a reply whose topic closed meanwhile', async () => {
    const r = fake.addReviewable({ username: 'newbie', raw: 'Late reply', topicId: 77 });
    r.topicClosed = true;
    await adapter.approvePending(queuedInput(r));
    expect(r.status).toBe(1);
    expect(r.performed?.action).toBe('approve_post_closed');
  });

  it('approvePending leaves a queued post alone when a moderator changed its text since the scan', async () => {
    const r = fake.addReviewable({ username: 'newbie', raw: 'Hello all' });
    const input = queuedInput(r);
    fake.editReviewable(r.id, 'Hello all, mail me at someone.else.lw@gmail.com');
    await adapter.approvePending(input);
    expect(r.status).toBe(0);
    expect(r.performed).toBeNull();
  });

  it('rejectPending leaves a reviewable a human already approved alone', async () => {
    const r = fake.addReviewable({ username: 'newbie', raw: 'Pay to the card' });
    const input = queuedInput(r, { findings: [card], redacted: 'Pay to •••• •••• •••• 6467' });
    fake.actAsHuman(r.id, 'approved');
    await adapter.rejectPending(input);
    expect(r.status).toBe(1);
    expect(r.performed?.action).toBe('human_approved');
  });

  it('flag twice raises one notify_moderators flag; hide after it hides with an inappropriate flag', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'card 4539 1488 0343 6467' });
    await adapter.flag(liveInput(post.id, 1, { reviewUrl: 'https://lw.test/moderate/#r1' }));
    await adapter.flag(liveInput(post.id, 1));
    expect(fake.flags.filter((f) => f.postId === post.id)).toHaveLength(1);
    expect(fake.flags.find((f) => f.postId === post.id)!.message).toContain(
      'https://lw.test/moderate/#r1',
    );
    expect(post.hidden).toBe(false);
    await adapter.hide(liveInput(post.id, 1));
    expect(post.hidden).toBe(true);
    expect(fake.flags.filter((f) => f.postId === post.id).map((f) => f.postActionTypeId)).toEqual([
      7, 4,
    ]);
  });

  it('redact is safe to retry: the second run edits nothing and hides the same revision', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'card 4539 1488 0343 6467' });
    const input = liveInput(post.id, 1, { redacted: 'card •••• •••• •••• 6467' });
    await adapter.redact(input);
    await adapter.redact(input);
    expect(post.version).toBe(2);
    expect(post.revisions.get(2)?.hidden).toBe(true);
    expect(
      fake.calls.filter((c) => c.method === 'PUT' && c.path === `/posts/${post.id}.json`),
    ).toHaveLength(1);
  });

  it('redact of version 2 hides revisions 2 and 3, which both hold the leaked text', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'hello' });
    fake.editPost(post.id, 'hello, card 4539 1488 0343 6467');
    await adapter.redact(liveInput(post.id, 2, { redacted: 'hello, card •••• •••• •••• 6467' }));
    expect(post.version).toBe(3);
    expect([...post.revisions.values()].map((r) => [r.number, r.hidden])).toEqual([
      [2, true],
      [3, true],
    ]);
  });

  // A first post scanned with its title: "<title>\n\n<body>", ref.titleLength = title length.
  const TITLE = 'Selling bike, call 07911 123456';
  const titlePhone: Finding = {
    type: 'phone',
    start: 19,
    end: 31,
    masked: '••••• •••456',
    fingerprint: 'fp-title-phone',
    severity: 'medium',
    confidence: 0.9,
    reasons: ['national-format', 'in-title'],
  };
  const titledInput = (post: { id: number; topicId: number }, version: number, body: string) =>
    liveInput(post.id, version, {
      post: {
        id: String(post.id),
        version,
        ref: { topicId: post.topicId, postNumber: 1, titleLength: TITLE.length },
      },
      findings: [titlePhone],
      redacted: `Selling bike, call ••••• •••456\n\n${body}`,
    });

  it('redact of a finding in the title edits the topic title and the body in one PUT, and is safe to retry', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'Ask me anything', topicTitle: TITLE });
    const input = titledInput(post, 1, 'Ask me anything');
    await adapter.redact(input);
    await adapter.redact(input);
    const puts = fake.calls.filter(
      (c) => c.method === 'PUT' && c.path === `/posts/${post.id}.json`,
    );
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body).toMatchObject({
      title: 'Selling bike, call ••••• •••456',
      post: { raw: 'Ask me anything' },
    });
    expect(post.topicTitle).toBe('Selling bike, call ••••• •••456');
    expect(post.raw).toBe('Ask me anything');
    expect(post.version).toBe(2);
    expect(post.revisions.get(2)).toMatchObject({ hidden: true, title: [TITLE, post.topicTitle] });
    expect(fake.calls.map((c) => c.rawBody).join('\n')).not.toContain('07911 123456');
  });

  it('redact without a finding in the title sends the body only', async () => {
    const post = fake.addPost({
      username: 'maria',
      raw: 'card 4539 1488 0343 6467',
      topicTitle: 'A perfectly clean title',
    });
    const length = 'A perfectly clean title'.length;
    await adapter.redact(
      liveInput(post.id, 1, {
        post: { id: String(post.id), version: 1, ref: { postNumber: 1, titleLength: length } },
        findings: [{ ...card, start: length + 2 + 5, end: length + 2 + 24 }],
        redacted: 'A perfectly clean title\n\ncard •••• •••• •••• 6467',
      }),
    );
    const put = fake.calls.filter((c) => c.method === 'PUT' && c.path === `/posts/${post.id}.json`);
    expect(put[0]!.body).toEqual({
      post: { raw: 'card •••• •••• •••• 6467', edit_reason: expect.any(String) },
    });
    expect(post.topicTitle).toBe('A perfectly clean title');
  });

  it('when Discourse refuses the masked title (422), the title is left to moderators and the body is still masked', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'or 07911 123456', topicTitle: TITLE });
    const inBody = { ...titlePhone, start: TITLE.length + 5, end: TITLE.length + 17 };
    fake.failNext(1, { status: 422, match: new RegExp(`^PUT /posts/${post.id}\\.json$`) });
    await adapter.redact({
      ...titledInput(post, 1, 'or ••••• •••456'),
      findings: [titlePhone, inBody],
    });
    const puts = fake.calls.filter(
      (c) => c.method === 'PUT' && c.path === `/posts/${post.id}.json`,
    );
    expect(puts.map((c) => [c.status, 'title' in (c.body as object)])).toEqual([
      [422, true],
      [200, false],
    ]);
    expect(post.topicTitle).toBe(TITLE);
    expect(post.raw).toBe('or ••••• •••456');
    expect(post.revisions.get(2)?.hidden).toBe(true);
    expect(logs.lines.join('\n')).toContain('left to moderators');
  });

  it('when Discourse refuses the masked title and the body has nothing to mask, nothing is edited', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'Ask me', topicTitle: TITLE });
    fake.failNext(1, { status: 422, match: new RegExp(`^PUT /posts/${post.id}\\.json$`) });
    await adapter.redact(titledInput(post, 1, 'Ask me'));
    expect(post.version).toBe(1);
    expect(post.topicTitle).toBe(TITLE);
  });

  it('a redacted text that does not split into title and body is a PermanentForumError', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'body', topicTitle: TITLE });
    const input = titledInput(post, 1, 'body');
    await expect(
      adapter.redact({ ...input, redacted: 'no separator here' }),
    ).rejects.toBeInstanceOf(PermanentForumError);
    expect(post.version).toBe(1);
  });

  it('redact does not overwrite an edit the author made after the scan', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'card 4539 1488 0343 6467' });
    fake.editPost(post.id, 'card removed');
    await adapter.redact(liveInput(post.id, 1, { redacted: 'card •••• •••• •••• 6467' }));
    expect(post.raw).toBe('card removed');
    expect(post.version).toBe(2);
  });

  it('restore of a deleted post and notify without a username are PermanentForumError', async () => {
    await expect(adapter.restore(liveInput(987_654, 1))).rejects.toBeInstanceOf(
      PermanentForumError,
    );
    const post = fake.addPost({ username: 'maria', raw: 'x' });
    await expect(
      adapter.notify(liveInput(post.id, 1, { author: { id: '9', username: '' } })),
    ).rejects.toBeInstanceOf(PermanentForumError);
  });

  it('a Discourse outage is a plain (retryable) error, not a permanent one', async () => {
    const post = fake.addPost({ username: 'maria', raw: 'x' });
    fake.failNext(2, { status: 503, match: /^PUT \/posts\/\d+\/unhide$/ });
    const error = await adapter.restore(liveInput(post.id, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentForumError);
  });

  it('notify sends the PM to the author with the masked finding and never the raw value', async () => {
    fake.addUser('maria');
    const post = fake.addPost({ username: 'maria', raw: 'card 4539 1488 0343 6467' });
    await adapter.notify(liveInput(post.id, 1, { redacted: 'card •••• •••• •••• 6467' }));
    const pm = fake.privateMessages.at(-1)!;
    expect(pm.recipients).toEqual(['maria']);
    expect(pm.raw).toContain('•••• •••• •••• 6467');
    expect(pm.raw).toContain('https://forum.test/privacy');
    expect(fake.calls.map((c) => c.rawBody).join('')).not.toContain('4539 1488 0343 6467');
    expect(logs.lines.join('\n')).not.toContain('6467');
  });

  it('notify run again for the same post version and findings (a retried job) sends one PM', async () => {
    fake.addUser('maria');
    const post = fake.addPost({ username: 'maria', raw: 'card 4539 1488 0343 6467' });
    const input = liveInput(post.id, 1, { redacted: 'card •••• •••• •••• 6467' });
    const count = fake.privateMessages.length;
    await adapter.notify(input);
    await adapter.notify({ ...input, respondUrl: 'https://lw.test/respond/another-token' });
    expect(fake.privateMessages.length).toBe(count + 1);
    expect(fake.privateMessages.at(-1)!.title).toMatch(
      /^Personal data in your post \[lw:[0-9a-f]{12}\]$/,
    );
    expect(logs.lines.at(-1)).toContain('"outcome":"already"');
  });

  it('notify for a new version or for new findings of the same version sends a new PM', async () => {
    fake.addUser('maria');
    const post = fake.addPost({ username: 'maria', raw: 'card 4539 1488 0343 6467' });
    const count = fake.privateMessages.length;
    await adapter.notify(liveInput(post.id, 1));
    await adapter.notify(liveInput(post.id, 2));
    await adapter.notify(liveInput(post.id, 2, { findings: [{ ...card, fingerprint: 'fp-2' }] }));
    expect(fake.privateMessages.length).toBe(count + 3);
    expect(new Set(fake.privateMessages.slice(count).map((m) => m.title)).size).toBe(3);
  });

  it('notify fails with a retryable error and sends nothing when the sent-messages lookup keeps failing', async () => {
    fake.addUser('maria');
    const post = fake.addPost({ username: 'maria', raw: 'card 4539 1488 0343 6467' });
    const count = fake.privateMessages.length;
    fake.failNext(2, { status: 500, match: /^GET \/topics\/private-messages-sent\// });
    const error = await adapter.notify(liveInput(post.id, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentForumError);
    expect(fake.privateMessages.length).toBe(count);
    await adapter.notify(liveInput(post.id, 1)); // the job's retry, once the forum answers again
    expect(fake.privateMessages.length).toBe(count + 1);
  });

  it('createDiscourseAdapter throws TypeError without a marker key', () => {
    const client = createDiscourseClient({ baseUrl: fake.url, apiKey: 'k', apiUsername: 'u' });
    const log = createLogger({ level: 'silent', destination: logs });
    expect(() =>
      createDiscourseAdapter({ client, log } as unknown as Parameters<
        typeof createDiscourseAdapter
      >[0]),
    ).toThrow(/derivePmMarkerKey/);
  });
});
