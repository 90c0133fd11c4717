import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const scannerDir = join(root, 'src/scanner');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of source.matchAll(pattern)) specifiers.push((match[1] ?? match[2])!);
  return specifiers;
}

// The scanner core is pure: it may use these packages and nothing that does I/O.
const allowedPackages = new Set([
  'libphonenumber-js',
  'libphonenumber-js/max',
  'email-addresses',
  'node:crypto',
]);

describe('src/scanner architecture', () => {
  const files = tsFiles(scannerDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [relative(root, file), file]))(
    '%s imports only scanner files and pure packages',
    (_name, file) => {
      const bad = importsOf(readFileSync(file, 'utf8')).filter((spec) => {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          return !target.startsWith(scannerDir);
        }
        return !allowedPackages.has(spec);
      });
      expect(bad).toEqual([]);
    },
  );

  it('never reads process.env or globals with side effects', () => {
    const offenders = files.filter((file) =>
      /process\.(env|stdout|stderr|argv)|Math\.random|Date\.now/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
