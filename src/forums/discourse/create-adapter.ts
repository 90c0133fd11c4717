import type { Logger } from '../../log.js';
import { isInTitle, readTitleLength, splitTitle, TITLE_SEPARATOR } from '../titled-text.js';
import { PermanentForumError, type ActionInput, type ForumAdapter } from '../types.js';
import type { DiscourseClient, ReviewableAction } from './client.js';
import { PermanentDiscourseError } from './errors.js';
import {
  buildEditReason,
  buildFlagMessage,
  buildNotifyMessage,
  buildRejectParams,
} from './messages.js';
import { toPmMarker } from './pm-marker.js';
import { toTextDigest } from './to-incoming-post.js';
import { toQueuedPost } from './to-queued-post.js';
import type { DiscoursePostPayload } from './types.js';

/** PostActionType ids (app/models/post_action_type.rb). */
export const POST_ACTION = { inappropriate: 4, notifyModerators: 7 } as const;

export interface DiscourseAdapterDeps {
  client: DiscourseClient;
  log: Logger;
  /** HMAC key for the marker that makes a warning PM idempotent (derivePmMarkerKey). */
  markerKey: Uint8Array;
  /** PRIVACY_URL: linked from private messages and rejection feedback. */
  privacyUrl?: string;
  /** How many times a stale reviewable version is re-read and retried. Default 3. */
  maxConflictRetries?: number;
}

function postIdOf(input: ActionInput): number {
  const id = Number(input.post.id);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new PermanentForumError(`Discourse post id ${input.post.id} is not a number`);
  }
  return id;
}

function reviewableOf(input: ActionInput): { id: number; version: number; digest: string | null } {
  const ref = input.post.ref ?? {};
  const id = Number(ref.reviewableId);
  const version = Number(ref.reviewableVersion);
  if (!Number.isSafeInteger(id) || id <= 0 || !Number.isSafeInteger(version) || version < 0) {
    throw new PermanentForumError(`queued post ${input.post.id} carries no reviewable id/version`);
  }
  return { id, version, digest: typeof ref.textDigest === 'string' ? ref.textDigest : null };
}

/** Permanent client errors become PermanentForumError (→ UnrecoverableError); others stay retryable. */
async function translate<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toForumError(error);
  }
}

function toForumError(error: unknown): unknown {
  return error instanceof PermanentDiscourseError ? new PermanentForumError(error.message) : error;
}

/**
 * What redact writes back: the body, and the topic title when the post carries one
 * (`ref.titleLength`) and a finding being redacted lies in it.
 */
function toRedactTarget(
  input: ActionInput,
  postId: number,
  redacted: string,
): { raw: string; title?: string } {
  const titleLength = readTitleLength(input.post.ref);
  if (titleLength === undefined) return { raw: redacted };
  const parts = splitTitle(redacted);
  const straddles = input.findings.some(
    (f) => f.start < titleLength + TITLE_SEPARATOR.length && f.end > titleLength,
  );
  if (!parts || straddles) {
    // Guessing where the body starts could overwrite it with part of the title.
    throw new PermanentForumError(
      `redacted text of post ${postId} does not split into title and body`,
    );
  }
  return input.findings.some((f) => isInTitle(f, titleLength))
    ? { raw: parts.body, title: parts.title }
    : { raw: parts.body };
}

function hasActed(post: DiscoursePostPayload, postActionTypeId: number): boolean {
  const summary = (post as { actions_summary?: unknown }).actions_summary;
  return (
    Array.isArray(summary) &&
    summary.some(
      (entry: { id?: unknown; acted?: unknown }) =>
        entry.id === postActionTypeId && entry.acted === true,
    )
  );
}

/**
 * Discourse actions through its REST API as a staff bot user. Every method is safe to run again:
 * a flag already raised, a post already redacted or a reviewable already handled is left as is.
 */
export function createDiscourseAdapter(deps: DiscourseAdapterDeps): ForumAdapter {
  const { client, markerKey } = deps;
  if (!(markerKey instanceof Uint8Array) || markerKey.length < 16) {
    throw new TypeError('markerKey must be at least 16 bytes; derive it with derivePmMarkerKey()');
  }
  const log = deps.log.child({ forum: 'discourse' });
  const maxConflictRetries = deps.maxConflictRetries ?? 3;

  /** Raises a flag; a refusal because this bot already raised it counts as done. */
  async function raiseFlag(
    postId: number,
    postActionTypeId: number,
    options: { message?: string; queueForReview?: boolean },
  ): Promise<'raised' | 'already'> {
    try {
      await client.createPostAction({
        postId,
        postActionTypeId,
        message: options.message,
        queueForReview: options.queueForReview,
      });
      return 'raised';
    } catch (error) {
      // Discourse refuses an action already taken with 403 (guardian) or 422 (creator result).
      if (
        !(error instanceof PermanentDiscourseError) ||
        (error.status !== 403 && error.status !== 422)
      ) {
        throw error;
      }
      const post = await client.getPost(postId);
      if (hasActed(post, postActionTypeId)) return 'already';
      throw error;
    }
  }

  /**
   * PUT /review/:id/perform/:action with the version leakwatch scanned. On 409 (someone else
   * touched it) or 403 (the action is no longer offered) the reviewable is re-read: if it is no
   * longer pending a human handled it and it is left alone; if its text changed it is left for
   * moderators; otherwise the action is retried with the fresh version.
   */
  async function performOnQueued(
    input: ActionInput,
    requested: 'approve_post' | 'revise_and_reject_post',
    params?: Record<string, string>,
  ): Promise<void> {
    const target = reviewableOf(input);
    let version = target.version;
    let action: ReviewableAction = requested;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.performReviewable(target.id, action, version, params);
        log.info({ reviewableId: target.id, action, version }, 'discourse reviewable performed');
        return;
      } catch (error) {
        if (
          !(error instanceof PermanentDiscourseError) ||
          (error.status !== 409 && error.status !== 403)
        ) {
          throw error;
        }
        const fresh = toQueuedPost(await client.getReviewable(target.id));
        if (!fresh || fresh.status !== 'pending') {
          log.info(
            { reviewableId: target.id, action, status: fresh?.status ?? 'unknown' },
            'discourse reviewable already handled; left alone',
          );
          return;
        }
        if (target.digest !== null && toTextDigest(fresh.text) !== target.digest) {
          log.info(
            { reviewableId: target.id, action },
            'discourse queued post changed since scan; left for moderators',
          );
          return;
        }
        if (error.status === 403 && action === 'approve_post') {
          // A reply queued in a topic that has since closed is approved with approve_post_closed
          // (ReviewableQueuedPost#build_combined_actions).
          action = 'approve_post_closed';
          version = fresh.version;
          continue;
        }
        if (error.status === 403 || attempt >= maxConflictRetries || fresh.version === version) {
          throw error;
        }
        log.info(
          { reviewableId: target.id, action, from: version, to: fresh.version },
          'discourse reviewable version moved; retrying',
        );
        version = fresh.version;
      }
    }
  }

  return {
    name: 'discourse',

    async notify(input) {
      const postId = postIdOf(input);
      const username = input.author.username;
      if (!username)
        throw new PermanentForumError(`post ${postId} has no author username to message`);
      const message = buildNotifyMessage({
        findings: input.findings,
        redactedText: input.redacted,
        postUrl: input.post.url,
        privacyUrl: deps.privacyUrl,
        respondUrl: input.respondUrl,
        username,
      });
      // The same warning gets the same marker on every retry, so a message sent just before a
      // crash is found and not sent twice (see pm-marker.ts).
      const marker = toPmMarker(markerKey, {
        postId,
        version: input.post.version,
        fingerprints: input.findings.map((f) => f.fingerprint),
      });
      const result = await translate(() =>
        client.createPrivateMessage({
          title: message.title,
          raw: message.raw,
          targetRecipients: [username],
          marker,
        }),
      );
      log.info(
        {
          postId,
          findings: input.findings.length,
          outcome: result === null ? 'dry-run' : result.sent ? 'sent' : 'already',
        },
        'discourse author notified',
      );
    },

    async flag(input) {
      const postId = postIdOf(input);
      const outcome = await translate(() =>
        raiseFlag(postId, POST_ACTION.notifyModerators, {
          message: buildFlagMessage({ findings: input.findings, reviewUrl: input.reviewUrl }),
        }),
      );
      log.info({ postId, outcome }, 'discourse post flagged');
    },

    async hide(input) {
      const postId = postIdOf(input);
      // queue_for_review hides at once (PostActionCreator#auto_hide_if_needed → post.hide!).
      // notify_moderators carries the message; when this bot already used it (the flag action),
      // an `inappropriate` flag does the hiding instead.
      const message = buildFlagMessage({ findings: input.findings, reviewUrl: input.reviewUrl });
      let outcome = await translate(() =>
        raiseFlag(postId, POST_ACTION.notifyModerators, { message, queueForReview: true }),
      );
      if (outcome === 'already') {
        const post = await translate(() => client.getPost(postId));
        if (!post.hidden) {
          outcome = await translate(() =>
            raiseFlag(postId, POST_ACTION.inappropriate, { queueForReview: true }),
          );
        }
      }
      log.info({ postId, outcome }, 'discourse post hidden');
    },

    async redact(input) {
      const postId = postIdOf(input);
      if (input.redacted === undefined) {
        throw new PermanentForumError(`redact of post ${postId} needs the redacted text`);
      }
      const target = toRedactTarget(input, postId, input.redacted);
      const editReason = buildEditReason({ findings: input.findings });
      const scanned = input.post.version;
      const current = await translate(() => client.getPost(postId));
      const currentVersion = current.version ?? 1;
      let redactedVersion: number;
      let withTitle = target.title !== undefined;
      if (currentVersion === scanned) {
        let answer: Awaited<ReturnType<DiscourseClient['updatePost']>>;
        try {
          answer = await client.updatePost(postId, { ...target, editReason });
        } catch (error) {
          // Discourse validates the new title (length, entropy, duplicates). When it refuses,
          // the body is still masked and the title is left to moderators: the review item stays
          // open, since the next scan still finds the value in the title.
          if (
            target.title === undefined ||
            !(error instanceof PermanentDiscourseError) ||
            error.status !== 422
          ) {
            throw toForumError(error);
          }
          log.warn({ postId }, 'discourse refused the masked topic title; left to moderators');
          withTitle = false;
          if (target.raw === current.raw) return; // nothing in the body to mask
          answer = await translate(() =>
            client.updatePost(postId, { raw: target.raw, editReason }),
          );
        }
        redactedVersion = answer?.post.version ?? scanned + 1;
      } else if (
        currentVersion === scanned + 1 &&
        current.raw === target.raw &&
        // A title-only redaction leaves raw as it was: the edit reason tells leakwatch's edit
        // from the author's (when Discourse sends it).
        (target.title === undefined ||
          current.edit_reason === undefined ||
          current.edit_reason === editReason)
      ) {
        redactedVersion = currentVersion; // a previous attempt already edited it
      } else {
        // The author edited again after the scan; that version gets its own scan.
        log.info(
          { postId, scanned, current: currentVersion },
          'discourse post changed since scan; not redacted',
        );
        return;
      }
      // Revision N holds the raw of versions N-1 and N: the scanned version's raw is in revision
      // `scanned` (as the new text) and in revision `scanned + 1` (as the old text).
      for (const revision of [scanned, redactedVersion]) {
        if (revision >= 2 && revision <= redactedVersion) {
          await translate(() => client.hideRevision(postId, revision));
        }
      }
      log.info(
        { postId, from: scanned, to: redactedVersion, withTitle },
        'discourse post redacted',
      );
    },

    async restore(input) {
      const postId = postIdOf(input);
      await translate(() => client.unhidePost(postId));
      log.info({ postId }, 'discourse post restored');
    },

    async approvePending(input) {
      await performOnQueued(input, 'approve_post');
    },

    async rejectPending(input) {
      const params = buildRejectParams({
        findings: input.findings,
        redactedText: input.redacted,
        privacyUrl: deps.privacyUrl,
      });
      await performOnQueued(input, 'revise_and_reject_post', params);
    },
  };
}
