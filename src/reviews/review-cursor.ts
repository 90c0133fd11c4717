/** Opaque list cursors: the sort score of the last item returned. */
export function toCursor(score: number): string {
  return Buffer.from(String(score)).toString('base64url');
}

/** The score encoded in a cursor, or undefined when it is not one of ours. */
export function fromCursor(cursor: string): number | undefined {
  const value = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Priority first, then newest: scores are unique because seq is. */
export function toScore(priority: number, seq: number): number {
  return priority * 1e12 + seq;
}
