import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { runSpin, spinMissing } from '../src/export/spin.js';
import type { Config } from '../src/spec/config.js';
import { chainSpec, config, loadFile, runCli } from './helpers.js';
import { richSpec, smallSpec } from './gen-spec.js';
import { toIpv6 } from './gen-ipv6.js';
import { rangeSliceSpec } from './gen-slice-spec.js';
import { distSliceSpec } from './gen-slice-spec.js';

/** SPIN is installed by .ci/run; these tests need it (no silent skip in CI). */
const missing = spinMissing();
const inCi = process.env.CI === 'true';
const maybe = missing && !inCi ? describe.skip : describe;

async function agree(cfg: Config): Promise<void> {
  const ours = await check(cfg, { slice: false });
  const s = runSpin(cfg);
  const violated = ours.properties.filter((p) => p.status === 'violated').map((p) => p.name).sort();
  expect({ states: s.states, transitions: s.transitions, violated: s.violated }).toEqual({ states: ours.states, transitions: ours.transitions, violated });
}

maybe('export --to promela, cross-checked against SPIN', () => {
  it('every bundled spec: same stored states, transitions and violated properties', async () => {
    for (const f of readdirSync('specs')) await agree(loadFile(`specs/${f}`));
  }, 120_000);

  it('the chain family up to 414,208 states', async () => {
    for (const [n, m, k] of [[2, 1, 1], [3, 2, 1], [3, 3, 2], [4, 2, 1], [4, 3, 1], [4, 4, 1]] as const) await agree(config(chainSpec(n, m, k)));
  }, 600_000);

  it('small random specs (ties, WHENIDLE, MOVEABLE backups, RECOVERY, NOJOIN, CPCSCOPE)', async () => {
    await fc.assert(fc.asyncProperty(smallSpec, async (text) => { await agree(config(text)); }), { numRuns: 15 });
  }, 300_000);

  it('richer random specs (4 stacks, static routing, BIND, CPCSCOPE, WHENIDLE backups)', async () => {
    await fc.assert(fc.asyncProperty(richSpec, async (text) => { await agree(config(text)); }), { numRuns: 6 });
  }, 300_000);

  it('IPv6 versions of random specs (SEMANTICS §12: IPCONFIG6 DYNAMICXCF, interface names)', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(smallSpec, richSpec), async (text) => { await agree(config(toIpv6(text))); }), { numRuns: 5, seed: 18 });
  }, 300_000);

  it('random specs with VIPARANGE DVIPAs (bind, ioctl, NONDISRUPTIVE, DISRUPTIVE, nested ranges, standby instances)', async () => {
    await fc.assert(fc.asyncProperty(rangeSliceSpec, async (text) => { await agree(config(text)); }), { numRuns: 10, seed: 18 });
  }, 300_000);

  it('random specs with a sysplex distributor (targets, HOTSTANDBY, inherited definitions, VIPAROUTE)', async () => {
    await fc.assert(fc.asyncProperty(distSliceSpec, async (text) => { await agree(config(text)); }), { numRuns: 5, seed: 17 });
  }, 300_000);

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
