/**
 * Sixth independent evaluation corpus (test/fixtures/eval6/*.jsonl): 366 forum posts in 61 regions,
 * written by an evaluator who read neither the scanner's source nor any other labelled set, to
 * estimate how scan() generalises to a hidden corpus of real-looking forum posts. It aims at regions
 * earlier sets likely under-covered: the Nordics (SE, NO, DK, FI, IS), the Baltics, the Balkans
 * (RS, HR, SI, BA, MK, AL, BG, RO, GR), the Caucasus and Central Asia (GE, AM, AZ, KZ, UZ),
 * francophone and anglophone Africa (SN, CI, CM, MA, DZ, TN, GH, NG, KE, TZ, UG, ZA, ET), Latin
 * America beyond MX/BR/AR, the Pacific (NZ, FJ, PG) and South Asia (LK, NP, BD, PK), with a few
 * US/GB/DE/FR/IN/JP/CN posts for balance, each in its local language and script. Formats: plain
 * text, markdown (bulleted contacts, tables, inline and fenced code, mailto links) and HTML as rich
 * text editors produce it (Discourse cooked posts with aside.quote, tel:/mailto: links, <strong>,
 * <code>, <pre>; WordPress comment markup with <br />). Phones come in every local form the
 * metadata allows (national with trunk prefix, international, 00 prefix, E.164, compact, dashed,
 * dotted) and also appear as tel: link targets; cards are real-brand numbers in double-charge
 * complaints and public Stripe/Adyen test numbers in developer posts (labelled as cards, per the
 * contract). Half are negatives: order and tracking numbers (some phone-shaped), local personal and
 * company ids (personnummer, CPR, henkilötunnus, kennitala, JMBG, EMŠO, ЕГН, CNP, ΑΦΜ, ИИН, JSHSHIR,
 * NIN, Ghana Card, RUT, cédula, DPI, CNIC, Aadhaar, 身份证号 …), IBANs and bank accounts, invoice
 * numbers, local prices, dates, times and scores, invalid phones (checked with libphonenumber),
 * masked cards, Luhn-invalid 16-digit references, @mentions, @scope/pkg@version, git remotes,
 * icon@2x.png and reserved domains.
 *
 * Label validity is asserted for every record (checkCase). The scores are only held to a LOOSE
 * FLOOR of 0.75 per type (exact and overlap precision/recall), far below the 0.97 target: this file
 * reports the honest number, it is not a target to tune against. Mistakes are printed as id, type,
 * fp/fn and offsets only (never text).
 */
import { describeEvalSet } from '../support/eval-suite.js';

describeEvalSet({
  folder: 'eval6',
  label: 'sixth',
  minCases: 350,
  minRegions: 40,
  idPrefix: 'e6-',
});
