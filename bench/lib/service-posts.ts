/**
 * Signed Discourse `post_created` deliveries for the service bench: varied texts (short replies,
 * long markdown with versions, dates, prices and order numbers), 20% with an email, phone number
 * or card number. Every post has its own id; the author is `u<id>` so forum calls name their post.
 */
import { createHmac } from 'node:crypto';
import { createRng } from './prng.js';

export interface BenchPost {
  id: number;
  hasData: boolean;
  planted?: string;
  body: string;
  headers: Record<string, string>;
}

const SENTENCES = [
  'Thanks for the quick reply, the export works now.',
  'I updated to 2.4.1 and the crash on start is gone.',
  'The meetup is on 2024-05-01 at 18:30, room 3.',
  'Paid 149.99 EUR for the new saddle, worth it.',
  'Order #88412037 arrived in two days, no complaints.',
  'See `git@github.com:org/repo.git` for the scripts, and @maria for the docs.',
  'My score was 12-7 in the final, close game.',
  'Use version ^3.2.0 of the package and run `npm test`.',
  'Coordinates 51.5074, -0.1278 are where we start.',
  'The chain needs oil every 300 km or so.',
  'Does anyone know a good shop near the river?',
  '## Update\n\nIt works with the **new** firmware (build 20240501).',
];

function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

export interface PostFactory {
  next(): BenchPost;
  /** Planted values so far (every personal-data value the bench sent). */
  planted: string[];
}

export function createPostFactory(options: {
  secret: string;
  instance: string;
  firstId: number;
  seed?: number;
  dataShare?: number;
}): PostFactory {
  const rng = createRng(options.seed ?? 1);
  const share = options.dataShare ?? 0.2;
  const planted: string[] = [];
  let id = options.firstId;
  let eventId = 1;
  return {
    planted,
    next() {
      id++;
      const parts: string[] = [];
      const n = rng.int(1, 8);
      for (let i = 0; i < n; i++) parts.push(rng.pick(SENTENCES));
      let value: string | undefined;
      if (rng.chance(share)) {
        const kind = rng.int(0, 2);
        value =
          kind === 0
            ? `bench.${id}.${rng.digits(3)}@gmail.com`
            : kind === 1
              ? `+44 20 7946 0${rng.digits(3)}`
              : luhn(`4539${rng.digits(11)}`).replace(/(\d{4})(?=\d)/g, '$1 ');
        parts.splice(rng.int(0, parts.length), 0, `Reach me at ${value} after six.`);
        planted.push(value);
      }
      const raw = parts.join(rng.chance(0.5) ? ' ' : '\n\n');
      const body = JSON.stringify({
        post: {
          id,
          raw,
          cooked: '',
          topic_id: 1000 + (id % 500),
          topic_slug: 'bench-topic',
          topic_title: 'Bench topic',
          post_number: 1 + (id % 50),
          user_id: id,
          username: `u${id}`,
          version: 1,
          hidden: false,
          topic_archetype: 'regular',
        },
      });
      const headers = {
        'content-type': 'application/json',
        'x-discourse-instance': options.instance,
        'x-discourse-event-id': String(eventId++),
        'x-discourse-event-type': 'post',
        'x-discourse-event': 'post_created',
        'x-discourse-event-signature': `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`,
      };
      return { id, hasData: value !== undefined, planted: value, body, headers };
    },
  };
}
