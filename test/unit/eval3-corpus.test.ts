/**
 * Third independent evaluation corpus (test/fixtures/eval3/*.jsonl), harder than the first two: 421
 * forum posts in 72 regions and their languages and scripts, written by an evaluator who read neither
 * the scanner's source nor any other labelled set (corpus, redteam, eval, eval2), so the scores printed
 * here estimate how scan() does on posts nobody tuned it on. Posts are longer and messier: classified
 * ads, support threads quoting logs, newsletters and minutes, markdown/HTML tables of branches and
 * opening hours, directory lists, quoted replies repeating a number, mailto/tel/wa.me links, code
 * blocks, native and full-width digits, bidi marks, obfuscated emails and spelled-out phones. About
 * half are negatives full of traps (phone-shaped order/ticket/member numbers right after their id
 * word, national ids, tax ids, IBANs and account numbers, IMEIs, tracking numbers, masked and
 * Luhn-invalid cards, timestamps, scores, statistics, versions, git@host:repo, @scope/pkg@1.2.3,
 * icon@2x.png, decorators, @media, @mentions, reserved and TLD-less domains).
 *
 * Label validity is asserted for every record (checkCase: libphonenumber-js/max for phones, Luhn +
 * brand for cards, RFC 5322 + real TLD for emails, span boundaries). The scores are only held to a
 * LOOSE FLOOR of 0.75 per type (exact and overlap precision/recall), far below the 0.97 target: this
 * file reports the honest number, it is not a target to tune against. Mistakes are printed as id,
 * type, fp/fn and offsets only (never text).
 */
import { describeEvalSet } from '../support/eval-suite.js';

describeEvalSet({ folder: 'eval3', label: 'third', minCases: 400, minRegions: 35 });
