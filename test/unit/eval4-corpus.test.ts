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
import { describeEvalSet } from '../support/eval-suite.js';

describeEvalSet({
  folder: 'eval4',
  label: 'fourth',
  minCases: 450,
  minRegions: 40,
  idPrefix: 'e4-',
});
