/**
 * Red-team accuracy check: posts written independently of the scanner and of the main corpus,
 * in regions, languages and writing styles the main corpus covers less (test/fixtures/redteam/*.jsonl).
 * Asserts that every label follows the detection contract, and prints per-type precision/recall/F1.
 * Written independently, it first measured phone P 0.832 / R 0.891; the phone rules were then
 * reworked from its failure patterns (reading some of these records), so it is now a regression
 * guard rather than an independent estimate: test/unit/eval-corpus.test.ts is the untouched one.
 * The floor (0.95) sits below today's measurement; the real target (0.97) is in corpus.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCase, loadCorpus } from '../support/corpus.js';
import { evaluate, formatScores, FINDING_TYPES, type Evaluation } from '../../bench/evaluate.js';
import { scan } from '../../src/scanner/index.js';

const REDTEAM_DIR = fileURLToPath(new URL('../fixtures/redteam/', import.meta.url));
const cases = loadCorpus({ dir: REDTEAM_DIR, holdout: true });
const LOOSE_FLOOR = 0.95;

describe('red-team labels', () => {
  it('has at least 300 cases, about half negatives, with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const negatives = cases.filter((c) => c.expect.length === 0).length;
    expect(negatives / cases.length).toBeGreaterThan(0.4);
    expect(negatives / cases.length).toBeLessThan(0.6);
    const ids = cases.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s follows the detection contract', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

describe('red-team evaluation of scan()', () => {
  let evaluation: Evaluation | undefined;
  const run = (): Evaluation =>
    (evaluation ??= evaluate(cases, (text, region, format) =>
      scan(text, { region, format }).map(({ type, start, end }) => ({ type, start, end })),
    ));

  it('prints per-type precision/recall/F1 and the mistakes (ids and offsets only)', () => {
    const e = run();
    const lines = e.mistakes.map(
      (m) =>
        `${m.kind} ${m.type.padEnd(5)} ${m.id} [${m.start},${m.end})${m.overlapping ? ' boundary' : ''}`,
    );
    console.log(`red-team corpus: ${e.cases} cases\n${formatScores(e)}\n${lines.join('\n')}`);
    expect(e.cases).toBe(cases.length);
  });

  it.each(FINDING_TYPES.map((t) => [t] as const))(
    'FLOOR 0.95 (phone measured 1.000/1.000 on 2026-11-30; target 0.97): %s overlap precision and recall',
    (type) => {
      const s = run().overlap[type];
      expect(
        { precision: s.precision >= LOOSE_FLOOR, recall: s.recall >= LOOSE_FLOOR },
        `${type}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}\n${formatScores(run())}`,
      ).toEqual({ precision: true, recall: true });
    },
  );
});
