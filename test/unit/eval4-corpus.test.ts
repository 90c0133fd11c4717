/**
 * Fourth independent evaluation corpus (test/fixtures/eval4/*.jsonl): 497 "real-looking" forum posts
 * in 59 regions and their languages and scripts, written the way a benchmark generator would write
 * them for a hidden corpus of forum posts from around the world, by an evaluator who read neither
 * the scanner's source nor any other labelled set (corpus, redteam, eval, eval2, eval3). The scores
 * printed here estimate how scan() does on posts nobody tuned it on.
 *
 * Genres per country written natively: marketplace ads (Kleinanzeigen, Leboncoin, Wallapop, OLX,
 * Avito, Mercado Libre, Carousell, Mudah, Tokopedia, Xianyu, Dubizzle, Jiji…), scam warnings, PTA,
 * parish and mosque notices, housing and roommate ads, guild recruitment, neighbourhood watch,
 * expat questions, signature blocks, tech-support logs. Positives follow each country's numbering
 * oddities (AR 15 and +54 9, BR ninth digit, IT landline 0 after +39, RU 8 (9xx), JP 050/070/080/090,
 * AU 13/1300, HK/SG eight digits, TR 444 numbers…), native, full-width, Arabic-Indic, Persian and
 * Bengali digits, English obfuscation of emails and spelled or spaced phones, tel:/mailto:/wa.me
 * links, cards pasted in complaints (Visa, Mastercard 2-series, Amex, Discover, JCB, UnionPay 19,
 * Mir, RuPay, Maestro). About half are negatives full of local id words next to phone-shaped
 * numbers (order/tracking/PNR/invoice/case numbers, national ids, tax ids, IBANs and accounts,
 * prepaid tokens, IMEIs, VINs), invalid and truncated phones, Luhn-invalid and masked cards, gift
 * cards, dates, prices, scores, coordinates, IPs, versions, reserved domains and @-forms that are
 * not emails.
 *
 * Label validity is asserted for every record (checkCase). The scores are only held to a LOOSE
 * FLOOR of 0.75 per type (exact and overlap precision/recall), far below the 0.97 target: this file
 * reports the honest number, it is not a target to tune against. Mistakes are printed as id, type,
 * fp/fn and offsets only (never text).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCase, loadCorpus } from '../support/corpus.js';
import { evaluate, formatScores, FINDING_TYPES, type Evaluation } from '../../bench/evaluate.js';
import { scan } from '../../src/scanner/index.js';

const EVAL4_DIR = fileURLToPath(new URL('../fixtures/eval4/', import.meta.url));
const cases = loadCorpus({ dir: EVAL4_DIR, holdout: true });
const LOOSE_FLOOR = 0.75;

function countBy(key: (c: (typeof cases)[number]) => string[]): string {
  const counts = new Map<string, number>();
  for (const c of cases) for (const k of key(c)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k}:${n}`)
    .join(' ');
}

describe('fourth evaluation corpus labels', () => {
  it('has at least 450 cases, about half negatives, unique e4- ids, at least 40 regions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(450);
    const negatives = cases.filter((c) => c.expect.length === 0).length;
    expect(negatives / cases.length).toBeGreaterThan(0.4);
    expect(negatives / cases.length).toBeLessThan(0.6);
    const ids = cases.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !id.startsWith('e4-'))).toEqual([]);
    expect(new Set(cases.map((c) => c.region)).size).toBeGreaterThanOrEqual(40);
    for (const type of FINDING_TYPES) {
      expect(cases.some((c) => c.expect.some((l) => l.type === type))).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s follows the detection contract', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

describe('evaluation of scan() on the fourth independent corpus', () => {
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
        `eval4 corpus: ${e.cases} cases (${negatives} negatives)`,
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
