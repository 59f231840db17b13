import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { chainSpec, config, loadFile } from './helpers.js';
import { smallSpec } from './gen-spec.js';

/** Everything but the time: counts, verdicts and the very traces. */
const summary = (r: CheckReport) => ({
  states: r.states, transitions: r.transitions, depth: r.depth, result: r.result,
  properties: r.properties.map((p) => [p.name, p.status, p.message, p.trace]),
});

describe('--workers 2 gives the same results as one worker, traces included', () => {
  it('on the chain family (counts, verdicts, shortest trace lengths)', async () => {
    for (const [n, m, k] of [[3, 3, 1], [3, 3, 2], [4, 2, 1]] as const) {
      const cfg = config(chainSpec(n, m, k));
      expect(summary(await check(cfg, { workers: 2 }))).toEqual(summary(await check(cfg)));
    }
  });

  it('on every bundled spec', async () => {
    for (const f of readdirSync('specs')) {
      const cfg = loadFile(`specs/${f}`);
      const two = await check(cfg, { workers: 2 });
      expect(summary(two), f).toEqual(summary(await check(cfg)));
      for (const p of two.properties.filter((x) => x.trace)) expect(p.trace!.steps.at(-1)!.violations.map((v) => v.property)).toContain(p.name);
    }
  });

  it('on small random specs', async () => {
    await fc.assert(fc.asyncProperty(smallSpec, async (text) => {
      const cfg = config(text);
      expect(summary(await check(cfg, { workers: 2 }))).toEqual(summary(await check(cfg)));
    }), { numRuns: 12 });
  });

  it('stops at --max-states as incomplete', async () => {
    const r = await check(config(chainSpec(3, 3, 1)), { workers: 2, maxStates: 500 });
    expect([r.result, r.termination]).toEqual(['fail', 'stateLimit']);
    expect(r.states).toBeGreaterThanOrEqual(500);
  });
});

describe('--workers on the command line', () => {
  it('prints exactly what one worker prints', async () => {
    const { runCli } = await import('./helpers.js');
    for (const f of ['specs/bad-equal-ranks.yaml', 'specs/bad-missing-dynamicxcf.yaml']) {
      expect(runCli(['check', f, '--workers', '2']).stdout).toBe(runCli(['check', f]).stdout);
    }
  });
});
