import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  webhooks: Counter<'source' | 'outcome'>;
  jobs: Counter<'queue' | 'result'>;
  scanDuration: Histogram<'format'>;
  findings: Counter<'type' | 'severity'>;
  actions: Counter<'forum' | 'kind' | 'result'>;
  /** Called on every /metrics scrape to fill queue depth by queue and state. */
  setQueueDepthSource(source: () => Promise<Record<string, Record<string, number>>>): void;
}

/** One registry per app/worker instance so several can live in one process (tests, `start`). */
export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'leakwatch_' });
  let depthSource: (() => Promise<Record<string, Record<string, number>>>) | undefined;
  new Gauge({
    name: 'leakwatch_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      if (!depthSource) return;
      try {
        const depth = await depthSource();
        this.reset();
        for (const [queue, states] of Object.entries(depth)) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      } catch {
        // Redis down: keep the last values rather than failing the scrape.
      }
    },
  });
  return {
    registry,
    webhooks: new Counter({
      name: 'leakwatch_webhooks_total',
      help: 'Webhook requests by source and outcome',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'leakwatch_jobs_total',
      help: 'Finished jobs by queue and result',
      labelNames: ['queue', 'result'],
      registers: [registry],
    }),
    scanDuration: new Histogram({
      name: 'leakwatch_scan_duration_seconds',
      help: 'Time to scan one post',
      labelNames: ['format'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    findings: new Counter({
      name: 'leakwatch_findings_total',
      help: 'Findings by type and severity',
      labelNames: ['type', 'severity'],
      registers: [registry],
    }),
    actions: new Counter({
      name: 'leakwatch_actions_total',
      help: 'Forum actions by forum, kind and result',
      labelNames: ['forum', 'kind', 'result'],
      registers: [registry],
    }),
    setQueueDepthSource(source) {
      depthSource = source;
    },
  };
}
