/**
 * A small structural ReDoS checker for JavaScript regular expressions (in the spirit of
 * safe-regex / rxxr): parses a pattern and flags the shapes that make a backtracking engine go
 * exponential — an unbounded quantifier around another unbounded quantifier whose surroundings can
 * be absorbed by it (`(a+)+`, `(\s*\w+)*`, `(a+a)+`), and an unbounded quantifier around an
 * alternation whose branches can start with the same character (`(a|a)*`, `(\w|\d)+`). It also
 * lists polynomial shapes: two unbounded quantifiers in a row over overlapping characters with
 * nothing required in between that the first cannot eat (`\d+\s*\d+`), which go quadratic on a
 * failing match. Characters are approximated by a sample alphabet (ASCII plus representative
 * Unicode characters), which is enough to tell `[a-z]` from `\d` from `@`.
 */

/** A large bound behaves like `*` for backtracking purposes. */
const UNBOUNDED = 16;

const SAMPLE: string[] = (() => {
  const chars: string[] = [];
  for (let c = 0; c < 128; c++) chars.push(String.fromCharCode(c));
  chars.push(
    '\u00a0',
    '\u00e9',
    '\u00df',
    '\u0663',
    '\u0967',
    '\uff10',
    '\uff20',
    '\u200b',
    '\u2013',
  );
  chars.push(
    '\u2011',
    '\u3000',
    '\u4e2d',
    '\ud835',
    '\udfce',
    '\u00ad',
    '\ufeff',
    '\u0430',
    '\u2028',
  );
  return chars;
})();

type CharSet = Set<number>; // indices into SAMPLE

export type Node =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'group'; body: Node; lookaround: boolean }
  | { kind: 'quant'; body: Node; min: number; max: number }
  | { kind: 'assert' }
  | { kind: 'backref' };

function setOf(test: (ch: string) => boolean): CharSet {
  const set: CharSet = new Set();
  SAMPLE.forEach((ch, i) => {
    if (test(ch)) set.add(i);
  });
  return set;
}

function setFromRegex(source: string, flags: string): CharSet {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${source})$`, flags.replace(/[gy]/g, ''));
  } catch {
    return setOf(() => true);
  }
  return setOf((ch) => re.test(ch));
}

/** Parses a pattern into the node tree; character classes become sample sets. */
export function parseRegex(source: string, flags = ''): Node {
  let i = 0;
  const unicode = /[uv]/.test(flags);

  function parseAlt(): Node {
    const branches: Node[] = [parseSeq()];
    while (source[i] === '|') {
      i++;
      branches.push(parseSeq());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches };
  }

  function parseSeq(): Node {
    const items: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      let atom = parseAtom();
      for (;;) {
        const q = parseQuantifier();
        if (!q) break;
        atom = { kind: 'quant', body: atom, min: q.min, max: q.max };
      }
      items.push(atom);
    }
    return { kind: 'seq', items };
  }

  function parseQuantifier(): { min: number; max: number } | undefined {
    const ch = source[i];
    let q: { min: number; max: number } | undefined;
    if (ch === '*') q = { min: 0, max: Infinity };
    else if (ch === '+') q = { min: 1, max: Infinity };
    else if (ch === '?') q = { min: 0, max: 1 };
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return undefined;
      i += m[0].length - 1;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
    }
    if (!q) return undefined;
    i++;
    if (source[i] === '?' || source[i] === '+') i++; // lazy (or possessive-looking) suffix
    return q;
  }

  function parseClass(): Node {
    const start = i;
    i++; // [
    if (source[i] === '^') i++;
    if (source[i] === ']') i++;
    while (i < source.length && source[i] !== ']') {
      if (source[i] === '\\') i++;
      else if (source[i] === '[' && /[v]/.test(flags)) {
        // v-mode nested class
        let depth = 1;
        i++;
        while (i < source.length && depth > 0) {
          if (source[i] === '\\') i++;
          else if (source[i] === '[') depth++;
          else if (source[i] === ']') depth--;
          i++;
        }
        continue;
      }
      i++;
    }
    i++; // ]
    return { kind: 'chars', set: setFromRegex(source.slice(start, i), flags) };
  }

  function parseEscape(): Node {
    const start = i;
    i++; // backslash
    const ch = source[i]!;
    if (/[1-9]/.test(ch)) {
      while (/\d/.test(source[i] ?? '')) i++;
      return { kind: 'backref' };
    }
    if (ch === 'k' && source[i + 1] === '<') {
      i = source.indexOf('>', i) + 1;
      return { kind: 'backref' };
    }
    if (ch === 'b' || ch === 'B') {
      i++;
      return { kind: 'assert' };
    }
    if (ch === 'u' && source[i + 1] === '{') i = source.indexOf('}', i) + 1;
    else if (ch === 'u') i += 5;
    else if (ch === 'x') i += 3;
    else if ((ch === 'p' || ch === 'P') && source[i + 1] === '{') i = source.indexOf('}', i) + 1;
    else if (ch === 'c') i += 2;
    else i++;
    return { kind: 'chars', set: setFromRegex(source.slice(start, i), unicode ? flags : flags) };
  }

  function parseAtom(): Node {
    const ch = source[i]!;
    if (ch === '(') {
      i++;
      let lookaround = false;
      if (source[i] === '?') {
        const rest = source.slice(i);
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>|[imsx-]+:)/.exec(rest);
        if (m) {
          lookaround = /^\?(=|!|<=|<!)/.test(rest);
          i += m[0].length;
        }
      }
      const body = parseAlt();
      i++; // )
      return { kind: 'group', body, lookaround };
    }
    if (ch === '[') return parseClass();
    if (ch === '\\') return parseEscape();
    if (ch === '^' || ch === '$') {
      i++;
      return { kind: 'assert' };
    }
    if (ch === '.') {
      i++;
      return { kind: 'chars', set: setFromRegex('.', flags) };
    }
    // A literal character (a surrogate pair in u-mode counts as one).
    const cp = source.codePointAt(i)!;
    const len = unicode && cp > 0xffff ? 2 : 1;
    const lit = source.slice(i, i + len);
    i += len;
    return { kind: 'chars', set: setFromRegex(lit.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), flags) };
  }

  const node = parseAlt();
  if (i < source.length) throw new SyntaxError(`unparsed rest at ${i}`);
  return node;
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.branches.some(nullable);
    case 'group':
      return node.lookaround || nullable(node.body);
    case 'quant':
      return node.min === 0 || nullable(node.body);
    default:
      return true;
  }
}

function union(sets: CharSet[]): CharSet {
  const out: CharSet = new Set();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

function overlaps(a: CharSet, b: CharSet): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** Every character the node can consume anywhere. */
function allChars(node: Node): CharSet {
  switch (node.kind) {
    case 'chars':
      return node.set;
    case 'seq':
      return union(node.items.map(allChars));
    case 'alt':
      return union(node.branches.map(allChars));
    case 'group':
      return node.lookaround ? new Set() : allChars(node.body);
    case 'quant':
      return node.max === 0 ? new Set() : allChars(node.body);
    default:
      return new Set();
  }
}

/** Characters a match of the node can start with. */
function firstChars(node: Node): CharSet {
  switch (node.kind) {
    case 'chars':
      return node.set;
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        sets.push(firstChars(item));
        if (!nullable(item)) break;
      }
      return union(sets);
    }
    case 'alt':
      return union(node.branches.map(firstChars));
    case 'group':
      return node.lookaround ? new Set() : firstChars(node.body);
    case 'quant':
      return node.max === 0 ? new Set() : firstChars(node.body);
    default:
      return new Set();
  }
}

const isUnbounded = (n: Node): n is Extract<Node, { kind: 'quant' }> =>
  n.kind === 'quant' && n.max >= UNBOUNDED;

/** Unbounded quantifiers inside `node` (not inside lookarounds), with their path's siblings. */
function innerStars(node: Node): Extract<Node, { kind: 'quant' }>[] {
  const out: Extract<Node, { kind: 'quant' }>[] = [];
  const walk = (n: Node) => {
    if (n.kind === 'quant') {
      if (isUnbounded(n)) out.push(n);
      walk(n.body);
    } else if (n.kind === 'seq') n.items.forEach(walk);
    else if (n.kind === 'alt') n.branches.forEach(walk);
    else if (n.kind === 'group' && !n.lookaround) walk(n.body);
  };
  walk(node);
  return out;
}

/** The non-nullable parts of `node` that lie outside `inner` (what every iteration must also match). */
function requiredOutside(node: Node, inner: Node): Node[] | undefined {
  if (node === inner) return [];
  switch (node.kind) {
    case 'seq': {
      for (const item of node.items) {
        const sub = requiredOutside(item, inner);
        if (sub) return [...sub, ...node.items.filter((x) => x !== item && !nullable(x))];
      }
      return undefined;
    }
    case 'alt': {
      for (const b of node.branches) {
        const sub = requiredOutside(b, inner);
        if (sub) return sub;
      }
      return undefined;
    }
    case 'group':
      return node.lookaround ? undefined : requiredOutside(node.body, inner);
    case 'quant':
      return requiredOutside(node.body, inner);
    default:
      return undefined;
  }
}

/** The branches of an alternation directly under `node` (through groups). */
function alternationOf(node: Node): Node[] | undefined {
  if (node.kind === 'alt') return node.branches;
  if (node.kind === 'group' && !node.lookaround) return alternationOf(node.body);
  if (node.kind === 'seq' && node.items.length === 1) return alternationOf(node.items[0]!);
  return undefined;
}

export interface RegexRisk {
  kind: 'nested-quantifier' | 'overlapping-alternation' | 'adjacent-quantifiers';
  severity: 'exponential' | 'polynomial';
}

/** The risky shapes in a pattern (empty when it is linear-safe by these rules). */
export function analyzeRegex(source: string, flags = ''): RegexRisk[] {
  const root = parseRegex(source, flags);
  const risks: RegexRisk[] = [];
  const visit = (n: Node) => {
    if (isUnbounded(n)) {
      for (const inner of innerStars(n.body)) {
        const required = requiredOutside(n.body, inner) ?? [];
        const eaten = allChars(inner.body);
        // Each iteration can be split between the inner loop and the outer one in many ways
        // unless something required in the body is a character the inner loop cannot match.
        if (required.every((r) => [...allChars(r)].every((c) => eaten.has(c)))) {
          risks.push({ kind: 'nested-quantifier', severity: 'exponential' });
        }
      }
      const branches = alternationOf(n.body);
      if (branches) {
        for (let a = 0; a < branches.length; a++) {
          for (let b = a + 1; b < branches.length; b++) {
            if (overlaps(firstChars(branches[a]!), firstChars(branches[b]!))) {
              risks.push({ kind: 'overlapping-alternation', severity: 'exponential' });
            }
          }
        }
      }
    }
    if (n.kind === 'seq') {
      // x+ then (nullable things the x+ can also eat) then y+ over overlapping characters.
      for (let a = 0; a < n.items.length; a++) {
        const first = n.items[a]!;
        if (!isUnbounded(first)) continue;
        const eaten = allChars(first.body);
        for (let b = a + 1; b < n.items.length; b++) {
          const next = n.items[b]!;
          if (isUnbounded(next) && overlaps(eaten, firstChars(next.body))) {
            risks.push({ kind: 'adjacent-quantifiers', severity: 'polynomial' });
            break;
          }
          if (!nullable(next) && ![...allChars(next)].every((c) => eaten.has(c))) break;
        }
      }
    }
    if (n.kind === 'seq') n.items.forEach(visit);
    else if (n.kind === 'alt') n.branches.forEach(visit);
    else if (n.kind === 'group') visit(n.body);
    else if (n.kind === 'quant') visit(n.body);
  };
  visit(root);
  return risks;
}
