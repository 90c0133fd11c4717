/**
 * The shared body of the independent evaluation corpus tests (test/unit/eval*-corpus.test.ts).
 * Each set was written by an evaluator who read neither the scanner's source nor the other sets.
 * The tests check every label against the detection contract, print counts, per-type scores and
 * the mistakes (ids and offsets only, never text), and hold the scores to a LOOSE FLOOR of 0.75:
 * a regression guard that reports the honest number, not a target to tune against (the 0.97
 * target is asserted on the tuning corpus, test/unit/corpus.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, formatScores, FINDING_TYPES, type Evaluation } from '../../bench/evaluate.js';
import { scan } from '../../src/scanner/index.js';
import { checkCase, loadCorpus } from './corpus.js';

const LOOSE_FLOOR = 0.75;

export interface EvalSet {
  /** Folder under test/fixtures/. */
  folder: string;
  /** "second", "third" … for the test names. */
  label: string;
  minCases: number;
  minRegions: number;
  /** Every id starts with it, when the set has one. */
  idPrefix?: string;
}

export function describeEvalSet(set: EvalSet): void {
  const dir = fileURLToPath(new URL(`../fixtures/${set.folder}/`, import.meta.url));
  const cases = loadCorpus({ dir, holdout: true });

  const countBy = (key: (c: (typeof cases)[number]) => string[]): string => {
    const counts = new Map<string, number>();
    for (const c of cases) for (const k of key(c)) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k, n]) => `${k}:${n}`)
      .join(' ');
  };

  describe(`${set.label} evaluation corpus labels`, () => {
    it(`has at least ${set.minCases} cases, about half negatives, unique ids, at least ${set.minRegions} regions`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(set.minCases);
      const negatives = cases.filter((c) => c.expect.length === 0).length;
      expect(negatives / cases.length).toBeGreaterThan(0.4);
      expect(negatives / cases.length).toBeLessThan(0.6);
      const ids = cases.map((c) => c.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      if (set.idPrefix) expect(ids.filter((id) => !id.startsWith(set.idPrefix!))).toEqual([]);
      expect(new Set(cases.map((c) => c.region)).size).toBeGreaterThanOrEqual(set.minRegions);
      for (const type of FINDING_TYPES) {
        expect(cases.some((c) => c.expect.some((l) => l.type === type))).toBe(true);
      }
    });

    it.each(cases.map((c) => [c.id, c] as const))('%s follows the detection contract', (_id, c) => {
      expect(checkCase(c)).toEqual([]);
    });
  });

  describe(`evaluation of scan() on the ${set.label} independent corpus`, () => {
    let evaluation: Evaluation | undefined;
    const run = (): Evaluation =>
      (evaluation ??= evaluate(cases, (text, region, format) =>
        scan(text, { region, format }).map(({ type, start, end }) => ({ type, start, end })),
      ));

    it('prints counts, per-type precision/recall/F1 (exact and overlap) and the mistakes (ids and offsets only)', () => {
      const e = run();
      const negatives = cases.filter((c) => c.expect.length === 0).length;
      const mistakes = e.mistakes.map(
        (m) =>
          `${m.kind} ${m.type.padEnd(5)} ${m.id} [${m.start},${m.end})${m.overlapping ? ' boundary' : ''}`,
      );
      console.log(
        [
          `${set.folder} corpus: ${e.cases} cases (${negatives} negatives)`,
          `regions: ${countBy((c) => [c.region])}`,
          `languages: ${countBy((c) => [c.lang])}`,
          `formats: ${countBy((c) => [c.format])}`,
          `labels: ${countBy((c) => c.expect.map((l) => l.type))}`,
          formatScores(e),
          `mistakes (${mistakes.length}):`,
          ...mistakes,
        ].join('\n'),
      );
      expect(e.cases).toBe(cases.length);
    });

    for (const match of ['exact', 'overlap'] as const) {
      it.each(FINDING_TYPES.map((t) => [t] as const))(
        `LOOSE FLOOR 0.75 (a regression guard, not the 0.97 target): %s ${match} precision and recall`,
        (type) => {
          const s = run()[match][type];
          expect(
            { precision: s.precision >= LOOSE_FLOOR, recall: s.recall >= LOOSE_FLOOR },
            `${type} ${match}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}\n${formatScores(run())}`,
          ).toEqual({ precision: true, recall: true });
        },
      );
    }
  });
}
