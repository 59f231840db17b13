import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { replayTrace } from '../src/check/replay.js';
import { loadSpecText } from '../src/spec/load.js';
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

/**
 * D-247: a distributor (OWNER, optionally a backup BK) and n identical targets T0.. that define
 * nothing; DESTIP ALL, a list of every target or of T0 only, or HOTSTANDBY; VIPAROUTEs from an
 * OWNER without DYNAMICXCF to every target or to T0 only; the targets' own VIPADISTRIBUTE (as
 * VIPABACKUPs of their own, `members`), BK inheriting or with its own.
 */
interface DistOpts {
  destip: 'all' | 'list' | 'one' | 'hot'; ownerXcf: boolean; routes: 'every' | 'one'; bk: 'none' | 'own' | 'inherit';
  members: boolean; ports: number[]; events: string[]; maxFailures: string; maxConnections: number; start: string;
}
function distSpec(n: number, o: DistOpts): string {
  const xcf = (i: number): string => `193.9.200.${i + 1}`;
  const addr = '201.2.10.11';
  const ts = Array.from({ length: n }, (_, k) => k + 2);
  const destip = o.destip === 'all' ? 'DESTIP ALL'
    : o.destip === 'list' ? `DESTIP ${ts.map(xcf).join(' ')}`
    : o.destip === 'one' ? `DESTIP ${xcf(2)} ${xcf(0)}`
    : `DESTIP ${xcf(2)} PREFERRED ${ts.slice(1).map((t, r) => `${xcf(t)} BACKUP ${90 - 10 * r}`).join(' ')}`;
  const method = o.destip === 'hot' ? 'HOTSTANDBY' : 'ROUNDROBIN';
  const dist = `        VIPADISTRIBUTE DEFINE DISTMETHOD ${method} ${addr} PORT ${o.ports.join(' ')} ${destip}`;
  const apps = o.ports.map((p) => `      - { name: A${p}, port: ${p} }`).join('\n');
  const st = (name: string, i: number, xcfOn: boolean, vipa: string[]): string => `  - name: ${name}
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      ${xcfOn ? `IPCONFIG DYNAMICXCF ${xcf(i)} 255.255.255.0 1` : `; no xcf`}
${vipa.length ? `      VIPADYNAMIC\n${vipa.join('\n')}\n      ENDVIPADYNAMIC\n` : ''}    applications:
${apps}
`;
  const routes = o.ownerXcf ? [] : (o.routes === 'every' ? ts : [2]).map((t) => `        VIPAROUTE DEFINE ${xcf(t)} 10.1.0.${t}`);
  const stacks = [st('OWNER', 0, o.ownerXcf, [`        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 ${addr}`, dist, ...routes])];
  if (o.bk !== 'none') stacks.push(st('BK', 1, true, [`        VIPABACKUP 100 ${addr}`, ...(o.bk === 'own' ? [dist] : [])]));
  for (const t of ts) stacks.push(st(`T${t - 2}`, t, true, o.members ? [`        VIPABACKUP 50 ${addr}`, dist] : []));
  return `stacks:\n${stacks.join('')}clients:\n${o.ports.map((p) => `  - { name: c${p}, dvipa: ${addr}, port: ${p} }`).join('\n')}
environment:
  start: ${o.start}
  events: [${o.events.join(', ')}]
  maxFailures: ${o.maxFailures}
  maxConnections: ${o.maxConnections}
`;
}

/** What D-247 claims for distSpec: the targets are interchangeable unless something names one of them. */
function expectSymmetric(o: DistOpts): boolean {
  if (o.destip === 'one' || o.destip === 'hot') return false;
  if (!o.ownerXcf && o.routes === 'one') return false;
  if (o.members && o.bk === 'inherit') return false; // BK could inherit a target's definition
  return true;
}

describe('symmetry reduction with distributed DVIPAs (D-247)', () => {
  it('identical targets: the group is claimed exactly when sound; verdicts, trace lengths and real traces kept', async () => {
    let reduced = 0;
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 2, max: 3 }),
      fc.record({
        destip: fc.constantFrom('all', 'all', 'list', 'one', 'hot'), ownerXcf: fc.boolean(), routes: fc.constantFrom('every', 'one'),
        bk: fc.constantFrom('none', 'own', 'inherit'), members: fc.boolean(), ports: fc.constantFrom([80], [80, 81]),
        events: fc.subarray(['terminate', 'start', 'leavegroup', 'deactivate', 'applications', 'connections', 'distribution'], { minLength: 2 }),
        maxFailures: fc.constantFrom('1', '2'), maxConnections: fc.constantFrom(1, 2), start: fc.constantFrom('running', 'running', 'down'),
      }) as fc.Arbitrary<DistOpts>,
      async (n, o) => {
        const small = { ...o, maxConnections: n === 3 || o.ports.length > 1 ? 1 : o.maxConnections, maxFailures: n === 3 ? '1' : o.maxFailures };
        const text = distSpec(n, small);
        const loaded = loadSpecText(text, 'dist-sym.yaml');
        if (!loaded.ok) throw new Error(`spec did not load: ${JSON.stringify(loaded)}\n${text}`);
        const cfg = loaded.config;
        const plain = await check(cfg, { slice: false });
        const sym = await check(cfg, { symmetry: true, slice: false });
        expect(verdicts(sym), text).toEqual(verdicts(plain));
        expect(sym.depth).toBe(plain.depth);
        const group = `symmetry: ${Array.from({ length: n }, (_, k) => `T${k}`).join(' = ')}`;
        expect(sym.reductions ?? [], text).toEqual(expectSymmetric(small) ? [group] : []);
        expect(sym.states).toBeLessThanOrEqual(plain.states);
        if (sym.states < plain.states) reduced++;
        for (const p of sym.properties.filter((x) => x.trace)) {
          const t = p.trace!;
          const r = replayTrace(cfg, { spec: null, property: p.name, events: t.steps.slice(1).map((s) => s.event), states: t.steps.map((s) => s.state) });
          expect([r.stoppedAt, r.differs, r.stillViolates], `${p.name}\n${text}`).toEqual([null, [], true]);
        }
      }), { numRuns: 40, seed: 5 });
    expect(reduced).toBeGreaterThan(10);
  });

  it('the default and --no-slice counts do not change; sliced --symmetry reduces the DESTIP ALL slice', async () => {
    const o: DistOpts = { destip: 'all', ownerXcf: true, routes: 'every', bk: 'own', members: false, ports: [80], events: ['terminate', 'start', 'connections', 'distribution'], maxFailures: '2', maxConnections: 1, start: 'running' };
    const cfg = config(distSpec(3, o));
    const plain = await check(cfg, { slice: false });
    const sym = await check(cfg, { symmetry: true, slice: false });
    expect(plain.reductions ?? []).toEqual([]);
    expect(sym.states).toBeLessThan(plain.states / 2);
    const sliced = await check(cfg, {});
    const slicedSym = await check(cfg, { symmetry: true });
    expect(slicedSym.reductions).toEqual(['slice', 'symmetry']);
    expect(slicedSym.states).toBeLessThan(sliced.states);
    expect(statusesOf(slicedSym)).toEqual(statusesOf(sliced));
  });
});

const statusesOf = (r: CheckReport): unknown => r.properties.map((p) => [p.name, p.status]);
