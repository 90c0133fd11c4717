/** Runs the adversarial inputs one by one, each in a worker thread with a deadline. */
import { Worker } from 'node:worker_threads';
import { adversarialInputs } from './adversarial.js';
import type { AdversarialRow } from './report.js';
import { ADVERSARIAL_LIMIT_MS } from './verdicts.js';

/** Each input in its own worker thread, abandoned after `deadlineMs` (then reported as FAIL). */
function adversarialOne(
  index: number,
  name: string,
  region: string,
  deadlineMs: number,
): Promise<AdversarialRow> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./adversarial-worker.js', import.meta.url), {
      workerData: { index, region },
    });
    let settled = false;
    const finish = (row: AdversarialRow): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(row);
    };
    const timer = setTimeout(
      () =>
        finish({
          name,
          ms: Number.POSITIVE_INFINITY,
          cpuMs: Number.NaN,
          findings: -1,
          pass: false,
        }),
      deadlineMs,
    );
    worker.once('message', (m: { ms: number; cpuMs: number; findings: number }) =>
      finish({
        name,
        ms: m.ms,
        cpuMs: m.cpuMs,
        findings: m.findings,
        pass: m.ms < ADVERSARIAL_LIMIT_MS,
      }),
    );
    worker.once('error', (error) => {
      process.stderr.write(`bench: adversarial ${name}: ${error.message}\n`);
      finish({ name, ms: Number.NaN, cpuMs: Number.NaN, findings: -1, pass: false });
    });
  });
}

export async function runAdversarial(
  region: string,
  deadlineMs: number,
): Promise<AdversarialRow[]> {
  const rows: AdversarialRow[] = [];
  const inputs = adversarialInputs();
  for (let i = 0; i < inputs.length; i++)
    rows.push(await adversarialOne(i, (inputs[i] as { name: string }).name, region, deadlineMs));
  return rows;
}
