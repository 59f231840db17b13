import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFile, runCli } from './helpers.js';
import { agree, maybe, missing } from './spin-agree.js';

// SPIN agreement is split over three files (this one, spin-chain, spin-random) so that vitest runs them side by side.
maybe('export --to promela, cross-checked against SPIN', () => {
  it('every bundled spec: same stored states, transitions and violated properties', async () => {
    for (const f of readdirSync('specs')) await agree(loadFile(`specs/${f}`));
  }, 300_000); // 27 SPIN compilations: 85 s on a quiet machine, over 120 s beside other test files

  it('check --cross-check spin reports agreement', () => {
    const r = runCli(['check', 'specs/bad-equal-ranks.yaml', '--cross-check', 'spin']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cross-check spin .*: AGREE/);
  });
});

describe('export', () => {
  it('writes a Promela model with a how-to-run header and never replaces a file unasked', () => {
    const r = runCli(['export', 'specs/bad-no-backup.yaml', '--to', 'promela']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('active proctype sysplex()');
    expect(r.stdout).toContain('spin -a model.pml');
    expect(r.stdout).toMatch(/assert\(available\)/);
    expect(runCli(['export', 'specs/bad-no-backup.yaml']).code).toBe(2);
    expect(runCli(['export', 'specs/bad-no-backup.yaml', '--to', 'promela', '-o', 'specs/bad-no-backup.yaml']).code).toBe(2);
  });
  it('names SPIN when it is missing', () => {
    if (!missing) return;
    expect(runCli(['check', 'specs/bad-no-backup.yaml', '--cross-check', 'spin']).stderr).toContain("'spin' is not on the PATH");
  });
});
