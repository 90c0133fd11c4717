import { describe, expect, it } from 'vitest';
import { isInTitle, joinTitle, readTitleLength, splitTitle } from '../../src/forums/titled-text.js';

describe('titled text (a Discourse first post or queued topic scanned with its title)', () => {
  it('joinTitle("Call 07911 123456", body) is title, blank line, body with titleLength 17', () => {
    expect(joinTitle('Call 07911 123456', 'body')).toEqual({
      text: 'Call 07911 123456\n\nbody',
      titleLength: 17,
    });
  });

  it('joinTitle replaces line breaks in the title with spaces, so no offset moves', () => {
    expect(joinTitle('a\nb\r\nc', 'x')).toEqual({ text: 'a b  c\n\nx', titleLength: 6 });
  });

  it('joinTitle without a title is null', () => {
    for (const title of [null, undefined, '', '   ']) expect(joinTitle(title, 'x')).toBeNull();
  });

  it('splitTitle(redacted) splits at the first blank line, which is the separator', () => {
    expect(splitTitle('Call ••••• •••456\n\nline 1\n\nline 2')).toEqual({
      title: 'Call ••••• •••456',
      body: 'line 1\n\nline 2',
    });
    expect(splitTitle('Title\n\n')).toEqual({ title: 'Title', body: '' });
    expect(splitTitle('no separator')).toBeNull();
  });

  it('splitTitle(joinTitle(t, b).text) gives the one-line title and the body back', () => {
    const joined = joinTitle('Two\nlines', 'Body\n\nmore')!;
    expect(splitTitle(joined.text)).toEqual({ title: 'Two lines', body: 'Body\n\nmore' });
  });

  it('readTitleLength takes a positive integer from ref.titleLength only', () => {
    expect(readTitleLength({ titleLength: 12 })).toBe(12);
    expect(readTitleLength(undefined)).toBeUndefined();
    for (const value of [0, -1, 1.5, '12', true]) {
      expect(readTitleLength({ titleLength: value })).toBeUndefined();
    }
  });

  it('isInTitle(finding, titleLength) is true for a finding starting before the title ends', () => {
    expect(isInTitle({ start: 16 }, 17)).toBe(true);
    expect(isInTitle({ start: 17 }, 17)).toBe(false);
    expect(isInTitle({ start: 0 }, undefined)).toBe(false);
  });
});
