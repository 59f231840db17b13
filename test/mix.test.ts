import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { replayTrace, type SavedTrace } from '../src/check/replay.js';
import { simulate } from '../src/check/simulate.js';
import type { Trace } from '../src/check/trace.js';
import { eventsOfItf, itfToState, traceToItf } from '../src/render/itf.js';
import type { Config } from '../src/spec/config.js';
import { loadSpecText } from '../src/spec/load.js';
import { mixSpec } from './gen-mix.js';
import { runSpin, spinMissing } from '../src/export/spin.js';
import { NAMES, runCli, specFile } from './helpers.js';
import { compareTwins } from './twins.js';

/**
 * The features of issues 17 (sysplex distributor), 18 (VIPARANGE) and the IPv6 DVIPAs, MIXED in
 * random small specs (test/gen-mix.ts). For each: loading and `check` never throw; sliced ==
 * `--no-slice` (status, message, trace); symmetry gives the same verdicts; the properties' fast paths agree
 * with the property checks on every step; every counterexample replays (JSON and ITF) and
 * simulates; random walks find nothing the full search does not. MIX_RUNS / MIX_SEED: a longer campaign.
 */
const RUNS = Number(process.env.MIX_RUNS ?? 50);
const SEED = Number(process.env.MIX_SEED ?? 1618);
const LIMIT = 60_000;

const verdicts = (r: CheckReport): unknown => r.properties.map((p) => ({ name: p.name, status: p.status, message: p.message, trace: p.trace }));
const statuses = (r: CheckReport): unknown => r.properties.map((p) => [p.name, p.status]);

const saved = (t: Trace, property: string): SavedTrace => ({ spec: null, property, events: t.steps.slice(1).map((s) => s.event), states: t.steps.map((s) => s.state) });

/** A counterexample replays without a difference from its JSON and its ITF form, and simulates. */
function replays(cfg: Config, name: string, t: Trace): void {
  const j = replayTrace(cfg, saved(t, name));
  expect([j.stoppedAt, j.differs, j.stillViolates], name).toEqual([null, [], true]);
  const itf = JSON.parse(JSON.stringify(traceToItf(t, { spec: 'mix.yaml', property: name })));
  const i = replayTrace(cfg, { spec: null, property: name, events: eventsOfItf(itf), states: itf.states.map(itfToState) });
  expect([i.stoppedAt, i.differs, i.stillViolates], `${name} (ITF)`).toEqual([null, [], true]);
  // simulate takes the first of tied successors: it follows the trace unless the trace chose another
  const sim = simulate(cfg, t.steps.slice(1).map((s) => s.event).join('; '));
  if (!sim.ok) expect([sim.message, /tie between|also possible|may be chosen/.test(JSON.stringify(t))], name).toEqual([expect.stringContaining('is not possible now'), true]);
}

export interface MixStats { loaded: number; rejected: number; complete: number; violated: number; distributed: number; ranged: number; v6: number }

/** Everything test/mix.test.ts asserts about one generated spec. */
export async function mixOne(text: string, st: MixStats, deep = true): Promise<void> {
  const r = loadSpecText(text, 'mix.yaml', { propertyNames: NAMES });
  if (!r.ok) { st.rejected++; expect(r.errors.length).toBeGreaterThan(0); return; }
  st.loaded++;
  const cfg = r.config;
  const full = await check(cfg, { slice: false, maxStates: LIMIT });
  const sliced = await check(cfg, { maxStates: LIMIT });
  if (!full.complete) return;
  st.complete++;
  if (cfg.stacks.some((s) => s.distributes.length > 0)) st.distributed++;
  if (cfg.stacks.some((s) => s.ranges.length > 0)) st.ranged++;
  if (cfg.stacks.some((s) => s.ipv6Defs.length > 0)) st.v6++;
  expect(verdicts(sliced), text).toEqual(verdicts(full));
  const sym = await check(cfg, { symmetry: true, maxStates: LIMIT });
  if (sym.complete) expect(statuses(sym), text).toEqual(statuses(full));
  for (const p of full.properties) if (p.status === 'violated' && p.trace) { st.violated++; replays(cfg, p.name, p.trace); }
  if (!deep) return;
  if (full.states <= 5000) compareTwins(cfg);
  const rnd = await check(cfg, { mode: 'random', random: { runs: 20, depth: 25, seed: 7 } });
  const bad = new Set(full.properties.filter((p) => p.status === 'violated').map((p) => p.name));
  for (const p of rnd.properties) {
    if (p.status !== 'violated') continue;
    expect(bad.has(p.name), `${p.name} violated by random walks only:\n${text}`).toBe(true);
    if (p.trace) replays(cfg, p.name, p.trace);
  }
}

const fresh = (): MixStats => ({ loaded: 0, rejected: 0, complete: 0, violated: 0, distributed: 0, ranged: 0, v6: 0 });

describe('feature combinations (distributor x VIPARANGE x IPv6), random specs', () => {
  it(`${RUNS} random mixed specs: no throw; sliced == --no-slice; symmetry; twins; replay; random walks`, async () => {
    const st = fresh();
    await fc.assert(fc.asyncProperty(mixSpec, async (text) => mixOne(text, st)), { numRuns: RUNS, seed: SEED });
    if (process.env.MIX_STATS) console.log(st);
    // the generator reaches all three features, complete searches and violations
    expect(st.complete).toBeGreaterThan(RUNS * 0.6);
    expect(st.distributed).toBeGreaterThan(RUNS / 5);
    expect(st.ranged).toBeGreaterThan(RUNS / 5);
    expect(st.v6).toBeGreaterThan(RUNS / 5);
    expect(st.violated).toBeGreaterThan(RUNS / 2);
  }, 600_000);
});

describe('feature combinations over the CLI: --workers 2, --mode random, export --to promela (SPIN)', () => {
  const samples = fc.sample(mixSpec, { numRuns: 40, seed: SEED + 1 }).filter((t) => loadSpecText(t, 'mix.yaml', { propertyNames: NAMES }).ok);

  it('--workers 2 prints what one worker prints, sliced and --no-slice; random mode exits 0, 1 or 3', () => {
    const strip = (x: string): string => x.replace(/"seconds": [\d.]+/g, '');
    const files = samples.slice(0, 4).map((t, k) => specFile(t, `mix${k}.yaml`)); // one run checks all four (a JSON array)
    for (const extra of [[], ['--no-slice']]) {
      const one = runCli(['check', ...files, '--format', 'json', '--max-states', '20000', ...extra]);
      const two = runCli(['check', ...files, '--format', 'json', '--max-states', '20000', '--workers', '2', ...extra]);
      expect([two.code, strip(two.stdout)]).toEqual([one.code, strip(one.stdout)]);
      expect(JSON.parse(one.stdout)).toHaveLength(4);
      expect(one.stderr + two.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)/);
    }
    const r = runCli(['check', ...files, '--mode', 'random', '--runs', '30', '--depth', '20', '--quiet']);
    expect([0, 1, 3]).toContain(r.code);
    expect(r.stderr).not.toMatch(/internal error/);
  }, 300_000);

  (spinMissing() && process.env.CI !== 'true' ? it.skip : it)('the Promela export agrees with SPIN (states, transitions, violated properties)', async () => {
    let compared = 0;
    for (const t of samples) {
      if (compared >= 4) break;
      const cfg = loadSpecText(t, 'mix.yaml', { propertyNames: NAMES });
      if (!cfg.ok) continue;
      const ours = await check(cfg.config, { slice: false, maxStates: 3000 });
      if (!ours.complete) continue;
      const s = runSpin(cfg.config, null, null, ours.states);
      const violated = ours.properties.filter((p) => p.status === 'violated').map((p) => p.name).sort();
      expect({ states: s.states, transitions: s.transitions, violated: s.violated }).toEqual({ states: ours.states, transitions: ours.transitions, violated });
      compared++;
    }
    expect(compared).toBe(4);
  }, 300_000);
});
