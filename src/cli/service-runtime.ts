import type { Server } from 'node:http';
import { loadForums } from '../actions/load-forums.js';
import { ConfigError, readConfig, type Config } from '../config.js';
import type { ForumPlugin } from '../forums/types.js';
import { deriveKeys, type Keys } from '../keys.js';
import { createLogger, type Logger } from '../log.js';
import { createMetrics, type Metrics } from '../metrics.js';
import { ensureRedis } from '../redis-local.js';
import { createShutdown, type Shutdown, type ShutdownStep } from '../shutdown.js';

export interface Runtime {
  config: Config;
  log: Logger;
  keys: Keys;
  metrics: Metrics;
  forums: ForumPlugin[];
}

/** readConfig() for a command: a bad environment is printed and becomes exit code 2. */
export function readCommandConfig(): Config | number {
  try {
    return readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** Config, logger, keys, Redis (local fallback) and forums for serve/worker/start; an exit code on failure. */
export async function prepareRuntime(): Promise<Runtime | number> {
  const read = readCommandConfig();
  if (typeof read === 'number') return read;
  let config = read;
  const log = createLogger({ level: config.logLevel });
  for (const warning of config.warnings) log.warn(warning);
  try {
    config = { ...config, redisUrl: await ensureRedis({ redisUrl: config.redisUrl, log }) };
  } catch (err) {
    log.fatal((err as Error).message);
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const forums = await loadForums(config, log);
  return {
    config,
    log,
    keys: deriveKeys(config.secretKey),
    metrics: createMetrics({ defaults: true }),
    forums,
  };
}

/** Resolves once SIGINT/SIGTERM has run every shutdown step. */
export function runUntilSignal(steps: ShutdownStep[], log: Logger): Promise<number> {
  const shutdown: Shutdown = createShutdown(steps, log);
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        log.error('shutdown took too long; exiting');
        resolve(1);
      }, 30_000);
      force.unref();
      void shutdown().then(() => {
        clearTimeout(force);
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
        resolve(0);
      });
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

/** Stops accepting connections, lets requests in flight finish, drops idle keep-alives. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
