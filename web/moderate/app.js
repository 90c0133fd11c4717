// The moderator review page: sign in with a token, the queue with counts and filters, the
// selected item, decisions with keyboard shortcuts, and polling for new items.
import { TYPE_LABELS, authorName, formatAge, h, requestJson } from '/assets/common.js';
import { DECISIONS, authorResponseOf, renderDetail, seenIn } from '/moderate/detail.js';

const TOKEN_KEY = 'leakwatch.moderatorToken';
const SHORTCUTS_KEY = 'leakwatch.shortcuts';
const POLL_MS = Number(document.documentElement.dataset.pollMs) || 4000;
const PAGE_SIZE = 50;
const DONE = {
  approve: 'Approved',
  confirm: 'Confirmed',
  redact: 'Redacted',
  dismiss: 'Dismissed',
};

const ANSWER_SHORT = {
  edited: 'author says it is edited',
  not_personal: 'author says: not personal data',
  consent: 'author wants it public',
};

const $ = (id) => document.getElementById(id);
const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  items: [],
  nextCursor: null,
  selectedId: null,
  // After a decision the decided item leaves the open list; j/k continue from its old place.
  gapIndex: null,
  detail: null,
  busy: false,
  pollTimer: null,
  refreshSeq: 0,
  seenIds: new Set(),
  // Single-key shortcuts can be turned off (WCAG 2.1.4), e.g. for speech input; remembered.
  shortcuts: readShortcutsSetting(),
};

function readShortcutsSetting() {
  try {
    return window.localStorage.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    return true;
  }
}

function setShortcuts(on) {
  state.shortcuts = on;
  document.body.classList.toggle('shortcuts-off', !on);
  try {
    if (on) window.localStorage.removeItem(SHORTCUTS_KEY);
    else window.localStorage.setItem(SHORTCUTS_KEY, 'off');
  } catch {
    // Storage refused: the setting lasts for this page only.
  }
  if (state.detail) paintDetail(state.detail);
}

function filters() {
  const form = $('filters');
  const params = new URLSearchParams();
  for (const name of ['status', 'type', 'severity', 'author']) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function api(path, options = {}) {
  return requestJson(path, { ...options, token: state.token }).catch((error) => {
    if (error.status === 401 || error.status === 403)
      signOut('Your token was not accepted any more. Sign in again.');
    throw error;
  });
}

function announce(text) {
  $('announcer').textContent = text;
}

let toastTimer = null;
function toast(text, kind = 'ok') {
  const node = $('toast');
  node.textContent = text;
  node.className = 'toast toast-' + kind;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (node.hidden = true), 4000);
}

// ---- sign in / out ----------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const input = $('token');
  const error = $('sign-in-error');
  const token = input.value.trim();
  error.hidden = true;
  if (!token) {
    error.textContent = 'Enter your moderator token.';
    error.hidden = false;
    input.focus();
    return;
  }
  try {
    await requestJson('/v1/reviews?limit=1', { token });
  } catch (failure) {
    error.textContent =
      failure.status === 401 || failure.status === 403
        ? 'That token was not accepted. Check it and try again, or ask your leakwatch administrator for a new one.'
        : failure.message;
    error.hidden = false;
    input.select();
    input.focus();
    return;
  }
  input.value = '';
  sessionStorage.setItem(TOKEN_KEY, token);
  state.token = token;
  showQueue();
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  clearInterval(state.pollTimer);
  state.pollTimer = null;
  $('queue-view').hidden = true;
  $('sign-out').hidden = true;
  $('poll-status').hidden = true;
  $('sign-in').hidden = false;
  const error = $('sign-in-error');
  error.textContent = message || '';
  error.hidden = !message;
  $('token').focus();
}

function showQueue() {
  $('sign-in').hidden = true;
  $('queue-view').hidden = false;
  $('sign-out').hidden = false;
  state.seenIds = new Set();
  refresh({ reset: true });
  clearInterval(state.pollTimer);
  state.pollTimer = setInterval(() => refresh({ poll: true }), POLL_MS);
}

// ---- the list ---------------------------------------------------------------------------

async function refresh({ reset = false, poll = false } = {}) {
  if (!state.token) return;
  // A poll that started before a filter change must not paint the old filter's list over it.
  const mine = ++state.refreshSeq;
  const params = filters();
  params.set('limit', String(PAGE_SIZE));
  let page;
  try {
    page = await api('/v1/reviews?' + params);
  } catch (error) {
    if (!state.token || mine !== state.refreshSeq) return;
    showListError(error.message);
    return;
  }
  if (mine !== state.refreshSeq) return;
  showListError('');
  const items = page.items || [];
  const fresh = poll ? items.filter((item) => !state.seenIds.has(item.id)) : [];
  items.forEach((item) => state.seenIds.add(item.id));
  if (reset || poll) {
    // Keep pages loaded with "Load more" beyond the first one.
    const firstIds = new Set(items.map((item) => item.id));
    const rest = poll ? state.items.slice(PAGE_SIZE).filter((item) => !firstIds.has(item.id)) : [];
    state.items = items.concat(rest);
    if (!poll || state.items.length <= PAGE_SIZE) state.nextCursor = page.nextCursor || null;
  }
  renderCounts(page.counts);
  renderList(new Set(fresh.map((item) => item.id)));
  $('poll-status').hidden = false;
  $('poll-status').textContent = 'Updated ' + new Date().toLocaleTimeString();
  if (fresh.length) {
    announce(
      fresh.length === 1 ? '1 new item in the queue.' : fresh.length + ' new items in the queue.',
    );
  }
  const selected = state.items.find((item) => item.id === state.selectedId);
  if (poll && selected && state.detail && selected.updatedAt !== state.detail.updatedAt) {
    loadDetail(selected.id, { focus: false });
  }
}

async function loadMore() {
  if (!state.nextCursor) return;
  const params = filters();
  params.set('limit', String(PAGE_SIZE));
  params.set('cursor', state.nextCursor);
  try {
    const seq = state.refreshSeq;
    const page = await api('/v1/reviews?' + params);
    if (seq !== state.refreshSeq) return;
    const known = new Set(state.items.map((item) => item.id));
    const more = (page.items || []).filter((item) => !known.has(item.id));
    more.forEach((item) => state.seenIds.add(item.id));
    state.items = state.items.concat(more);
    state.nextCursor = page.nextCursor || null;
    renderList(new Set());
  } catch (error) {
    showListError(error.message);
  }
}

function showListError(message) {
  const node = $('list-error');
  node.textContent = message;
  node.hidden = !message;
}

function countsFrom(counts) {
  if (counts) return { ...counts, scope: 'all' };
  // The service did not send totals: count what is loaded, and say so.
  const tally = { status: {}, type: {}, severity: {}, scope: 'list' };
  for (const item of state.items) {
    tally.status[item.status] = (tally.status[item.status] || 0) + 1;
    for (const type of new Set((item.findings || []).map((f) => f.type))) {
      tally.type[type] = (tally.type[type] || 0) + 1;
    }
    const severity = topSeverity(item);
    if (severity) tally.severity[severity] = (tally.severity[severity] || 0) + 1;
  }
  return tally;
}

function renderCounts(counts) {
  const tally = countsFrom(counts);
  const groups = [
    [
      'counts-status',
      'Status',
      tally.status || {},
      ['open', 'approved', 'confirmed', 'redacted', 'dismissed', 'resolved'],
    ],
    ['counts-type', 'Type', tally.type || {}, ['email', 'phone', 'card']],
    ['counts-severity', 'Severity', tally.severity || {}, ['high', 'medium', 'low']],
  ];
  for (const [id, title, values, order] of groups) {
    const keys = order
      .filter((key) => values[key])
      .concat(Object.keys(values).filter((k) => !order.includes(k)));
    $(id).replaceChildren(
      h('dt', {}, title + (tally.scope === 'list' ? ' (listed)' : '')),
      ...(keys.length
        ? keys.map((key) =>
            h(
              'dd',
              { 'data-count': key },
              h('span', { class: 'count-key' }, key),
              ' ',
              h('strong', {}, String(values[key])),
            ),
          )
        : [h('dd', { class: 'muted' }, 'none')]),
    );
  }
}

const SEVERITY_RANK = { high: 3, medium: 2, low: 1 };
function topSeverity(item) {
  let best = null;
  for (const finding of item.findings || []) {
    if (!best || (SEVERITY_RANK[finding.severity] || 0) > (SEVERITY_RANK[best] || 0))
      best = finding.severity;
  }
  return best;
}

function renderRow(item, isNew) {
  const types = [...new Set((item.findings || []).map((f) => f.type))];
  const severity = topSeverity(item);
  const seen = Math.max(1, ...(item.findings || []).map((f) => seenIn(item, f)));
  const response = authorResponseOf(item);
  const selected = item.id === state.selectedId;
  const post = item.post || {};
  return h(
    'li',
    {
      class: 'row' + (selected ? ' is-selected' : '') + (isNew ? ' is-new' : ''),
      'data-id': item.id,
    },
    h(
      'button',
      {
        type: 'button',
        class: 'row-select',
        'aria-current': selected ? 'true' : undefined,
        onclick: () => select(item.id),
      },
      h('span', { class: 'row-author' }, authorName(item.author)),
      h(
        'span',
        { class: 'row-badges' },
        types.map((type) => h('span', { class: 'badge type-badge' }, TYPE_LABELS[type] || type)),
        severity ? h('span', { class: 'badge sev-' + severity }, severity) : null,
        item.status !== 'open'
          ? h('span', { class: 'badge status status-' + item.status }, item.status)
          : null,
      ),
      h(
        'span',
        { class: 'row-meta' },
        formatAge(item.createdAt),
        seen > 1 ? h('span', { class: 'seen' }, ' · seen in ' + seen + ' posts') : null,
        response
          ? h(
              'span',
              { class: 'answered' },
              ' · ' + (ANSWER_SHORT[response.answer] || 'author answered'),
            )
          : null,
      ),
    ),
    post.url
      ? h(
          'a',
          { class: 'row-post', href: post.url, target: '_blank', rel: 'noopener noreferrer' },
          'post #' + post.id,
          h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'),
        )
      : h('span', { class: 'row-post' }, 'post #' + post.id),
  );
}

function renderList(freshIds) {
  const list = $('items');
  // The list is rebuilt on every poll: a keyboard user keeps their place in it.
  const active = document.activeElement;
  const row = active && list.contains(active) ? active.closest('.row') : null;
  const kept = row
    ? {
        id: row.dataset.id,
        index: Array.prototype.indexOf.call(list.children, row),
        part: active.classList.contains('row-post') ? '.row-post' : '.row-select',
      }
    : null;
  list.replaceChildren(...state.items.map((item) => renderRow(item, freshIds.has(item.id))));
  if (kept && !list.contains(document.activeElement)) {
    const rows = list.children;
    const same = Array.prototype.find.call(rows, (node) => node.dataset.id === kept.id);
    // Its item left the list (decided): the item that took its place.
    const target = same || rows[Math.min(kept.index, rows.length - 1)];
    const focusable =
      target && (target.querySelector(kept.part) || target.querySelector('.row-select'));
    if (focusable && focusable.matches('a, button')) focusable.focus({ preventScroll: true });
    else $('list-title').focus({ preventScroll: true });
  }
  $('empty').hidden = state.items.length > 0;
  $('load-more').hidden = !state.nextCursor;
  const status = $('filters').elements.status.value;
  $('list-title').textContent =
    (status ? status.charAt(0).toUpperCase() + status.slice(1) + ' items' : 'All items') +
    ' (' +
    state.items.length +
    (state.nextCursor ? '+' : '') +
    ')';
}

// ---- the selected item ------------------------------------------------------------------

function select(id, { focus = true } = {}) {
  state.selectedId = id;
  state.gapIndex = null;
  for (const row of $('items').children) {
    const on = row.dataset.id === id;
    row.classList.toggle('is-selected', on);
    const button = row.querySelector('.row-select');
    if (on) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    if (on) row.scrollIntoView({ block: 'nearest' });
  }
  loadDetail(id, { focus });
}

async function loadDetail(id, { focus = true } = {}) {
  const pane = $('detail');
  let item;
  try {
    item = await api('/v1/reviews/' + encodeURIComponent(id));
  } catch (error) {
    if (state.token) toast(error.message, 'error');
    return;
  }
  if (state.selectedId !== id) return;
  // Do not wipe a note the moderator is typing because a poll noticed an update.
  if (
    !focus &&
    pane.contains(document.activeElement) &&
    document.activeElement.tagName === 'TEXTAREA'
  )
    return;
  state.detail = item;
  paintDetail(item);
  document.body.classList.add('has-detail');
  if (focus && window.matchMedia('(max-width: 900px)').matches) {
    // One pane at a time on phones: start at the top, where the way back is.
    window.scrollTo(0, 0);
    pane.focus({ preventScroll: true });
  }
}

/**
 * Renders the item into the pane. The pane's content is replaced, so focus inside it would fall
 * to <body>: it goes back to the same control, or to the pane when that control is gone.
 */
function paintDetail(item, { hadFocus } = {}) {
  const pane = $('detail');
  const active = document.activeElement;
  const inside = hadFocus || (active && active !== pane && pane.contains(active));
  const key =
    active && pane.contains(active)
      ? active.id
        ? '#' + active.id
        : active.dataset && active.dataset.decision
          ? '[data-decision="' + active.dataset.decision + '"]'
          : null
      : null;
  renderDetail(pane, item, {
    onDecide: decide,
    busy: state.busy,
    onBack: backToList,
    shortcuts: state.shortcuts,
  });
  if (inside && !pane.contains(document.activeElement)) {
    const again = key ? pane.querySelector(key) : null;
    (again && !again.disabled ? again : pane).focus({ preventScroll: true });
  }
}

function backToList() {
  document.body.classList.remove('has-detail');
  const row =
    $('items').querySelector('.is-selected .row-select') || $('items').querySelector('.row-select');
  if (row) {
    row.scrollIntoView({ block: 'center' });
    row.focus();
  }
}

async function decide(decision) {
  const item = state.detail;
  if (!item || item.status !== 'open' || state.busy) return;
  const note = ($('decision-note') && $('decision-note').value.trim()) || undefined;
  const allow = decision === 'approve' && $('decision-allow') && $('decision-allow').checked;
  // Disabling the focused button can move focus to <body>: remember it was in the pane.
  const hadFocus = $('detail').contains(document.activeElement);
  state.busy = true;
  document
    .querySelectorAll('.decision-buttons button')
    .forEach((button) => (button.disabled = true));
  try {
    const body = { decision };
    if (note) body.note = note;
    if (allow) body.allowFingerprint = true;
    const result = await api('/v1/reviews/' + encodeURIComponent(item.id) + '/decision', {
      method: 'POST',
      body,
    });
    announce(DONE[decision] + ': post by ' + authorName(item.author) + '.');
    state.gapIndex = state.items.findIndex((row) => row.id === item.id);
    const updated = result && result.id === item.id ? result : result && result.item;
    state.busy = false;
    if (updated && updated.id === item.id) {
      state.detail = updated;
      paintDetail(updated, { hadFocus });
    } else {
      await loadDetail(item.id, { focus: false });
      if (hadFocus && !$('detail').contains(document.activeElement)) {
        $('detail').focus({ preventScroll: true });
      }
    }
    await refresh({ reset: true });
  } catch (error) {
    state.busy = false;
    toast(error.message, 'error');
    document
      .querySelectorAll('.decision-buttons button')
      .forEach((button) => (button.disabled = false));
  }
}

function move(step) {
  if (!state.items.length) return;
  let index = state.items.findIndex((item) => item.id === state.selectedId);
  if (index < 0 && state.gapIndex !== null) {
    // The selected item left the list: j lands on the item that took its place.
    index = step > 0 ? state.gapIndex : state.gapIndex - 1;
  } else if (index < 0) {
    index = step > 0 ? 0 : state.items.length - 1;
  } else {
    index += step;
  }
  index = Math.max(0, Math.min(state.items.length - 1, index));
  select(state.items[index].id, { focus: false });
  const button = $('items').children[index]?.querySelector('.row-select');
  if (button) button.focus({ preventScroll: true });
}

function onKey(event) {
  if (!state.token || !state.shortcuts || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest && target.closest('input, textarea, select, [contenteditable]')) return;
  const key = event.key.toLowerCase();
  if (key === 'j') move(1);
  else if (key === 'k') move(-1);
  else {
    const decision = DECISIONS.find((d) => d.key === key);
    if (!decision) return;
    decide(decision.decision);
  }
  event.preventDefault();
}

// ---- start ------------------------------------------------------------------------------

let authorTimer = null;
$('sign-in-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', () => signOut());
$('load-more').addEventListener('click', loadMore);
$('filters').addEventListener('submit', (event) => event.preventDefault());
$('filters').addEventListener('change', () => refresh({ reset: true }));
$('filters').elements.author.addEventListener('input', () => {
  clearTimeout(authorTimer);
  authorTimer = setTimeout(() => refresh({ reset: true }), 300);
});
document.addEventListener('keydown', onKey);
$('shortcuts-on').checked = state.shortcuts;
document.body.classList.toggle('shortcuts-off', !state.shortcuts);
$('shortcuts-on').addEventListener('change', (event) => setShortcuts(event.target.checked));

if (state.token) showQueue();
else $('token').focus();
