/**
 * Webhook senders for the service bench, on node:http with a keep-alive agent (cheaper than fetch
 * at a thousand requests a second): an open-loop sender at a fixed offered rate, and a closed-loop
 * one that keeps N requests in flight (with an optional brake when the queue grows too deep).
 */
import { Agent, request } from 'node:http';
import type { BenchPost, PostFactory } from './service-posts.js';

export interface SendResult {
  /** Post id → time (ms) its 2xx answer arrived. */
  accepted: Map<number, number>;
  hasData: Set<number>;
  statuses: Record<string, number>;
  sent: number;
  /** Sends that went out more than 50 ms after their slot (the sender itself fell behind). */
  late: number;
  startedAt: number;
  endedAt: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(url: URL, p: BenchPost): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...p.headers, 'content-length': Buffer.byteLength(p.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(p.body);
  });
}

export function newResult(): SendResult {
  return {
    accepted: new Map(),
    hasData: new Set(),
    statuses: {},
    sent: 0,
    late: 0,
    startedAt: Date.now(),
    endedAt: 0,
  };
}

async function sendOne(url: URL, p: BenchPost, result: SendResult): Promise<void> {
  result.sent++;
  if (p.hasData) result.hasData.add(p.id);
  const status = await post(url, p);
  result.statuses[status] = (result.statuses[status] ?? 0) + 1;
  if (status >= 200 && status < 300) result.accepted.set(p.id, Date.now());
}

/** `rate` posts a second for `durationMs`, on schedule whatever the answers (open loop). */
export async function sendAtRate(
  target: string,
  factory: PostFactory,
  rate: number,
  durationMs: number,
): Promise<SendResult> {
  const url = new URL(target);
  const result = newResult();
  const total = Math.round((rate * durationMs) / 1000);
  const inFlight = new Set<Promise<void>>();
  const start = Date.now();
  result.startedAt = start;
  let i = 0;
  while (i < total) {
    const now = Date.now();
    const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
    for (; i < due; i++) {
      if (now - (start + (i * 1000) / rate) > 50) result.late++;
      const promise = sendOne(url, factory.next(), result).finally(() => inFlight.delete(promise));
      inFlight.add(promise);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(inFlight);
  result.endedAt = Date.now();
  return result;
}

/** `count` posts with `concurrency` in flight; `brake()` true pauses sending (backpressure). */
export async function sendClosedLoop(
  target: string,
  factory: PostFactory,
  count: number,
  concurrency: number,
  brake?: () => boolean,
  result: SendResult = newResult(),
): Promise<SendResult> {
  const url = new URL(target);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      while (brake?.()) await new Promise((r) => setTimeout(r, 50));
      next++;
      await sendOne(url, factory.next(), result);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  result.endedAt = Date.now();
  return result;
}
