import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { config, ROOT } from './helpers.js';

/** bench/gen-site-mix.mjs: site plus DESTIP ALL, HOTSTANDBY, VIPAROUTE, VIPARANGE and IPv6 DVIPAs (h14). */
const mixSpec = (...a: (number | string)[]): string => execFileSync(process.execPath, [join(ROOT, 'bench/gen-site-mix.mjs'), ...a.map(String)], { encoding: 'utf8' });
const verdicts = (r: CheckReport): unknown => r.properties.map((p) => ({ name: p.name, status: p.status, message: p.message, trace: p.trace }));

describe('site-mix family (bench/gen-site-mix.mjs)', () => {
  it('the smallest instance, site-mix(5,20,2,2,1), has every feature and every property holds, exhaustively', async () => {
    const text = mixSpec(5, 20, 2, 2, 1);
    for (const w of ['DESTIP ALL', 'HOTSTANDBY', 'VIPAROUTE', 'VIPARANGE', 'IPCONFIG6', 'DV6J7']) expect(text).toContain(w);
    const r = await check(config(text));
    expect(r.complete).toBe(true);
    expect(r.properties.map((p) => `${p.name}:${p.status}`)).toEqual(r.properties.map((p) => `${p.name}:holds`));
    expect(r.slices).toHaveLength(20);
  });

  it('sliced and --no-slice agree on a small instance with violations (statuses, messages, traces)', async () => {
    const cfg = config(mixSpec(5, 6, 1, 2, 0));
    const full = await check(cfg, { slice: false });
    const sliced = await check(cfg);
    expect(full.complete && sliced.complete).toBe(true);
    expect(sliced.properties.filter((p) => p.status === 'violated').map((p) => p.name)).toEqual(['available', 'service-available', 'present']);
    expect(verdicts(sliced)).toEqual(verdicts(full));
  });

  it('a limit hit in a DESTIP ALL slice names the slice and why it is large (D-246)', async () => {
    const r = await check(config(mixSpec(5, 4, 1, 1, 1)), { maxStates: 2000 });
    expect(r.complete).toBe(false);
    expect(r.termination).toBe('stateLimit');
    expect(r.notes).toEqual([
      expect.stringMatching(/^the --max-states limit was reached in the slice of 10\.20\.30\.11 \(5 of 5 stacks\): 1,830 states at depth \d+, not finished; 10\.20\.30\.11 is distributed to 5 target\(s\) \(DESTIP ALL\) with 2 client\(s\).* up to 2\^10 combinations.*; --symmetry counts targets of identical configuration once \(D-247\)$/),
    ]); // the three small slices first (170 states, D-287): none is left unexplored
  });

  it('with --symmetry the note does not suggest it again, and the DESTIP ALL slice is smaller (D-247)', async () => {
    const r = await check(config(mixSpec(5, 4, 1, 1, 1)), { maxStates: 2000, symmetry: true });
    expect(r.termination).toBe('stateLimit');
    expect(r.notes[0]).toMatch(/up to 2\^10 combinations .*random walks after the search$/);
    const one = config(mixSpec(5, 1, 1, 2, 1));
    const [plain, sym] = [await check(one, {}), await check(one, { symmetry: true })];
    expect(sym.states).toBeLessThan(plain.states * 0.6);
    expect(sym.properties.map((p) => [p.name, p.status, p.trace?.steps.length ?? 0])).toEqual(plain.properties.map((p) => [p.name, p.status, p.trace?.steps.length ?? 0]));
  });
});
