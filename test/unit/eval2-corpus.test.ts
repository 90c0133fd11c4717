/**
 * Second independent evaluation corpus (test/fixtures/eval2/*.jsonl): forum posts in 55 regions and
 * their languages and scripts, written by an evaluator who read neither the scanner's source nor any
 * other labelled set (corpus, redteam, eval), so the scores printed here estimate how scan() does on
 * posts nobody tuned it on. About half the posts are negatives with realistic traps (ids, IBANs,
 * tracking and order numbers, dates, scores, statistics, versions, hashes, @mentions, reserved domains).
 *
 * Label validity is asserted for every record (checkCase: libphonenumber-js/max for phones, Luhn +
 * brand for cards, RFC 5322 + real TLD for emails, span boundaries). The scores are only held to a
 * LOOSE FLOOR of 0.75 per type (exact and overlap precision/recall), far below the 0.97 target: this
 * file reports the honest number, it is not a target to tune against. Mistakes are printed as id,
 * type, fp/fn and offsets only (never text).
 */
import { describeEvalSet } from '../support/eval-suite.js';

describeEvalSet({ folder: 'eval2', label: 'second', minCases: 500, minRegions: 40 });
