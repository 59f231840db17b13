import { describe, expect, it } from 'vitest';
import { exportPromela } from '../src/export/promela.js';
import { printJs } from '../src/model/lower-js.js';
import { DvipaModel } from '../src/model/model.js';
import { config } from './helpers.js';

/** n stacks, each with DYNAMICXCF: one DVIPA VIPADEFINEd on the first and backed up by all others, one client. */
function backedBy(n: number): string {
  const stacks = Array.from({ length: n }, (_, i) => `  - name: S${i}
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY
      IPCONFIG DYNAMICXCF 193.9.200.${i + 1} 255.255.255.0 1
      VIPADYNAMIC
        ${i === 0 ? 'VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 201.2.10.11' : `VIPABACKUP ${1 + (i % 3)} 201.2.10.11`}
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }]`);
  return `stacks:\n${stacks.join('\n')}\nclients:\n  - { name: web, dvipa: 201.2.10.11, port: 80 }\nenvironment:\n  start: running\n  events: [terminate, start, routing, leavegroup, deactivate, applications, connections]\n  maxFailures: 2\n`;
}

const jsChars = (n: number): number => {
  const m = new DvipaModel(config(backedBy(n)));
  return printJs(m.description, m.stateBytes, n, true).length;
};

describe('the code printed from the rules (issue 20, item 5)', () => {
  it('grows linearly with the stacks backing up a DVIPA (it grew with their cube)', () => {
    const [a, b, c] = [8, 16, 32].map(jsChars);
    // Linear: about 2x per doubling; the cubic code of the first release grew about 8x.
    expect(b / a).toBeLessThan(3);
    expect(c / b).toBeLessThan(3);
    expect(c).toBeLessThan(400_000);
  });

  it('a 32-stack model is built, compiled and started in well under a second', () => {
    const t0 = performance.now();
    const m = new DvipaModel(config(backedBy(32)));
    m.initialStates();
    expect(m.expand).toBeTypeOf('function');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('the Promela export grows with the square of the stacks, not faster (D-74: procedures, checks and tie guards printed once)', () => {
    const [a, b] = [8, 16].map((n) => exportPromela(config(backedBy(n))).length);
    // Quadratic: 4x per doubling (a takeover's assertion names the chain once per holder); it was 19x (2.6 MB at 8 stacks, 49 MB at 16).
    expect(b / a).toBeLessThan(6);
    expect(a).toBeLessThan(200_000);
  });

  it('a model built again for the same configuration reuses the compiled rules, as an independent instance (D-77)', () => {
    const cfg = config(backedBy(4));
    const m1 = new DvipaModel(cfg), m2 = new DvipaModel(cfg);
    const s = m1.initialStates()[0]!;
    expect([...m2.initialStates()[0]!]).toEqual([...s]);
    const next = (m: DvipaModel): string[] => { const out: string[] = []; m.expand!(s, (n, a, c) => out.push(`${a}/${c}:${n.join(',')}`)); return out; };
    const one = next(m1);
    m2.expand!(m2.initialStates()[0]!, () => { expect(next(m1)).toEqual(one); }); // m1 runs while m2 is inside its expand
    expect(next(m2)).toEqual(one);
  });
});
