import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { chainSpec, config, loadFile } from './helpers.js';
import { smallSpec } from './gen-spec.js';
import { allProperties } from '../src/check/check.js';
import { selectProperties } from '../src/check/select.js';
import { bfs, type BfsResult } from '../src/engine/bfs.js';
import { builtUrl } from '../src/engine/built-url.js';
import { parallelBfs } from '../src/engine/parallel.js';
import { DvipaModel } from '../src/model/model.js';
import { bindProperties } from '../src/properties/bind.js';

/** Everything but the time: counts, verdicts and the very traces. */
const summary = (r: CheckReport) => ({
  states: r.states, transitions: r.transitions, depth: r.depth, result: r.result,
  properties: r.properties.map((p) => [p.name, p.status, p.message, p.trace]),
});

describe('--workers 2 gives the same results as one worker, traces included', () => {
  it('on the chain family (counts, verdicts, shortest trace lengths)', async () => {
    for (const [n, m, k] of [[3, 3, 1], [3, 3, 2], [4, 2, 1]] as const) {
      const cfg = config(chainSpec(n, m, k));
      expect(summary(await check(cfg, { workers: 2, slice: false }))).toEqual(summary(await check(cfg, { slice: false })));
    }
  });

  it('on every bundled spec', async () => {
    for (const f of readdirSync('specs')) {
      const cfg = loadFile(`specs/${f}`);
      const two = await check(cfg, { workers: 2, slice: false });
      expect(summary(two), f).toEqual(summary(await check(cfg, { slice: false })));
      for (const p of two.properties.filter((x) => x.trace)) expect(p.trace!.steps.at(-1)!.violations.map((v) => v.property)).toContain(p.name);
    }
  });

  it('on small random specs', async () => {
    await fc.assert(fc.asyncProperty(smallSpec, async (text) => {
      const cfg = config(text);
      expect(summary(await check(cfg, { workers: 2, slice: false }))).toEqual(summary(await check(cfg, { slice: false })));
    }), { numRuns: 12 });
  });

  it('stops at --max-states as incomplete', async () => {
    const r = await check(config(chainSpec(3, 3, 1)), { workers: 2, maxStates: 500, slice: false });
    expect([r.result, r.termination]).toEqual(['fail', 'stateLimit']);
    expect(r.states).toBeGreaterThanOrEqual(500);
  });
});

describe('--workers on the command line', () => {
  it('prints exactly what one worker prints', async () => {
    const { runCli } = await import('./helpers.js');
    for (const f of ['specs/bad-equal-ranks.yaml', 'specs/bad-missing-dynamicxcf.yaml']) {
      expect(runCli(['check', f, '--workers', '2', '--no-slice']).stdout).toBe(runCli(['check', f, '--no-slice']).stdout);
    }
  });
});

describe('parallel BFS engine: the shared table under pressure', () => {
  /** Counts, depth and every violation's path (init and edges), as the engine reports them. */
  const outcome = (r: BfsResult) => ({
    states: r.states, transitions: r.transitions, depth: r.depth, termination: r.termination,
    found: [...r.discoveries.values()].map((d) => { const p = r.path(d); return [d.property, d.message, p.initIndex, p.steps.map((x) => [x.action, x.choice])]; }),
  });

  it('3 workers, tiny segments grown only when a share runs out mid-layer: same states, transitions and shortest traces as one thread', async () => {
    for (const [n, m, k] of [[3, 3, 2], [4, 2, 1]] as const) {
      const cfg = config(chainSpec(n, m, k));
      const model = new DvipaModel(cfg);
      const props = bindProperties(model, selectProperties(allProperties(), cfg, null, null));
      const one = await bfs(model, props);
      const factory = { url: builtUrl('../src/check/worker-model.ts', import.meta.url).href, args: { cfg, only: null, skip: null, modules: [], symmetry: false } };
      for (const workers of [2, 3]) {
        const par = await parallelBfs(model, factory, workers, { initialSlots: 4, presize: false });
        expect(outcome(par), `chain(${n},${m},${k}), ${workers} workers`).toEqual(outcome(one));
        expect(par.rounds!).toBeGreaterThan(par.depth + 1 + 10); // many layers needed extra rounds
      }
    }
  });

  it('the same on small random specs (a state met by several workers keeps the smallest key)', async () => {
    await fc.assert(fc.asyncProperty(smallSpec, async (text) => {
      const cfg = config(text);
      const model = new DvipaModel(cfg);
      const props = bindProperties(model, selectProperties(allProperties(), cfg, null, null));
      const factory = { url: builtUrl('../src/check/worker-model.ts', import.meta.url).href, args: { cfg, only: null, skip: null, modules: [], symmetry: false } };
      expect(outcome(await parallelBfs(model, factory, 3, { initialSlots: 4, presize: false }))).toEqual(outcome(await bfs(model, props)));
    }), { numRuns: 10 });
  });

  it('the same when the tag phases come round every layer or every other layer (the table is aged that often)', async () => {
    const cases = [chainSpec(3, 3, 1), chainSpec(3, 2, 1)];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...cases), smallSpec, fc.constantFrom(2, 3), async (chain, small, phases) => {
      for (const text of [chain, small]) {
        const cfg = config(text);
        const model = new DvipaModel(cfg);
        const props = bindProperties(model, selectProperties(allProperties(), cfg, null, null));
        const factory = { url: builtUrl('../src/check/worker-model.ts', import.meta.url).href, args: { cfg, only: null, skip: null, modules: [], symmetry: false } };
        expect(outcome(await parallelBfs(model, factory, 2, { phases }))).toEqual(outcome(await bfs(model, props)));
      }
    }), { numRuns: 4 });
  });
});
