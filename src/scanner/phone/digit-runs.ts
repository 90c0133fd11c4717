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
  /** Joined across a single line break ("0176 2345⏎6789"): needs a phone word to count. */
  lineBreak?: boolean;
  /** Another complete number is glued before / after it ("07911123456/07911654321"). */
  siblingBefore?: boolean;
  siblingAfter?: boolean;
}

export const MIN_DIGITS = 7;
/**
 * Grouped runs of six digits are visited too: a few countries have six-digit numbers (AU
 * "13 22 65", AE "800 555"); the detector takes them only after a strong phone word.
 */
export const MIN_GROUPED_DIGITS = 6;
export const MAX_DIGITS = 17;
/** Runs with more digits than this are not split into sub-runs at all (tables, ids, adversarial input). */
const MAX_RUN_DIGITS = 60;

/** Separators (text[from..to)) that end one number and start another. */
function isBreak(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length > 3) return true;
  let opens = 0;
  let closes = 0;
  let slash = false;
  let closeAfterOpen = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) opens++;
    else if (c === 41) {
      closes++;
      if (opens > 0) closeAfterOpen = true;
    } else if (c === 47) slash = true;
  }
  // " / " separates two numbers; "030/1234567" is one. ")(" or "((" cannot sit inside one.
  return (slash && length > 1) || opens > 1 || closes > 1 || closeAfterOpen;
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
  if (closed) start = leadStart + lead.lastIndexOf('(');
  if (plus && (!closed || lead.indexOf('+') < lead.lastIndexOf('(')))
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

/** The separators RUN_EXTENT accepts between digit groups. */
function isRunSeparator(c: number): boolean {
  return (
    c === 32 ||
    c === 0xa0 ||
    c === 40 ||
    c === 41 ||
    c === 46 ||
    c === 47 ||
    c === 45 ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x30fc ||
    c === 0xff70 ||
    c === 10
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Calls `visit` for every candidate segment of 7..17 digits (6 when grouped), in text order. */
// Native regex scanning finds the next digit and the extent of a run far faster than a
// character loop in JavaScript; both patterns have a single quantifier (linear).
const NEXT_DIGIT = /[0-9]/g;
const RUN_EXTENT = /[0-9 \u00a0()./\-\u2010-\u2015\u30fc\uff70]*/y;

function hasNewline(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Digits of the line part of a run that starts at group g (up to the next line break). */
function lineDigitsFrom(
  text: string,
  groups: ReadonlyArray<readonly [number, number]>,
  g: number,
): number {
  let count = 0;
  for (let h = g; h < groups.length; h++) {
    count += groups[h]![1] - groups[h]![0];
    if (h + 1 < groups.length && hasNewline(text, groups[h]![1], groups[h + 1]![0])) break;
  }
  return count;
}

/** " - ", " – ": between two complete numbers, a list ("Tel 030 1234567 - 0176 23456789"). */
function isSpacedDash(text: string, from: number, to: number): boolean {
  if (to - from !== 3) return false;
  const d = text.charCodeAt(from + 1);
  return (
    text.charCodeAt(from) === 32 &&
    text.charCodeAt(to - 1) === 32 &&
    (d === 45 || (d >= 0x2010 && d <= 0x2015))
  );
}

/**
 * Two complete numbers side by side: " - " between them ("030 1234567 - 0176 23456789"), or a
 * bare slash when together they are too long for one ("07911123456/07911123457"). Long grouped
 * ids (IBANs) stay whole and are dropped for their length.
 */
function splitsTwoNumbers(
  text: string,
  groups: ReadonlyArray<readonly [number, number]>,
  g: number,
  segmentDigits: number,
  sepFrom: number,
  sepTo: number,
): boolean {
  const dash = isSpacedDash(text, sepFrom, sepTo);
  const slash = sepTo - sepFrom === 1 && text.charCodeAt(sepFrom) === 47;
  if (!dash && !(slash && segmentDigits >= 10)) return false;
  const next = lineDigitsFrom(text, groups, g + 1);
  return next >= MIN_DIGITS && (dash || segmentDigits + next > MAX_DIGITS);
}

/** " (" after a complete number opens a remark, not an area code ("…2273 (1-800-MY-APPLE)"). */
function isSpacedParen(text: string, from: number, to: number): boolean {
  return to - from === 2 && text.charCodeAt(from) === 32 && text.charCodeAt(from + 1) === 40;
}

/** A lone 0 in brackets: the trunk prefix written after a country code ("+44 (0)20 …"). */
function isBracketedZero(text: string, [s, e]: readonly [number, number]): boolean {
  return e - s === 1 && text.charCodeAt(s) === 48 && text[s - 1] === '(' && text[e] === ')';
}

/** ". " after a complete number ends the sentence: "… 4567. 2 months later". */
function endsSentence(text: string, from: number, to: number): boolean {
  const dot = text.indexOf('.', from);
  return (
    dot >= 0 && dot < to - 1 && (text.charCodeAt(dot + 1) === 32 || text.charCodeAt(dot + 1) === 10)
  );
}

/** The group is the hour of a time ("… 4510 — 8:00–20:00", "…4567（9:00-21:00）"). */
function startsTime(text: string, [, e]: readonly [number, number]): boolean {
  return (
    text.charCodeAt(e) === 58 && isDigit(text.charCodeAt(e + 1)) && isDigit(text.charCodeAt(e + 2))
  );
}

/**
 * `visit` returns true when it found a number in the run; a run joined across a line break is
 * then not tried line by line.
 */
export function forEachDigitRun(text: string, visit: (run: DigitRun) => boolean | void): void {
  NEXT_DIGIT.lastIndex = 0;
  // test() rather than exec(): no match object per digit run.
  while (NEXT_DIGIT.test(text)) {
    // A maximal run of digits and separators, ending at its last digit. Cheap digit count
    // first, so short numbers, long tables and "1 1 1 ..." cost one pass and no allocation.
    const first = NEXT_DIGIT.lastIndex - 1;
    // Short numbers not followed by a separator ("12:30", "2019,", "45%") end here.
    let j = first + 1;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
    if (j - first < MIN_DIGITS && !isRunSeparator(text.charCodeAt(j))) {
      NEXT_DIGIT.lastIndex = j;
      continue;
    }
    RUN_EXTENT.lastIndex = first;
    RUN_EXTENT.test(text);
    let stop = RUN_EXTENT.lastIndex;
    let end = first;
    let digitCount = 0;
    for (let j = first; j < stop; j++) {
      if (isDigit(text.charCodeAt(j))) {
        digitCount++;
        end = j + 1;
      }
    }
    // The run may go on after one line break ("0176 2345⏎6789"); the segmentation below
    // decides whether the two lines are one number.
    const after = text.charCodeAt(stop + 1);
    if (
      text.charCodeAt(stop) === 10 &&
      digitCount < MAX_DIGITS &&
      (isDigit(after) || (after === 45 && isDigit(text.charCodeAt(stop + 2))))
    ) {
      RUN_EXTENT.lastIndex = stop + 1;
      RUN_EXTENT.test(text);
      const stop2 = RUN_EXTENT.lastIndex;
      let more = 0;
      let end2 = end;
      for (let j = stop + 1; j < stop2; j++) {
        if (isDigit(text.charCodeAt(j))) {
          more++;
          end2 = j + 1;
        }
      }
      if (digitCount + more <= MAX_RUN_DIGITS) {
        stop = stop2;
        end = end2;
        digitCount += more;
      }
    }
    NEXT_DIGIT.lastIndex = stop;
    if (digitCount < MIN_GROUPED_DIGITS || digitCount > MAX_RUN_DIGITS) continue;
    const groups: Array<readonly [number, number]> = [];
    for (let k = first; k < end;) {
      if (isDigit(text.charCodeAt(k))) {
        let m = k + 1;
        while (m < end && isDigit(text.charCodeAt(m))) m++;
        groups.push([k, m]);
        k = m;
      } else k++;
    }
    // How far back a leading '+' / '(' may be looked for.
    let leadFrom = first;
    while (leadFrom > 0 && first - leadFrom < 3 && '+( '.includes(text[leadFrom - 1]!)) leadFrom--;
    let from = 0;
    let segmentDigits = 0;
    /** Group index after which the current segment crosses a line break, or -1. */
    let joinedAt = -1;
    /** The previous segment ended at a split between two complete numbers. */
    let sibling = false;
    for (let g = 0; g < groups.length; g++) {
      const last = g === groups.length - 1;
      // A bracketed trunk 0 ("+49 (0) 6221 / 48 37 20") is not dialled: it does not make the
      // segment long enough to be a number of its own.
      if (!isBracketedZero(text, groups[g]!)) segmentDigits += groups[g]![1] - groups[g]![0];
      let cut = last;
      let splitAfter = false;
      if (!last) {
        const sepFrom = groups[g]![1];
        const sepTo = groups[g + 1]![0];
        const newlines = hasNewline(text, sepFrom, sepTo);
        if (newlines > 0) {
          // One line break inside a number ("0176 2345⏎6789") is joined when one side is too
          // short to be a number itself; two numbers on two lines, or a second break, are not.
          cut =
            newlines > 1 ||
            sepTo - sepFrom > 2 ||
            joinedAt >= 0 ||
            (segmentDigits >= MIN_DIGITS && lineDigitsFrom(text, groups, g + 1) >= MIN_DIGITS);
          if (!cut) joinedAt = g;
        } else if (segmentDigits >= MIN_DIGITS) {
          // A break only ends a segment that could be a number itself: "030 / 1234567" is one.
          cut =
            isBreak(text, sepFrom, sepTo) ||
            isSpacedParen(text, sepFrom, sepTo) ||
            endsSentence(text, sepFrom, sepTo) ||
            startsTime(text, groups[g + 1]!) ||
            // "444 0 123 — 40 dakika": a spaced dash before a short figure starts a remark.
            (isSpacedDash(text, sepFrom, sepTo) && lineDigitsFrom(text, groups, g + 1) < 3) ||
            (splitAfter = splitsTwoNumbers(text, groups, g, segmentDigits, sepFrom, sepTo));
        }
      }
      if (cut) {
        let found = false;
        const run = toRun(text, from, g, groups, from === 0 ? leadFrom : groups[from - 1]![1]);
        const count = run.digits.length;
        if (
          (count >= MIN_DIGITS || (count >= MIN_GROUPED_DIGITS && g > from)) &&
          count <= MAX_DIGITS
        ) {
          if (joinedAt >= 0) run.lineBreak = true;
          if (sibling) run.siblingBefore = true;
          if (splitAfter) run.siblingAfter = true;
          found = visit(run) === true;
        }
        if (joinedAt >= 0 && !found) {
          // The joined lines were not one number: try each line on its own.
          for (const [f, t] of [
            [from, joinedAt],
            [joinedAt + 1, g],
          ] as const) {
            const part = toRun(text, f, t, groups, f === 0 ? leadFrom : groups[f - 1]![1]);
            const n = part.digits.length;
            if (n >= MIN_DIGITS && n <= MAX_DIGITS) visit(part);
          }
        }
        sibling = splitAfter;
        segmentDigits = 0;
        joinedAt = -1;
        from = g + 1;
      }
    }
  }
}
