import type { Config } from '../config.js';
import { createDiscourseForum } from '../forums/discourse/index.js';
import { createGenericForum } from '../forums/generic/index.js';
import type { ForumAdapter, ForumPlugin } from '../forums/types.js';
import type { Logger } from '../log.js';

/** Every forum integration this build has: generic always, Discourse when DISCOURSE_URL is set. */
export async function loadForums(config: Config, log: Logger): Promise<ForumPlugin[]> {
  const forums: ForumPlugin[] = [createGenericForum(config, { log })];
  const discourse = createDiscourseForum(config, { log });
  if (discourse) forums.push(discourse);
  return forums;
}

export function toAdapterMap(forums: readonly ForumPlugin[]): Map<string, ForumAdapter> {
  return new Map(forums.map((forum) => [forum.name, forum.adapter]));
}
