import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

export interface CreateLoggerOptions {
  level?: string;
  /** Where lines go; default stdout (pretty when stdout is a TTY). Tests pass a capture stream. */
  destination?: DestinationStream;
  pretty?: boolean;
}

// Belt and braces: code never logs texts or values, and these paths are censored if it ever did.
const redactPaths = [
  'text',
  'raw',
  'body',
  'redacted',
  'excerpt',
  'value',
  'values',
  'post.text',
  'post.raw',
  'req.body',
  'req.headers.authorization',
  'req.headers["x-leakwatch-signature"]',
  'headers.authorization',
  '*.text',
  '*.raw',
  '*.value',
];

/** The process logger: JSON lines in production, pretty in a terminal; ids, counts and types only. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const pretty = options.pretty ?? (!options.destination && process.stdout.isTTY === true);
  const opts = {
    level: options.level ?? 'info',
    base: { app: 'leakwatch' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
  if (options.destination) return pino(opts, options.destination);
  if (pretty) return pino(opts, pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l' }));
  return pino(opts);
}
