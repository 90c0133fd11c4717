import { describe, expect, it } from 'vitest';
import {
  toIncomingPost,
  toIncomingQueuedPost,
  toTextDigest,
} from '../../src/forums/discourse/to-incoming-post.js';
import { toPost } from '../../src/forums/discourse/to-post.js';
import { toQueuedPost } from '../../src/forums/discourse/to-queued-post.js';
import { readFixture } from '../fixtures/discourse/deliveries.js';

describe('toIncomingPost', () => {
  it('toIncomingPost(post_created fixture, created) keeps ids, version, text and the private flag', () => {
    const post = toPost(readFixture('post_created').post, { baseUrl: 'https://forum.test' })!;
    expect(toIncomingPost(post, 'created')).toEqual({
      forum: 'discourse',
      event: 'created',
      post: {
        id: '1204',
        version: 1,
        text: 'Selling my old bike, write to me at maria.lopez.bikes@gmail.com',
        format: 'markdown',
        author: { id: '42', username: 'maria' },
        url: 'https://forum.test/t/bike-for-sale/311/3',
        isPrivate: false,
        ref: { topicId: 311, postNumber: 3 },
      },
      dedupeOnText: true,
    });
  });

  it('toIncomingPost of a first post scans "<topic_title>\n\n<raw>" and records titleLength', () => {
    const payload = { ...(readFixture('post_created').post as object), post_number: 1 };
    const post = toPost(payload, { baseUrl: 'https://forum.test' })!;
    const incoming = toIncomingPost(post, 'created');
    expect(incoming.post.text).toBe(
      'Bike for sale\n\nSelling my old bike, write to me at maria.lopez.bikes@gmail.com',
    );
    expect(incoming.post.ref).toEqual({ topicId: 311, postNumber: 1, titleLength: 13 });
    expect(incoming.dedupeOnText).toBe(true);
  });

  it('toIncomingPost keeps the title on one line (same length) and leaves replies and deletions alone', () => {
    const first = toPost({ id: 9, post_number: 1, raw: 'b', topic_title: 'a\r\nb' })!;
    expect(toIncomingPost(first, 'edited').post).toMatchObject({
      text: 'a  b\n\nb',
      ref: { titleLength: 4 },
    });
    const reply = toPost(readFixture('post_created').post)!;
    expect(reply.topic.title).toBe('Bike for sale');
    expect(toIncomingPost(reply, 'created').post.ref).not.toHaveProperty('titleLength');
    expect(toIncomingPost(first, 'deleted').post.text).toBe('b');
    const untitled = toPost({ id: 9, post_number: 1, raw: 'b', topic_title: ' ' })!;
    expect(toIncomingPost(untitled, 'created').post.text).toBe('b');
  });

  it('toIncomingPost(post_destroyed fixture, deleted) dedupes on id and version only', () => {
    const post = toPost(readFixture('post_created').post, { baseUrl: 'https://forum.test' })!;
    expect(toIncomingPost(post, 'deleted').dedupeOnText).toBeUndefined();
  });
});

describe('toIncomingQueuedPost', () => {
  it('toIncomingQueuedPost(reviewable_created fixture) is event pending with r<id>, version+1 and the reviewable ref', () => {
    const queued = toQueuedPost(readFixture('reviewable_created').reviewable)!;
    const incoming = toIncomingQueuedPost(queued, 'https://forum.test');
    expect(incoming).toMatchObject({
      forum: 'discourse',
      event: 'pending',
      post: {
        id: 'r77',
        version: 1,
        url: 'https://forum.test/review/77',
        ref: {
          reviewableId: 77,
          reviewableVersion: 0,
          topicId: 311,
          textDigest: toTextDigest(queued.text),
        },
      },
    });
    expect(incoming.post.text).toBe(queued.text);
  });

  it('a queued new topic is scanned with its title', () => {
    const queued = toQueuedPost({
      id: 5,
      type: 'ReviewableQueuedPost',
      status: 0,
      version: 2,
      payload: { raw: 'body', title: 'Call me on the number in the title' },
    })!;
    const incoming = toIncomingQueuedPost(queued, undefined);
    expect(incoming.post.text).toBe('Call me on the number in the title\n\nbody');
    expect(incoming.post.ref?.titleLength).toBe('Call me on the number in the title'.length);
    expect(incoming.post.version).toBe(3);
    expect(incoming.post.url).toBeUndefined();
    expect(incoming.post.ref?.textDigest).toBe(toTextDigest('body'));
  });

  it('toTextDigest is 6 hex characters and changes with the text', () => {
    expect(toTextDigest('hello')).toMatch(/^[0-9a-f]{6}$/);
    expect(toTextDigest('hello')).not.toBe(toTextDigest('hello!'));
  });
});
