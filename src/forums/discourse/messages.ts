import type { Finding, FindingType } from '../../scanner/types.js';

/**
 * Texts leakwatch sends to Discourse: the private message to an author, the moderator flag, and
 * the reason for sending a queued post back. They carry masked values, reason codes and the
 * redacted text only — never a raw value, and never the post's own text.
 */

export interface MessageContext {
  findings: readonly Pick<
    Finding,
    'type' | 'masked' | 'reasons' | 'test' | 'obfuscated' | 'inCode'
  >[];
  /** The post text with every finding replaced by its mask (the scanner's redact()). */
  redactedText?: string;
  /** Link to the post on the forum. */
  postUrl?: string | null;
  /** PRIVACY_URL: the forum's privacy guidance. */
  privacyUrl?: string | null;
  /** Link to the leakwatch review item. */
  reviewUrl?: string | null;
  /** Signed link where the author can answer the warning. */
  respondUrl?: string | null;
  /** The author's username, for the greeting. */
  username?: string | null;
}

const TYPE_LABEL: Record<FindingType, string> = {
  email: 'email address',
  phone: 'phone number',
  card: 'payment card number',
};

// Reason codes the scanner emits (src/scanner/detectors/*), in words for authors. Codes not
// listed here (e.g. `grouped`, `at:word`) add nothing an author needs and are left out.
const REASON_TEXT: Record<string, string> = {
  rfc5322: 'written like an email address',
  rfc6532: 'written like an email address',
  tld: 'with a real domain ending',
  'international-prefix': 'an international phone number',
  'national-format': 'a valid phone number for this region',
  structure: 'grouped like a phone number',
  'context-word': 'next to a word such as "call", "phone" or "email"',
  'context:card': 'next to a word such as "card"',
  luhn: 'passes the payment-card checksum',
  mailto: 'in a mailto: link',
  tel: 'in a tel: link',
  obfuscated: 'written in a disguised form',
  // Added by the scan for a value in the topic title (titled-text.ts), not by the scanner.
  'in-title': 'in the topic title',
};

const BRAND = /^brand:(.+)$/;

function reasonText(code: string): string | undefined {
  const brand = BRAND.exec(code);
  if (brand) return `starts like a ${brand[1]!.replace(/-/g, ' ')} card`;
  return REASON_TEXT[code];
}

/** Longest redacted text quoted back; Discourse's default max_post_length is 32 000. */
const MAX_REDACTED = 20_000;
/** Flag messages are short notes for moderators. */
const MAX_FLAG = 1_000;

function describe(finding: MessageContext['findings'][number]): string {
  const reasons = [...finding.reasons];
  if (finding.obfuscated && !reasons.includes('obfuscated')) reasons.push('obfuscated');
  const why = reasons
    .map(reasonText)
    .filter((text): text is string => text !== undefined)
    .join('; ');
  const extra = finding.test
    ? ' (a well-known test number)'
    : finding.inCode
      ? ' (inside code)'
      : '';
  return `${TYPE_LABEL[finding.type]} \`${finding.masked}\`${extra}${why ? ` — ${why}` : ''}`;
}

/** A fenced block whose fence is longer than any backtick run inside the text. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const body = text.length > MAX_REDACTED ? `${text.slice(0, MAX_REDACTED)}\n…` : text;
  return `${fence}text\n${body}\n${fence}`;
}

function counts(findings: MessageContext['findings']): string {
  const byType = new Map<FindingType, number>();
  for (const f of findings) byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
  return [...byType].map(([type, n]) => `${n} ${TYPE_LABEL[type]}${n === 1 ? '' : 's'}`).join(', ');
}

const WHY =
  'Anything written in a public forum can be read, copied and collected by anyone, including ' +
  'people who send spam or try to defraud. Once it has been copied it cannot be taken back.';

/** Private message to the author of a live post (notify). */
export function buildNotifyMessage(context: MessageContext): { title: string; raw: string } {
  const lines: string[] = [];
  lines.push(context.username ? `Hi @${context.username},` : 'Hi,');
  lines.push('');
  const where = context.postUrl ? `[Your post](${context.postUrl})` : 'Your post';
  lines.push(`${where} contains personal data that anyone can read: ${counts(context.findings)}.`);
  lines.push('');
  for (const finding of context.findings) lines.push(`- ${describe(finding)}`);
  lines.push('');
  lines.push(`**Why it matters:** ${WHY}`);
  lines.push('');
  const inTitle = context.findings.some((f) => f.reasons.includes('in-title'));
  lines.push(
    `Please edit your post${inTitle ? ' (its title too)' : ''} and remove it. If you want someone to contact you, use a private message instead.`,
  );
  if (context.redactedText !== undefined) {
    lines.push('Here is your post with the values masked, ready to paste back:');
    lines.push('');
    lines.push(fenced(context.redactedText));
  }
  if (context.privacyUrl) {
    lines.push('');
    lines.push(`More about keeping your data safe here: ${context.privacyUrl}`);
  }
  if (context.respondUrl) {
    lines.push('');
    lines.push(
      `Not personal data, or it is yours and you want it there? Tell the moderators: ${context.respondUrl}`,
    );
  }
  lines.push('');
  lines.push('_This message was sent automatically by leakwatch._');
  return { title: 'Personal data in your post', raw: lines.join('\n') };
}

/** The note on a notify_moderators flag: counts, masked values, reason codes, review link. */
export function buildFlagMessage(context: MessageContext): string {
  const parts = context.findings.map(
    (f) => `${f.type} ${f.masked} [${f.reasons.join(',')}]${f.test ? ' test' : ''}`,
  );
  let text = `leakwatch: personal data in this post (${counts(context.findings)}): ${parts.join('; ')}.`;
  const review = context.reviewUrl ? ` Review: ${context.reviewUrl}` : '';
  if (text.length + review.length > MAX_FLAG)
    text = `${text.slice(0, MAX_FLAG - review.length - 1)}…`;
  return text + review;
}

/**
 * Parameters for `PUT /review/:id/perform/revise_and_reject_post` (ReviewableQueuedPost
 * .additional_args: revise_reason, revise_custom_reason, revise_feedback). Discourse sends the
 * author a system message built from them.
 */
export function buildRejectParams(context: MessageContext): {
  revise_reason: string;
  revise_custom_reason: string;
  revise_feedback: string;
} {
  const found = context.findings.map(describe).join('; ');
  const feedback: string[] = [];
  feedback.push(WHY);
  feedback.push('');
  if (context.redactedText !== undefined) {
    feedback.push('Your post with the values masked, ready to post again:');
    feedback.push('');
    feedback.push(fenced(context.redactedText));
  }
  if (context.privacyUrl) {
    feedback.push('');
    feedback.push(`More about keeping your data safe: ${context.privacyUrl}`);
  }
  return {
    revise_reason: 'Contains personal data',
    revise_custom_reason: `Your post contains personal data: ${found}.`,
    revise_feedback: feedback.join('\n'),
  };
}

/** The edit reason shown in the post's history after leakwatch masks it (redact). */
export function buildEditReason(context: MessageContext): string {
  return `leakwatch: masked personal data (${counts(context.findings)})`;
}
