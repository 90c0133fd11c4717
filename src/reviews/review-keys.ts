/** Every review-store key lives under `<prefix>:rv:`. */
export function createReviewKeys(prefix: string) {
  const base = `${prefix}:rv`;
  return {
    item: (id: string) => `${base}:item:${id}`,
    redacted: (id: string) => `${base}:redacted:${id}`,
    post: (forum: string, postId: string) => `${base}:post:${forum}:${postId}`,
    lock: (forum: string, postId: string) => `${base}:lock:${forum}:${postId}`,
    seq: `${base}:seq`,
    all: `${base}:idx:all`,
    status: (s: string) => `${base}:idx:status:${s}`,
    type: (t: string) => `${base}:idx:type:${t}`,
    severity: (s: string) => `${base}:idx:severity:${s}`,
    author: (a: string) => `${base}:idx:author:${a.toLowerCase()}`,
    closed: `${base}:closed`,
    /** Items whose outbox holds actions not yet queued, scored by when that began. */
    outbox: `${base}:outbox`,
    fingerprint: (fp: string) => `${base}:fp:${fp}`,
    allowed: `${prefix}:allow:fp`,
  };
}

export type ReviewKeys = ReturnType<typeof createReviewKeys>;
