import { afterAll, beforeAll } from 'vitest';
import { spawnApi, spawnWorker, type Child } from './processes.js';
import { createScenario, type Scenario } from './scenario.js';

/** A scenario with the processes started for it; tests add, kill and restart them. */
export interface FaultRun {
  scenario: Scenario;
  /** API processes started so far, the first by beforeAll. */
  apis: Child[];
  /** Worker processes started so far, the first by beforeAll. */
  workers: Child[];
}

/**
 * Registers beforeAll/afterAll for a fault test: a scenario, one API and one worker process; at
 * the end every process the test started is stopped (workers with `stopWorkersWith`) and the
 * scenario's keys and servers go away. The returned object is filled in by beforeAll.
 */
export function useFaultRun(
  name: string,
  options: { env?: Record<string, string>; stopWorkersWith?: NodeJS.Signals } = {},
): FaultRun {
  const run = { apis: [] as Child[], workers: [] as Child[] } as FaultRun;
  beforeAll(async () => {
    run.scenario = await createScenario(name, options.env ? { env: options.env } : {});
    const { env, apiPort, apiLog, workerLog } = run.scenario;
    const [api, worker] = await Promise.all([
      spawnApi(env, apiPort, apiLog),
      spawnWorker(env, workerLog),
    ]);
    run.apis.push(api);
    run.workers.push(worker);
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled([
      ...run.apis.map((a) => a.stop()),
      ...run.workers.map((w) => w.stop(options.stopWorkersWith)),
    ]);
    await run.scenario?.close();
  }, 60_000);
  return run;
}
