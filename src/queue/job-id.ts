import { createHmac } from 'node:crypto';

/** Characters allowed in a job id part; anything else becomes `_` (BullMQ forbids `:`). */
function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 120);
}

/**
 * `<forum>-<postId>-v<version>` (plus `-deleted` for deletions, or `-t<digest>` for forums whose
 * versions do not change on every edit): the same post version always maps to the same id, so
 * redeliveries dedupe. Never contains `:` and never is all digits.
 */
export function toScanJobId(
  forum: string,
  postId: string,
  version: number,
  deleted = false,
  textDigest?: string,
): string {
  if (!forum || !/^[A-Za-z][A-Za-z0-9_]*$/.test(forum)) {
    throw new TypeError(`bad forum name ${forum}`);
  }
  if (!Number.isInteger(version) || version < 1) {
    throw new TypeError('version must be an integer ≥ 1');
  }
  const suffix = deleted ? '-deleted' : textDigest ? `-t${clean(textDigest)}` : '';
  return `${forum}-${clean(postId)}-v${version}${suffix}`;
}

/** A short keyed digest of a post text for job ids: tells texts apart without revealing them. */
export function toTextDigest(key: Uint8Array, text: string): string {
  return createHmac('sha256', key).update('job-id\0').update(text).digest('hex').slice(0, 12);
}

/** Id of a bot action for a post version, so a retried scan never queues the same action twice. */
export function toActionJobId(scanJobId: string, kind: string, suffix = ''): string {
  return `${scanJobId}-${kind}${suffix ? `-${clean(suffix)}` : ''}`;
}
