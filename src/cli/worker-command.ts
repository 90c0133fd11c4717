import { startWorkers } from '../../workers/start-workers.js';
import { prepareRuntime, runUntilSignal } from './service-runtime.js';

/** `leakwatch worker`: the scan and actions workers only. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'Usage: leakwatch worker\nRuns the scan and actions workers (WORKER_CONCURRENCY each). Configure with environment variables; see .env.example.\n',
    );
    return 0;
  }
  const rt = await prepareRuntime();
  if (typeof rt === 'number') return rt;
  const workers = startWorkers(rt);
  rt.log.info(
    { concurrency: rt.config.workerConcurrency, dryRun: rt.config.dryRun },
    'leakwatch workers running',
  );
  return runUntilSignal([{ name: 'workers', run: () => workers.close() }], rt.log);
}
