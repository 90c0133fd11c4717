#!/usr/bin/env node
/**
 * `leakwatch <command> [...args]`: dispatches to src/cli/<command>-command.ts, whose
 * `run(args)` resolves to the process exit code. Commands are imported on demand so that
 * `leakwatch scan` never loads the service (express, bullmq, ioredis).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CommandModule {
  run(args: string[]): Promise<number>;
}

const COMMANDS: Readonly<Record<string, string>> = {
  scan: 'find emails, phone numbers and card numbers in files, stdin or a JSONL export',
  start: 'run the HTTP API and the worker in one process',
  serve: 'run the HTTP API only',
  worker: 'run the queue worker only',
  'catch-up': 'scan posts published while leakwatch was not listening',
};

export const USAGE = `leakwatch: finds emails, phone numbers and payment-card numbers in forum posts.

Usage: leakwatch <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, what]) => `  ${name.padEnd(10)}${what}`)
  .join('\n')}
  help      show this help (leakwatch help <command> for a command's own help)

Options:
  -h, --help     show this help
  -v, --version  print the version

Exit codes: 0 success / nothing found, 1 personal data found (scan), 2 error.
`;

/** Reads the version from the package.json next to src/ (run with tsx) or dist/src/ (built). */
export function readVersion(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'leakwatch' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not this one; try the next location
    }
  }
  return 'unknown';
}

function isModuleNotFound(error: unknown, specifier: string): boolean {
  const e = error as { code?: unknown; message?: unknown; url?: unknown };
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') return false;
  // Only the command module itself missing counts; a missing import inside it is a real error.
  const name = specifier.replace(/\.js$/, '');
  return (
    (typeof e.url === 'string' && e.url.includes(name)) ||
    (typeof e.message === 'string' && e.message.includes(name))
  );
}

/** Loads src/cli/<command>-command; undefined when this build does not have that module. */
export async function loadCommand(command: string): Promise<CommandModule | undefined> {
  const specifier = `./cli/${command}-command.js`;
  let mod: Partial<CommandModule>;
  try {
    mod = (await import(specifier)) as Partial<CommandModule>;
  } catch (error) {
    if (isModuleNotFound(error, `/cli/${command}-command`)) return undefined;
    throw error;
  }
  if (typeof mod.run !== 'function') {
    throw new Error(`src/cli/${command}-command does not export run(args)`);
  }
  return mod as CommandModule;
}

function fail(message: string): number {
  process.stderr.write(`leakwatch: ${message}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    process.stdout.write(USAGE);
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  let command = first;
  let args = rest;
  if (first === 'help') {
    if (rest[0] === undefined) {
      process.stdout.write(USAGE);
      return 0;
    }
    command = rest[0];
    args = ['--help'];
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    return fail(`unknown command '${command}'; run 'leakwatch --help' to list the commands`);
  }
  const mod = await loadCommand(command);
  if (mod === undefined) {
    return fail(`the '${command}' command is not available in this build`);
  }
  return mod.run(args);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    // npm's bin link is a symlink to dist/src/cli.js.
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run only as the entry point, so tests can import USAGE and main().
if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = fail(error instanceof Error ? error.message : String(error));
    },
  );
}
