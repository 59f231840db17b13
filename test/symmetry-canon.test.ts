import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sliceConfig } from '../src/check/slice.js';
import type { Config } from '../src/spec/config.js';
import { DvipaModel } from '../src/model/model.js';
import { config, ROOT } from './helpers.js';

/**
 * h24: Symmetry.canon (compiled: packed keys, insertion sort, writes only what moved) gives exactly the
 * representative and permutation of its definition, canonRows (blocks sorted as byte arrays, ties
 * by stack index), on random states: full-range bytes (the sign bit of the packed keys) and bytes
 * from {0, 1, 2} (many ties, groups partly in order).
 */
const siteMix = (...size: number[]): string => execFileSync(process.execPath, [join(ROOT, 'bench/gen-site-mix.mjs'), ...size.map(String)], { encoding: 'utf8' });

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

describe('symmetry canonical form (h24)', () => {
  const mix = config(siteMix(8, 20, 2, 2, 1));
  const cases: [string, () => Config][] = [
    ['site-mix(5,1,1,2,1)', () => config(siteMix(5, 1, 1, 2, 1))],
    ['site-mix(9,1,1,2,1)', () => config(siteMix(9, 1, 1, 2, 1))],
    ['site-mix(12,3,2,1,1)', () => config(siteMix(12, 3, 2, 1, 1))],
    ['site-mix(8,20,2,2,1) slice 10.20.30.11 (DESTIP ALL)', () => sliceConfig(mix, ['10.20.30.11']).cfg],
    ['site-mix(8,20,2,2,1) slice 10.20.30.12 (not distributed)', () => sliceConfig(mix, ['10.20.30.12']).cfg],
  ];
  for (const [name, cfg] of cases) {
    it(`${name}: canon equals canonRows on random states`, () => {
      const model = new DvipaModel(cfg(), false, true);
      const sym = model.symmetry!;
      expect(sym).not.toBeNull();
      // the compiled path is the one under test: no group falls back to canonRows
      expect(String((sym as unknown as { fast: () => void }).fast)).not.toContain('slow(');
      const rand = rng(name.length * 7919);
      let moved = 0;
      for (let n = 0; n < 2000; n++) {
        const range = n % 2 === 0 ? 256 : 3;
        const a = Uint8Array.from({ length: model.stateBytes }, () => Math.floor(rand() * range));
        const b = a.slice();
        const before = a.slice();
        const pa: number[][] = [], pb: number[][] = [];
        sym.canon(a, pa);
        for (let gi = 0; gi < sym.groups.length; gi++) sym.canonRows(b, gi, pb);
        expect(Array.from(a)).toEqual(Array.from(b));
        expect(pa).toEqual(pb);
        if (a.some((v, k) => v !== before[k])) moved++;
        const again = a.slice();
        sym.canon(again);
        expect(Array.from(again)).toEqual(Array.from(a)); // a representative is its own
      }
      expect(moved).toBeGreaterThan(500);
    });
  }
});
