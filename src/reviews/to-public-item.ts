import type { PublicReviewItem, ReviewItem } from './types.js';

/** The API view: internal bookkeeping (sequence, outbox, bot state) stays inside. */
export function toPublicItem(item: ReviewItem): PublicReviewItem {
  const { seq: _seq, outbox: _outbox, bot, ...rest } = item;
  return {
    ...rest,
    actions: {
      warned: bot.warned.length > 0,
      flagged: bot.flagged,
      hidden: bot.hidden,
      held: bot.held,
      rejected: bot.rejected,
    },
  };
}
