/**
 * Audit h21: SEMANTICS §9-12 (present, sysplex distributor, VIPARANGE, IPv6) "to the letter".
 * Each spec is new and small; the expected figures (states / transitions / depth, and the number
 * of steps of each shortest counterexample) were worked out by hand from SEMANTICS, DETAILS and
 * DECISIONS before the tool was run; the derivation is in the comment of each case. One defect
 * was found (D-300, hot-standby judged a primary's non-HOTSTANDBY connections); the rest pins
 * what the tool already does right. This file is long because each case carries its derivation.
 */
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { DvipaModel } from '../src/model/model.js';
import { eventViews, makeSysplex } from '../src/properties/bind.js';
import { fastContext, fastStep } from '../src/properties/fast.js';
import type { StepProperty } from '../src/properties/api.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { config, runCli, specFile } from './helpers.js';

type Fig = [number, number, number];
async function both(text: string): Promise<{ full: CheckReport; sliced: CheckReport }> {
  const cfg = config(text);
  return { full: await check(cfg, { slice: false }), sliced: await check(cfg) };
}
const figures = (r: CheckReport): Fig => [r.states, r.transitions, r.depth];
/** Violated properties -> steps of the shortest counterexample (the others hold). */
const violated = (r: CheckReport): Record<string, number> =>
  Object.fromEntries(r.properties.filter((p) => p.status === 'violated').map((p) => [p.name, p.trace!.steps.length - 1]));
async function expectRun(text: string, fig: Fig, v: Record<string, number>, slicedFig: Fig = fig): Promise<CheckReport> {
  const { full, sliced } = await both(text);
  expect(figures(full)).toEqual(fig);
  expect(violated(full)).toEqual(v);
  expect(figures(sliced)).toEqual(slicedFig);
  expect(violated(sliced)).toEqual(v);
  return full;
}
const events = (r: CheckReport, name: string): string[] => r.properties.find((p) => p.name === name)!.trace!.steps.slice(1).map((s) => s.event);

const stack = (name: string, profile: string, extra = ''): string => `  - name: ${name}
    routing: static
${extra}    profile: |
${profile.trim().split('\n').map((l) => `      ${l.trim()}`).join('\n')}
`;
const blk = (...st: string[]): string => `VIPADYNAMIC\n${st.join('\n')}\nENDVIPADYNAMIC`;
const xcf = (k: number): string => `IPCONFIG DYNAMICXCF 193.9.200.${k} 255.255.255.0 1`;
const WEB = '    applications:\n      - { name: WEB, port: 80 }\n';

describe('§9 present', () => {
  it('a plain backup reactivated while the DVIPA is lost: present 3 steps, available 2 (9 states, 13 transitions, depth 4)', async () => {
    // S1 VIPADEFINE, S2 plain VIPABACKUP; events deactivate/reactivate, maxFailures 2. States (S1,S2,f):
    // (A,B,0) -> (Dx,A,1) (A,Dx,1) -> (Dx,Dx,2) [lost: available at 2] (A,B,1) -> (Dx,A,2) (A,Dx,2)
    // (Dx,B,2) [reactivate S2: Backup, D-30 keeps it lost, S2 joined and could own: present at 3]
    // -> (A,B,2). Out-degrees 2,2,2,2,2,1,1,1,0 = 13; (A,B,2) is at distance 4.
    const text = `stacks:\n${stack('S1', blk('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1'))}${stack('S2', blk('VIPABACKUP 10.1.1.1'))}environment:\n  events: [deactivate]\n  maxFailures: 2\n`;
    const r = await expectRun(text, [9, 13, 4], { available: 2, present: 3 });
    expect(events(r, 'present')).toEqual(['deactivate S1 10.1.1.1', 'deactivate S2 10.1.1.1', 'reactivate S2 10.1.1.1']);
  });

  const cpc = (c2: string): string => `stacks:\n${stack('S1', blk('VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1'), '    cpc: C1\n')}${stack('S2', blk('VIPABACKUP 10.1.1.1'), `    cpc: ${c2}\n`)}environment:\n  start: down\n  events: [start, terminate]\n  maxFailures: 1\n`;
  it('CPCSCOPE: a backup on another CPC than every VIPADEFINE stack is no possible owner (8 states, 12 transitions)', async () => {
    // §9 "for a CPCSCOPE DVIPA, is on the CPC of one of D's VIPADEFINE stacks". f=0: (d,d) (j,d;A)
    // (d,j;B nowhere: present holds, S2 on C2) (j,j;A,B); f=1: (d,d) (d,j;B: the terminate of S1
    // finds no same-CPC candidate, D-27) (j,d) (j,j). 2+2+2+2 + 2+1+1+0 = 12 transitions.
    // available: start S1, terminate S1 (2 steps).
    await expectRun(cpc('C2'), [8, 12, 4], { available: 2 });
  });
  it('... and on the same CPC it is: present at the first start S2 (9 states, 13 transitions)', async () => {
    // Same, but the terminate of S1 in (j,j) now moves D to S2 (a fifth f=1 state, (d,j;S2 Active)).
    const r = await expectRun(cpc('C1'), [9, 13, 4], { available: 2, present: 1 });
    expect(events(r, 'present')).toEqual(['start S2']);
  });

  it('a NOJOIN VIPADEFINE stack with a plain backup: present in the start state (7 states, 9 transitions)', async () => {
    // D-07: S1 up, not joined; S2 joined Backup; D Active nowhere: present at 0 steps. Events
    // leavegroup/joingroup, maxFailures 1: s0 -> joingroup S1 (A,B) | leavegroup S2; (A,B) -> two
    // leaves; ... 7 states, out-degrees 2,2,2,1,1,1,0; the last (both joined, f=1) at depth 3.
    const text = `stacks:\n${stack('S1', `GLOBALCONFIG SYSPLEXMONITOR NOJOIN\n${blk('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1')}`)}${stack('S2', blk('VIPABACKUP 10.1.1.1'))}environment:\n  events: [leavegroup]\n`;
    await expectRun(text, [7, 9, 3], { present: 0 });
  });

  const v6 = (intf: string): string => `stacks:\n${stack('S1', blk('VIPADEFINE MOVEABLE IMMEDIATE DVIPA6A 2001:db8::10'))}${stack('S2', blk(`VIPABACKUP 10 ${intf} 2001:DB8:0::10`))}environment:\n  start: down\n  events: [start]\n`;
  it('§12 IPv6: a backup naming the address with another interface name is no possible owner; the same name in lower case pairs', async () => {
    // Mismatch (D-145): S2's definition is rejected, S2 is a bare stack: 4 states (each stack
    // down/joined, D Active exactly when S1 is joined), 4 transitions, nothing violated; the
    // slice drops the bare S2 (no failure events): 2 states, 1 transition.
    await expectRun(v6('DVIPA6B'), [4, 4, 2], {}, [2, 1, 1]);
    // Paired (interface names compare case-insensitively): start S2 first leaves D nowhere.
    await expectRun(v6('dvipa6a'), [4, 4, 2], { present: 1 });
  });
});

describe('§10 sysplex distributor', () => {
  const S1 = (dist: string, defn = 'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1'): string => stack('S1', `${xcf(1)}\n${blk(defn, dist)}`);
  const tail = (ev: string, f = 1): string => `clients:\n  - { name: web, dvipa: 10.1.1.1, port: 80 }\nenvironment:\n  events: [${ev}]\n  maxFailures: ${f}\n`;

  it('a DESTIP list naming the distributor, which has no application: only S2 is eligible (5 states, 7 transitions)', async () => {
    // (WEB on S2, connections on S2, f): (up,0,0) (up,1,0) (down,0,1) [no eligible target:
    // service-available at 1] (up,0,1) (up,1,1); out-degrees 2,2,1,1,1. SYSPLEXPORTS and TIMEDAFF
    // only choose among eligible targets (D-114): same figures.
    const text = `stacks:\n${S1('VIPADISTRIBUTE DEFINE SYSPLEXPORTS TIMEDAFF 60 10.1.1.1 PORT 80 DESTIP 193.9.200.1 193.9.200.2')}${stack('S2', xcf(2))}${WEB}${tail('applications, connections')}`;
    await expectRun(text, [5, 7, 3], { 'service-available': 1 });
  });

  const hot = (opt: string, ev: string): string => `stacks:\n${S1(`VIPADISTRIBUTE DISTMETHOD HOTSTANDBY${opt} 10.1.1.1 PORT 80 DESTIP 193.9.200.2 PREFERRED 193.9.200.3 BACKUP 10`)}${stack('S2', xcf(2))}${WEB}${stack('S3', xcf(3))}${WEB}${tail(ev)}`;
  it('HOTSTANDBY: app-stop / app-start of the PREFERRED, NOAUTOSWITCHBACK 10/18/3, AUTOSWITCHBACK 10/20/4', async () => {
    // NOAUTO: f=0 (S2 active, c2 0|1); S2 stopped: S3 active, c3 0|1, and after app-start S2
    // S3 stays active (c3 0|1); S3 stopped: S2 active, c2 0|1, and after app-start S3 c2 0|1.
    // 2+4+4 = 10 states; 3+3 + 2+2+1+1 + 2+2+1+1 = 18. AUTO: app-start S2 makes S2 active again,
    // so connections on S3 from the standby period can sit beside new ones on S2: 10 states
    // (the X3 state merges with the S3-restarted one, a (c2=1,c3=1) state is new), 20
    // transitions, depth 4 (that state). Written AUTOSWITCHBACK = the default.
    await expectRun(hot(' NOAUTOSWITCHBACK', 'applications, connections'), [10, 18, 3], {});
    await expectRun(hot('', 'applications, connections'), [10, 20, 4], {});
    await expectRun(hot(' AUTOSWITCHBACK', 'applications, connections'), [10, 20, 4], {});
  });
  it('HOTSTANDBY with quiesce-target / resume-target: NOAUTOSWITCHBACK 14/28/4, AUTOSWITCHBACK 12/26/4', async () => {
    // Quiesce keeps connections (D-118): S2 quiesced: S3 active, (c2,c3) any of 4; resumed: NOAUTO
    // keeps S3 (4 more), AUTO returns to S2 (4 states, 2 of them the S3-resumed ones); S3
    // quiesced: c2 0|1, resumed c2 0|1. NOAUTO 2+4+4+2+2 = 14, AUTO 2+4+4+2 = 12.
    await expectRun(hot(' NOAUTOSWITCHBACK', 'distribution, connections'), [14, 28, 4], {});
    await expectRun(hot('', 'distribution, connections'), [12, 26, 4], {});
  });

  it('an inherited definition is not passed on: two states for "S1 and S2 terminated" (8 states, 9 transitions)', async () => {
    // S1 VIPADEFINE distributes to S3; S2 VIPABACKUP 20 and S3 VIPABACKUP 10 have no VIPADISTRIBUTE.
    // Terminated sets of size <= 2: {}, 4 singles... {S1}: S2 inherits S1's; {S1,S2} via S1 first:
    // S3 takes over from an inherited definition, so it inherits nothing; via S2 first: S3 takes
    // over from S1 and inherits S1's: two states. 1+3+4 = 8 states, 3+2*3 = 9 transitions.
    // service-available: terminate S3 (S1 distributes to S3 only): 1 step.
    const text = `stacks:\n${S1('VIPADISTRIBUTE DEFINE DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 DESTIP 193.9.200.3')}${stack('S2', `${xcf(2)}\n${blk('VIPABACKUP 20 10.1.1.1')}`)}${stack('S3', `${xcf(3)}\n${blk('VIPABACKUP 10 10.1.1.1')}`)}${WEB}${tail('terminate', 2)}`;
    await expectRun(text, [8, 9, 2], { 'service-available': 1 });
  });

  const inherit = (route: string): string => `stacks:\n${S1('VIPADISTRIBUTE DEFINE DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 DESTIP 193.9.200.3')}${stack('S2', blk('VIPABACKUP 10.1.1.1', ...(route ? [route] : [])))}${stack('S3', xcf(3))}${WEB}${tail('terminate, connections')}`;
  it('a backup distributor without DYNAMICXCF inherits targets it cannot reach (6 states, 10 transitions)', async () => {
    // s0 (S1 owner), s1 (+1 connection on S3); terminate S1 from either: S2 owner, no eligible
    // target, the connection lost (service-available 1 step; connections-preserved 2: connect,
    // terminate S1); terminate S2: s3, s5 (+connection); terminate S3: s4. Out-degrees 4,4,0,1,0,1.
    const full = await expectRun(inherit(''), [6, 10, 2], { 'service-available': 1, 'connections-preserved': 2 });
    expect(events(full, 'connections-preserved')).toEqual(['connect web', 'terminate S1']);
    // The text trace names the assumption and the definition the takeover used, with file:line:column.
    const f = specFile(inherit(''));
    const out = runCli(['check', '--only', 'connections-preserved', f]).stdout;
    expect(out).toContain('assumed: a stack without a VIPADISTRIBUTE of its own that takes a distributed DVIPA over uses the departing distributor\'s own definition');
    expect(out).toContain(`(takeover: VIPABACKUP 10.1.1.1 at ${f}:14:7)`);
    expect(out).toContain('with the VIPADISTRIBUTE inherited from S1 (D-112)');
    // D-301: the assumed line cites the inherited statement (S1's VIPADISTRIBUTE, line 8).
    expect(out).toContain(`(SEMANTICS §10, D-112) (S1: VIPADISTRIBUTE DEFINE DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 DESTIP 193.9.200.3 at ${f}:8:7)`);
  });
  it('... and a VIPAROUTE to the target\'s DYNAMICXCF address lets it reach S3 (7 states, 12 transitions)', async () => {
    // As above, but S2 reaches S3: the connection survives the takeover, and S2 distributes new
    // ones: one more state (S2 owner, 1 connection), connect and close there; terminate S3 stays.
    await expectRun(inherit('VIPAROUTE DEFINE 193.9.200.3 10.2.2.3'), [7, 12, 2], { 'service-available': 1 });
  });
});

describe('§10 hot-standby judges HOTSTANDBY connections only (D-300)', () => {
  // S1 (VIPADEFINE) distributes ROUNDROBIN to S2 and S3, or distributes nothing and serves alone;
  // S2 (VIPABACKUP) has a HOTSTANDBY VIPADISTRIBUTE (S2 PREFERRED, S3 BACKUP). Before D-300 the
  // property judged S1's own connections by S2's HOTSTANDBY rule: violated at 1 step (connect web
  // to S3, or to S1), with no failure. §10: a new *HOTSTANDBY* connection lands on the target the
  // rule names; a connection S1 takes under ROUNDROBIN, or serves as an ordinary DVIPA, is none.
  const text = (s1dist: boolean): string => `stacks:
${stack('S1', `${xcf(1)}\n${blk('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1', ...(s1dist ? ['VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 DESTIP 193.9.200.2 193.9.200.3'] : []))}`)}${s1dist ? '' : WEB}${stack('S2', `${xcf(2)}\n${blk('VIPABACKUP 10.1.1.1', 'VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.1.1.1 PORT 80 DESTIP 193.9.200.2 PREFERRED 193.9.200.3 BACKUP 10')}`)}${WEB}${stack('S3', xcf(3))}${WEB}clients:
  - { name: web, dvipa: 10.1.1.1, port: 80 }
environment:
  events: [terminate, connections]
  maxFailures: 1
`;
  it('a ROUNDROBIN primary: everything holds (12 states, 30 transitions, depth 3)', async () => {
    await expectRun(text(true), [12, 30, 3], {});
  });
  it('a primary that distributes nothing: everything holds (8 states, 14 transitions, depth 2)', async () => {
    await expectRun(text(false), [8, 14, 2], {});
  });
  it('once S2 distributes with its HOTSTANDBY, a connection to S3 while S2 is eligible is a violation (check and fast path)', () => {
    const cfg = config(text(true));
    const m = new DvipaModel(cfg, false, false, false);
    const sys = makeSysplex(cfg, m);
    const evs = eventViews(m);
    const p = BUILTIN_PROPERTIES.find((x) => x.name === 'hot-standby') as StepProperty;
    const fast = fastStep(p, fastContext(m.layout, sys, evs))!;
    const act = (t: string): number => evs.findIndex((e) => e.text === t);
    const next = (s: Uint8Array, a: number): Uint8Array => { let out: Uint8Array | null = null; m.successors(s, a, (n) => { out = n.slice(); }); return out!; };
    const s1 = next(m.initialStates()[0]!.slice(), act('terminate S1')); // S2 distributes, S2 PREFERRED eligible
    const c = act('connect web');
    const real = next(s1, c);
    const S = m.layout.nStacks;
    const on = (st: Uint8Array, k: number): number => st[m.layout.connOffset[k]!]!; // client 0 on stack k
    expect([on(real, 1), on(real, 2)]).toEqual([1, 0]); // the rules send it to S2
    const wrong = s1.slice(); wrong[m.layout.connOffset[0 * S + 2]!] = 1; // a step the model never takes: to S3
    const v = m.view(), w = m.view();
    expect(p.check(v.at(s1), evs[c]!, w.at(real), sys)).toBe(true);
    expect(fast(s1, c, real)).toBe(true);
    expect(p.check(v.at(s1), evs[c]!, w.at(wrong), sys)).toMatch(/went to S3, but the HOTSTANDBY rule names S2 \(distributor S2; rule: VIPADISTRIBUTE DISTMETHOD HOTSTANDBY .*:\d+:\d+\)/);
    expect(fast(s1, c, wrong)).toBe(false);
  });
});

describe('§11 VIPARANGE', () => {
  const rng = (k: number, mode: string): string => `${xcf(k)}\n${blk(`VIPARANGE DEFINE MOVEABLE ${mode} 255.255.255.0 10.1.9.0`)}`;
  const app = (extra = ''): string => `    applications:\n      - { name: APP, port: 1364, bind: 10.1.9.1${extra} }\n`;
  const two = (m1: string, m2: string, second: string, clients = '', ev = 'applications'): string => `stacks:\n${stack('S1', rng(1, m1))}${app()}${stack('S2', rng(2, m2))}${app(second)}${clients}environment:\n  events: [${ev}]\n  maxFailures: 1\n`;

  it('a standby instance started on S2 under NONDISRUPTIVE ranges takes the DVIPA; its stop leaves it nowhere (8 states, 9 transitions)', async () => {
    // s0 (APP1 1, APP2 0, S1 Active); app-start S2: S2 Active, S1 absent (no connections), APP1
    // stays 1 and does not rebind (D-134); app-stop S2 APP: deleted, APP1 up on joined S1: present
    // at 2. States s0..s7 with out-degrees 2,2,2,1,1,1,0,0.
    const r = await expectRun(two('NONDISRUPTIVE', 'NONDISRUPTIVE', ', initially: down'), [8, 9, 3], { present: 2 });
    expect(events(r, 'present')).toEqual(['app-start S2 APP', 'app-stop S2 APP']);
  });
  it('... under a DISRUPTIVE range of the holder its bind fails; the holder\'s stop leaves it nowhere (8 states, 9 transitions)', async () => {
    // "T's range decides": S1's range is DISRUPTIVE, so S2's bind fails (APP2 = 2) and present
    // needs S1's APP to stop: app-start S2 APP, app-stop S1 APP. Same shape of graph.
    const r = await expectRun(two('DISRUPTIVE', 'NONDISRUPTIVE', ', initially: down'), [8, 9, 3], { present: 2 });
    expect(events(r, 'present')).toEqual(['app-start S2 APP', 'app-stop S1 APP']);
    // D-303: the failed bind's note cites the holder's DISRUPTIVE range that decided it (S1, line 7).
    expect(r.properties.find((p) => p.name === 'present')!.trace!.steps[1]!.note).toBe('APP on S2: bind to 10.1.9.1 failed: DISRUPTIVE range: the DVIPA is in use on S1 (S1: VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0 at inline.yaml:7:7)');
  });
  it('an ioctl (SIOCSVIPA) instance over a bind DVIPA deletes it, connections broken (14 states, 27 transitions)', async () => {
    // (APP1, APP2, holder, c1, c2, f); the 14 states and 27 transitions are listed in the audit
    // notes: connect then app-start S2 breaks S1's connection (connections-preserved 2); app-start
    // S2 then app-stop S2: the ioctl DVIPA outlives its application, Active with no listener
    // (service-available 2); a bind of APP1 over the ioctl DVIPA fails (APP1 = 2, depth 4).
    const clients = 'clients:\n  - { name: partners, dvipa: 10.1.9.1, port: 1364 }\n';
    await expectRun(two('NONDISRUPTIVE', 'NONDISRUPTIVE', ', create: ioctl, initially: down', clients, 'applications, connections'), [14, 27, 4], { 'connections-preserved': 2, 'service-available': 2 });
  });
  it('a bind at the join of a NODELAYJOIN stack whose OMPROUTE is down: routing-ready and no-black-hole at 1; DELAYJOIN waits', async () => {
    // start: down, events [start]: down -> start S1 (joined, OMPROUTE down, the bind creates the
    // DVIPA) -> routing-start S1: 3 states, 2 transitions. With DELAYJOIN the start leaves APP
    // bind-failed (not joined), routing-start joins and binds: same figures, nothing violated.
    const one = (gc: string): string => `stacks:\n  - name: S1\n    profile: |\n      ${gc}\n      VIPADYNAMIC\n        VIPARANGE DEFINE 255.255.255.0 10.1.9.0\n      ENDVIPADYNAMIC\n${app()}environment:\n  start: down\n  events: [start]\n`;
    await expectRun(one('IPCONFIG DATAGRAMFWD'), [3, 2, 2], { 'routing-ready': 1, 'no-black-hole': 1 });
    await expectRun(one('GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN'), [3, 2, 2], {});
  });
});
