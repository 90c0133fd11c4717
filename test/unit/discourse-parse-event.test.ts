import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/forums/discourse/parse-event.js';
import { fixtureDelivery, type FixtureName } from '../fixtures/discourse/deliveries.js';

function parseFixture(name: FixtureName, eventName?: string) {
  const delivery = fixtureDelivery(name, { eventName });
  // Node hands handlers lower-case header names.
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return parseEvent(headers, JSON.parse(delivery.body));
}

describe('parseEvent', () => {
  it.each([
    ['ping', undefined, 'ping'],
    ['post_created', undefined, 'post_created'],
    ['post_edited', undefined, 'post_edited'],
    ['post_destroyed', undefined, 'post_destroyed'],
    ['post_created_private_message', undefined, 'post_created'],
    ['reviewable_created', undefined, 'reviewable_created'],
    ['reviewable_transitioned_to', 'reviewable_transitioned_to', 'reviewable_updated'],
    ['reviewable_created', 'reviewable_score_updated', 'reviewable_updated'],
    ['reviewable_created_flagged_post', 'reviewable_created', 'other'],
    ['topic_created', undefined, 'other'],
    ['topic_created', 'topic_edited', 'topic_edited'],
    ['post_edited', 'topic_edited', 'other'],
    ['post_created', 'post_recovered', 'other'],
  ] as const)('parseEvent(%s fixture, X-Discourse-Event %s) is %s', (fixture, name, kind) => {
    expect(parseFixture(fixture, name).kind).toBe(kind);
  });

  it('parseEvent reads type, name, event id and instance from the headers', () => {
    const event = parseEvent(
      {
        'x-discourse-event-type': 'post',
        'x-discourse-event': 'post_edited',
        'x-discourse-event-id': '981',
        'x-discourse-instance': 'https://forum.test',
      },
      { post: { id: 5 } },
    );
    expect(event).toEqual({
      kind: 'post_edited',
      type: 'post',
      name: 'post_edited',
      eventId: '981',
      instance: 'https://forum.test',
      payload: { id: 5 },
    });
  });

  it('parseEvent falls back to the body key when X-Discourse-Event-Type is missing', () => {
    const event = parseEvent({ 'x-discourse-event': 'post_created' }, { post: { id: 5 } });
    expect(event.kind).toBe('post_created');
    expect(event.type).toBe('post');
  });

  it('parseEvent never throws on odd bodies', () => {
    for (const body of [null, 42, 'text', [], { post: null }, { post: 'x' }]) {
      expect(
        parseEvent({ 'x-discourse-event-type': 'post', 'x-discourse-event': 'post_created' }, body)
          .kind,
      ).toBe('other');
    }
  });
});
