import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { simulate } from '../src/check/simulate.js';
import type { TraceStep } from '../src/check/trace.js';
import { loadSpecText } from '../src/spec/load.js';
import { config, NAMES, runCli, specFile } from './helpers.js';

/** SEMANTICS §11 (VIPARANGE, application-specific DVIPAs), rule by rule, on small specs (issue 18). */
const D = '10.1.9.1';
const DJ = 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN';
const xcf = (n: number): string => `IPCONFIG DYNAMICXCF 193.9.200.${n} 255.255.255.0 1`;
const range = (opts = 'MOVEABLE NONDISRUPTIVE', net = '255.255.255.0 10.1.9.0'): string => `VIPADYNAMIC\nVIPARANGE DEFINE ${opts} ${net}\nENDVIPADYNAMIC`;

interface St { name: string; profile: string; apps: string[] }
function spec(stacks: St[], extra = '', clients = `  - { name: users, dvipa: ${D}, port: 80 }\n`): string {
  const ind = (s: string): string => s.trim().split('\n').map((l) => `      ${l.trim()}`).join('\n');
  return `sysplex: T\nstacks:\n${stacks.map((s) => `  - name: ${s.name}\n    profile: |\n${ind(s.profile)}\n    applications:\n${s.apps.map((a) => `      - ${a}\n`).join('')}`).join('')}clients:\n${clients}${extra}`;
}
const app = (opts = ''): string => `{ name: SRV, port: 80, bind: ${D}${opts} }`;
const two = (p1: string, p2: string, a1 = app(), a2 = app(', initially: down'), extra = ''): string =>
  spec([{ name: 'A', profile: p1, apps: [a1] }, { name: 'B', profile: p2, apps: [a2] }], extra);

function run(text: string, events: string): TraceStep[] {
  const r = simulate(config(text), events);
  if (!r.ok) throw new Error(r.message);
  return r.trace.steps;
}
const status = (s: TraceStep, addr = D): Record<string, string> => s.state.dvipas[addr]!.status;
const owner = (s: TraceStep, addr = D): string | null => s.state.dvipas[addr]!.owner;
const appOf = (s: TraceStep, stack: string, name = 'SRV'): string => s.state.stacks[stack]!.applications[name]!;
const violated = (s: TraceStep): string[] => s.violations.map((v) => v.property);

const A = `${DJ}\n${xcf(1)}\n${range()}`, B = `${DJ}\n${xcf(2)}\n${range()}`;

describe('SEMANTICS §11: creation by bind', () => {
  it('a bind under a covering range creates the DVIPA where it is Active nowhere; standby instances stay down', () => {
    const s = run(two(A, B), '');
    expect(owner(s[0]!)).toBe('A');
    expect(status(s[0]!)).toEqual({ A: 'Active' }); // absent on B: not listed
    expect(appOf(s[0]!, 'B')).toBe('down');
    const d = run(two(A, B, app(), app(', initially: down'), 'environment:\n  start: down\n'), 'start B; routing-start B');
    expect(appOf(d[2]!, 'B')).toBe('down'); // initially: down also at `start`
  });

  it('a range is usable only while the stack is joined: before the join the bind fails (EADDRNOTAVAIL), right after it the application binds', () => {
    const s = run(two(A, B, app(), app(', initially: down'), 'environment:\n  start: down\n'), 'start A; routing-start A');
    expect(appOf(s[1]!, 'A')).toBe('bind-failed');
    expect(s[1]!.note).toContain('SRV on A: bind to 10.1.9.1 failed with EADDRNOTAVAIL: A is not in the group');
    expect(owner(s[2]!)).toBe('A');
    expect(appOf(s[2]!, 'A')).toBe('up');
  });

  it('no covering range on the stack: the bind fails with EADDRNOTAVAIL and present sees it', () => {
    const s = run(two(A, `${DJ}\n${xcf(2)}`), 'terminate A; app-start B SRV');
    expect(appOf(s[2]!, 'B')).toBe('bind-failed');
    expect(s[2]!.note).toBe('SRV on B: bind to 10.1.9.1 failed with EADDRNOTAVAIL: no VIPARANGE of B covers it');
    expect(violated(s[2]!)).toEqual(['present']);
  });

  it('the most specific range of a stack covering the address applies', () => {
    const b = `${DJ}\n${xcf(2)}\nVIPADYNAMIC\nVIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255.255.0.0 10.1.0.0\nVIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0\nENDVIPADYNAMIC`;
    // B holds it under its /24 DISRUPTIVE range: A's bind fails
    const s = run(two(A, b, app(', initially: down'), app()), 'app-start A SRV');
    expect(owner(s[0]!)).toBe('B');
    expect(s[1]!.note).toBe('SRV on A: bind to 10.1.9.1 failed: DISRUPTIVE range: the DVIPA is in use on B (B: VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0 at inline.yaml:18:7)');
  });

  it('a second application of the holder binds with no new DVIPA; the DVIPA ends with the last one', () => {
    const text = spec([{ name: 'A', profile: A, apps: [app(), `{ name: ADM, port: 81, bind: ${D} }`] }, { name: 'B', profile: B, apps: [app(', initially: down')] }]);
    const s = run(text, 'app-stop A SRV; app-stop A ADM');
    expect(owner(s[1]!)).toBe('A');
    expect(owner(s[2]!)).toBe(null);
    expect(status(s[2]!)).toEqual({});
  });
});

describe('SEMANTICS §11: moves between stacks', () => {
  it('NONDISRUPTIVE: the new bind takes the DVIPA, the old holder is Moving with its connections (DYNAMICXCF on both) until they close', () => {
    const s = run(two(A, B), 'connect users; app-start B SRV; connect users; close A users');
    expect(status(s[2]!)).toEqual({ A: 'Moving', B: 'Active' });
    expect(s[2]!.state.dvipas[D]!.connections).toEqual({ A: 1 });
    expect(s[3]!.state.dvipas[D]!.connections).toEqual({ A: 1, B: 1 });
    expect(status(s[4]!)).toEqual({ B: 'Active' });
    expect(s[4]!.assumed).toEqual(['range-moving-ends']);
  });

  it('NONDISRUPTIVE: the old holder stays Moving until its application closes', () => {
    const s = run(two(A, B), 'connect users; app-start B SRV; app-stop A SRV');
    expect(status(s[3]!)).toEqual({ B: 'Active' });
    expect(violated(s[3]!)).toEqual([]);
  });

  it('NONDISRUPTIVE without DYNAMICXCF on both: the old holder\'s connections are lost (connections-preserved)', () => {
    const s = run(two(A, `${DJ}\n${range()}`), 'connect users; app-start B SRV');
    expect(status(s[2]!)).toEqual({ B: 'Active' });
    expect(violated(s[2]!)).toEqual(['connections-preserved']);
  });

  it('DISRUPTIVE: the bind on the second stack fails; the DVIPA stays where it is', () => {
    const d = range('MOVEABLE DISRUPTIVE');
    const s = run(two(`${DJ}\n${xcf(1)}\n${d}`, `${DJ}\n${xcf(2)}\n${d}`), 'app-start B SRV; terminate A');
    expect(appOf(s[1]!, 'B')).toBe('bind-failed');
    expect(s[1]!.note).toBe('SRV on B: bind to 10.1.9.1 failed: DISRUPTIVE range: the DVIPA is in use on A (A: VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0 at inline.yaml:8:7)');
    expect(owner(s[1]!)).toBe('A');
    expect(violated(s[2]!)).toEqual(['present']); // no takeover: it comes back only with a new bind
  });

  it('at a running start every stack joins, then applications bind in stack order', () => {
    const d = range('MOVEABLE DISRUPTIVE');
    const s = run(two(`${DJ}\n${xcf(1)}\n${d}`, `${DJ}\n${xcf(2)}\n${d}`, app(), app()), '');
    expect(owner(s[0]!)).toBe('A');
    expect(appOf(s[0]!, 'B')).toBe('bind-failed');
    expect(s[0]!.note).toBe('SRV on B: bind to 10.1.9.1 failed: DISRUPTIVE range: the DVIPA is in use on A (A: VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0 at inline.yaml:8:7)');
  });
});

describe('SEMANTICS §11: ioctl (SIOCSVIPA / MODDVIPA)', () => {
  const io = app(', create: ioctl'), ioDown = app(', create: ioctl, initially: down');
  it('an ioctl DVIPA outlives its application; it ends with its stack', () => {
    const s = run(two(A, B, io, ioDown), 'app-stop A SRV; terminate A');
    expect(owner(s[1]!)).toBe('A');
    expect(violated(s[1]!)).toEqual(['service-available']); // Active where nothing listens any more
    expect(owner(s[2]!)).toBe(null);
  });

  it('ioctl over an ioctl DVIPA elsewhere: NONDISRUPTIVE moves it (Moving), DISRUPTIVE deletes it', () => {
    const nd = run(two(A, B, io, ioDown), 'connect users; app-start B SRV');
    expect(status(nd[2]!)).toEqual({ A: 'Moving', B: 'Active' });
    const d = range('MOVEABLE DISRUPTIVE');
    const ds = run(two(`${DJ}\n${xcf(1)}\n${d}`, `${DJ}\n${xcf(2)}\n${d}`, io, ioDown), 'connect users; app-start B SRV');
    expect(status(ds[2]!)).toEqual({ B: 'Active' });
    expect(violated(ds[2]!)).toEqual(['connections-preserved']);
  });

  it('ioctl over a bind DVIPA elsewhere deletes it, its connections broken even under NONDISRUPTIVE', () => {
    const s = run(two(A, B, app(), ioDown), 'connect users; app-start B SRV');
    expect(status(s[2]!)).toEqual({ B: 'Active' });
    expect(violated(s[2]!)).toEqual(['connections-preserved']);
  });

  it('a bind over an ioctl DVIPA elsewhere fails', () => {
    const s = run(two(A, B, io, app(', initially: down')), 'app-start B SRV');
    expect(appOf(s[1]!, 'B')).toBe('bind-failed');
    expect(s[1]!.note).toBe('SRV on B: bind to 10.1.9.1 failed: the DVIPA is in use on A, created by ioctl (SIOCSVIPA)');
  });
});

describe('SEMANTICS §11: deletion, no takeover', () => {
  it('a bind DVIPA is deleted when its application stops, or its stack ends or leaves; a leave keeps the application up without a listener until the next join', () => {
    const g = 'environment:\n  events: [terminate, start, leavegroup, applications, connections]\n';
    expect(owner(run(two(A, B), 'app-stop A SRV')[1]!)).toBe(null);
    expect(owner(run(two(A, B), 'terminate A')[1]!)).toBe(null);
    const s = run(two(A, B, app(), app(', initially: down'), g), 'leavegroup A; joingroup A');
    expect(owner(s[1]!)).toBe(null);
    expect(appOf(s[1]!, 'A')).toBe('bind-failed');
    expect(s[1]!.assumed).toEqual(['range-leave-unbound']); // no connection was lost (D-227)
    const c = run(two(A, B, app(), app(', initially: down'), g), 'connect users; leavegroup A');
    expect(c[2]!.assumed).toEqual(['leave-drops-connections', 'range-leave-unbound']);
    expect(s[1]!.note).toContain('its DVIPA was deleted when A left the group');
    expect(owner(s[2]!)).toBe('A');
    expect(appOf(s[2]!, 'A')).toBe('up');
  });

  it('takeover, available and takeback do not apply; present, service-available do', async () => {
    const r = await check(config(two(A, B, app(), app(', initially: down'), 'environment:\n  events: [terminate, start, connections]\n')));
    expect(r.properties.filter((p) => p.status === 'violated').map((p) => p.name)).toEqual([]);
    const none = await check(config(two(A, `${DJ}\n${xcf(2)}`, app(), app(), 'environment:\n  events: [terminate, start, connections]\n')));
    expect(none.properties.filter((p) => p.status === 'violated').map((p) => p.name)).toEqual(['present']);
  });

  it('service-available: an ioctl DVIPA whose application stopped is Active with nothing listening', async () => {
    const r = await check(config(two(A, B, app(', create: ioctl'), app(', create: ioctl, initially: down'), 'environment:\n  events: [applications, connections]\n')));
    expect(r.properties.filter((p) => p.status === 'violated').map((p) => p.name)).toContain('service-available');
  });
});

describe('SEMANTICS §11, SPEC §5: IPv6 ranges and the loader', () => {
  const V6 = '2001:db8:9::1';
  const r6 = 'VIPADYNAMIC\nVIPARANGE DEFINE DVIPAR6 2001:DB8:9::/64\nENDVIPADYNAMIC';
  const text6 = spec([{ name: 'A', profile: `${DJ}\n${r6}`, apps: [`{ name: SRV, port: 80, bind: "2001:DB8:9:0::1" }`] },
    { name: 'B', profile: `${DJ}\n${r6}`, apps: [`{ name: SRV, port: 80, bind: "2001:db8:9::1", initially: down }`] }], '', `  - { dvipa: "2001:db8:9:0:0::1", port: 80 }\n`);
  it('an IPv6 bind under an IPv6 range creates the DVIPA, keyed by its canonical address; the client is [addr]:port', () => {
    const c = config(text6);
    expect(c.stacks[0]!.applications[0]!.bind).toBe(V6);
    expect(c.clients.map((x) => x.name)).toEqual([`[${V6}]:80`]);
    const s = run(text6, 'connect [2001:db8:9::1]:80; app-start B SRV');
    expect(owner(s[0]!, V6)).toBe('A');
    expect(status(s[2]!, V6)).toEqual({ B: 'Active' }); // no IPCONFIG6 DYNAMICXCF: the connection is lost
    expect(violated(s[2]!)).toEqual(['connections-preserved']);
  });

  it('bad create / initially / bind values are findings with file:line:column (exit 2)', () => {
    const bad = (t: string): string[] => { const r = loadSpecText(t, 'x.yaml', { propertyNames: NAMES }); return r.ok ? [] : r.errors.map((e) => `${e.pos.line}:${e.pos.column} ${e.message}`); };
    expect(bad(two(A, B, app(', create: socket')))).toEqual(["11:56 create of an application must be bind or ioctl, not 'socket'"]);
    expect(bad(two(A, B, app(', initially: standby')))[0]).toMatch(/^11:\d+ initially of an application must be up or down, not 'standby'/);
    expect(bad(two(A, B, '{ name: SRV, port: 80, bind: "2001:db8::zz" }'))[0]).toMatch(/^11:\d+ bind must be INADDR_ANY or an IPv4 or IPv6 address, not '2001:db8::zz'/);
    const mixed = spec([{ name: 'A', profile: A, apps: [app(), `{ name: ADM, port: 81, bind: ${D}, create: ioctl }`] }]);
    expect(bad(mixed)[0]).toMatch(/both create 10\.1\.9\.1, one by bind and one by ioctl/);
    expect(runCli(['check', specFile(two(A, B, app(', create: socket')))]).code).toBe(2);
  });
});

describe('SEMANTICS §11: lint', () => {
  it('a bind no range covers on its stack, a DISRUPTIVE range on two stacks, a VIPADEFINE inside a bound range, OMPROUTE without DELAYJOIN, no DYNAMICXCF', () => {
    const lint = (t: string): string[] => runCli(['lint', specFile(t)]).stdout.split('\n').filter((l) => / (error|warning): /.test(l)).map((l) => l.replace(/^.*?spec\.yaml:/, ''));
    expect(lint(two(A, `${DJ}\n${xcf(2)}`))).toEqual([
      "17:9: error: [B] SRV on B binds 10.1.9.1, but no VIPARANGE of B covers it: its bind fails there (EADDRNOTAVAIL) (endangers present); fix: add VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE mask net covering 10.1.9.1 to B's VIPADYNAMIC block",
    ]);
    const d = range('MOVEABLE DISRUPTIVE');
    expect(lint(two(`${DJ}\n${xcf(1)}\n${d}`, `${DJ}\n${xcf(2)}\n${d}`)).map((l) => l.split(' (endangers')[0])).toEqual([
      '8:7: error: [A] 10.1.9.1 is bound by applications on A and B under this DISRUPTIVE range: the second instance\'s bind fails',
      '17:7: error: [B] 10.1.9.1 is bound by applications on B and A under this DISRUPTIVE range: the second instance\'s bind fails',
    ]);
    const codes = (t: string): string[] => runCli(['lint', specFile(t), '--format', 'json']).stdout.match(/"code": "[a-z-]+"/g) ?? [];
    expect(codes(two(`${xcf(1)}\n${range()}`, range()))).toEqual(['"code": "no-delayjoin"', '"code": "no-dynamicxcf"', '"code": "no-delayjoin"']);
    const both = spec([{ name: 'A', profile: `${DJ}\n${xcf(1)}\nVIPADYNAMIC\nVIPARANGE DEFINE 255.255.255.0 10.1.9.0\nVIPADEFINE 255.255.255.0 10.1.9.1\nENDVIPADYNAMIC`, apps: [app()] },
      { name: 'B', profile: `${DJ}\n${xcf(2)}\nVIPADYNAMIC\nVIPABACKUP 100 10.1.9.1\nENDVIPADYNAMIC`, apps: [app()] }]);
    expect(codes(both)).toContain('"code": "define-in-range"');
  });
});

describe('VIPARANGE traces: written, read back, cross-checked', () => {
  it('a trace with a bind-failed application replays; the bundled specs meet their expect blocks and agree with SPIN', () => {
    const dir = specFile('x', 'x.txt').replace(/x\.txt$/, 'out');
    expect(runCli(['check', 'specs/bad-viparange-disruptive.yaml', '--out', dir, '--no-progress']).code).toBe(0);
    const r = runCli(['replay', `${dir}/bad-viparange-disruptive.present.trace.json`]);
    expect(r.stdout).toContain('note: TN3270 on TCPCS2: bind to 10.1.9.23 failed: DISRUPTIVE range: the DVIPA is in use on TCPCS1');
    expect(r.stdout).toContain('result: the violation still occurs (present)');
    for (const f of ['zcx-viparange', 'bad-viparange-restart-no-range', 'bad-viparange-disruptive']) {
      const c = runCli(['check', `specs/${f}.yaml`, '--quiet', '--no-progress']);
      expect(c.code, f).toBe(0);
    }
  });
});
