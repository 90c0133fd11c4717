import { startApi } from './serve-parts.js';
import { prepareRuntime, runUntilSignal } from './service-runtime.js';

/** `leakwatch serve`: the HTTP API only (run workers with `leakwatch worker`). */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'Usage: leakwatch serve\nRuns the HTTP API (webhooks, review API, /v1/check). Configure with environment variables; see .env.example.\n',
    );
    return 0;
  }
  const rt = await prepareRuntime();
  if (typeof rt === 'number') return rt;
  const api = await startApi(rt);
  return runUntilSignal(api.steps, rt.log);
}
