import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { config, loadFile, runCli } from './helpers.js';
import { smallSpec } from './gen-spec.js';

const violated = (r: Awaited<ReturnType<typeof check>>): string[] => r.properties.filter((p) => p.status === 'violated').map((p) => p.name).sort();
const bad = readdirSync('specs').filter((f) => f.startsWith('bad-')).map((f) => `specs/${f}`);

describe('random mode (fast-check walks)', () => {
  for (const f of bad) {
    it(`finds what BFS finds in ${f}, with a trace at most twice as long`, async () => {
      const cfg = loadFile(f);
      const b = await check(cfg);
      const r = await check(cfg, { mode: 'random', random: { runs: 300, depth: 30, seed: 42 } });
      expect(violated(r)).toEqual(violated(b));
      for (const p of r.properties.filter((x) => x.trace)) {
        const shortest = b.properties.find((x) => x.name === p.name)!.trace!.steps.length - 1;
        expect(p.trace!.steps.length - 1).toBeLessThanOrEqual(Math.max(2 * shortest, 1));
        expect(p.trace!.steps.at(-1)!.violations.map((v) => v.property)).toContain(p.name);
      }
      expect(r.result).toBe('incomplete');
    });
  }

  it('--minimize gives the BFS shortest length', async () => {
    for (const f of bad) {
      const cfg = loadFile(f);
      const b = await check(cfg);
      const r = await check(cfg, { mode: 'random', random: { runs: 300, depth: 30, seed: 5, minimize: true } });
      for (const p of r.properties.filter((x) => x.trace)) {
        expect(p.trace!.steps.length).toBe(b.properties.find((x) => x.name === p.name)!.trace!.steps.length);
      }
    }
  });

  it('is sound against BFS on small random specs (and BFS verdicts bound random ones)', async () => {
    await fc.assert(fc.asyncProperty(smallSpec, fc.integer(), async (text, seed) => {
      const cfg = config(text);
      const b = await check(cfg);
      expect(b.complete).toBe(true);
      const r = await check(cfg, { mode: 'random', random: { runs: 60, depth: 25, seed } });
      for (const name of violated(r)) expect(violated(b)).toContain(name);
    }), { numRuns: 40 });
  });

  it('the same seed gives the same output, byte for byte; the printed seed and path replay', () => {
    const args = ['check', 'specs/bad-equal-ranks.yaml', '--mode', 'random', '--seed', '99', '--runs', '100'];
    const a = runCli(args);
    const b = runCli(args);
    expect(a.stdout).toBe(b.stdout);
    const m = /--seed (-?\d+) --slice (\d+\/\d+) --path ([\d:]+)/.exec(a.stdout)!;
    const again = runCli(['check', 'specs/bad-equal-ranks.yaml', '--mode', 'random', '--seed', m[1]!, '--slice', m[2]!, '--path', m[3]!, '--format', 'json']);
    const j = JSON.parse(again.stdout);
    expect(j.properties.find((p: { name: string }) => p.name === 'service-available').status).toBe('violated');
  });

  it('--mode both runs walks only when BFS is incomplete; shards use distinct seeds', async () => {
    const cfg = loadFile('specs/bad-no-backup.yaml');
    const full = await check(cfg, { mode: 'both' });
    expect(full.random).toBeUndefined();
    const cut = await check(cfg, { mode: 'both', maxStates: 2, random: { runs: 50, depth: 10, seed: 1 } });
    expect(cut.random?.runs).toBeGreaterThan(0);
    const s1 = await check(cfg, { mode: 'random', random: { runs: 10, depth: 10, seed: 1, shard: [0, 2] } });
    const s2 = await check(cfg, { mode: 'random', random: { runs: 10, depth: 10, seed: 1, shard: [1, 2] } });
    expect(s1.random!.seed).not.toBe(s2.random!.seed);
  });
});
