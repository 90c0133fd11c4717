// The author response page at /respond/<token>: the signed token in the path is the only
// credential. Shows masked findings and the redacted text, and records the author's answer.
import { ANSWER_LABELS, TYPE_LABELS, h, requestJson, whyRisky } from '/assets/common.js';

const $ = (id) => document.getElementById(id);
const token = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop() || '');
const api = '/v1/respond/' + encodeURIComponent(token);

function refuse(error) {
  $('loading').hidden = true;
  $('content').hidden = true;
  $('refused').hidden = false;
  const expired = error && (error.status === 410 || error.code === 'expired_token');
  $('refused-title').textContent = expired ? 'This link has expired' : 'This link is not valid';
  $('refused-text').textContent = expired
    ? 'Links to answer about a post only work for a limited time, and this one is past it.'
    : error && error.status && error.status !== 401 && error.status !== 404
      ? error.message
      : 'The link is incomplete or was changed. Open it again from the message you received.';
  document.title = $('refused-title').textContent + ' · leakwatch';
}

function showAnswered(answer) {
  const node = $('previous');
  node.textContent =
    'Your answer so far: “' + (ANSWER_LABELS[answer] || answer) + '”. You can change it.';
  node.hidden = false;
  const radio = document.querySelector('input[name="answer"][value="' + answer + '"]');
  if (radio) radio.checked = true;
}

function render({ item }) {
  const findings = item.findings || [];
  const post = item.post || {};
  $('intro').replaceChildren(
    'In ',
    post.url ? h('a', { href: post.url, rel: 'noopener noreferrer' }, 'your post') : 'your post',
    ', anyone could read ' +
      (findings.length === 1 ? 'this:' : 'these ' + findings.length + ' pieces of personal data:'),
  );
  $('findings').replaceChildren(
    ...findings.map((f) =>
      h(
        'li',
        {},
        h('span', { class: 'badge type-badge' }, TYPE_LABELS[f.type] || f.type),
        ' ',
        h('span', { class: 'masked' }, f.masked),
        h('span', { class: 'why' }, whyRisky(f)),
      ),
    ),
  );
  const redacted = item.redacted || item.excerpt || '';
  $('redacted').value = redacted;
  // Roughly as tall as the text (72 characters a line), between 3 and 14 rows.
  const lines = redacted.split('\n').reduce((n, line) => n + Math.ceil((line.length + 1) / 72), 0);
  $('redacted').rows = Math.min(14, Math.max(3, lines));
  const answered = item.authorResponse && item.authorResponse.answer;
  if (answered) showAnswered(answered);
  $('loading').hidden = true;
  $('content').hidden = false;
}

async function send(event) {
  event.preventDefault();
  const error = $('answer-error');
  const ok = $('answer-ok');
  error.hidden = true;
  ok.hidden = true;
  const choice = document.querySelector('input[name="answer"]:checked');
  if (!choice) {
    error.textContent = 'Choose one of the three answers first.';
    error.hidden = false;
    return;
  }
  const button = event.submitter || $('answer-form').querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    await requestJson(api, { method: 'POST', body: { answer: choice.value } });
    $('previous').hidden = true;
    ok.textContent =
      'Thank you. Your answer “' + ANSWER_LABELS[choice.value] + '” was sent to the moderators.';
    ok.hidden = false;
  } catch (failure) {
    if (failure.status === 401 || failure.status === 410) {
      refuse(failure);
      return;
    }
    error.textContent = failure.message;
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

$('copy').addEventListener('click', async () => {
  const area = $('redacted');
  try {
    await navigator.clipboard.writeText(area.value);
    $('copied').textContent = 'Copied.';
  } catch {
    area.focus();
    area.select();
    $('copied').textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
});
$('answer-form').addEventListener('submit', send);

if (!token || token === 'respond') refuse(null);
else requestJson(api).then(render, refuse);
