/**
 * Scans one adversarial input in a worker thread, so a scanner that goes quadratic on it is
 * reported as a failure after a deadline instead of hanging the benchmark.
 * workerData: { index } into adversarialInputs(); posts { ms, cpuMs, findings }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scan } from '../../src/scanner/index.js';
import { adversarialInputs } from './adversarial.js';

const { index, region } = workerData as { index: number; region: string };
const input = adversarialInputs()[index];
if (input === undefined) throw new RangeError(`no adversarial input #${index}`);

// Warm up the code paths on ordinary text so the figure is not just compilation.
for (let i = 0; i < 200; i++)
  scan(`post ${i}: mail a${i}@gmail.com or call +44 20 7946 0958`, { region });

const started = performance.now();
const cpu = process.cpuUsage();
const findings = scan(input.text, {
  region,
  ...(input.format ? { format: input.format } : {}),
}).length;
const used = process.cpuUsage(cpu);
parentPort?.postMessage({
  ms: performance.now() - started,
  cpuMs: (used.user + used.system) / 1000,
  findings,
});
