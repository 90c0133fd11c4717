/**
 * Reads the labelled corpus (test/fixtures/corpus/*.jsonl) for the benchmark, from the source
 * tree or from dist/bench/ after a build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCorpusLines, type CorpusCase } from '../evaluate.js';

/** The directory holding leakwatch's package.json, above this file. */
export function findRepoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'leakwatch'
    ) {
      return dir;
    }
    if (dirname(dir) === dir)
      throw new Error('cannot find the leakwatch package.json above the benchmark');
  }
}

export interface LoadedCorpus {
  cases: CorpusCase[];
  files: string[];
}

/** Dev files only by default; holdout-* files too with `includeHoldout`. */
export function loadCorpusCases(includeHoldout: boolean): LoadedCorpus {
  const dir = join(findRepoRoot(), 'test', 'fixtures', 'corpus');
  if (!existsSync(dir)) return { cases: [], files: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && (includeHoldout || !f.startsWith('holdout-')))
    .sort();
  const cases = files.flatMap((f) => parseCorpusLines(readFileSync(join(dir, f), 'utf8'), f));
  return { cases, files };
}
