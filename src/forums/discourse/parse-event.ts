/**
 * Classifies a Discourse webhook delivery. Discourse sends the payload type in
 * `X-Discourse-Event-Type` (`post`, `reviewable`, `ping`, …; also the body's only key) and the
 * event name in `X-Discourse-Event` (`post_created`, `reviewable_transitioned_to`, …)
 * (app/jobs/regular/emit_web_hook_event.rb; config/initializers/012-web_hook_events.rb;
 * WebHook::EVENT_NAME_TO_EVENT_TYPE_MAP in app/models/web_hook.rb).
 */

export type DiscourseEventKind =
  | 'ping'
  | 'post_created'
  | 'post_edited'
  | 'post_destroyed'
  | 'reviewable_created'
  | 'reviewable_updated'
  | 'topic_edited'
  | 'other';

export interface DiscourseEvent {
  kind: DiscourseEventKind;
  /** `X-Discourse-Event-Type`, e.g. `post`. */
  type: string;
  /** `X-Discourse-Event`, e.g. `post_edited`; the type when absent. */
  name: string;
  /** `X-Discourse-Event-Id` (changes on every redelivery: never dedupe on it). */
  eventId: string | null;
  /** `X-Discourse-Instance`, the forum's base URL. */
  instance: string | null;
  /** The object under the body's type key (`post`, `reviewable`, …), if any. */
  payload: unknown;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | null {
  const value = headers[name] ?? headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
}

const POST_EVENTS = new Set(['post_created', 'post_edited', 'post_destroyed']);
const REVIEWABLE_UPDATED = new Set([
  'reviewable_updated',
  'reviewable_score_updated',
  'reviewable_transitioned_to',
]);

function classify(type: string, name: string, payload: unknown): DiscourseEventKind {
  if (type === 'ping') return 'ping';
  if (typeof payload !== 'object' || payload === null) return 'other';
  if (type === 'post' && POST_EVENTS.has(name)) return name as DiscourseEventKind;
  // A title (or category/tags) change on the first post: newer Discourse sends only this, not
  // post_edited (config/initializers/012-web_hook_events.rb).
  if (type === 'topic' && name === 'topic_edited') return 'topic_edited';
  if (type === 'reviewable' && (payload as { type?: unknown }).type === 'ReviewableQueuedPost') {
    if (name === 'reviewable_created') return 'reviewable_created';
    if (REVIEWABLE_UPDATED.has(name)) return 'reviewable_updated';
  }
  return 'other';
}

/**
 * `headers` as Node gives them (lower-case keys) and the parsed JSON body. Never throws on
 * outside input: anything unrecognised is `kind: 'other'`.
 */
export function parseEvent(headers: HeaderBag, body: unknown): DiscourseEvent {
  const bodyObject =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const headerType = header(headers, 'x-discourse-event-type');
  const bodyKeys = Object.keys(bodyObject);
  const type = headerType ?? (bodyKeys.length === 1 ? bodyKeys[0]! : '');
  const name = header(headers, 'x-discourse-event') ?? type;
  const payload = type === 'ping' ? bodyObject.ping : bodyObject[type];
  return {
    kind: classify(type, name, payload),
    type,
    name,
    eventId: header(headers, 'x-discourse-event-id'),
    instance: header(headers, 'x-discourse-instance'),
    payload,
  };
}
