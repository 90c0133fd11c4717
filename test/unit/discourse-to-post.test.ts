import { describe, expect, it } from 'vitest';
import { toPost } from '../../src/forums/discourse/to-post.js';
import { toQueuedPost, toReviewableStatus } from '../../src/forums/discourse/to-queued-post.js';
import { readFixture } from '../fixtures/discourse/deliveries.js';

describe('toPost', () => {
  it('toPost(post_created fixture) normalises id, version, raw, author, topic and url', () => {
    const post = toPost(readFixture('post_created').post, { baseUrl: 'https://forum.test/' });
    expect(post).toEqual({
      id: 1204,
      version: 1,
      text: 'Selling my old bike, write to me at maria.lopez.bikes@gmail.com',
      format: 'markdown',
      author: { id: 42, username: 'maria' },
      topic: { id: 311, title: 'Bike for sale', slug: 'bike-for-sale', archetype: 'regular' },
      postNumber: 3,
      url: 'https://forum.test/t/bike-for-sale/311/3',
      hidden: false,
      deleted: false,
      isPrivate: false,
    });
  });

  it('toPost falls back to cooked HTML when raw is absent', () => {
    const post = toPost(readFixture('post_created_cooked_only').post)!;
    expect(post.format).toBe('html');
    expect(post.text).toContain('<a href="mailto:');
    expect(post.url).toBeNull();
  });

  it('toPost marks private messages and deleted posts', () => {
    expect(toPost(readFixture('post_created_private_message').post)!.isPrivate).toBe(true);
    expect(toPost(readFixture('post_destroyed').post)!.deleted).toBe(true);
    expect(toPost(readFixture('post_edited').post)!.version).toBe(2);
  });

  it('toPost uses the /p/:id short link without topic data', () => {
    expect(toPost({ id: 9, raw: 'x' }, { baseUrl: 'https://forum.test' })!.url).toBe(
      'https://forum.test/p/9',
    );
  });

  it('toPost returns null for payloads that are not posts', () => {
    for (const payload of [null, undefined, 'post', {}, { id: '12' }, { id: -1 }, { id: 1.5 }]) {
      expect(toPost(payload)).toBeNull();
    }
  });
});

describe('toQueuedPost', () => {
  it('toQueuedPost(reviewable_created fixture) reads id, version, status, raw and author', () => {
    expect(toQueuedPost(readFixture('reviewable_created').reviewable)).toEqual({
      reviewableId: 77,
      version: 0,
      status: 'pending',
      text: 'Pay me on 4539 1488 0343 6467 exp 04/29 and I ship tomorrow',
      format: 'markdown',
      title: null,
      archetype: 'regular',
      isPrivate: false,
      topicId: 311,
      categoryId: 4,
      authorId: 57,
      url: '/t/bike-for-sale/311',
    });
  });

  it('toQueuedPost returns null for other reviewable types', () => {
    expect(toQueuedPost(readFixture('reviewable_created_flagged_post').reviewable)).toBeNull();
    expect(toQueuedPost({ type: 'ReviewableQueuedPost', id: 1 })).toBeNull();
  });

  it('toReviewableStatus accepts ids and names', () => {
    expect([0, 1, 2, 3, 4, 9].map(toReviewableStatus)).toEqual([
      'pending',
      'approved',
      'rejected',
      'ignored',
      'deleted',
      'unknown',
    ]);
    expect(toReviewableStatus('approved')).toBe('approved');
    expect(toReviewableStatus('weird')).toBe('unknown');
  });
});
