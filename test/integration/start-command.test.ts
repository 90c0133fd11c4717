import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/crypto.js';
import { deleteKeys, randomPrefix, REDIS_URL, waitFor } from './support/service.js';

const root = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('leakwatch start', () => {
  const prefix = randomPrefix('start');
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    const redis = new Redis(REDIS_URL);
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('runs API and worker in one process: the README webhook becomes a masked review item; SIGTERM exits 0', async () => {
    const port = await freePort();
    const secret = 'start-secret-0123456789';
    const token = 'start-token-0123456789abcdef';
    // A fresh working directory: no LEAKWATCH_SECRET_KEY, so a development key is generated there.
    const cwd = mkdtempSync(join(tmpdir(), 'leakwatch-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REDIS_URL,
      LEAKWATCH_PREFIX: prefix,
      PORT: String(port),
      GENERIC_WEBHOOK_SECRET: secret,
      MODERATOR_TOKENS: `me:${token}`,
      LOG_LEVEL: 'info',
    };
    delete env.LEAKWATCH_SECRET_KEY;
    delete env.NODE_ENV;
    child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href,
        join(root, 'src/cli.ts'),
        'start',
      ],
      {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    await waitFor(() => out.includes('leakwatch API listening'), 60_000, 'the API to listen').catch(
      (err: Error) => {
        throw new Error(`${err.message}; output so far:\n${out}`);
      },
    );
    expect(out).toContain('generated a development key');

    const body =
      '{"event":"post.created","post":{"id":"1001","text":"Call me on +44 20 7946 0958","author":{"id":7,"username":"jane"}}}';
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/generic`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-leakwatch-signature': signBody(secret, body),
      },
      body,
    });
    expect(await res.json()).toEqual({ jobId: 'generic-1001-v1' });
    const items = await waitFor(
      async () => {
        const list = (await (
          await fetch(`http://127.0.0.1:${port}/v1/reviews`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { items: Array<{ findings: Array<{ type: string; masked: string }> }> };
        return list.items.length > 0 && list.items;
      },
      30_000,
      'the review item',
    );
    expect(items[0]!.findings.map((f) => f.type)).toEqual(['phone']);
    expect(JSON.stringify(items)).not.toContain('7946 0958');

    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('shutting down');
    expect(out).not.toContain('7946 0958');
  }, 120_000);
});
