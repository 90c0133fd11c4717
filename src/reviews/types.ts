import type { ActionKind, ForumRef, PostAuthor } from '../forums/types.js';
import type { ActionJobData } from '../queue/job-data.js';
import type { Finding, FindingType, Severity } from '../scanner/types.js';

export const REVIEW_STATUSES = [
  'open',
  'approved',
  'confirmed',
  'redacted',
  'dismissed',
  'resolved',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const DECISIONS = ['approve', 'confirm', 'redact', 'dismiss'] as const;
export type Decision = (typeof DECISIONS)[number];
export const AUTHOR_ANSWERS = ['edited', 'not_personal', 'consent'] as const;
export type AuthorAnswer = (typeof AUTHOR_ANSWERS)[number];

export interface AuditEntry {
  at: string;
  /** `leakwatch`, a moderator name, or `author`. */
  by: string;
  action: string;
  note?: string;
}

/** What the bot has already done to a post, so it never does it twice. */
export interface BotState {
  /** Fingerprints the author has been warned about. */
  warned: string[];
  /** Fingerprints already redacted on the forum. */
  redactedFingerprints: string[];
  flagged: boolean;
  hidden: boolean;
  /** A pending post waiting for a moderator (POLICY_PENDING=hold). */
  held: boolean;
  rejected: boolean;
}

/** An action job waiting to be queued; kept in the item until queued so a crash loses none. */
export interface OutboxEntry {
  jobId: string;
  data: ActionJobData;
}

export interface ReviewItem {
  id: string;
  forum: string;
  post: { id: string; version: number; url?: string; ref?: ForumRef };
  author: PostAuthor;
  status: ReviewStatus;
  /** The post was held for approval when it was scanned. */
  pending: boolean;
  isPrivate: boolean;
  /** Masked findings; `seenIn` = number of posts with the same fingerprint (filled on read). */
  findings: Array<Finding & { seenIn?: number }>;
  /** Redacted excerpt around the first finding. */
  excerpt: string;
  createdAt: string;
  updatedAt: string;
  /** Higher first in lists (an author said "not personal data"). */
  priority: number;
  authorResponse?: { answer: AuthorAnswer; at: string };
  /** Name of the moderator whose decision stands; the bot never overrides it. */
  decidedBy?: string;
  audit: AuditEntry[];
  bot: BotState;
  /** Internal; never returned by the API. */
  seq: number;
  outbox: OutboxEntry[];
}

export type PublicReviewItem = Omit<ReviewItem, 'seq' | 'outbox' | 'bot'> & {
  actions: { warned: boolean; flagged: boolean; hidden: boolean; held: boolean; rejected: boolean };
};

export interface ListFilter {
  status?: ReviewStatus;
  type?: FindingType;
  severity?: Severity;
  author?: string;
  cursor?: string;
  limit?: number;
}

export interface ListResult {
  items: ReviewItem[];
  nextCursor: string | null;
}

export interface ReviewCounts {
  status: Record<ReviewStatus, number>;
  type: Record<FindingType, number>;
  severity: Record<Severity, number>;
}

/** Result of a planning function: the new item (or undefined to leave it) and actions to queue. */
export interface Plan<T = undefined> {
  item?: ReviewItem;
  actions?: OutboxEntry[];
  result?: T;
}

export type ActionPlanKind = ActionKind;
