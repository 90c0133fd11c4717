import type { ActionKind, PostAuthor, PostRef } from '../forums/types.js';
import { toActionJobId } from '../queue/job-id.js';
import { toActionJobData } from '../queue/job-data.js';
import type { MakeAction } from './plan-scan.js';

/** Actions that carry the redacted post text to the forum. */
const NEEDS_TEXT = new Set<ActionKind>(['redact', 'reject', 'notify']);

export interface MakeActionContext {
  forum: string;
  post: PostRef;
  author: PostAuthor;
  payloadKey: Uint8Array;
  /** Job id base: the scan job id, or `<scan id>-d<n>` for a moderator's n-th audit entry. */
  jobIdBase: string;
  redacted?: string;
}

export function createMakeAction(ctx: MakeActionContext): MakeAction {
  return (kind, findings, reasons, item) => ({
    jobId: toActionJobId(ctx.jobIdBase, kind),
    data: toActionJobData(
      kind,
      {
        forum: ctx.forum,
        post: item?.post ?? ctx.post,
        author: item?.author ?? ctx.author,
        findings,
        reasons,
        reviewId: item?.id,
        redacted: NEEDS_TEXT.has(kind) ? ctx.redacted : undefined,
      },
      ctx.payloadKey,
    ),
  });
}
