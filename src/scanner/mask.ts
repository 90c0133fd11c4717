import { callingCodeLength } from './phone/validate-number.js';

export const BULLET = '\u2022';

const SHAPE_CHARS = /^[\d\s+().\-/]*$/;

/** `jane.doe@gmail.com` → `j•••@gmail.com`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return `${BULLET.repeat(3)}`;
  return `${value[0]}${BULLET.repeat(3)}${value.slice(at)}`;
}

/** Keeps the written grouping, hides all but the last four digits; contiguous numbers are grouped. */
export function maskCard(value: string, shape: string): string {
  const keepFrom = value.length - 4;
  if (/[\s-]/.test(shape) && SHAPE_CHARS.test(shape) && shape.replace(/\D/g, '') === value) {
    let k = 0;
    let out = '';
    for (const ch of shape) {
      if (ch >= '0' && ch <= '9') out += k++ >= keepFrom ? ch : BULLET;
      else out += ch;
    }
    return out;
  }
  const groups = value.length === 15 ? [4, 6, 5] : value.length === 14 ? [4, 6, 4] : [];
  const out: string[] = [];
  let pos = 0;
  for (const size of groups) {
    out.push(maskDigits(value.slice(pos, pos + size), pos, keepFrom));
    pos += size;
  }
  while (pos < value.length) {
    out.push(maskDigits(value.slice(pos, pos + 4), pos, keepFrom));
    pos += 4;
  }
  return out.join(' ');
}

function maskDigits(chunk: string, offset: number, keepFrom: number): string {
  let s = '';
  for (let i = 0; i < chunk.length; i++) s += offset + i >= keepFrom ? chunk[i] : BULLET;
  return s;
}

/**
 * `+44 20 7946 0958` → `+44 •• •••• •958`: the country code and last three digits stay, the
 * written shape stays. Spelled-out or otherwise odd shapes are rebuilt from the E.164 value.
 */
export function maskPhone(value: string, shape: string): string {
  const e164 = value.startsWith('+') ? value : '';
  const ccLen = e164 === '' ? 0 : callingCodeLength(e164);
  const digits = value.replace(/\D/g, '');
  const shapeDigits = shape.replace(/\D/g, '');
  if (SHAPE_CHARS.test(shape) && shapeDigits.length >= 3) {
    const trimmed = shape.trimStart();
    const international = trimmed.startsWith('+') || trimmed.startsWith('(+');
    const intl00 = !international && /^\(?00/.test(trimmed);
    const keepHead = international ? ccLen : intl00 && ccLen > 0 ? ccLen + 2 : 0;
    const keepFrom = shapeDigits.length - 3;
    let k = 0;
    let out = '';
    for (const ch of shape) {
      if (ch >= '0' && ch <= '9') {
        out += k < keepHead || k >= keepFrom ? ch : BULLET;
        k++;
      } else out += ch === '\n' || ch === '\r' || ch === '\t' ? ' ' : ch; // one line
    }
    return out;
  }
  const national = ccLen > 0 ? digits.slice(ccLen) : digits;
  const head = ccLen > 0 ? `+${digits.slice(0, ccLen)} ` : '';
  return `${head}${BULLET.repeat(Math.max(0, national.length - 3))} ${national.slice(-3)}`;
}
