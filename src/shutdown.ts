import type { Logger } from './log.js';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown> | unknown;
}

export type Shutdown = () => Promise<void>;

/**
 * Runs every step in order, even when one fails; calling it again returns the same promise, so
 * SIGINT + SIGTERM or a double Ctrl-C are harmless.
 */
export function createShutdown(steps: readonly ShutdownStep[], log?: Logger): Shutdown {
  let done: Promise<void> | undefined;
  return () => {
    done ??= (async () => {
      for (const step of steps) {
        try {
          await step.run();
        } catch (err) {
          log?.error({ step: step.name, err: (err as Error).message }, 'shutdown step failed');
        }
      }
    })();
    return done;
  };
}

/** SIGINT/SIGTERM → shutdown, then exit. Returns a function that removes the handlers. */
export function onSignals(
  shutdown: Shutdown,
  log?: Logger,
  exit: (code: number) => void = process.exit,
): () => void {
  const handler = (signal: NodeJS.Signals) => {
    log?.info({ signal }, 'shutting down');
    void shutdown().then(() => exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
