import { createServer, type IncomingMessage, type Server } from 'node:http';
import { verifySignature } from '../../../src/crypto.js';

export interface ReceivedCallback {
  body: {
    event: string;
    post: { id: string; version: number };
    decision: string;
    findings: Array<{ type: string; masked: string; fingerprint: string }>;
    redacted?: string;
    reviewId?: string;
    reasons: string[];
  };
  raw: string;
  signatureValid: boolean;
  status: number;
}

/** A forum's callback endpoint: records every delivery; answers `failFirst` requests with 500. */
export async function startCallbackServer(secret: string, options: { failFirst?: number } = {}) {
  const received: ReceivedCallback[] = [];
  let remainingFailures = options.failFirst ?? 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBuf = Buffer.concat(chunks);
      const raw = rawBuf.toString('utf8');
      const status = remainingFailures > 0 ? 500 : 200;
      if (remainingFailures > 0) remainingFailures--;
      received.push({
        body: JSON.parse(raw) as ReceivedCallback['body'],
        raw,
        signatureValid: verifySignature(rawBuf, req.headers['x-leakwatch-signature'] as string, [
          secret,
        ]),
        status,
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/leakwatch-callback`,
    received,
    /** Deliveries that were answered 2xx. */
    delivered: () => received.filter((r) => r.status < 300),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
