import { startWorkers } from '../../workers/start-workers.js';
import { startApi } from './serve-parts.js';
import { prepareRuntime, runUntilSignal } from './service-runtime.js';

/** `leakwatch start` (what `npm start` runs): API and workers in one process. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'Usage: leakwatch start\nRuns the HTTP API and the workers in one process. Configure with environment variables; see .env.example.\n',
    );
    return 0;
  }
  const rt = await prepareRuntime();
  if (typeof rt === 'number') return rt;
  const workers = startWorkers(rt);
  const api = await startApi(rt);
  // HTTP first so nothing new arrives, then workers finish their jobs, then Redis.
  return runUntilSignal(
    [
      ...api.steps.slice(0, 1),
      { name: 'workers', run: () => workers.close() },
      ...api.steps.slice(1),
    ],
    rt.log,
  );
}
