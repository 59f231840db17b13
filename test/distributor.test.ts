import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { lint } from '../src/check/lint.js';
import { simulate } from '../src/check/simulate.js';
import { DvipaModel } from '../src/model/model.js';
import { config } from './helpers.js';

/**
 * Sysplex distributor (SEMANTICS §10, issue 17): each rule pinned on a small spec by the trace of
 * exact events, lint findings with line:column. SPIN agreement: test/spin*.test.ts (bundled specs,
 * random distributed specs); slicing: test/slice.test.ts (random specs with distribution).
 */
interface St { name: string; xcf?: number; defs?: string[]; apps?: string[]; routing?: 'static' }
function spec(stacks: St[], env = 'events: [terminate, start, applications, connections, distribution]\n  maxFailures: 2', port = 8080): string {
  const one = (s: St): string => `  - name: ${s.name}
    routing: ${s.routing ?? 'static'}
    profile: |
${s.xcf ? `      IPCONFIG DYNAMICXCF 10.61.0.${s.xcf} 255.255.255.0 1\n` : ''}      VIPADYNAMIC
${(s.defs ?? []).map((d) => `        ${d}`).join('\n')}
      ENDVIPADYNAMIC
${s.apps?.length ? `    applications:\n${s.apps.map((a) => `      - { name: ${a}, port: ${port} }`).join('\n')}\n` : ''}`;
  return `sysplex: T\nstacks:\n${stacks.map(one).join('')}clients:\n  - { name: c, dvipa: 10.91.1.1, port: ${port} }\nenvironment:\n  ${env}\n`;
}
const DEF = 'VIPADEFINE 255.255.255.0 10.91.1.1';
const BK = (r: number): string => `VIPABACKUP ${r} 10.91.1.1`;
const DIST = (rest = 'DESTIP 10.61.0.2 10.61.0.3'): string => `VIPADISTRIBUTE 10.91.1.1 PORT 8080 ${rest}`;
const HOT = (rest = 'DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 100'): string => `VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.91.1.1 PORT 8080 ${rest}`;

function run(text: string, events: string) {
  const r = simulate(config(text), events);
  if (!r.ok) throw new Error(r.message);
  return r.trace.steps;
}
const dist = (step: { state: { dvipas: Record<string, { distribution?: unknown }> } }) => step.state.dvipas['10.91.1.1']!.distribution as {
  distributor: string | null; inherited?: string; quiesced?: string[];
  ports: Record<string, { method: string | null; activeTarget?: string | null; targets: Record<string, { eligible: boolean; why?: string; connections: number }> }>;
};
const conns = (step: { state: { dvipas: Record<string, { connections: Record<string, number> }> } }) => step.state.dvipas['10.91.1.1']!.connections;

const basic = spec([
  { name: 'D1', xcf: 1, defs: [DEF, DIST()] },
  { name: 'D2', xcf: 2, defs: [BK(100), DIST()], apps: ['S'] },
  { name: 'T3', xcf: 3, apps: ['S'] },
]);

describe('sysplex distributor rules (SEMANTICS §10)', () => {
  it('connect picks any eligible target: one successor each, the step says so', () => {
    const m = new DvipaModel(config(basic));
    const a = m.actions.find((x) => x.kind === 'connect')!;
    const next: number[][] = [];
    m.successors(m.initialStates()[0]!, a.index, (s) => next.push([...s]));
    expect(next.length).toBe(2);
    const s = run(basic, 'connect c');
    expect(conns(s[1]!)).toEqual({ D2: 1 });
    expect(s[1]!.assumed).toEqual(['target-choice']);
    expect(s[1]!.note).toContain('eligible: D2, T3');
  });

  it('an eligible target is joined, listens, is not quiesced; quiesce keeps connections, resume undoes it', () => {
    const s = run(basic, 'connect c; quiesce-target D2; connect c; resume-target D2');
    expect(dist(s[2]!).ports['8080']!.targets.D2).toEqual({ eligible: false, why: 'D2 is quiesced', connections: 1 });
    expect(conns(s[3]!)).toEqual({ D2: 1, T3: 1 });
    expect(dist(s[4]!).ports['8080']!.targets.D2!.eligible).toBe(true);
    const t = run(basic, 'app-stop T3 S; quiesce-target D2');
    expect(simulate(config(basic), 'app-stop T3 S; quiesce-target D2; connect c').ok).toBe(false);
    expect(t[2]!.violations.map((v) => v.property)).toEqual(['service-available']);
  });

  it('a quiesced target that terminates is no longer quiesced when it comes back (assumed)', () => {
    const s = run(basic, 'quiesce-target T3; terminate T3; start T3');
    expect(s[2]!.assumed).toContain('quiesce-reset');
    expect(dist(s[3]!).quiesced).toBeUndefined();
  });

  it('a target that terminates or stops its listener loses its connections: allowed', () => {
    const s = run(basic, 'connect c; terminate D2');
    expect(conns(s[2]!)).toEqual({});
    expect(s[2]!.violations).toEqual([]);
  });

  it('a distributor move keeps the connections on targets the new distributor reaches', () => {
    const s = run(basic, 'connect c; connect c; terminate D1');
    expect(conns(s[2]!)).toEqual({ D2: 1, T3: 1 });
    expect(conns(s[3]!)).toEqual({ D2: 1, T3: 1 });
    expect(s[3]!.note).toContain('distributor D1 -> D2, with its own VIPADISTRIBUTE');
  });

  it('... and loses those it cannot reach (no DYNAMICXCF, no VIPAROUTE): connections-preserved', () => {
    const text = spec([
      { name: 'D1', xcf: 1, defs: [DEF, DIST('DESTIP 10.61.0.3')] },
      { name: 'D2', defs: [BK(100), DIST('DESTIP 10.61.0.3')] },
      { name: 'T3', xcf: 3, apps: ['S'] },
    ]);
    const s = run(text, 'connect c; terminate D1');
    expect(conns(s[2]!)).toEqual({});
    expect(s[2]!.violations.map((v) => v.property)).toEqual(['service-available', 'connections-preserved']);
    expect(s[2]!.note).toContain('connections on T3 lost: D2 cannot reach T3');
    const routed = text.replace(`        ${BK(100)}`, `        ${BK(100)}\n        VIPAROUTE DEFINE 10.61.0.3 10.1.1.3`);
    expect(run(routed, 'connect c; terminate D1')[2]!.violations).toEqual([]);
  });

  it('a lost distributed DVIPA loses every target connection', () => {
    const text = spec([{ name: 'D1', xcf: 1, defs: [DEF, DIST('DESTIP 10.61.0.3')] }, { name: 'T3', xcf: 3, apps: ['S'] }]);
    const s = run(text, 'connect c; terminate D1');
    expect(s[2]!.violations.map((v) => v.property)).toEqual(['available', 'connections-preserved']);
  });

  it('takeback: the old distributor is Backup, the routing table moves to the VIPADEFINE stack', () => {
    const s = run(basic, 'terminate D1; connect c; start D1');
    expect(s[3]!.state.dvipas['10.91.1.1']!.status).toEqual({ D1: 'Active', D2: 'Backup' });
    expect(conns(s[3]!)).toEqual({ D2: 1 });
    expect(s[3]!.violations).toEqual([]);
  });

  it('inherited definition: at a takeover only, not passed on, not at a takeback (assumed)', () => {
    const text = spec([
      { name: 'D1', xcf: 1, defs: [DEF, DIST()] },
      { name: 'D2', xcf: 2, defs: [BK(100)], apps: ['S'] },
      { name: 'T3', xcf: 3, defs: [BK(50)], apps: ['S'] },
    ]);
    const s = run(text, 'terminate D1; connect c; terminate D2');
    expect(dist(s[1]!).inherited).toBe('D1');
    expect(s[1]!.assumed).toContain('inherited-definition');
    expect(conns(s[2]!)).toEqual({ D2: 1 }); // distributed (first target), D2 has its own listener
    expect(dist(s[3]!).distributor).toBe('T3');
    expect(dist(s[3]!).inherited).toBeUndefined();
    expect(dist(s[3]!).ports['8080']!.method).toBeNull();
    expect(s[3]!.note).toContain('no VIPADISTRIBUTE (none of its own, none inherited');
    const back = run(text, 'terminate D1; start D1');
    expect(dist(back[2]!).inherited).toBeUndefined();
  });

  it('HOTSTANDBY: the PREFERRED while eligible, else the BACKUP; AUTOSWITCHBACK returns to the PREFERRED', () => {
    const text = spec([
      { name: 'D1', xcf: 1, defs: [DEF, HOT()] },
      { name: 'D2', xcf: 2, defs: [BK(100), HOT()], apps: ['S'] },
      { name: 'T3', xcf: 3, apps: ['S'] },
    ]);
    const s = run(text, 'connect c; app-stop D2 S; connect c; app-start D2 S; connect c');
    expect(conns(s[1]!)).toEqual({ D2: 1 });
    expect(dist(s[2]!).ports['8080']!.activeTarget).toBe('T3');
    expect(conns(s[3]!)).toEqual({ T3: 1 });
    expect(s[3]!.note).toBe('10.91.1.1:8080 to T3: HOTSTANDBY: D2 preferred, not eligible: no listener on 8080 on D2; T3 BACKUP 100, active target: taken');
    expect(dist(s[4]!).ports['8080']!.activeTarget).toBe('D2');
    expect(conns(s[5]!)).toEqual({ T3: 1, D2: 1 });
    expect(s.flatMap((x) => x.violations)).toEqual([]); // IBM's example: no false service-available alarm
  });

  it('HOTSTANDBY NOAUTOSWITCHBACK keeps the active BACKUP; only the PREFERRED preempts', () => {
    const text = spec([
      { name: 'D1', xcf: 1, defs: [DEF, HOT('NOAUTOSWITCHBACK DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 100 10.61.0.4 BACKUP 50').replace('HOTSTANDBY 10.91', 'HOTSTANDBY NOAUTOSWITCHBACK 10.91').replace('8080 NOAUTOSWITCHBACK', '8080')] },
      { name: 'D2', xcf: 2, defs: [BK(100)], apps: ['S'] },
      { name: 'T3', xcf: 3, apps: ['S'] },
      { name: 'T4', xcf: 4, apps: ['S'] },
    ]);
    const s = run(text, 'app-stop D2 S; app-start D2 S; connect c; app-stop T3 S; app-start T3 S; connect c');
    expect(dist(s[2]!).ports['8080']!.activeTarget).toBe('T3');
    expect(conns(s[3]!)).toEqual({ T3: 1 });
    expect(dist(s[4]!).ports['8080']!.activeTarget).toBe('D2'); // T3 not eligible: the PREFERRED first
    expect(conns(s[6]!)).toEqual({ D2: 1 });
    const auto = text.replace(' NOAUTOSWITCHBACK', '');
    const a = run(auto, 'app-stop D2 S; app-stop T3 S; app-start T3 S');
    expect(dist(a[3]!).ports['8080']!.activeTarget).toBe('T4'); // a higher BACKUP does not preempt
  });

  it('WHENIDLE: the takeback waits for the whole routing table to empty', () => {
    const text = spec([
      { name: 'D1', xcf: 1, defs: ['VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 10.91.1.1', DIST()] },
      { name: 'D2', xcf: 2, defs: [BK(100), DIST()], apps: ['S'] },
      { name: 'T3', xcf: 3, apps: ['S'] },
    ]);
    const s = run(text, 'terminate D1; connect c; start D1; close D2 c');
    expect(s[3]!.state.dvipas['10.91.1.1']!.owner).toBe('D2');
    expect(s[4]!.state.dvipas['10.91.1.1']!.owner).toBe('D1');
    expect(s.flatMap((x) => x.violations)).toEqual([]);
  });

  it('the bundled specs meet their expect blocks, sliced and not', async () => {
    for (const f of ['distributor-hot-standby', 'distributor-multi-method', 'distributor-viparoute', 'bad-distributor-no-listener', 'bad-distributor-backup-without-vipadistribute',
      'bad-distributor-destip-unknown', 'bad-distributor-hot-standby-order', 'bad-distributor-no-dynamicxcf']) {
      const cfg = (await import('./helpers.js')).loadFile(`specs/${f}.yaml`);
      const a = await check(cfg), b = await check(cfg, { slice: false });
      expect(a.properties.map((p) => [p.name, p.status, p.message]), f).toEqual(b.properties.map((p) => [p.name, p.status, p.message]));
      expect(a.properties.filter((p) => p.status === 'violated').map((p) => p.name).sort(), f).toEqual([...(cfg.expect?.violated ?? [])].sort());
    }
  }, 120_000);
});

describe('VIPADISTRIBUTE and VIPAROUTE parsing', () => {
  const prof = (lines: string[]): string => spec([{ name: 'D1', xcf: 1, defs: [DEF, ...lines] }, { name: 'T2', xcf: 2, apps: ['S'] }]);
  const dists = (lines: string[]) => config(prof(lines)).stacks[0]!.distributes;
  it('every DISTMETHOD, PORT lists, DESTIP roles and weights, options accepted (not modelled: info)', () => {
    for (const m of ['BASEWLM', 'SERVERWLM', 'ROUNDROBIN', 'WEIGHTEDACTIVE', 'TARGCONTROLLED']) expect(dists([`VIPADISTRIBUTE DISTMETHOD ${m} 10.91.1.1 PORT 80 8000-8010 DESTIP ALL`])[0]).toMatchObject({ method: m, ports: [[80, 80], [8000, 8010]], destip: 'ALL' });
    const d = dists(['VIPADISTRIBUTE DEFINE SYSPLEXPORTS TIMEDAFF 30 OPTLOCAL 1 DISTMETHOD HOTSTANDBY NOAUTOSWITCHBACK NOHEALTHSWITCH 10.91.1.1 DESTIP 10.61.0.2 PREFERRED 10.61.0.1 BACKUP 7'])[0]!;
    expect(d).toMatchObject({ method: 'HOTSTANDBY', autoSwitchBack: false, healthSwitch: false, ports: [], destip: [{ xcf: '10.61.0.2', role: 'preferred' }, { xcf: '10.61.0.1', role: 'backup', rank: 7 }] });
    expect(dists(['VIPADISTRIBUTE DISTM WEIGHTEDA 10.91.1.1 DESTIP 10.61.0.2 WEIGHT 10'])[0]!.destip).toEqual([{ xcf: '10.61.0.2', role: null, rank: null, weight: 10 }]);
    const infos = config(prof(['VIPADISTRIBUTE TIMEDAFF 30 OPTLOCAL 1 10.91.1.1 DESTIP ALL'])).findings.filter((f) => f.code === 'not-modelled').map((f) => f.message);
    expect(infos).toEqual(['TIMEDAFF on VIPADISTRIBUTE is accepted but not modelled', 'OPTLOCAL on VIPADISTRIBUTE is accepted but not modelled']);
  });
  it('DELETE removes the named targets (or the statement), VIPAROUTE DEFINE and DELETE', () => {
    expect(dists(['VIPADISTRIBUTE 10.91.1.1 PORT 80 DESTIP 10.61.0.1 10.61.0.2', 'VIPADISTRIBUTE DELETE 10.91.1.1 PORT 80 DESTIP 10.61.0.2'])[0]!.destip).toEqual([{ xcf: '10.61.0.1', role: null, rank: null, weight: null }]);
    expect(dists(['VIPADISTRIBUTE 10.91.1.1 DESTIP 10.61.0.2', 'VIPADISTRIBUTE DELETE 10.91.1.1 DESTIP ALL'])).toEqual([]);
    const routes = config(prof(['VIPAROUTE DEFINE 10.61.0.2 10.1.1.2', 'VIPAROUTE 10.61.0.3 10.1.1.3', 'VIPAROUTE DELETE 10.61.0.3 10.1.1.3'])).stacks[0]!.routes;
    expect(routes.map((r) => [r.xcf, r.target])).toEqual([['10.61.0.2', '10.1.1.2']]);
  });
});

describe('distributor lint (line:column)', () => {
  const at = (text: string, code: string): string[] => lint(config(text)).filter((f) => f.code === code).map((f) => `${f.pos.line}:${f.pos.column} ${f.property}`);
  it('backup distributor without VIPADISTRIBUTE, DESTIP naming no stack, unreachable target, no target listener', () => {
    const noOwn = spec([{ name: 'D1', xcf: 1, defs: [DEF, DIST()] }, { name: 'D2', xcf: 2, defs: [BK(100)], apps: ['S'] }, { name: 'T3', xcf: 3, apps: ['S'] }]);
    expect(at(noOwn, 'distributor-no-vipadistribute')).toEqual(['16:9 service-available']);
    const unknown = spec([{ name: 'D1', xcf: 1, defs: [DEF, DIST('DESTIP 10.61.0.9')] }, { name: 'D2', xcf: 2, defs: [BK(100), DIST('DESTIP 10.61.0.9')] }]);
    expect(at(unknown, 'destip-unknown')).toEqual(['9:9 service-available', '17:9 service-available']);
    expect(at(unknown, 'no-target-listener')).toEqual(['9:9 service-available', '17:9 service-available']);
    const unreach = spec([{ name: 'D1', xcf: 1, defs: [DEF, DIST('DESTIP 10.61.0.3')] }, { name: 'D2', defs: [BK(100), DIST('DESTIP 10.61.0.3')] }, { name: 'T3', xcf: 3, apps: ['S'] }]);
    expect(at(unreach, 'distributor-unreachable')).toEqual(['16:9 connections-preserved']);
    expect(at(unreach, 'no-application')).toEqual([]); // a distributor needs no listener of its own
  });
  it('HOTSTANDBY: a breach of IBM rules is rejected on its line, equal ranks and another order are warned', () => {
    const two = spec([{ name: 'D1', xcf: 1, defs: [DEF, HOT('DESTIP 10.61.0.2 PREFERRED 10.61.0.3 PREFERRED')] }, { name: 'D2', xcf: 2, defs: [BK(100)], apps: ['S'] }, { name: 'T3', xcf: 3, apps: ['S'] }]);
    expect(lint(config(two)).find((f) => f.code === 'distribute-rejected')!.message).toContain('exactly one PREFERRED');
    const ranks = spec([{ name: 'D1', xcf: 1, defs: [DEF, HOT('DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 10 10.61.0.1 BACKUP 10')] }, { name: 'D2', xcf: 2, defs: [BK(100), HOT('DESTIP 10.61.0.3 PREFERRED 10.61.0.2 BACKUP 10')] }, { name: 'T3', xcf: 3, apps: ['S'] }]);
    expect(at(ranks, 'hot-standby-equal-ranks')).toEqual(['9:9 hot-standby']);
    expect(at(ranks, 'hot-standby-order-differs')).toEqual(['17:9 hot-standby']);
  });
});
