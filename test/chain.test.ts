import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { check } from '../src/check/check.js';
import { chainSpec, config, ROOT } from './helpers.js';

/** Reference figures of ../shared/bench/README.md: a different count means a different reading of the rules. */
const REFERENCE: [number, number, number, number, number, number][] = [
  [2, 1, 1, 72, 422, 10],
  [2, 2, 1, 160, 1088, 11],
  [3, 2, 1, 2016, 19984, 20],
  [3, 3, 1, 6272, 68736, 21],
  [4, 2, 1, 25152, 329888, 29],
  [3, 3, 2, 40744, 518148, 27],
];

describe('benchmark family chain(n, m, k): pinned state counts', () => {
  for (const [n, m, k, states, transitions, depth] of REFERENCE) {
    it(`chain(${n},${m},${k}) has ${states} states, ${transitions} transitions, depth ${depth}`, async () => {
      const r = await check(config(chainSpec(n, m, k)), { slice: false });
      expect(r.complete).toBe(true);
      expect([r.states, r.transitions, r.depth]).toEqual([states, transitions, depth]);
      const violated = r.properties.filter((p) => p.status === 'violated').map((p) => p.name).sort();
      expect(violated).toEqual(['available', 'no-black-hole', 'routing-ready']);
      for (const p of r.properties) if (p.status !== 'violated') expect(p.status).toBe('holds');
    });
  }
});

describe('npm run bench', () => {
  it('prints one row per size, and with --repeat the median and the range of the runs', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bench/run.mjs'), '2,1,1', '--repeat', '2'], { encoding: 'utf8' });
    const row = out.split('\n').find((l) => l.startsWith('| (2,1,1)'))!;
    expect(out).toContain('2 runs per size, median time');
    const cells = row.split('|').slice(1, -1).map((c) => c.trim());
    expect(cells.slice(1, 4)).toEqual(['72', '422', '10']);
    expect(cells).toHaveLength(12);
    expect(cells[10]).toMatch(/^\d+\.\d\d-\d+\.\d\d$/);
  });
});
