import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { sliceConfig } from '../src/check/slice.js';
import { codeKey } from '../src/check/slice-code.js';
import { bfs } from '../src/engine/bfs.js';
import { DvipaModel } from '../src/model/model.js';
import { bindProperties } from '../src/properties/bind.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import type { Config } from '../src/spec/config.js';
import { distSliceSpec, rangeSliceSpec, sliceSpec } from './gen-slice-spec.js';
import { chainSpec, config, loadFile, ROOT, runCli, specFile, tmp } from './helpers.js';

/** What slicing must not change: per property its status, message and whole trace. */
const verdicts = (r: CheckReport): unknown => r.properties.map((p) => ({ name: p.name, status: p.status, message: p.message, trace: p.trace }));

async function sameAsFull(cfg: Config): Promise<{ sliced: CheckReport; full: CheckReport }> {
  const full = await check(cfg, { slice: false, maxStates: 400_000 });
  const sliced = await check(cfg);
  if (full.complete) expect(verdicts(sliced)).toEqual(verdicts(full));
  return { sliced, full };
}

const siteSpec = (...a: (number | string)[]): string => execFileSync(process.execPath, [join(ROOT, 'bench/gen-site.mjs'), ...a.map(String)], { encoding: 'utf8' });

describe('slicing is exact (issue 14): same verdicts, messages and traces as the full product', () => {
  it(`on ${Number(process.env.SLICE_RUNS ?? 90)} random multi-DVIPA specs`, async () => {
    let violated = 0;
    let bare = 0;
    let full = 0;
    await fc.assert(fc.asyncProperty(sliceSpec, async (text) => {
      const cfg = config(text);
      const r = await sameAsFull(cfg);
      violated += r.sliced.properties.filter((p) => p.status === 'violated').length;
      if (r.full.complete) full++;
      // slices that keep a bare stack (RECOVERY membership count) or drop stacks
      for (const d of new Set(cfg.clients.map((c) => c.dvipa))) {
        const s = sliceConfig(cfg, [d]);
        if (s.cfg.stacks.some((st) => st.defs.length === 0)) bare++;
      }
    }), { numRuns: Number(process.env.SLICE_RUNS ?? 90), seed: Number(process.env.SLICE_SEED ?? 14) });
    // the generator reaches many violations, slices with bare stacks, and complete full searches
    expect(violated).toBeGreaterThan(Number(process.env.SLICE_RUNS ?? 90));
    expect(bare).toBeGreaterThan(Number(process.env.SLICE_RUNS ?? 90) / 10);
    expect(full).toBeGreaterThan(Number(process.env.SLICE_RUNS ?? 90) * 0.9);
  }, 600_000);

  it(`on ${Number(process.env.SLICE_RUNS ?? 90) / 2} random specs with VIPARANGE DVIPAs (issue 18)`, async () => {
    let ranged = 0, violated = 0;
    await fc.assert(fc.asyncProperty(rangeSliceSpec, async (text) => {
      const cfg = config(text);
      const r = await sameAsFull(cfg);
      if (r.full.complete && cfg.clients.some((c) => c.dvipa.startsWith('10.1.9.'))) ranged++;
      violated += r.sliced.properties.filter((p) => p.status === 'violated').length;
    }), { numRuns: Number(process.env.SLICE_RUNS ?? 90) / 2, seed: Number(process.env.SLICE_SEED ?? 18) });
    expect(ranged).toBeGreaterThan(Number(process.env.SLICE_RUNS ?? 90) / 6);
    expect(violated).toBeGreaterThan(Number(process.env.SLICE_RUNS ?? 90) / 4);
  }, 600_000);

  it('on random specs with a sysplex distributor (issue 17: a distributed DVIPA\'s slice holds its targets)', async () => {
    let distributed = 0;
    await fc.assert(fc.asyncProperty(distSliceSpec, async (text) => {
      const cfg = config(text);
      await sameAsFull(cfg);
      if (cfg.stacks.some((st) => st.distributes.length > 0)) distributed++;
    }), { numRuns: Number(process.env.SLICE_RUNS ?? 90) / 3, seed: 17 });
    expect(distributed).toBeGreaterThan(Number(process.env.SLICE_RUNS ?? 90) / 6);
  }, 600_000);

  it('on the bundled specs', async () => {
    for (const f of readdirSync(join(ROOT, 'specs')).filter((x) => x.endsWith('.yaml'))) {
      const { sliced } = await sameAsFull(loadFile(join(ROOT, 'specs', f)));
      expect(sliced.reductions).toContain('slice');
    }
  });

  it('on the chain and site families; sums of slices are reported per slice', async () => {
    await sameAsFull(config(chainSpec(3, 2, 1)));
    for (const args of [[3, 3, 1, 1, 1], [4, 4, 2, 2, 1], [6, 6, 2, 1, 1]]) {
      const { sliced, full } = await sameAsFull(config(siteSpec(...args)));
      expect(full.complete && sliced.complete).toBe(true);
      expect(sliced.slices!.map((s) => s.dvipa)).toHaveLength(args[1]!);
      expect(sliced.states).toBe(sliced.slices!.reduce((n, s) => n + s.states, 0));
      expect(sliced.states).toBeLessThan(full.states);
    }
  });
});

describe('alike slices share one shortest path (ordered key)', () => {
  it('a site that violates on many alike slices reports the full product\'s traces', async () => {
    // no DELAYJOIN anywhere, no DYNAMICXCF on two stacks: routing-ready, no-black-hole and
    // connections-preserved fail on many slices, several with the same ordered key
    for (const text of [siteSpec(4, 8, 1, 1, 1).replace(/ DELAYJOIN/g, ''), siteSpec(4, 6, 2, 1, 1).replace(/ DELAYJOIN/g, '').replace(/IPCONFIG DYNAMICXCF 193\.9\.200\.[12] .*\n/g, '\n')]) {
      const cfg = config(text);
      const { sliced, full } = await sameAsFull(cfg);
      expect(full.complete).toBe(true);
      expect(sliced.properties.filter((p) => p.status === 'violated').length).toBeGreaterThanOrEqual(2);
      const ordered = cfg.clients.map((c) => sliceConfig(cfg, [c.dvipa]).orderedKey);
      expect(new Set(ordered).size).toBeLessThan(ordered.length);
    }
  }, 120_000);

  // What the sharing rests on: slices with one ordered key have the same first shortest path of
  // every property, by action index and tie choice, as each slice's own BFS finds it.
  const firstPaths = async (sc: Config): Promise<string> => {
    const model = new DvipaModel(sc);
    const res = await bfs(model, bindProperties(model, BUILTIN_PROPERTIES), {});
    return JSON.stringify([...res.discoveries].map(([name, d]) => [name, res.path(d).steps.map((x) => [x.action, x.choice])]).sort());
  };
  const sameOrderSamePaths = async (cfg: Config): Promise<number> => {
    const byKey = new Map<string, string>();
    let shared = 0;
    for (const a of new Set(cfg.stacks.flatMap((st) => st.defs.map((d) => d.address)))) {
      const sl = sliceConfig(cfg, [a]);
      // a distributed slice: its code key (D-280), as planUnits gives it
      const key = sl.key.startsWith('dist:') ? codeKey(sl.cfg, BUILTIN_PROPERTIES) ?? sl.orderedKey : sl.orderedKey;
      const paths = await firstPaths(sl.cfg);
      const seen = byKey.get(key);
      if (seen === undefined) byKey.set(key, paths);
      else { expect(paths, a).toBe(seen); shared++; }
    }
    return shared;
  };
  it('slices with one ordered key find the same first shortest paths (sites, random specs)', async () => {
    let shared = 0;
    for (const text of [siteSpec(8, 24, 2, 2, 1).replace(/ DELAYJOIN/g, ''), siteSpec(5, 20, 2, 1, 1).replace(/IPCONFIG DYNAMICXCF 193\.9\.200\.[13] .*\n/g, '\n')]) shared += await sameOrderSamePaths(config(text));
    await fc.assert(fc.asyncProperty(sliceSpec, async (text) => { shared += await sameOrderSamePaths(config(text)); }), { numRuns: 25, seed: 56 });
    expect(shared).toBeGreaterThan(10);
    // distributed DVIPAs (site-mix: HOTSTANDBY, ROUNDROBIN lists, VIPAROUTE), no DELAYJOIN
    const mix = execFileSync(process.execPath, [join(ROOT, 'bench/gen-site-mix.mjs'), '5', '40', '2', '1', '1', 'list'], { encoding: 'utf8' });
    expect(await sameOrderSamePaths(config(mix.replace(/ DELAYJOIN/g, '')))).toBeGreaterThan(10);
  }, 300_000);

  it('the ordered key tells apart alike slices whose stacks sit in other positions', () => {
    const cfg = config(siteSpec(8, 24, 2, 2, 1));
    const at = (j: number) => sliceConfig(cfg, [cfg.clients[j]!.dvipa]);
    expect(at(0).orderedKey).toBe(at(8).orderedKey); // stacks 0-2 both: only names differ
    expect(at(0).key).toBe(at(20).key);
    expect(at(0).orderedKey).not.toBe(at(20).orderedKey); // DVIPA 20: stacks 4-6 among the bare ones
  });
});

describe('what a slice keeps', () => {
  it('a DVIPA with no RECOVERY stack keeps only its own stacks and the applications that serve its clients', () => {
    const cfg = config(siteSpec(6, 6, 2, 2, 1).replace(/ RECOVERY/g, ''));
    const s = sliceConfig(cfg, [cfg.clients[0]!.dvipa]);
    expect(s.stacks).toEqual([0, 1, 2]);
    expect(s.cfg.stacks.map((st) => st.applications.length)).toEqual([1, 1, 1]);
    expect(s.cfg.clients).toHaveLength(1);
  });

  it('with RECOVERY, bare stacks count group members: at most maxFailures of each kind', () => {
    const cfg = config(siteSpec(12, 12, 2, 2, 1));
    const s = sliceConfig(cfg, [cfg.clients[0]!.dvipa]);
    // D-stacks 0, 1, 2; bare: 2 odd (AUTOREJOIN) and 2 even (no AUTOREJOIN) stacks
    expect(s.stacks).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.cfg.stacks.slice(3).every((st) => st.defs.length === 0 && st.applications.length === 0)).toBe(true);
  });

  it('isomorphic slices share a key; a different chain does not', () => {
    const cfg = config(siteSpec(8, 24, 2, 2, 1));
    const key = (j: number): string => sliceConfig(cfg, [cfg.clients[j]!.dvipa]).key;
    // gen-site: DVIPA j is defined on stack j mod 8, WHENIDLE when j mod 4 = 3, a MOVEABLE first
    // backup when j mod 5 = 4, AUTOREJOIN on odd stacks: DVIPAs 0 and 20 differ only in names
    expect(key(0)).toBe(key(20));
    expect(key(0)).not.toBe(key(4)); // a MOVEABLE backup
    expect(key(0)).not.toBe(key(3)); // WHENIDLE and other AUTOREJOIN stacks
  });
});

describe('slicing with limits, shares, site properties and random walks', () => {
  const site = (): Config => config(siteSpec(8, 16, 2, 2, 1));

  it('--max-states counts the states of all slices; hitting it is incomplete and named', async () => {
    const r = await check(site(), { maxStates: 3000 });
    expect([r.result, r.termination, r.complete]).toEqual(['incomplete', 'stateLimit', false]);
    expect(r.properties.every((p) => p.status === 'unknown')).toBe(true);
    expect(r.slices!.some((s) => !s.complete)).toBe(true);
  });

  it('--slice i/n: the shares partition the slices and together give the whole verdict', async () => {
    const cfg = config(chainSpec(3, 3, 1));
    const whole = await check(cfg);
    const parts = await Promise.all([1, 2, 3].map((i) => check(cfg, { sliceShare: [i, 3] })));
    expect(parts.flatMap((p) => p.slices!.map((s) => s.dvipa)).sort()).toEqual(whole.slices!.map((s) => s.dvipa).sort());
    const violated = (r: CheckReport): string[] => r.properties.filter((p) => p.status === 'violated').map((p) => p.name);
    expect([...new Set(parts.flatMap(violated))].sort()).toEqual(violated(whole).sort());
  });

  it('a site property with a dvipas list runs on that slice; one that declares nothing on the full model, with a note', async () => {
    const { invariant } = await import('../src/properties/api.js');
    const cfg = config(siteSpec(4, 4, 2, 2, 1));
    const a = cfg.clients[0]!.dvipa;
    const scoped = invariant({ name: 'scoped', description: 'x', dvipas: [a], check: (s, sys) => s.owner(sys.dvipaIndex(a)) !== sys.stackIndex('TCP1') || `${a} on TCP1` });
    const open = invariant({ name: 'open', description: 'x', check: () => true });
    const r = await check(cfg, { extraProperties: [scoped, open], only: ['scoped', 'open'] });
    expect(r.slices!.map((s) => s.dvipa)).toEqual([a, 'all']);
    expect(r.notes).toEqual([expect.stringContaining("property 'open' declares no DVIPAs")]);
    expect(r.properties.find((p) => p.name === 'scoped')!.status).toBe('violated');
  });

  it('random walks run per slice and their counterexamples replay on the full model', async () => {
    const cfg = config(chainSpec(3, 3, 1));
    const r = await check(cfg, { mode: 'random', random: { runs: 200, depth: 30, seed: 3 } });
    const found = r.properties.filter((p) => p.status === 'violated');
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      expect(p.replay!.slice).toMatch(/^\d+\/3$/);
      expect(p.trace!.steps.at(-1)!.violations.map((v) => v.property)).toContain(p.name);
    }
  });
});

describe('slices over worker threads', () => {
  it('--workers 2 prints what one worker prints, byte for byte (many slices on a pool, one slice split)', () => {
    const site = specFile(siteSpec(8, 16, 2, 2, 1), 'site.yaml');
    for (const args of [['specs/'], [site], ['specs/bad-no-backup.yaml', '--format', 'json']]) {
      const one = runCli(['check', ...args]);
      const two = runCli(['check', ...args, '--workers', '2']);
      expect(two.stdout.replace(/"seconds": [\d.]+/g, '')).toBe(one.stdout.replace(/"seconds": [\d.]+/g, ''));
      expect(two.code).toBe(one.code);
    }
  });

  it('a property module that throws under --workers 2 is exit 2 with its file and line (the pool threads: slice-pool.test.ts)', () => {
    const dir = tmp();
    const mod = join(dir, 'thrower.mjs');
    writeFileSync(mod, `import { invariant } from 'dvipa-verify';\nexport default invariant({\n  name: 'thrower', description: 'throws', dvipas: ['201.2.10.11'],\n  check() {\n    throw new TypeError('property bug');\n  },\n});\n`);
    const r = runCli(['check', 'specs/multi-stack-backup.yaml', '--properties', mod, '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${mod}:5:`);
    expect(r.stderr).toContain('property bug');
    expect(r.stderr).not.toContain('internal error');
  });
});
