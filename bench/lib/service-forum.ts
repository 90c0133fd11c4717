/**
 * A minimal Discourse for the service bench: answers the calls leakwatch's worker makes (sent
 * private messages lookup, private message, flag, post lookup) at once, and records when each
 * action arrived per post. Nothing is stored but the arrival times, so 100,000 posts cost it a
 * few megabytes. (The full fake in test/support/fake-discourse.ts keeps whole posts and scans them
 * per call: right for tests, too slow to sit under a throughput benchmark.)
 */
import { createServer, type Server } from 'node:http';

export interface BenchForum {
  url: string;
  apiKey: string;
  /** Post id → arrival times (ms) of each action (`notify`, `flag`). */
  actions: Map<number, { notify?: number; flag?: number }>;
  calls: number;
  close(): Promise<void>;
}

export async function startBenchForum(
  apiKey = 'bench-forum-api-key-0123456789',
): Promise<BenchForum> {
  const actions = new Map<number, { notify?: number; flag?: number }>();
  let calls = 0;
  const mark = (postId: number, kind: 'notify' | 'flag') => {
    const entry = actions.get(postId) ?? {};
    entry[kind] ??= Date.now();
    actions.set(postId, entry);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const path = (req.url ?? '').split('?')[0]!.replace(/\.json$/, '');
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body)
          : {};
      } catch {
        body = {};
      }
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (req.headers['api-key'] !== apiKey) return json(403, { errors: ['invalid key'] });
      if (req.method === 'POST' && path === '/posts') {
        // The bench names each author u<postId>, so the recipient says which post it is about.
        const recipient = String(body.target_recipients ?? '');
        const id = Number(recipient.replace(/^u/, ''));
        if (Number.isSafeInteger(id)) mark(id, 'notify');
        return json(200, { id: 1, topic_id: 1, post_number: 1, version: 1 });
      }
      if (req.method === 'POST' && path === '/post_actions') {
        const id = Number(body.id);
        if (Number.isSafeInteger(id)) mark(id, 'flag');
        return json(200, { id, version: 1, hidden: false });
      }
      if (req.method === 'GET' && path.startsWith('/topics/private-messages-sent/')) {
        // The lookup before each private message (is this warning sent already?): never, here.
        return json(200, { topic_list: { topics: [] } });
      }
      const post = /^\/posts\/(\d+)$/.exec(path);
      if (req.method === 'GET' && post) {
        return json(200, {
          id: Number(post[1]),
          version: 1,
          raw: '',
          hidden: false,
          actions_summary: [],
        });
      }
      if (req.method === 'PUT') return json(200, {});
      return json(404, { errors: ['not found'] });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    actions,
    get calls() {
      return calls;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
