import type { ForumRef } from './types.js';

/**
 * A post that publishes a title with its body (a Discourse topic's first post, a queued new topic)
 * is scanned as one text: the title, a blank line, the body. The post's `ref.titleLength` says
 * where the title ends, so a finding with `start < titleLength` is in the title, and its offsets
 * stay plain UTF-16 indices into the one text the scanner saw (the excerpt, the redacted text and
 * the offsets all agree). Line breaks inside the title become spaces (same length, so no offset
 * moves): the first blank line of the text, and of its redacted form, is then the separator.
 */
export const TITLE_SEPARATOR = '\n\n';

/** The ref key that carries the title's length (a number: never text). */
export const TITLE_LENGTH_REF = 'titleLength';

export interface TitledText {
  text: string;
  titleLength: number;
}

/** `title` + blank line + `body`; null when there is no title to scan. */
export function joinTitle(title: string | null | undefined, body: string): TitledText | null {
  if (typeof title !== 'string' || title.trim() === '') return null;
  const oneLine = title.replace(/[\r\n]/g, ' ');
  return { text: `${oneLine}${TITLE_SEPARATOR}${body}`, titleLength: oneLine.length };
}

/** The title length a post's ref carries, or undefined for a post without a title. */
export function readTitleLength(ref: ForumRef | undefined): number | undefined {
  const value = ref?.[TITLE_LENGTH_REF];
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** Whether a finding (offsets into the joined text) lies in the title. */
export function isInTitle(finding: { start: number }, titleLength: number | undefined): boolean {
  return titleLength !== undefined && finding.start < titleLength;
}

/**
 * Splits a joined text, or its redacted form (masks never hold a line break when the value had
 * none), back into title and body at the first blank line. Null when there is none.
 */
export function splitTitle(text: string): { title: string; body: string } | null {
  const at = text.indexOf(TITLE_SEPARATOR);
  if (at < 0) return null;
  return { title: text.slice(0, at), body: text.slice(at + TITLE_SEPARATOR.length) };
}
