import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPool, SPAWN_AFTER_MS, type PoolRun } from '../src/check/slice-pool.js';
import { loadFile, NAMES, tmp } from './helpers.js';

/** D-323: the slice pool's coordinating thread explores too; the other threads start only when jobs are left. */
const cfg = loadFile('specs/multi-stack-backup.yaml');
const jobs = Array.from({ length: 6 }, () => ({ cfg, props: NAMES, symmetry: false, deadline: null }));
/** What this thread "explores": a run no thread could report (states -1), after `ms`. */
const marker = (ms: number) => async (): Promise<PoolRun> => {
  await new Promise((r) => setTimeout(r, ms));
  return { termination: 'exhausted', states: -1, transitions: 0, depth: 0, storeBytes: 0, found: [] };
};

describe('the slice pool (D-323)', () => {
  it('jobs done before SPAWN_AFTER_MS start no thread: every result is this thread\'s', async () => {
    const out = await runPool(jobs, 2, [], marker(0));
    expect(out.map((r) => r.states)).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('a long job here: the other thread takes the rest from the shared counter, each job once', async () => {
    const out = await runPool(jobs, 2, [], marker(SPAWN_AFTER_MS * 40));
    const mine = out.filter((r) => r.states === -1), theirs = out.filter((r) => r.states !== -1);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(theirs.length).toBeGreaterThanOrEqual(1);
    expect(mine.length + theirs.length).toBe(jobs.length);
    for (const r of theirs) expect(r).toEqual(theirs[0]); // the same whole search of the same slice
    expect(theirs[0]!.termination).toBe('exhausted');
    expect(theirs[0]!.states).toBeGreaterThan(0);
  });

  it('a property module that throws in another thread fails the run with its file', async () => {
    const mod = join(tmp(), 'thrower.mjs');
    writeFileSync(mod, `import { invariant } from 'dvipa-verify';\nexport default invariant({\n  name: 'thrower', description: 'throws',\n  check() {\n    throw new TypeError('property bug');\n  },\n});\n`);
    const bad = jobs.map((j) => ({ ...j, props: [...NAMES, 'thrower'] }));
    const e = await runPool(bad, 2, [mod], marker(SPAWN_AFTER_MS * 40)).then(() => null, (x: unknown) => x);
    expect(e).toMatchObject({ property: 'thrower' });
    expect((e as Error).message).toContain('property bug');
    expect((e as { source?: string }).source).toContain('thrower.mjs');
    expect((e as { pos?: unknown }).pos).toEqual({ line: 5, column: expect.any(Number) as number }); // the throw's line
  });
});
