import { readCommandConfig } from './service-runtime.js';
import { createDiscourseClient } from '../forums/discourse/client.js';
import { runCatchUp } from '../forums/discourse/catch-up.js';
import { deriveKeys } from '../keys.js';
import { createLogger } from '../log.js';
import { createQueues } from '../queue/create-queues.js';
import { createIngest } from '../queue/ingest.js';
import { createRedis, waitForRedis } from '../redis.js';

const HELP = `Usage: leakwatch catch-up --since <time>

Scans Discourse posts created since <time> that leakwatch has not seen (Discourse never
retries a webhook it could not deliver). Pages through GET /posts.json and queues each post
through the same dedupe as webhooks; run \`leakwatch worker\` (or start) to process them.

  --since <time>   ISO date/time (2026-11-30T08:00Z) or a duration back from now (90m, 6h, 2d)
  -h, --help       show this help

Needs DISCOURSE_URL, DISCOURSE_API_KEY, DISCOURSE_API_USERNAME and Redis (REDIS_URL).
`;

/** `--since` as an ISO time or `<n>m|h|d` ago. */
export function parseSince(value: string, now = Date.now()): Date | undefined {
  const relative = /^(\d+)\s*(m|h|d)$/i.exec(value.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[
      relative[2]!.toLowerCase() as 'm' | 'h' | 'd'
    ];
    return new Date(now - Number(relative[1]) * unit);
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `leakwatch catch-up --since <time>` */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const at = args.findIndex((a) => a === '--since' || a.startsWith('--since='));
  const raw = at < 0 ? undefined : args[at]!.includes('=') ? args[at]!.slice(8) : args[at + 1];
  const since = raw === undefined ? undefined : parseSince(raw);
  if (!since) {
    process.stderr.write(
      `leakwatch catch-up: --since <time> is required (e.g. --since 6h or --since 2026-11-30T08:00Z)\n\n${HELP}`,
    );
    return 2;
  }
  const config = readCommandConfig();
  if (typeof config === 'number') return config;
  const { url, apiKey, apiUsername } = config.discourse;
  if (!url || !apiKey) {
    process.stderr.write('leakwatch catch-up: set DISCOURSE_URL and DISCOURSE_API_KEY\n');
    return 2;
  }
  const log = createLogger({ level: config.logLevel });
  const redis = createRedis(config.redisUrl, 'producer', 'leakwatch-catch-up');
  const queues = createQueues(
    redis,
    { prefix: config.prefix, failedJobsKept: config.failedJobsKept },
    log,
  );
  try {
    await waitForRedis(redis);
    const ingest = createIngest({
      redis,
      queues,
      payloadKey: deriveKeys(config.secretKey).payload,
      prefix: config.prefix,
      dedupeDays: config.dedupeDays,
      log,
    });
    const client = createDiscourseClient({ baseUrl: url, apiKey, apiUsername, logger: log });
    const result = await runCatchUp(since, {
      client,
      enqueueScan: (post) => ingest.enqueueScan(post),
      baseUrl: url,
      botUsername: apiUsername,
      log,
    });
    process.stdout.write(
      `catch-up since ${since.toISOString()}: ${result.seen} posts, ${result.enqueued} queued, ` +
        `${result.duplicates} already scanned, ${result.pages} pages${result.truncated ? ' (stopped at the page limit)' : ''}\n`,
    );
    return 0;
  } catch (err) {
    log.error({ err: (err as Error).message }, 'catch-up failed');
    process.stderr.write(`leakwatch catch-up: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await queues.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}
