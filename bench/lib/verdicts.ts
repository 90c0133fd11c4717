/** The targets, each judged PASS or FAIL from one run's figures. */
import type { FindingType } from '../../src/scanner/types.js';
import type { AccuracyRow, AdversarialRow, ThroughputRow, Verdict } from './report.js';

const TYPES: readonly FindingType[] = ['email', 'phone', 'card'];
export const TARGET_FORUM_MBS = 25;
export const TARGET_DIGITS_MBS = 5;
export const ADVERSARIAL_LIMIT_MS = 1000;
export const TARGET_PRECISION_RECALL = 0.97;

/** `throughput[0]` and `accuracy[0]` are leakwatch; the other rows are comparison libraries. */
export function verdicts(
  throughput: ThroughputRow[],
  adversarialRows: AdversarialRow[],
  accuracy: AccuracyRow[],
): Verdict[] {
  const out: Verdict[] = [];
  const ours = throughput[0] as ThroughputRow;
  out.push({
    target: `forum throughput >= ${TARGET_FORUM_MBS} MB/s`,
    pass: ours.forum.median >= TARGET_FORUM_MBS,
    detail: `${ours.forum.median.toFixed(1)} MB/s`,
  });
  const digits = ours.digits?.median ?? 0;
  out.push({
    target: `digit-dense throughput >= ${TARGET_DIGITS_MBS} MB/s`,
    pass: digits >= TARGET_DIGITS_MBS,
    detail: `${digits.toFixed(1)} MB/s`,
  });
  const slowest = adversarialRows.reduce(
    (a, b) => (b.ms > a.ms ? b : a),
    adversarialRows[0] as AdversarialRow,
  );
  out.push({
    target: `every adversarial 1 MB input < ${ADVERSARIAL_LIMIT_MS} ms`,
    pass: adversarialRows.every((r) => r.pass),
    detail: adversarialRows.some((r) => !r.pass)
      ? `failed: ${adversarialRows
          .filter((r) => !r.pass)
          .map((r) => r.name)
          .join('; ')}`
      : `slowest ${slowest.name} ${slowest.ms.toFixed(1)} ms`,
  });
  for (const other of throughput.slice(1)) {
    const faster =
      ours.forum.median > other.forum.median &&
      (other.digits === undefined || digits > other.digits.median);
    out.push({
      target: `faster than ${other.name}`,
      pass: faster,
      detail:
        `forum ${ours.forum.median.toFixed(1)} vs ${other.forum.median.toFixed(1)} MB/s` +
        (other.digits
          ? `, digit-dense ${digits.toFixed(1)} vs ${other.digits.median.toFixed(1)} MB/s`
          : ''),
    });
  }
  const mine = accuracy[0];
  if (mine === undefined) {
    out.push({
      target: 'accuracy',
      pass: false,
      detail: 'no labelled corpus found under test/fixtures/corpus',
    });
    return out;
  }
  for (const type of TYPES) {
    const s = mine.exact[type];
    out.push({
      target: `${type}: precision and recall >= ${TARGET_PRECISION_RECALL}`,
      pass: s.precision >= TARGET_PRECISION_RECALL && s.recall >= TARGET_PRECISION_RECALL,
      detail: `precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`,
    });
    for (const other of accuracy.slice(1)) {
      const theirs = other.exact[type];
      out.push({
        target: `${type}: F1 higher than ${other.name}`,
        pass: s.f1 > theirs.f1,
        detail: `${s.f1.toFixed(3)} vs ${theirs.f1.toFixed(3)}`,
      });
    }
  }
  return out;
}
