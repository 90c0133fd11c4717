import { decryptText, encryptText } from '../crypto.js';
import type {
  ActionInput,
  ActionKind,
  ForumRef,
  IncomingPost,
  PostAuthor,
  PostEvent,
  PostRef,
} from '../forums/types.js';
import type { Finding, TextFormat } from '../scanner/types.js';

/** Scan job payload: everything but the text is ids and flags; the text is AES-256-GCM encrypted. */
export interface ScanJobData {
  v: 1;
  forum: string;
  event: PostEvent;
  post: {
    id: string;
    version: number;
    format: TextFormat;
    author: PostAuthor;
    url?: string;
    region?: string;
    isPrivate?: boolean;
    ref?: ForumRef;
  };
  /** encryptText(payloadKey, text, jobId) */
  text: string;
  receivedAt: number;
}

export function toScanJobData(
  input: IncomingPost,
  payloadKey: Uint8Array,
  jobId: string,
  now = Date.now(),
): ScanJobData {
  const { text, ...post } = input.post;
  return {
    v: 1,
    forum: input.forum,
    event: input.event,
    post: dropUndefined(post),
    text: encryptText(payloadKey, text, jobId),
    receivedAt: now,
  };
}

export function readScanText(data: ScanJobData, payloadKey: Uint8Array, jobId: string): string {
  return decryptText(payloadKey, data.text, jobId);
}

/** Action job payload; `redacted` (post text with masks) is encrypted too. */
export interface ActionJobData {
  v: 1;
  forum: string;
  kind: ActionKind;
  post: PostRef;
  author: PostAuthor;
  findings: Finding[];
  reasons: string[];
  reviewId?: string;
  redacted?: string;
}

export function toActionJobData(
  kind: ActionKind,
  input: Omit<ActionInput, 'reviewUrl' | 'respondUrl'>,
  payloadKey: Uint8Array,
): ActionJobData {
  return dropUndefined({
    v: 1 as const,
    forum: input.forum,
    kind,
    post: input.post,
    author: input.author,
    findings: input.findings,
    reasons: input.reasons,
    reviewId: input.reviewId,
    redacted:
      input.redacted === undefined
        ? undefined
        : encryptText(payloadKey, input.redacted, 'redacted'),
  });
}

export function readActionRedacted(
  data: ActionJobData,
  payloadKey: Uint8Array,
): string | undefined {
  return data.redacted === undefined
    ? undefined
    : decryptText(payloadKey, data.redacted, 'redacted');
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
