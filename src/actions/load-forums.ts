import type { Config } from '../config.js';
import { createGenericForum } from '../forums/generic/index.js';
import type { ForumAdapter, ForumPlugin } from '../forums/types.js';
import type { Logger } from '../log.js';

// Loaded by path so the service runs while a forum integration is still being written.
const DISCOURSE_MODULE = '../forums/discourse/index.js';

interface DiscourseModule {
  createDiscourseForum?: (config: Config, deps: { log: Logger }) => ForumPlugin | undefined;
}

/** Every forum integration this build has: generic always, Discourse when configured. */
export async function loadForums(config: Config, log: Logger): Promise<ForumPlugin[]> {
  const forums: ForumPlugin[] = [createGenericForum(config, { log })];
  try {
    const mod = (await import(DISCOURSE_MODULE)) as DiscourseModule;
    const discourse = mod.createDiscourseForum?.(config, { log });
    if (discourse) forums.push(discourse);
  } catch (err) {
    if (config.discourse.url) throw err;
  }
  return forums;
}

export function toAdapterMap(forums: readonly ForumPlugin[]): Map<string, ForumAdapter> {
  return new Map(forums.map((forum) => [forum.name, forum.adapter]));
}
