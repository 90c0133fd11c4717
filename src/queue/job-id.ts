/** Characters allowed in a job id part; anything else becomes `_` (BullMQ forbids `:`). */
function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 120);
}

/**
 * `<forum>-<postId>-v<version>` (plus `-deleted` for deletions): the same post version always
 * maps to the same id, so redeliveries dedupe. Never contains `:` and never is all digits.
 */
export function toScanJobId(
  forum: string,
  postId: string,
  version: number,
  deleted = false,
): string {
  if (!forum || !/^[A-Za-z][A-Za-z0-9_]*$/.test(forum))
    throw new TypeError(`bad forum name ${forum}`);
  if (!Number.isInteger(version) || version < 1)
    throw new TypeError('version must be an integer ≥ 1');
  return `${forum}-${clean(postId)}-v${version}${deleted ? '-deleted' : ''}`;
}

/** Id of a bot action for a post version, so a retried scan never queues the same action twice. */
export function toActionJobId(scanJobId: string, kind: string, suffix = ''): string {
  return `${scanJobId}-${kind}${suffix ? `-${clean(suffix)}` : ''}`;
}
