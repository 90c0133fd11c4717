// The item pane of the review page: excerpt with highlights, findings in plain words, the
// author's answer, the decision form and the audit trail. Builds DOM only from text nodes.
import {
  ANSWER_LABELS,
  TYPE_LABELS,
  authorName,
  explainReason,
  formatAge,
  formatDateTime,
  h,
  highlightSegments,
  toTime,
  whyRisky,
} from '/assets/common.js';

export const DECISIONS = [
  {
    key: 'a',
    decision: 'approve',
    label: 'Approve',
    help: 'False positive: the post stays as it is.',
  },
  { key: 'c', decision: 'confirm', label: 'Confirm', help: 'Real personal data: keep it hidden.' },
  { key: 'r', decision: 'redact', label: 'Redact', help: 'Edit the post to mask the value.' },
  { key: 'd', decision: 'dismiss', label: 'Dismiss', help: 'Close without acting on the post.' },
];

const ACTION_LABELS = {
  open: 'Found',
  created: 'Found',
  reopen: 'Reopened',
  rescan: 'Scanned again',
  resolve: 'Resolved',
  approve: 'Approved',
  confirm: 'Confirmed',
  redact: 'Redacted',
  dismiss: 'Dismissed',
  allow: 'Allowed from now on',
};

const NOUNS = {
  email: ['email address', 'email addresses'],
  phone: ['phone number', 'phone numbers'],
  card: ['card number', 'card numbers'],
};

/** The bot writes counts as `phone:1 email:2`; people read "1 phone number, 2 email addresses". */
function readableNote(note) {
  const counts = String(note)
    .trim()
    .split(/\s+/)
    .map((part) => /^(email|phone|card):(\d+)$/.exec(part));
  if (!counts.every(Boolean)) return note;
  return counts.map(([, type, n]) => n + ' ' + NOUNS[type][Number(n) === 1 ? 0 : 1]).join(', ');
}

function actionLabel(action) {
  const name = String(action || '').replace(/^decision:/, '');
  return ACTION_LABELS[name] || name;
}

/** The author's answer recorded by an audit entry (`respond:<answer>`), if it is one. */
function answerOf(entry) {
  const match = /^respond:(.+)$/.exec(String(entry.action || ''));
  return match ? match[1] : null;
}

function isoTime(value) {
  const time = toTime(value);
  return time === null ? undefined : new Date(time).toISOString();
}

export function seenIn(item, finding) {
  if (Number.isInteger(finding.seenIn)) return finding.seenIn;
  if (Number.isInteger(finding.seenCount)) return finding.seenCount;
  const map = item.seenCount || item.seenCounts;
  if (map && typeof map === 'object' && Number.isInteger(map[finding.fingerprint])) {
    return map[finding.fingerprint];
  }
  return 1;
}

export function authorResponseOf(item) {
  if (item.authorResponse && item.authorResponse.answer) return item.authorResponse;
  const entries = (item.audit || []).filter((entry) => answerOf(entry));
  const entry = entries[entries.length - 1];
  return entry ? { answer: answerOf(entry), at: entry.at } : null;
}

function postLink(item) {
  const post = item.post || {};
  const label =
    'Post ' +
    (post.id !== undefined ? '#' + post.id : '') +
    (post.version ? ' (v' + post.version + ')' : '');
  return post.url
    ? h(
        'a',
        { href: post.url, target: '_blank', rel: 'noopener noreferrer' },
        label.trim(),
        h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'),
      )
    : h('span', {}, label.trim());
}

function renderExcerpt(item) {
  const findings = item.findings || [];
  const parts = highlightSegments(item.excerpt, findings);
  return h(
    'blockquote',
    { class: 'excerpt', 'aria-label': 'Redacted excerpt of the post' },
    parts.map((part) =>
      part.finding === undefined
        ? part.text
        : h(
            'mark',
            {
              class: 'hl',
              title: (TYPE_LABELS[findings[part.finding].type] || '') + ' ' + (part.finding + 1),
            },
            part.text,
            h('sup', { class: 'hl-n', 'aria-hidden': 'true' }, String(part.finding + 1)),
          ),
    ),
  );
}

function renderFindings(item) {
  return h(
    'ol',
    { class: 'findings' },
    (item.findings || []).map((finding) => {
      const seen = seenIn(item, finding);
      return h(
        'li',
        { class: 'finding' },
        h(
          'div',
          { class: 'finding-head' },
          h('span', { class: 'badge type-badge' }, TYPE_LABELS[finding.type] || finding.type),
          h('span', { class: 'masked' }, finding.masked),
          h('span', { class: 'badge sev-' + finding.severity }, finding.severity),
          finding.test ? h('span', { class: 'badge sev-low' }, 'test number') : null,
          seen > 1 ? h('span', { class: 'seen' }, 'seen in ' + seen + ' posts') : null,
        ),
        h('p', { class: 'why' }, whyRisky(finding)),
        h(
          'ul',
          { class: 'reasons' },
          (finding.reasons || []).map((code) =>
            h('li', {}, explainReason(code), ' ', h('code', { class: 'reason-code' }, code)),
          ),
          finding.obfuscated && !(finding.reasons || []).includes('obfuscated')
            ? h('li', {}, explainReason('obfuscated'))
            : null,
          finding.inCode ? h('li', {}, explainReason('code')) : null,
        ),
      );
    }),
  );
}

function renderResponse(item) {
  const response = authorResponseOf(item);
  if (!response) return h('p', { class: 'muted' }, 'The author has not answered.');
  return h(
    'p',
    { class: 'author-response' },
    h('strong', {}, '“' + (ANSWER_LABELS[response.answer] || response.answer) + '”'),
    ' — ' + authorName(item.author) + ', ' + formatAge(response.at),
  );
}

function renderAudit(item) {
  const entries = item.audit || [];
  if (!entries.length) return h('p', { class: 'muted' }, 'No entries yet.');
  return h(
    'ol',
    { class: 'audit' },
    entries.map((entry) => {
      const answer = answerOf(entry);
      return h(
        'li',
        {},
        h('time', { datetime: isoTime(entry.at) }, formatDateTime(entry.at)),
        ' ',
        h('strong', {}, answer ? 'Author answered' : actionLabel(entry.action)),
        entry.by && !answer ? ' by ' + entry.by : '',
        answer ? ': “' + (ANSWER_LABELS[answer] || answer) + '”' : '',
        entry.note && entry.note !== answer ? ' — ' + readableNote(entry.note) : '',
      );
    }),
  );
}

function renderDecisionForm(item, { onDecide, busy, shortcuts = true }) {
  const open = item.status === 'open';
  const form = h('form', {
    class: 'decision',
    'aria-label': 'Decision',
    onsubmit: (event) => event.preventDefault(),
  });
  if (!open) {
    const by = item.decidedBy ? ' by ' + item.decidedBy : '';
    form.append(
      h(
        'p',
        { class: 'decided' },
        h('strong', {}, item.status.charAt(0).toUpperCase() + item.status.slice(1) + by + '.'),
        item.decidedBy ? ' leakwatch never overrides a moderator’s decision.' : '',
      ),
    );
    return form;
  }
  const note = h('textarea', { id: 'decision-note', name: 'note', rows: 2, maxlength: 500 });
  const allow = h('input', { type: 'checkbox', id: 'decision-allow', name: 'allowFingerprint' });
  form.append(
    h('label', { for: 'decision-note' }, 'Note ', h('span', { class: 'muted' }, '(optional)')),
    note,
    h(
      'label',
      { class: 'inline', for: 'decision-allow' },
      allow,
      h(
        'span',
        {},
        'Allow this value from now on ',
        h('span', { class: 'muted' }, '(with Approve)'),
      ),
    ),
    h(
      'div',
      { class: 'decision-buttons' },
      DECISIONS.map((d) =>
        h(
          'button',
          {
            type: 'button',
            class: 'btn decision-' + d.decision,
            'data-decision': d.decision,
            'aria-keyshortcuts': shortcuts ? d.key : undefined,
            title: d.help,
            disabled: busy,
            onclick: () => onDecide(d.decision),
          },
          d.label,
          h('kbd', { 'aria-hidden': 'true' }, d.key),
        ),
      ),
    ),
    h(
      'ul',
      { class: 'decision-help' },
      DECISIONS.map((d) => h('li', {}, h('strong', {}, d.label), ': ' + d.help)),
    ),
  );
  return form;
}

const BOT_ACTIONS = {
  warned: 'author warned',
  flagged: 'flagged',
  hidden: 'post hidden',
  held: 'held for approval',
  rejected: 'rejected',
};

function botActions(item) {
  const done = Object.entries(item.actions || {})
    .filter(([, on]) => on)
    .map(([name]) => BOT_ACTIONS[name] || name);
  return done.length ? ' · leakwatch: ' + done.join(', ') : '';
}

/** Replace the pane's content with the item. */
export function renderDetail(pane, item, options) {
  const created = item.createdAt;
  pane.replaceChildren(
    h(
      'div',
      { class: 'detail-head' },
      h('button', { type: 'button', class: 'btn back', onclick: options.onBack }, '← Queue'),
      h('h2', { id: 'detail-title', class: 'pane-title' }, 'Post by ' + authorName(item.author)),
      h('span', { class: 'badge status status-' + item.status }, item.status),
    ),
    h(
      'p',
      { class: 'meta' },
      postLink(item),
      item.forum ? ' · ' + item.forum : '',
      ' · found ',
      h('time', { title: formatDateTime(created) }, formatAge(created)),
      botActions(item),
    ),
    h('h3', {}, 'What was found'),
    renderExcerpt(item),
    renderFindings(item),
    h('h3', {}, 'Author’s answer'),
    renderResponse(item),
    h('h3', {}, 'Decision'),
    renderDecisionForm(item, options),
    h('h3', {}, 'Audit trail'),
    renderAudit(item),
  );
}
