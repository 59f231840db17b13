import { describe, expect, it } from 'vitest';
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
});
