/** Character classes shared by the plain and the obfuscated email detectors (UTF-16 units). */

export function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Latin-1 and Latin Extended letters (no × ÷). */
export function isLatinLetter(c: number): boolean {
  return c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;
}

/** Local-part characters people actually type: letters, digits and . _ - +. */
export function isAsciiLocal(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2e || c === 0x5f || c === 0x2d || c === 0x2b;
}

/** '.', and the ideographic '。' and half-width '｡' that stand in for dots to dodge filters. */
export function isDotCode(c: number): boolean {
  return c === 0x2e || c === 0x3002 || c === 0xff61;
}

/** Domain characters: letters, digits, '-' and any dot form. */
export function isAsciiDomain(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2d || isDotCode(c);
}
