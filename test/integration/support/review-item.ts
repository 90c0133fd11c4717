import { emptyBotState } from '../../../src/actions/plan-scan.js';
import type { ReviewItem } from '../../../src/reviews/types.js';

/** An open review item of the generic forum for tests that write to the review store directly. */
export function openReviewItem(
  slot: { id: string; seq: number },
  fields: Pick<ReviewItem, 'post' | 'author' | 'findings'> & { at: Date },
): ReviewItem {
  const at = fields.at.toISOString();
  return {
    id: slot.id,
    seq: slot.seq,
    forum: 'generic',
    post: fields.post,
    author: fields.author,
    status: 'open',
    pending: false,
    isPrivate: false,
    findings: fields.findings,
    excerpt: '',
    createdAt: at,
    updatedAt: at,
    priority: 0,
    audit: [],
    bot: emptyBotState(),
    outbox: [],
  };
}
