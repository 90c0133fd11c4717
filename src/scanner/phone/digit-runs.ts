/**
 * Broad, bounded candidate windows: runs of digit groups joined by phone-style separators
 * (space, no-break space, - . / ( ) and dashes), with an optional leading '+' or '('.
 * The pattern has a single quantifier, so it is linear; long runs are cut into segments at
 * separators no phone uses inside itself, and segments with too many digits are dropped.
 */

export interface DigitRun {
  /** Index of the first character (a '+', '(' or digit). */
  start: number;
  /** Index after the last digit. */
  end: number;
  /** Digits only, in order. */
  digits: string;
  /** [start, end) of each digit group. */
  groups: Array<readonly [number, number]>;
  /** Separator text between group i and i+1 (length groups.length - 1). */
  seps: string[];
  /** Started with '+'. */
  plus: boolean;
  /** An opening parenthesis before or inside the run, closed within it. */
  paren: boolean;
}

const RUN = /(?:\(\s?\+?|\+\s?\(?)?\d(?:[\d \u00a0()./\-\u2010-\u2015]*\d)?/g;

export const MIN_DIGITS = 7;
export const MAX_DIGITS = 17;
/** Runs with more digits than this are not split into sub-runs at all (tables, ids, adversarial input). */
const MAX_RUN_DIGITS = 60;

/** Separators that end one number and start another. */
function isBreak(sep: string): boolean {
  if (sep.length > 3) return true;
  if (sep.includes('/') && sep.length > 1) return true;
  // ")(" or "((" cannot sit inside one number
  const opens = sep.split('(').length - 1;
  const closes = sep.split(')').length - 1;
  return (
    opens > 1 || closes > 1 || (closes === 1 && opens === 1 && sep.indexOf(')') > sep.indexOf('('))
  );
}

function toRun(
  text: string,
  from: number,
  to: number,
  groups: Array<readonly [number, number]>,
  leadFrom: number,
): DigitRun {
  const first = groups[from]!;
  const last = groups[to]!;
  // Leading '+' / '(' attached to the first group ("+44", "(02)", "(+44)", "+1 (").
  let leadStart = first[0];
  while (leadStart > leadFrom && first[0] - leadStart < 3 && '+( '.includes(text[leadStart - 1]!)) {
    leadStart--;
  }
  const lead = text.slice(leadStart, first[0]);
  const plus = lead.includes('+');
  const closed = lead.includes('(') && text.slice(first[1], last[1]).includes(')');
  let start = first[0];
  if (closed) start = leadStart + lead.indexOf('(');
  if (plus && (!closed || lead.indexOf('+') < lead.indexOf('(')))
    start = leadStart + lead.indexOf('+');
  let paren = closed;
  let digits = '';
  const seps: string[] = [];
  for (let i = from; i <= to; i++) {
    const g = groups[i]!;
    digits += text.slice(g[0], g[1]);
    if (i < to) {
      const sep = text.slice(g[1], groups[i + 1]![0]);
      seps.push(sep);
      if (sep.includes('(') && text.slice(groups[i + 1]![1], last[1]).includes(')')) paren = true;
      else if (sep.includes('(') && sep.includes(')')) paren = true;
    }
  }
  return { start, end: last[1], digits, groups: groups.slice(from, to + 1), seps, plus, paren };
}

/** Calls `visit` for every candidate segment of 7..17 digits, in text order. */
export function forEachDigitRun(text: string, visit: (run: DigitRun) => void): void {
  RUN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = RUN.exec(text)) !== null) {
    const startChar = match.index;
    const end = startChar + match[0].length;
    // Collect digit groups; cheap count first so that long tables and "1 1 1 ..." are skipped.
    const groups: Array<readonly [number, number]> = [];
    let digitCount = 0;
    let i = startChar;
    while (i < end && digitCount <= MAX_RUN_DIGITS) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        let j = i + 1;
        while (j < end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        groups.push([i, j]);
        digitCount += j - i;
        i = j;
      } else i++;
    }
    if (digitCount > MAX_RUN_DIGITS || digitCount < MIN_DIGITS) continue;
    let from = 0;
    for (let g = 0; g < groups.length; g++) {
      const last = g === groups.length - 1;
      const sep = last ? '' : text.slice(groups[g]![1], groups[g + 1]![0]);
      // A '+' cannot occur inside a run, so a new number only starts at a strong separator.
      if (last || isBreak(sep)) {
        const run = toRun(text, from, g, groups, from === 0 ? startChar : groups[from - 1]![1]);
        const n = run.digits.length;
        if (n >= MIN_DIGITS && n <= MAX_DIGITS) visit(run);
        from = g + 1;
      }
    }
  }
}
