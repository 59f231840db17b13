import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { config, runCli, specFile } from './helpers.js';

/** An owner and `n` identical backups (equal ranks), with options that vary. */
function symmetricSpec(n: number, opts: { rank: string; app: boolean; xcf: boolean; delay: boolean; events: string[]; maxFailures: string; start: string; idle: boolean }): string {
  const backups = Array.from({ length: n }, (_, k) => `  - name: B${k}
    profile: |
      ${opts.delay ? 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN' : '; no delayjoin'}
      ${opts.xcf ? `IPCONFIG DYNAMICXCF 193.9.200.${k + 2} 255.255.255.0 1` : '; no xcf'}
      VIPADYNAMIC
        VIPABACKUP ${opts.rank} 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: ${opts.app ? 80 : 81} }
`).join('');
  return `stacks:
  - name: OWNER
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE ${opts.idle ? 'WHENIDLE' : 'IMMEDIATE'} 255.255.255.0 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
${backups}clients:
  - { name: web, dvipa: 201.2.10.11, port: 80 }
environment:
  start: ${opts.start}
  events: [${opts.events.join(', ')}]
  maxFailures: ${opts.maxFailures}
`;
}

const verdicts = (r: CheckReport) => r.properties.map((p) => [p.name, p.status, p.trace ? p.trace.steps.length : 0]);

describe('symmetry reduction (--symmetry)', () => {
  it('keeps verdicts and shortest trace lengths, with fewer states, and its traces are real', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 2, max: 3 }),
      fc.record({
        rank: fc.constantFrom('10', '100'), app: fc.boolean(), xcf: fc.boolean(), delay: fc.boolean(), idle: fc.boolean(),
        events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'connections'], { minLength: 1 }),
        maxFailures: fc.constantFrom('1', '2'), start: fc.constantFrom('running', 'down'),
      }),
      async (n, opts) => {
        const cfg = config(symmetricSpec(n, opts));
        const plain = await check(cfg, { slice: false });
        const sym = await check(cfg, { symmetry: true, slice: false });
        expect(verdicts(sym)).toEqual(verdicts(plain));
        expect(sym.depth).toBe(plain.depth);
        expect(sym.states).toBeLessThanOrEqual(plain.states);
        expect(sym.reductions).toEqual([`symmetry: ${Array.from({ length: n }, (_, k) => `B${k}`).join(' = ')}`]);
        for (const p of sym.properties.filter((x) => x.trace)) expect(p.trace!.steps.at(-1)!.violations.map((v) => v.property)).toContain(p.name);
      }), { numRuns: 40 });
  });

  it('reduces a 4-backup sysplex and agrees with --workers 2', async () => {
    const text = symmetricSpec(4, { rank: '50', app: true, xcf: true, delay: true, idle: false, events: ['terminate', 'start', 'connections'], maxFailures: '2', start: 'running' });
    const plain = await check(config(text), { slice: false });
    const sym = await check(config(text), { symmetry: true, slice: false });
    const par = await check(config(text), { symmetry: true, workers: 2, slice: false });
    expect(sym.states).toBeLessThan(plain.states / 3);
    expect([par.states, par.transitions]).toEqual([sym.states, sym.transitions]);
    const f = specFile(text);
    expect(runCli(['check', f, '--symmetry', '--no-slice']).stdout).toContain('reduction: symmetry: B0 = B1 = B2 = B3');
    // with slicing, each slice is reduced by the symmetry of its own stacks
    const sliced = runCli(['check', f, '--symmetry', '--format', 'json']);
    expect(JSON.parse(sliced.stdout).reductions).toEqual(['slice', 'symmetry']);
  });
});

describe('symmetry reduction with VIPARANGE DVIPAs (issue 18)', () => {
  it('identical standby stacks: verdicts and shortest trace lengths kept', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({
        disruptive: fc.boolean(), down: fc.boolean(), ioctl: fc.boolean(), xcf: fc.boolean(),
        events: fc.subarray(['terminate', 'start', 'leavegroup', 'applications', 'connections'], { minLength: 1 }),
        start: fc.constantFrom('running', 'down'),
      }),
      async (o) => {
        const prof = (x: number): string => [o.xcf ? `      IPCONFIG DYNAMICXCF 193.9.200.${x} 255.255.255.0 1` : '', '      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', '      VIPADYNAMIC',
          `      VIPARANGE DEFINE MOVEABLE ${o.disruptive ? 'DISRUPTIVE' : 'NONDISRUPTIVE'} 255.255.255.0 10.1.9.0`, '      ENDVIPADYNAMIC'].filter(Boolean).join('\n');
        const st = (name: string, x: number, down: boolean): string => `  - name: ${name}\n    profile: |\n${prof(x)}\n    applications:\n      - { name: S, port: 80, bind: 10.1.9.1${o.ioctl ? ', create: ioctl' : ''}${down ? ', initially: down' : ''} }\n`;
        const text = `stacks:\n${st('A', 1, false)}${st('B0', 1, o.down)}${st('B1', 1, o.down)}clients:\n  - { dvipa: 10.1.9.1, port: 80 }\nenvironment:\n  start: ${o.start}\n  events: [${o.events.join(', ')}]\n  maxFailures: 2\n`;
        const cfg = config(text);
        const plain = await check(cfg, { slice: false });
        const sym = await check(cfg, { symmetry: true, slice: false });
        const short = (r: typeof plain): unknown => r.properties.map((p) => [p.name, p.status, p.trace?.steps.length ?? 0]);
        expect(short(sym)).toEqual(short(plain));
        expect(sym.states).toBeLessThanOrEqual(plain.states);
      }), { numRuns: 30, seed: 18 });
  });
});
