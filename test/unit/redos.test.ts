/**
 * ReDoS: every regular expression in src/ — literals and `new RegExp(...)`/`RegExp(...)` with
 * literal arguments, found by parsing the sources with the TypeScript compiler — is checked for
 * shapes that backtrack super-linearly (test/faults/support/redos-check.ts). Dynamic patterns
 * (built at run time) are listed and must be known here. The bench (bench/service.ts) measures the
 * scanner's growth on pumped inputs as the second line of defence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeRegex, parseRegex } from '../faults/support/redos-check.js';

const ROOT = join(import.meta.dirname, '../..');

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The value of a string expression built from literals, `+`, template literals and `const`s of the
 * same file (how the scanner composes its patterns); undefined when it depends on run time.
 */
function foldString(
  node: ts.Node | undefined,
  consts: Map<string, ts.Expression>,
  depth = 0,
): string | undefined {
  if (!node) return '';
  if (depth > 20) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return foldString(node.expression, consts, depth + 1);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = foldString(node.left, consts, depth + 1);
    const right = foldString(node.right, consts, depth + 1);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const value = foldString(span.expression, consts, depth + 1);
      if (value === undefined) return undefined;
      out += value + span.literal.text;
    }
    return out;
  }
  if (ts.isIdentifier(node)) {
    const init = consts.get(node.text);
    return init ? foldString(init, consts, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * Patterns built at run time from data, each reviewed: what it is and why it cannot backtrack.
 */
const REVIEWED_DYNAMIC: Record<string, string> = {
  'src/scanner/normalize/char-classes.ts':
    'a single character class built from a table: no quantifier',
  'src/scanner/phone/spelled-digits.ts':
    'an alternation of literal digit words and \\+?\\d{1,4}, between lookarounds: bounded',
  'src/scanner/phone/validate-number.ts':
    "libphonenumber metadata patterns, anchored and run only on a number's ≤ 17 national digits",
};

export function collectRegexes(files: string[]): { found: FoundRegex[]; dynamic: string[] } {
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const consts = new Map<string, ts.Expression>();
    const collectConsts = (node: ts.Node) => {
      if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Const) !== 0) {
        for (const d of node.declarations) {
          if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
        }
      }
      ts.forEachChild(node, collectConsts);
    };
    collectConsts(sf);
    const where = (node: ts.Node) =>
      `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const end = literal.lastIndexOf('/');
        found.push({
          where: where(node),
          source: literal.slice(1, end),
          flags: literal.slice(end + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [patternArg, flagsArg] = node.arguments ?? [];
        const source = foldString(patternArg, consts);
        const flags = foldString(flagsArg, consts);
        if (source !== undefined && flags !== undefined)
          found.push({ where: where(node), source, flags });
        else dynamic.push(where(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

const { found, dynamic } = collectRegexes(sourceFiles(join(ROOT, 'src')));

describe('regular expressions in src/ (ReDoS)', () => {
  it('finds the regular expressions (the collector works)', () => {
    expect(found.length).toBeGreaterThan(50);
    // The checker itself flags the classic shapes and passes safe ones.
    expect(analyzeRegex('(a+)+$').map((r) => r.kind)).toContain('nested-quantifier');
    expect(analyzeRegex('^(\\s*\\w+)*$').map((r) => r.kind)).toContain('nested-quantifier');
    expect(analyzeRegex('(a|a)*b').map((r) => r.kind)).toContain('overlapping-alternation');
    expect(analyzeRegex('(\\w|\\d)+$').map((r) => r.kind)).toContain('overlapping-alternation');
    expect(analyzeRegex('\\d+\\s*\\d+x').map((r) => r.kind)).toContain('adjacent-quantifiers');
    expect(analyzeRegex('^(?:[a-z]+,)+$')).toEqual([]);
    expect(analyzeRegex('(?:\\d{1,4}[ -]?){2,5}')).toEqual([]);
    expect(analyzeRegex('[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+')).toEqual([]);
  });

  it('every pattern parses', () => {
    const failures = found.flatMap((r) => {
      try {
        parseRegex(r.source, r.flags);
        return [];
      } catch (err) {
        return [`${r.where} ${(err as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('no pattern has an exponential shape (nested quantifiers, overlapping alternation under a star)', () => {
    const risky = found.flatMap((r) => {
      const risks = analyzeRegex(r.source, r.flags).filter((x) => x.severity === 'exponential');
      return risks.length > 0
        ? [
            `${r.where} /${r.source}/${r.flags}: ${[...new Set(risks.map((x) => x.kind))].join(', ')}`,
          ]
        : [];
    });
    expect(risky).toEqual([]);
  });

  it('polynomial shapes (adjacent overlapping unbounded quantifiers) are only the reviewed ones', () => {
    const risky = found.flatMap((r) =>
      analyzeRegex(r.source, r.flags).some((x) => x.severity === 'polynomial')
        ? [`${r.where} /${r.source}/${r.flags}`]
        : [],
    );
    expect(risky).toEqual([]);
  });

  it('patterns built at run time from data are only the reviewed ones', () => {
    const files = [...new Set(dynamic.map((where) => where.replace(/:\d+$/, '')))].sort();
    expect(files).toEqual(Object.keys(REVIEWED_DYNAMIC).sort());
  });
});
