import { describe, expect, it } from 'vitest';
import { simulate } from '../src/check/simulate.js';
import type { TraceStep } from '../src/check/trace.js';
import { config } from './helpers.js';

const D = '201.2.10.11';

function stacksSpec(stacks: { name: string; profile: string; apps?: string; cpc?: string; routing?: string }[], extra = ''): string {
  const ind = (s: string): string => s.trim().split('\n').map((l) => `      ${l.trim()}`).join('\n');
  return `sysplex: T\nstacks:\n${stacks.map((s) => `  - name: ${s.name}\n${s.cpc ? `    cpc: ${s.cpc}\n` : ''}${s.routing ? `    routing: ${s.routing}\n` : ''}    profile: |\n${ind(s.profile)}\n    applications:\n      - { name: WEB, port: ${s.apps ?? '80'} }\n`).join('')}clients:\n  - { name: web, dvipa: ${D}, port: 80 }\n${extra}`;
}
const DJ = 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN';
const xcf = (n: number): string => `IPCONFIG DYNAMICXCF 193.9.200.${n} 255.255.255.0 1`;
const block = (s: string): string => `VIPADYNAMIC\n${s}\nENDVIPADYNAMIC`;
const def = (opts = 'MOVEABLE IMMEDIATE'): string => block(`VIPADEFINE ${opts} 255.255.255.0 ${D}`);
const bak = (rank: number, opts = ''): string => block(`VIPABACKUP ${rank} ${opts} ${D}`.replace(/\s+/g, ' '));

function run(spec: string, events: string): TraceStep[] {
  const r = simulate(config(spec), events);
  if (!r.ok) throw new Error(r.message);
  return r.trace.steps;
}
const owner = (s: TraceStep): string | null => s.state.dvipas[D]!.owner;
const status = (s: TraceStep, stack: string): string => s.state.dvipas[D]!.status[stack]!;
const conns = (s: TraceStep): Record<string, number> => s.state.dvipas[D]!.connections;

const three = (p2 = `${DJ}\n${xcf(2)}\n${bak(100)}`, p3 = `${DJ}\n${xcf(3)}\n${bak(50)}`, p1 = `${DJ}\n${xcf(1)}\n${def()}`) =>
  stacksSpec([{ name: 'A', profile: p1 }, { name: 'B', profile: p2 }, { name: 'C', profile: p3 }]);

describe('SEMANTICS §4 rules through simulate', () => {
  it('§4.1 NODELAYJOIN joins at start; DELAYJOIN waits for OMPROUTE', () => {
    const spec = stacksSpec([{ name: 'A', profile: `${xcf(1)}\n${def()}` }, { name: 'B', profile: `${DJ}\n${xcf(2)}\n${bak(100)}` }], 'environment:\n  start: down\n');
    const s = run(spec, 'start A; start B; routing-start B');
    expect(s[1]!.state.stacks.A!.status).toBe('joined');
    expect(owner(s[1]!)).toBe('A');
    expect(s[2]!.state.stacks.B!.status).toBe('up');
    expect(status(s[2]!, 'B')).toBe('Inactive');
    expect(s[3]!.state.stacks.B!.status).toBe('joined');
    expect(status(s[3]!, 'B')).toBe('Backup');
  });

  it('§4.1 NOJOIN stays out until joingroup (D-07, D-13)', () => {
    const spec = stacksSpec([{ name: 'A', profile: `GLOBALCONFIG SYSPLEXMONITOR NOJOIN\n${xcf(1)}\n${def()}` }, { name: 'B', profile: `${DJ}\n${xcf(2)}\n${bak(100, 'MOVEABLE IMMEDIATE 255.255.255.0')}` }]);
    const s = run(spec, 'joingroup A');
    expect(s[0]!.state.stacks.A!.status).toBe('up');
    expect(owner(s[0]!)).toBe('B');
    expect(owner(s[1]!)).toBe('A');
    expect(status(s[1]!, 'B')).toBe('Backup');
  });

  it('§4.3 cascading takeover goes down the ranks', () => {
    const s = run(three(), 'terminate A; terminate B; terminate C');
    expect([owner(s[0]!), owner(s[1]!), owner(s[2]!), owner(s[3]!)]).toEqual(['A', 'B', 'C', null]);
    expect(s[3]!.violations.map((v) => v.property)).toContain('available');
  });

  it('§4.3 a higher-ranked backup joining later does not preempt', () => {
    const s = run(three(), 'terminate A; terminate B; start B; routing-start B');
    expect(owner(s[4]!)).toBe('C');
    expect(status(s[4]!, 'B')).toBe('Backup');
  });

  it('§4.3 equal ranks: simulate takes the first in stack order and notes the others (D-26)', () => {
    const s = run(three(`${DJ}\n${xcf(2)}\n${bak(70)}`, `${DJ}\n${xcf(3)}\n${bak(70)}`), 'terminate A');
    expect(owner(s[1]!)).toBe('B');
    expect(s[1]!.note).toContain('C');
    expect(s[1]!.assumed).toContain('rank-tie');
  });

  it('§4.2 takeback IMMEDIATE keeps the backup\'s connections as Moving with DYNAMICXCF on both', () => {
    const s = run(three(), 'terminate A; connect web; start A; routing-start A; close B web');
    expect(owner(s[2]!)).toBe('B');
    expect(conns(s[2]!)).toEqual({ B: 1 });
    expect(s[3]!.state.stacks.A!.status).toBe('up'); // DELAYJOIN: waits for OMPROUTE
    expect(owner(s[4]!)).toBe('A');
    expect(status(s[4]!, 'B')).toBe('Moving');
    expect(conns(s[4]!)).toEqual({ B: 1 });
    expect(s[4]!.violations).toEqual([]);
    expect(status(s[5]!, 'B')).toBe('Backup');
  });

  it('§4.2 takeback without DYNAMICXCF resets the backup\'s connections (D-16)', () => {
    const s = run(three(`${DJ}\n${bak(100)}`), 'terminate A; connect web; start A; routing-start A');
    expect(owner(s[4]!)).toBe('A');
    expect(status(s[4]!, 'B')).toBe('Backup');
    expect(conns(s[4]!)).toEqual({});
    expect(s[4]!.violations.map((v) => v.property)).toEqual(['connections-preserved']);
  });

  it('§4.2 WHENIDLE waits until the last connection closes (D-20, D-21)', () => {
    const s = run(three(undefined, undefined, `${DJ}\n${xcf(1)}\n${def('MOVEABLE WHENIDLE')}`), 'terminate A; connect web; start A; routing-start A; close B web');
    expect(owner(s[4]!)).toBe('B');
    expect(status(s[4]!, 'A')).toBe('Backup');
    expect(s[4]!.violations).toEqual([]);
    expect(owner(s[5]!)).toBe('A');
    expect(status(s[5]!, 'B')).toBe('Backup');
  });

  it('§4.2 a plain VIPABACKUP does not create the DVIPA at a sysplex-wide IPL; a MOVEABLE one does', () => {
    const down = 'environment:\n  start: down\n';
    const plain = run(stacksSpec([{ name: 'A', profile: `${DJ}\n${xcf(1)}\n${def()}` }, { name: 'B', profile: `${DJ}\n${xcf(2)}\n${bak(100)}` }], down), 'start B; routing-start B');
    expect(owner(plain[2]!)).toBeNull();
    expect(status(plain[2]!, 'B')).toBe('Backup');
    const mov = run(stacksSpec([{ name: 'A', profile: `${DJ}\n${xcf(1)}\n${def()}` }, { name: 'B', profile: `${DJ}\n${xcf(2)}\n${bak(100, 'MOVEABLE IMMEDIATE 255.255.255.0')}` }], down), 'start B; routing-start B; start A; routing-start A');
    expect(owner(mov[2]!)).toBe('B');
    expect(owner(mov[4]!)).toBe('A'); // D-17: the VIPADEFINE takes it back from the MOVEABLE backup
  });

  it('§4.4 leavegroup: takeover, connections lost; joingroup takes it back', () => {
    const s = run(three(), 'connect web; leavegroup A; joingroup A');
    expect(conns(s[1]!)).toEqual({ A: 1 });
    expect(owner(s[2]!)).toBe('B');
    expect(status(s[2]!, 'A')).toBe('Inactive');
    expect(conns(s[2]!)).toEqual({});
    expect(s[2]!.violations).toEqual([]);
    expect(owner(s[3]!)).toBe('A');
  });

  it('§4.5 RECOVERY: an OMPROUTE failure makes the stack leave; AUTOREJOIN rejoins at routing-start', () => {
    const s = run(three(undefined, undefined, `GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY AUTOREJOIN\n${xcf(1)}\n${def()}`), 'routing-stop A; routing-start A');
    expect(s[1]!.state.stacks.A!.status).toBe('up');
    expect(owner(s[1]!)).toBe('B');
    expect(s[1]!.assumed).toContain('recovery-trigger');
    expect(s[2]!.state.stacks.A!.status).toBe('joined');
    expect(owner(s[2]!)).toBe('A');
  });

  it('§4.5 without RECOVERY an OMPROUTE failure leaves a black hole', () => {
    const s = run(three(), 'routing-stop A');
    expect(owner(s[1]!)).toBe('A');
    expect(s[1]!.state.dvipas[D]!.advertised).toBe(false);
    expect(s[1]!.violations.map((v) => v.property)).toContain('no-black-hole');
  });

  it('§4.6 deactivate the owner: takeover, Quiescing while connected, then Deactivated; reactivate takes back', () => {
    const s = run(three(), 'connect web; deactivate A 201.2.10.11; close A web; reactivate A 201.2.10.11');
    expect(owner(s[2]!)).toBe('B');
    expect(status(s[2]!, 'A')).toBe('Quiescing');
    expect(status(s[3]!, 'A')).toBe('Deactivated');
    expect(owner(s[4]!)).toBe('A');
    expect(status(s[4]!, 'B')).toBe('Backup');
  });

  it('§4.6 a deactivated backup is skipped by takeover', () => {
    const s = run(three(), 'deactivate B 201.2.10.11; terminate A');
    expect(status(s[1]!, 'B')).toBe('Deactivated');
    expect(owner(s[2]!)).toBe('C');
  });

  it('§4.7 connect needs an advertised owner with a listening application and respects maxConnections', () => {
    const spec = three();
    expect(simulate(config(spec), 'connect web; connect web').ok).toBe(false); // maxConnections 1
    const r = simulate(config(spec), 'routing-stop A; connect web');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('does not advertise');
  });

  it('§4.8 app-stop drops the application\'s connections; start restarts every application (D-10)', () => {
    const s = run(three(), 'connect web; app-stop A WEB; terminate A; start A');
    expect(conns(s[2]!)).toEqual({});
    expect(s[2]!.state.stacks.A!.applications.WEB).toBe('down');
    expect(s[2]!.violations.map((v) => v.property)).toContain('service-available');
    expect(s[4]!.state.stacks.A!.applications.WEB).toBe('up');
  });

  it('D-27 CPCSCOPE: a backup on another CPC never takes over', () => {
    const spec = stacksSpec([
      { name: 'A', cpc: 'CPC1', profile: `${DJ}\n${xcf(1)}\n${block(`VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE 255.255.255.0 ${D}`)}` },
      { name: 'B', cpc: 'CPC2', profile: `${DJ}\n${xcf(2)}\n${bak(100)}` },
      { name: 'C', cpc: 'CPC1', profile: `${DJ}\n${xcf(3)}\n${bak(50)}` },
    ]);
    const s = run(spec, 'terminate A');
    expect(owner(s[1]!)).toBe('C');
  });

  it('failures are counted in the state (D-04) and simulate ignores the budget (D-05)', () => {
    const s = run(three(), 'terminate A; terminate B; start A');
    expect(s.map((x) => x.state.failures)).toEqual([0, 1, 2, 2]);
  });

  it('disabled or unknown events are errors that say why', () => {
    const cfg = config(three());
    const r1 = simulate(cfg, 'start A');
    expect(r1.ok === false && r1.message).toContain('A is already up');
    const r2 = simulate(cfg, 'terminate Z');
    expect(r2.ok === false && r2.message).toContain("no stack named 'Z'");
    const r3 = simulate(cfg, 'explode A');
    expect(r3.ok === false && r3.message).toContain('unknown event');
    expect(simulate(cfg, 'terminate a').ok).toBe(true); // D-52: case-insensitive after exact
  });
});
