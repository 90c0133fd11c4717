import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MODERATOR_TOKEN,
  genericPost,
  randomPrefix,
  startTestService,
  testEnv,
  waitFor,
  type TestService,
} from './support/service.js';

const root = resolve(import.meta.dirname, '../..');

describe('a worker killed mid-job', () => {
  const prefix = randomPrefix('crash');
  const env = testEnv(prefix) as Record<string, string>;
  let service: TestService;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    service = await startTestService({ prefix, env });
    // The worker itself is the child (no npx/tsx wrapper), so SIGKILL really kills it.
    const tsx = pathToFileURL(resolve(root, 'node_modules/tsx/dist/loader.mjs')).href;
    child = spawn(process.execPath, ['--import', tsx, 'test/integration/support/worker-child.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', () => undefined);
    await waitFor(() => output.includes('ready'), 60_000, 'child worker ready');
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await service?.close();
  });

  it('leaves its job to a second worker, which finishes it', async () => {
    const res = await service.postWebhook(genericPost('c-1', 'ring 020 7946 0958 tonight'));
    expect(res.status).toBe(202);
    await waitFor(() => output.includes('scanning'), 30_000, 'child to take the job');
    const exited = new Promise((done) => child!.once('exit', done));
    child!.kill('SIGKILL');
    await exited;
    // Nothing was written by the killed worker.
    const before = await (await service.get('/v1/reviews', MODERATOR_TOKEN)).json();
    expect(before).toMatchObject({ items: [] });

    const workers = service.startWorkers({ lockDuration: 2000, stalledInterval: 1000 });
    const item = await waitFor(
      async () => {
        const body = (await (await service.get('/v1/reviews', MODERATOR_TOKEN)).json()) as {
          items: Array<{ post: { id: string }; findings: Array<{ type: string }> }>;
        };
        return body.items.find((i) => i.post.id === 'c-1');
      },
      30_000,
      'the second worker to finish the job',
    );
    expect(item.findings.map((f) => f.type)).toEqual(['phone']);
    // The item is written before the job completes: wait for the queue to settle.
    const counts = await waitFor(
      async () => {
        const c = await workers.queues.scan.getJobCounts('active', 'waiting', 'failed');
        return c.active === 0 && c.waiting === 0 && c;
      },
      15_000,
      'the scan job to complete',
    );
    expect(counts.failed).toBe(0);
  }, 60_000);
});
