// Helpers shared by leakwatch's own pages: DOM building without innerHTML, JSON requests,
// and the plain-words texts for finding types, reason codes and author answers.

/** h('p', {class: 'x'}, 'text', child) → element. Strings become text nodes, never HTML. */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof window.Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** fetch JSON; a non-2xx answer throws ApiError carrying the service's {error: {code, message}}. */
export async function requestJson(url, { method = 'GET', token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'leakwatch could not be reached. Check your connection.');
  }
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload && payload.error) || {};
    throw new ApiError(
      response.status,
      error.code || 'http_' + response.status,
      error.message || 'The request failed (HTTP ' + response.status + ').',
    );
  }
  return payload;
}

export const TYPE_LABELS = {
  email: 'Email address',
  phone: 'Phone number',
  card: 'Payment card number',
};

export const ANSWER_LABELS = {
  edited: 'I’ve edited it',
  not_personal: 'It’s not personal data',
  consent: 'It’s mine and I want it public',
};

const WHY = {
  email: 'Anyone can read a public post, and bots harvest email addresses from forums for spam.',
  phone: 'A published number attracts scam calls and texts, and can be used to find the person.',
  card: 'A card number in public can be used for fraud.',
};

const REASONS = {
  rfc5322: 'It has the shape of a real email address (name@domain).',
  tld: 'The domain ends in a real top-level domain such as .com or .org.',
  obfuscated:
    'It is written in disguise (“at”, “dot”, spaced or spelled digits); harvesters decode that.',
  'international-prefix':
    'It starts with an international dialling code, so it can be called from anywhere.',
  'national-format': 'It is a valid number in the forum’s country.',
  structure: 'It is grouped the way phone numbers are written.',
  'context-word': 'Words next to it (“call”, “phone”, “WhatsApp”…) say it is a phone number.',
  luhn: 'It passes the check-digit test that real card numbers pass.',
  'context:card': 'Words next to it (“card”, “Visa”…) say it is a payment card.',
  grouped: 'It is grouped in blocks the way card numbers are printed.',
  'test-number': 'It is a well-known public test card number: low risk.',
  code: 'It is inside a code block, which is still public.',
  rfc6532: 'It has the shape of a real internationalised email address (name@domain).',
  'in-title': 'It is in the topic title, which is shown in lists and search results too.',
};

const BRANDS = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  diners: 'Diners Club',
  jcb: 'JCB',
  mir: 'Mir',
  discover: 'Discover',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
};

/** A reason code in plain words; unknown codes are spelled out rather than hidden. */
export function explainReason(code) {
  if (REASONS[code]) return REASONS[code];
  const brand = /^brand:(.+)$/.exec(code);
  if (brand) {
    return 'It starts and is as long as a ' + (BRANDS[brand[1]] || brand[1]) + ' card number.';
  }
  const words = String(code).replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) + '.' : '';
}

export function whyRisky(finding) {
  if (finding.type === 'card' && finding.test)
    return 'A public test card number: harmless, but noise.';
  return WHY[finding.type] || 'Personal data in a public post can be read by anyone.';
}

export function toTime(value) {
  if (typeof value === 'number') return value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** "just now", "4 min ago", "3 h ago", "2 days ago". */
export function formatAge(value, now = Date.now()) {
  const time = toTime(value);
  if (time === null) return '';
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes + ' min ago';
  const hours = Math.round(minutes / 60);
  if (hours < 36) return hours + ' h ago';
  const days = Math.round(hours / 24);
  return days + (days === 1 ? ' day ago' : ' days ago');
}

export function formatDateTime(value) {
  const time = toTime(value);
  if (time === null) return '';
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Split a redacted excerpt into plain and highlighted parts. A finding's start/end are used
 * when they point at its masked value in the excerpt; otherwise the masked value is searched
 * for, in order, so highlights survive offsets that refer to the original text.
 */
export function highlightSegments(excerpt, findings) {
  const text = String(excerpt || '');
  const spans = [];
  let searchFrom = 0;
  findings.forEach((finding, index) => {
    const masked = String(finding.masked || '');
    let start = -1;
    let end = -1;
    for (const [s, e] of [
      [finding.excerptStart, finding.excerptEnd],
      [finding.start, finding.end],
    ]) {
      const fits = Number.isInteger(s) && Number.isInteger(e) && e > s && e <= text.length;
      if (fits && (!masked || text.slice(s, e) === masked)) {
        start = s;
        end = e;
        break;
      }
    }
    if (start < 0 && masked) {
      start = text.indexOf(masked, searchFrom);
      if (start < 0) start = text.indexOf(masked);
      end = start >= 0 ? start + masked.length : -1;
    }
    if (start >= 0 && end > start) {
      spans.push({ start, end, index });
      searchFrom = end;
    }
  });
  spans.sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlapping highlights: keep the first
    if (span.start > at) parts.push({ text: text.slice(at, span.start) });
    parts.push({ text: text.slice(span.start, span.end), finding: span.index });
    at = span.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

export function authorName(author) {
  if (!author) return 'unknown author';
  if (typeof author === 'string') return author;
  return (
    author.username ||
    author.name ||
    (author.id !== undefined ? 'user ' + author.id : 'unknown author')
  );
}
