/**
 * Summarises a V8 .cpuprofile: self time per function and per package/folder, so the bench can
 * say what limits a figure (HTTP parsing, JSON, crypto, Redis client, scanner, logging).
 *   tsx bench/lib/service-profile.ts FILE.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export function summariseProfile(file: string, top = 15): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const dt = p.timeDeltas[i] ?? 0;
    const url = node.callFrame.url;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') return;
    total += dt;
    const where = url.includes('node_modules/')
      ? url
          .split('node_modules/')
          .pop()!
          .split('/')
          .slice(0, url.includes('node_modules/@') ? 2 : 1)
          .join('/')
      : url.includes('/src/')
        ? `src/${url.split('/src/').pop()!.split('/').slice(0, -1).join('/') || '.'}`
        : url.startsWith('node:')
          ? url
          : name.startsWith('(')
            ? name
            : url
              ? 'other'
              : 'native/builtin';
    fn.set(
      `${name} ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber}`,
      (fn.get(`${name} ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber}`) ?? 0) +
        dt,
    );
    area.set(where, (area.get(where) ?? 0) + dt);
  });
  const pct = (v: number) => `${((v / total) * 100).toFixed(1)}%`;
  const lines = [`busy ${(total / 1e6).toFixed(1)} s`, 'by area:'];
  for (const [k, v] of [...area].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(v).padStart(6)} ${k}`);
  lines.push('by function (self):');
  for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(v).padStart(6)} ${k.slice(0, 110)}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${summariseProfile(process.argv[2]!, Number(process.argv[3] ?? 15))}\n`);
}
