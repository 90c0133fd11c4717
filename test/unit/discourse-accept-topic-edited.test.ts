import { describe, expect, it } from 'vitest';
import { acceptTopicEdited } from '../../src/forums/discourse/accept-topic-edited.js';
import {
  PermanentDiscourseError,
  TransientDiscourseError,
} from '../../src/forums/discourse/errors.js';
import type { DiscoursePostPayload } from '../../src/forums/discourse/types.js';
import type { IncomingPost } from '../../src/forums/types.js';
import { HttpError } from '../../src/http/http-error.js';
import { createLogger } from '../../src/log.js';
import { readFixture } from '../fixtures/discourse/deliveries.js';

const topic = readFixture('topic_created').topic as Record<string, unknown>;
const firstPost: DiscoursePostPayload = {
  id: 1201,
  username: 'maria',
  user_id: 42,
  raw: 'Selling my old bike.',
  post_number: 1,
  topic_id: 311,
  topic_slug: 'bike-for-sale',
  version: 2,
};

function setup(answer: () => Promise<DiscoursePostPayload>) {
  const queued: IncomingPost[] = [];
  const outcomes: string[] = [];
  const deps = {
    client: { getPostByNumber: (_topicId: number, _n: number) => answer() },
    enqueueScan: (post: IncomingPost) => {
      queued.push(post);
      return Promise.resolve({ jobId: 'job-1', duplicate: queued.length > 1 });
    },
    countWebhook: (outcome: string) => void outcomes.push(outcome),
    baseUrl: 'https://forum.test',
    botUsername: 'leakwatch-bot',
    log: createLogger({ level: 'silent' }),
  };
  return { deps, queued, outcomes };
}

describe('acceptTopicEdited', () => {
  it("acceptTopicEdited(topic fixture) queues the first post as an edit, its text the payload's title and the post's raw", async () => {
    const { deps, queued, outcomes } = setup(() => Promise.resolve(firstPost));
    const edited = { ...topic, title: 'Bike for sale, call 07911 123456' };
    expect(await acceptTopicEdited(edited, deps)).toEqual({
      status: 202,
      body: { jobId: 'job-1' },
    });
    expect(queued).toEqual([
      {
        forum: 'discourse',
        event: 'edited',
        post: {
          id: '1201',
          version: 2,
          text: 'Bike for sale, call 07911 123456\n\nSelling my old bike.',
          format: 'markdown',
          author: { id: '42', username: 'maria' },
          url: 'https://forum.test/t/bike-for-sale/311/1',
          isPrivate: false,
          ref: { topicId: 311, postNumber: 1, titleLength: 32 },
        },
        dedupeOnText: true,
      },
    ]);
    expect(await acceptTopicEdited(edited, deps)).toEqual({
      status: 202,
      body: { jobId: 'job-1', duplicate: true },
    });
    expect(outcomes).toEqual(['accepted', 'duplicate']);
  });

  it('a topic payload without an integer id or a title is HttpError 422', async () => {
    const { deps, outcomes } = setup(() => Promise.resolve(firstPost));
    for (const bad of [null, { title: 'x' }, { id: '5', title: 'x' }, { id: 5 }]) {
      await expect(acceptTopicEdited(bad, deps)).rejects.toMatchObject({ status: 422 });
    }
    expect(outcomes).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
  });

  it.each([403, 404, 410])(
    'a first post Discourse answers %i for is ignored (202), not retried',
    async (status) => {
      const { deps, queued } = setup(() =>
        Promise.reject(
          new PermanentDiscourseError('no', 'GET', '/posts/by_number/311/1.json', status),
        ),
      );
      expect(await acceptTopicEdited(topic, deps)).toEqual({
        status: 202,
        body: { ignored: true, reason: 'first post not readable' },
      });
      expect(queued).toEqual([]);
    },
  );

  it('a Discourse outage is 503 with Retry-After (Discourse retries the delivery); a refusal such as 401 is 502', async () => {
    const down = setup(() =>
      Promise.reject(
        new TransientDiscourseError('down', 'GET', '/posts/by_number/311/1.json', 502),
      ),
    );
    const error = await acceptTopicEdited(topic, down.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, headers: { 'Retry-After': '30' } });
    const refused = setup(() =>
      Promise.reject(new PermanentDiscourseError('no', 'GET', '/posts/by_number/311/1.json', 401)),
    );
    await expect(acceptTopicEdited(topic, refused.deps)).rejects.toMatchObject({
      status: 502,
      code: 'forum_refused',
    });
  });

  it("a deleted topic, a deleted first post and the bot's own topic are ignored", async () => {
    const { deps, queued } = setup(() => Promise.resolve(firstPost));
    expect(
      (await acceptTopicEdited({ ...topic, deleted_at: '2026-11-30T10:00:00Z' }, deps)).body,
    ).toEqual({ ignored: true, reason: 'topic deleted' });
    const gone = setup(() => Promise.resolve({ ...firstPost, deleted_at: '2026-11-30T10:00:00Z' }));
    expect((await acceptTopicEdited(topic, gone.deps)).body).toEqual({
      ignored: true,
      reason: 'first post deleted',
    });
    const own = setup(() => Promise.resolve({ ...firstPost, username: 'Leakwatch-Bot' }));
    expect((await acceptTopicEdited(topic, own.deps)).body).toEqual({
      ignored: true,
      reason: 'own post',
    });
    expect(queued).toEqual([]);
  });
});
