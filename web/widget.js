/*
 * leakwatch composer widget. Plain ES2020, no dependencies, no build step.
 *
 *   <script src="https://leakwatch.example.org/widget.js"></script>
 *   const handle = LeakwatchWidget.attach('#reply', { endpoint: 'https://leakwatch.example.org' });
 *
 * It checks the draft while the author types (debounced) and before the enclosing form is
 * submitted, via POST {endpoint}/v1/check, and shows a notice under the field listing what was
 * found (masked only: the service never returns raw values), why it matters, and a button that
 * replaces the draft with the redacted text. The draft itself is only ever sent to the endpoint.
 */
(function () {
  'use strict';

  if (window.LeakwatchWidget) return;

  const PREFIX = 'lw-widget';
  const STYLE_ID = PREFIX + '-styles';
  const DEFAULT_DEBOUNCE_MS = 500;
  const SUBMIT_CHECK_TIMEOUT_MS = 4000;

  // Where this script was loaded from: the default endpoint when none is given.
  const scriptOrigin = (function () {
    const current = document.currentScript;
    try {
      return current && current.src ? new URL(current.src).origin : location.origin;
    } catch {
      return location.origin;
    }
  })();

  const TYPE_LABELS = {
    email: 'Email address',
    phone: 'Phone number',
    card: 'Payment card number',
  };

  const WHY = {
    email:
      'Everything in a public post can be read by anyone, and bots collect email addresses from forums to send spam and phishing.',
    phone:
      'Anyone can read this post: a published number attracts scam calls and spam texts, and can be used to find or impersonate you.',
    card: 'A card number in public can be used for fraud. Never post it; if it was already shared, call your bank.',
  };

  const CSS = [
    '.' +
      PREFIX +
      '-notice{box-sizing:border-box;margin:6px 0 10px;padding:10px 12px;border:1px solid #b45309;border-left-width:4px;border-radius:6px;background:#fffbeb;color:#1f2937;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:100%}',
    // Empty, the notice takes no room but stays in the accessibility tree as a live region.
    '.' + PREFIX + '-notice:empty{margin:0;padding:0;border:0}',
    '.' + PREFIX + '-notice.' + PREFIX + '-ok{border-color:#047857;background:#ecfdf5}',
    '.' + PREFIX + '-title{margin:0 0 6px;font-weight:600;font-size:14px}',
    '.' + PREFIX + '-list{margin:0 0 8px;padding:0 0 0 18px}',
    '.' + PREFIX + '-list li{margin:0 0 4px}',
    '.' +
      PREFIX +
      '-masked{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#fef3c7;padding:0 4px;border-radius:3px;white-space:nowrap}',
    '.' + PREFIX + '-why{display:block;color:#374151;font-size:13px}',
    '.' + PREFIX + '-actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}',
    '.' +
      PREFIX +
      '-button{appearance:none;border:1px solid #92400e;background:#92400e;color:#fff;border-radius:5px;padding:6px 12px;font:inherit;font-weight:600;cursor:pointer;min-height:32px}',
    '.' + PREFIX + '-button:hover{background:#78350f}',
    '.' + PREFIX + '-button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}',
    '.' + PREFIX + '-hint{margin:0;font-size:13px;color:#374151}',
  ].join('\n');

  function injectStyles() {
    if (document.getElementById(STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = CSS;
    (document.head || document.documentElement).appendChild(style);
  }

  const attached = new WeakMap();

  function resolveField(target) {
    const field = typeof target === 'string' ? document.querySelector(target) : target;
    if (!field || typeof field.value !== 'string' || !(field instanceof HTMLElement)) {
      throw new TypeError(
        'LeakwatchWidget.attach: pass a textarea (or a CSS selector that finds one)',
      );
    }
    return field;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function whyFor(finding) {
    if (finding.type === 'card' && finding.test) {
      return 'This looks like a well-known test card number. It is harmless, but better left out.';
    }
    let why =
      WHY[finding.type] || 'Personal data in a public post can be read and collected by anyone.';
    if (finding.obfuscated) {
      why +=
        ' Writing it in disguise (“at”, “dot”, spaces) does not hide it: harvesters decode that too.';
    }
    if (finding.inCode) why += ' Code blocks are public too.';
    return why;
  }

  function plural(n, one, many) {
    return n === 1 ? one : many;
  }

  /**
   * Attach the widget to a textarea. Options: endpoint (leakwatch base URL; defaults to where
   * this script came from), region (ISO country for national phone numbers), format
   * ('text' | 'markdown' | 'html'), blockSubmit (keep the form from submitting while findings
   * remain), debounceMs, anchor (element after which the notice goes; default the field),
   * onResult(result) callback. Returns {detach, check}.
   */
  function attach(target, options) {
    const opts = options || {};
    const field = resolveField(target);
    // Forums re-run their hooks (Discourse on every composer:opened): one widget per field.
    const existing = attached.get(field);
    if (existing) return existing;
    const endpoint = String(opts.endpoint || scriptOrigin).replace(/\/+$/, '');
    const debounceMs = typeof opts.debounceMs === 'number' ? opts.debounceMs : DEFAULT_DEBOUNCE_MS;
    let anchor = opts.anchor
      ? typeof opts.anchor === 'string'
        ? document.querySelector(opts.anchor)
        : opts.anchor
      : field;
    if (!anchor || !anchor.parentNode) anchor = field;

    injectStyles();

    // A live region is announced when its content changes, not when it is first shown: the
    // notice is never hidden, only emptied (and then it has no size).
    const notice = el('div', PREFIX + '-notice');
    notice.setAttribute('role', 'status');
    notice.setAttribute('aria-live', 'polite');
    notice.id = PREFIX + '-notice-' + Math.random().toString(36).slice(2, 10);
    anchor.parentNode.insertBefore(notice, anchor.nextSibling);
    const previousDescribedBy = field.getAttribute('aria-describedby');
    field.setAttribute(
      'aria-describedby',
      previousDescribedBy ? previousDescribedBy + ' ' + notice.id : notice.id,
    );

    let timer = null;
    let controller = null;
    let sequence = 0;
    // The last answer, and for which exact text.
    let last = { text: null, findings: [], redacted: null };
    let detached = false;
    // What the notice shows now, so an unchanged answer does not re-announce it on every pause.
    let shown = '';
    const form = field.form || (field.closest ? field.closest('form') : null);
    let resubmitting = false;

    function showReplaced() {
      shown = 'replaced';
      notice.textContent = '';
      notice.classList.add(PREFIX + '-ok');
      notice.appendChild(
        el(
          'p',
          PREFIX + '-hint',
          'Replaced. The personal data is hidden now; read it over before you post.',
        ),
      );
    }

    function render(findings, redacted) {
      const key = findings.length
        ? JSON.stringify([
            findings.map(function (f) {
              return [f.type, f.masked, !!f.test, !!f.obfuscated, !!f.inCode];
            }),
            typeof redacted === 'string',
          ])
        : '';
      if (key === shown) return;
      shown = key;
      notice.textContent = '';
      notice.classList.remove(PREFIX + '-ok');
      if (!findings.length) return;
      const title =
        findings.length === 1
          ? 'Your post contains personal data that anyone could read:'
          : 'Your post contains ' +
            findings.length +
            ' pieces of personal data that anyone could read:';
      notice.appendChild(el('p', PREFIX + '-title', title));
      const list = el('ul', PREFIX + '-list');
      findings.forEach(function (finding) {
        const item = el('li');
        item.appendChild(
          document.createTextNode((TYPE_LABELS[finding.type] || 'Personal data') + ' '),
        );
        item.appendChild(el('span', PREFIX + '-masked', finding.masked));
        item.appendChild(el('span', PREFIX + '-why', whyFor(finding)));
        list.appendChild(item);
      });
      notice.appendChild(list);
      const actions = el('div', PREFIX + '-actions');
      if (typeof redacted === 'string') {
        const button = el('button', PREFIX + '-button', 'Replace with redacted text');
        button.type = 'button';
        button.addEventListener('click', replace);
        actions.appendChild(button);
      }
      actions.appendChild(
        el(
          'span',
          PREFIX + '-hint',
          opts.blockSubmit
            ? 'You can post once ' + plural(findings.length, 'it is', 'they are') + ' removed.'
            : 'Or edit ' + plural(findings.length, 'it', 'them') + ' out yourself.',
        ),
      );
      notice.appendChild(actions);
    }

    function check() {
      const text = field.value;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (controller) controller.abort();
      const mine = ++sequence;
      if (!text.trim()) {
        last = { text: text, findings: [], redacted: text };
        render([], text);
        return Promise.resolve({ findings: [], redacted: text });
      }
      controller =
        typeof window.AbortController === 'function' ? new window.AbortController() : null;
      const body = { text: text };
      if (opts.region) body.region = opts.region;
      if (opts.format) body.format = opts.format;
      return fetch(endpoint + '/v1/check', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error('leakwatch check failed with HTTP ' + response.status);
          return response.json();
        })
        .then(function (result) {
          const findings = Array.isArray(result.findings) ? result.findings : [];
          const outcome = { findings: findings, redacted: result.redacted };
          if (mine !== sequence || detached) return outcome;
          last = { text: text, findings: findings, redacted: result.redacted };
          render(findings, result.redacted);
          field.setAttribute('data-leakwatch-findings', String(findings.length));
          if (typeof opts.onResult === 'function') opts.onResult(outcome);
          return outcome;
        })
        .catch(function (error) {
          // Fail open: the forum-side gate still catches what the composer misses.
          if (error && error.name === 'AbortError')
            return { findings: [], redacted: text, aborted: true };
          return { findings: [], redacted: text, error: String(error && error.message) };
        });
    }

    function replace() {
      if (last.text !== field.value || typeof last.redacted !== 'string') {
        // The draft changed since the check: check again instead of overwriting new words.
        check();
        return;
      }
      field.value = last.redacted;
      // Frameworks (Discourse's Ember composer among them) listen for input events.
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.focus();
      sequence++;
      if (timer) clearTimeout(timer);
      timer = null;
      last = { text: field.value, findings: [], redacted: field.value };
      field.setAttribute('data-leakwatch-findings', '0');
      showReplaced();
    }

    function onInput() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, debounceMs);
    }

    function onSubmit(event) {
      if (resubmitting) return;
      const known = last.text === field.value;
      if (known && (!opts.blockSubmit || last.findings.length === 0)) return;
      // Capture phase on the form: we run before the forum's own submit handlers and can hold them.
      event.preventDefault();
      event.stopImmediatePropagation();
      if (known) {
        notice.setAttribute('tabindex', '-1');
        notice.focus();
        return;
      }
      // Not checked yet: the submit is held; check, then let it through unless blocked.
      const submitter = event.submitter || null;
      const timeout = new Promise(function (resolve) {
        setTimeout(function () {
          resolve({ findings: [], timedOut: true });
        }, SUBMIT_CHECK_TIMEOUT_MS);
      });
      Promise.race([check(), timeout]).then(function (result) {
        if (detached) return;
        if (opts.blockSubmit && result.findings.length > 0) {
          notice.setAttribute('tabindex', '-1');
          notice.focus();
          return;
        }
        resubmitting = true;
        try {
          if (typeof form.requestSubmit === 'function') form.requestSubmit(submitter || undefined);
          else form.submit();
        } finally {
          resubmitting = false;
        }
      });
    }

    field.addEventListener('input', onInput);
    if (form) form.addEventListener('submit', onSubmit, true);
    if (field.value.trim()) check();

    function detach() {
      if (detached) return;
      detached = true;
      attached.delete(field);
      if (timer) clearTimeout(timer);
      if (controller) controller.abort();
      field.removeEventListener('input', onInput);
      if (form) form.removeEventListener('submit', onSubmit, true);
      if (notice.parentNode) notice.parentNode.removeChild(notice);
      if (previousDescribedBy) field.setAttribute('aria-describedby', previousDescribedBy);
      else field.removeAttribute('aria-describedby');
      field.removeAttribute('data-leakwatch-findings');
    }

    const handle = { detach: detach, check: check };
    attached.set(field, handle);
    return handle;
  }

  window.LeakwatchWidget = { attach: attach, version: '1' };
})();
