/**
 * Phone numbers dictated in Chinese or Japanese numerals, digit by digit (一三八零零一三八零零零,
 * 〇九〇…), a common way to get past filters in CJK forums.
 */
import type { SpelledNumber } from './spelled-digits.js';

/** Chinese/Japanese numerals used to write phone numbers digit by digit (幺 is "one" when dictating). */
const CJK_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  洞: '0',
  一: '1',
  幺: '1',
  壹: '1',
  二: '2',
  两: '2',
  貳: '2',
  贰: '2',
  三: '3',
  叁: '3',
  參: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  陸: '6',
  七: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  玖: '9',
};
const ANY_CJK_DIGIT = /[零〇一幺壹二两貳贰三叁參四肆五伍六陆陸七柒八捌九玖]/;
const CJK_RUN =
  /[0-9零〇洞一幺壹二两貳贰三叁參四肆五伍六陆陸七柒八捌九玖][0-9零〇洞一幺壹二两貳贰三叁參四肆五伍六陆陸七柒八捌九玖 -]{5,24}[0-9零〇洞一幺壹二两貳贰三叁參四肆五伍六陆陸七柒八捌九玖]/g;

/** Numbers written (at least partly) in CJK numerals: 一三八零零一三八零零零. */
export function findCjkNumerals(text: string): SpelledNumber[] {
  const found: SpelledNumber[] = [];
  if (!ANY_CJK_DIGIT.test(text)) return found;
  CJK_RUN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = CJK_RUN.exec(text)) !== null) {
    let digits = '';
    let numerals = 0;
    for (const ch of match[0]) {
      const d = CJK_DIGITS[ch];
      if (d) numerals++;
      if (d || (ch >= '0' && ch <= '9')) digits += d ?? ch;
    }
    if (numerals >= 3 && digits.length >= 7 && digits.length <= 15) {
      found.push({ start: match.index, end: match.index + match[0].length, digits });
    }
  }
  return found;
}
