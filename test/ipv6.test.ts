import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { lint } from '../src/check/lint.js';
import { readSavedTrace, replayTrace } from '../src/check/replay.js';
import { simulate } from '../src/check/simulate.js';
import { sliceConfig } from '../src/check/slice.js';
import type { Config } from '../src/spec/config.js';
import { loadSpecText } from '../src/spec/load.js';
import { asIpv4, ipv4Twin, toIpv6 } from './gen-ipv6.js';
import { richSpec, smallSpec } from './gen-spec.js';
import { config, loadFile, NAMES, runCli, specFile, tmp } from './helpers.js';

/**
 * IPv6 DVIPAs (SEMANTICS §12, issue 18): identity = canonical address, interface name an
 * attribute that every definition must pair with the address (D-145), MOVEABLE IMMEDIATE only,
 * the rules of IPv4 with IPCONFIG6 DYNAMICXCF for connection preservation (D-147), clients of
 * IPv6 DVIPAs (`[addr]:port`), the state JSON keyed by the canonical address with its interface.
 */
const ind = (s: string): string => s.split('\n').map((l) => `      ${l}`).join('\n');
const block = (...lines: string[]): string => ['VIPADYNAMIC', ...lines, 'ENDVIPADYNAMIC'].join('\n');
const X6 = (i: number): string => `IPCONFIG6 DYNAMICXCF 2001:db8:200::${i}`;
const X4 = (i: number): string => `IPCONFIG DYNAMICXCF 193.9.200.${i} 255.255.255.0 1`;
/** Stacks A, B, C... with the given profiles (after DELAYJOIN), each with WEB on port 80, and clients of the given DVIPAs. */
function spec(profiles: string[], clients: string[] = ['2001:db8::11'], extra = ''): string {
  const stacks = profiles.map((p, i) => `  - name: ${String.fromCharCode(65 + i)}\n    profile: |\n${ind(`GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\n${p}`)}\n    applications:\n      - { name: WEB, port: 80 }\n`).join('');
  return `sysplex: T\nstacks:\n${stacks}clients:\n${clients.map((c) => `  - { dvipa: "${c}", port: 80 }\n`).join('')}${extra}`;
}
const statuses = (r: CheckReport): Record<string, string> => Object.fromEntries(r.properties.map((p) => [p.name, p.status]));
const violated = (r: CheckReport): string[] => r.properties.filter((p) => p.status === 'violated').map((p) => p.name);
function sim(cfg: Config, events: string) {
  const r = simulate(cfg, events);
  if (!r.ok) throw new Error(r.message);
  return r.trace.steps;
}
const last = (cfg: Config, events: string) => sim(cfg, events).at(-1)!.state;

describe('IPv6 profile statements (SEMANTICS §12)', () => {
  it('only MOVEABLE IMMEDIATE: WHENIDLE, a mask, DISRUPTIVE, SERVICEMGR and a plain backup\'s prefix are syntax errors at their line:column', () => {
    const text = spec([[
      X6(1),
      block('VIPADEFINE MOVEABLE WHENIDLE DV1 2001:db8::11'),
      block('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 2001:db8::12'),
      block('VIPADEFINE MOVEABLE DISRUPTIVE DV3 2001:db8::13'),
      block('VIPABACKUP 10 MOVEABLE IMMEDIATE SERVICEMGR DV4 2001:db8::14'),
      block('VIPABACKUP 10 DV5 2001:db8::15/64'),
      block('VIPADEFINE DV6 2001:db8::11/64'),
    ].join('\n')]);
    const cfg = config(text);
    const syntax = cfg.findings.filter((f) => f.code === 'syntax').map((f) => `${f.pos.line}:${f.pos.column} ${f.message.split(';')[0]}`);
    expect(syntax).toEqual([
      '8:27 syntax error in VIPADEFINE: an IPv6 DVIPA is only MOVEABLE IMMEDIATE (no WHENIDLE)',
      "11:37 syntax error in VIPADEFINE: '255.255.255.0' looks like a mask: an IPv6 DVIPA has no mask, it has an interface name (SEMANTICS §12)",
      '14:27 syntax error in VIPADEFINE: MOVEABLE must be followed by IMMEDIATE or WHENIDLE (an IPv6 DVIPA: IMMEDIATE only)',
      '17:40 syntax error in VIPABACKUP: SERVICEMGR is IPv4 only',
      '20:25 syntax error in VIPABACKUP: a plain IPv6 VIPABACKUP has no prefix length',
    ]);
    expect(cfg.stacks[0]!.defs.map((d) => `${d.kind} ${d.intf} ${d.address} ${d.moveable} ${d.family}`)).toEqual(['define DV6 2001:db8::11 IMMEDIATE ipv6']);
  });

  it('VIPADELETE intfname removes the IPv6 definition; definitions of both families live side by side', () => {
    const cfg = config(spec([`${X4(1)}\n${X6(1)}\n${block('VIPADEFINE 255.255.255.0 201.2.10.11', 'VIPADEFINE DV1 2001:db8::11', 'VIPADEFINE DV2 2001:db8::12', 'VIPADELETE DV2')}`,
      block('VIPABACKUP 10 201.2.10.11', 'VIPABACKUP 10 DV1 2001:db8::11')], ['2001:db8::11', '201.2.10.11']));
    expect(cfg.stacks[0]!.defs.map((d) => d.address)).toEqual(['201.2.10.11', '2001:db8::11']);
    expect(cfg.stacks[0]!.defs.map((d) => d.family ?? 'ipv4')).toEqual(['ipv4', 'ipv6']);
  });

  it('an IPv6 DVIPA equal to the stack\'s IPCONFIG6 DYNAMICXCF address is rejected (as D-48 for IPv4)', () => {
    const cfg = config(spec([`IPCONFIG6 DYNAMICXCF 2001:DB8::11\n${block('VIPADEFINE DV1 2001:db8::11', 'VIPADEFINE DV2 2001:db8::12')}`, block('VIPABACKUP 10 DV1 2001:db8::11')], ['2001:db8::12']));
    expect(cfg.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.pos.line, f.pos.column])).toEqual([['home-conflict', 8, 22]]);
    expect(cfg.stacks.map((st) => st.defs.map((d) => d.address))).toEqual([['2001:db8::12'], ['2001:db8::11']]);
  });
});

describe('identity: the canonical address; the interface name is an attribute', () => {
  const text = spec([`${X6(1)}\n${block('VIPADEFINE MOVEABLE IMMEDIATE DVIPA6 2001:0DB8:0000::0011')}`, `${X6(2)}\n${block('VIPABACKUP 10 dvipa6 2001:db8:0:0:0:0:0:11')}`], ['2001:DB8::11']);
  it('definitions written differently on two stacks are one DVIPA; a client in any form targets it, named [addr]:port', () => {
    const cfg = config(text);
    expect(cfg.stacks.map((s) => s.defs.map((d) => d.address))).toEqual([['2001:db8::11'], ['2001:db8::11']]);
    expect(cfg.findings.filter((f) => f.severity === 'error')).toEqual([]); // interface names compare case-insensitively
    expect(cfg.clients.map((c) => [c.name, c.dvipa])).toEqual([['[2001:db8::11]:80', '2001:db8::11']]);
  });
  it('the state JSON keys it by its canonical address and shows its interface name (IPv4 DVIPAs have no such key)', () => {
    const s = last(config(text), 'connect [2001:db8::11]:80');
    expect(s.dvipas['2001:db8::11']).toEqual({ interface: 'DVIPA6', owner: 'A', advertised: true, status: { A: 'Active', B: 'Backup' }, connections: { A: 1 } });
    const v4 = last(config(spec([`${X4(1)}\n${block('VIPADEFINE 255.255.255.0 201.2.10.11')}`, block('VIPABACKUP 10 201.2.10.11')], ['201.2.10.11'])), 'terminate A');
    expect(Object.keys(v4.dvipas['201.2.10.11']!)).toEqual(['owner', 'advertised', 'status', 'connections']);
  });
  it('deactivate and reactivate name it by its canonical address; --events accepts any form', () => {
    const steps = sim(config(text), 'deactivate A 2001:DB8::0:11; reactivate A 2001:db8::11');
    expect(steps.map((s) => s.event)).toEqual(['initial', 'deactivate A 2001:db8::11', 'reactivate A 2001:db8::11']);
    expect(steps[1]!.state.dvipas['2001:db8::11']!.status).toEqual({ A: 'Deactivated', B: 'Active' });
    expect(steps[2]!.state.dvipas['2001:db8::11']!.status).toEqual({ A: 'Active', B: 'Backup' });
  });
  it('written traces (JSON and ITF) carry the interface name and replay without a difference', () => {
    const dir = tmp();
    const f = 'specs/bad-ipv6-missing-dynamicxcf.yaml';
    expect(runCli(['check', f, '--out', dir, '--quiet']).code).toBe(0);
    const json = join(dir, 'bad-ipv6-missing-dynamicxcf.connections-preserved.trace.json');
    writeFileSync(join(dir, 't.itf.json'), runCli(['check', f, '--format', 'itf']).stdout);
    for (const t of [json, join(dir, 't.itf.json')]) {
      const saved = readSavedTrace(t);
      if (typeof saved === 'string') throw new Error(saved);
      expect(saved.states[0]!.dvipas['2001:db8:10::11']!.interface).toBe('DVIPA6W');
      const r = replayTrace(loadFile(f), saved);
      expect([r.differs, r.stillViolates]).toEqual([[], true]);
    }
  });
  it('a client of an IPv6 address no stack defines is a spec error with its position', () => {
    const r = loadSpecText(spec([`${X6(1)}\n${block('VIPADEFINE DV1 2001:db8::11')}`], ['2001:db8::99']), 'x.yaml', { propertyNames: NAMES });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => [e.code, e.pos.line])).toEqual([['E_CLIENT_DVIPA', 13]]);
    const bad = loadSpecText(spec([block('VIPADEFINE DV1 2001:db8::11')], ['2001:db8::1::2']), 'x.yaml', { propertyNames: NAMES });
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(['E_ADDRESS']);
  });
});

describe('interface pairing (IBM "IPv6 VIPADEFINE and VIPABACKUP", D-145)', () => {
  it('a backup naming the address with another interface name is rejected on its line and never takes over', async () => {
    const cfg = config(spec([`${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11')}`, `${X6(2)}\n${block('VIPABACKUP 10 DVX 2001:db8::11')}`]));
    const f = cfg.findings.filter((x) => x.code === 'ipv6-intf-mismatch');
    expect(f.map((x) => [x.severity, x.stack, x.pos.line, x.pos.column, x.property])).toEqual([['error', 'B', 17, 7, 'available']]);
    expect(f[0]!.message).toContain('2001:db8::11 is defined with interface name DVW by the VIPADEFINE on A (inline.yaml:8:7)');
    expect(f[0]!.message).toContain('the first VIPADEFINE in stack order, else of the first VIPABACKUP, D-145');
    expect(cfg.stacks[1]!.defs).toEqual([]);
    expect(last(cfg, 'terminate A').dvipas['2001:db8::11']!.owner).toBeNull();
    expect(violated(await check(cfg))).toEqual(['available']);
    expect(lint(cfg).filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['ipv6-intf-mismatch', 'no-backup']);
    const cli = runCli(['lint', specFile(spec([`${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11')}`, `${X6(2)}\n${block('VIPABACKUP 10 DVX 2001:db8::11')}`]))]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/spec\.yaml:17:7: error: \[B\] IPv6 VIPABACKUP DVX 2001:db8::11 on B: /);
  });

  it('the reference pair is the first VIPADEFINE in stack order, even after a backup; without one, the first VIPABACKUP', () => {
    const before = config(spec([`${X6(1)}\n${block('VIPABACKUP 10 DVX 2001:db8::11')}`, `${X6(2)}\n${block('VIPADEFINE DVW 2001:db8::11')}`]));
    expect(before.findings.filter((x) => x.code === 'ipv6-intf-mismatch').map((x) => x.stack)).toEqual(['A']);
    const backups = config(spec([`${X6(1)}\n${block('VIPABACKUP 10 MOVEABLE IMMEDIATE DVX 2001:db8::11')}`, `${X6(2)}\n${block('VIPABACKUP 20 MOVEABLE IMMEDIATE DVW 2001:db8::11')}`]));
    expect(backups.findings.filter((x) => x.code === 'ipv6-intf-mismatch').map((x) => x.stack)).toEqual(['B']);
    expect(backups.stacks.map((s) => s.defs.length)).toEqual([1, 0]);
  });

  it('the same interface name with another address is rejected too', () => {
    const cfg = config(spec([`${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11')}`, `${X6(2)}\n${block('VIPABACKUP 10 DVW 2001:db8::12')}`, `${X6(3)}\n${block('VIPABACKUP 10 DVW 2001:db8::11')}`]));
    const f = cfg.findings.filter((x) => x.code === 'ipv6-intf-mismatch');
    expect(f.map((x) => x.message.split(';')[0])).toEqual(['IPv6 VIPABACKUP DVW 2001:db8::12 on B: interface name DVW names 2001:db8::11 in the VIPADEFINE on A (inline.yaml:8:7)']);
    expect(cfg.stacks.map((st) => st.defs.map((d) => d.address))).toEqual([['2001:db8::11'], [], ['2001:db8::11']]);
  });
});

describe('the rules of IPv4 on IPv6 DVIPAs', () => {
  const pair = (x1: string, x2: string): Config => config(spec([`${x1}\n${block('VIPADEFINE MOVEABLE IMMEDIATE DVW 2001:db8::11')}`, `${x2}\n${block('VIPABACKUP 10 DVW 2001:db8::11')}`]));
  const takeback = 'terminate A; connect [2001:db8::11]:80; start A; routing-start A';
  it('a takeback keeps the connections (Moving) only with IPCONFIG6 DYNAMICXCF on both stacks; IPCONFIG DYNAMICXCF does not count', () => {
    expect(last(pair(X6(1), X6(2)), takeback).dvipas['2001:db8::11']).toMatchObject({ owner: 'A', status: { A: 'Active', B: 'Moving' }, connections: { B: 1 } });
    for (const [a, b] of [[X6(1), X4(2)], [X4(1), X6(2)], [`${X4(1)}`, `${X4(2)}`], ['', X6(2)]]) {
      expect(last(pair(a!, b!), takeback).dvipas['2001:db8::11']).toMatchObject({ owner: 'A', status: { A: 'Active', B: 'Backup' }, connections: {} });
    }
  });
  it('nor does IPCONFIG6 DYNAMICXCF for an IPv4 DVIPA', () => {
    const cfg = config(spec([`${X6(1)}\n${block('VIPADEFINE 255.255.255.0 201.2.10.11')}`, `${X6(2)}\n${block('VIPABACKUP 10 201.2.10.11')}`], ['201.2.10.11']));
    expect(last(cfg, 'terminate A; connect 201.2.10.11:80; start A; routing-start A').dvipas['201.2.10.11']!.connections).toEqual({});
  });
  it('connections-preserved finds the missing IPCONFIG6 DYNAMICXCF, and lint names it', async () => {
    const cfg = pair(X6(1), X4(2));
    const r = await check(cfg);
    expect(violated(r)).toEqual(['connections-preserved']);
    expect(r.properties.find((p) => p.name === 'connections-preserved')!.message).toBe("1 connection(s) of client '[2001:db8::11]:80' to [2001:db8::11]:80 on B broken by 'routing-start A' (a takeback keeps them only with IPCONFIG6 DYNAMICXCF on both stacks)");
    expect(lint(cfg).filter((f) => f.code === 'no-dynamicxcf').map((f) => [f.stack, f.message])).toEqual([['B', 'B may hold or take back 2001:db8::11 but has no IPCONFIG6 DYNAMICXCF: connections are reset on takeback']]);
    expect(violated(await check(pair(X6(1), X6(2))))).toEqual([]);
  });
  it('a plain VIPABACKUP never creates it (present); a MOVEABLE IMMEDIATE one does', async () => {
    const env = 'environment:\n  start: down\n  events: [start]\n';
    const plain = config(spec([`${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11')}`, `${X6(2)}\n${block('VIPABACKUP 10 DVW 2001:db8::11')}`], ['2001:db8::11'], env));
    const r = await check(plain);
    expect(violated(r)).toEqual(['present']);
    expect(r.properties.find((p) => p.name === 'present')!.message).toBe('2001:db8::11 is Active nowhere: B is joined with a plain VIPABACKUP, which never creates it (binds to it fail); VIPABACKUP 10 MOVEABLE IMMEDIATE DVW 2001:db8::11 would create it');
    const moveable = config(spec([`${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11')}`, `${X6(2)}\n${block('VIPABACKUP 10 MOVEABLE IMMEDIATE DVW 2001:db8::11')}`], ['2001:db8::11'], env));
    expect(violated(await check(moveable))).toEqual([]);
  });
  it('service-available, single-owner and takeback speak of IPv6 DVIPAs too', async () => {
    const noApp = spec([`${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11')}`, `${X6(2)}\n${block('VIPABACKUP 10 DVW 2001:db8::11')}`]).replace(/(name: B[\s\S]*?)- \{ name: WEB, port: 80 \}/, '$1- { name: WEB, port: 81 }');
    const r = await check(config(noApp));
    expect(violated(r)).toEqual(['service-available']);
    expect(r.properties.find((p) => p.name === 'service-available')!.message).toContain('reaches [2001:db8::11]:80 on B');
    const two = await check(config(spec([`${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11')}`, `${X6(2)}\n${block('VIPADEFINE DVW 2001:db8::11')}`])));
    expect(statuses(two)['single-owner']).toBe('holds');
    expect(violated(two)).toEqual(['takeback']);
  });
  it('a connection that only an INADDR_ANY application serves relies on an assumption, said in the trace', () => {
    const steps = sim(pair(X6(1), X6(2)), 'connect [2001:db8::11]:80');
    expect(steps[1]!.assumed).toEqual(['inaddr-any-ipv6']);
  });
});

describe('IPv6 explores exactly as IPv4 (the rules of §4, SEMANTICS §12)', () => {
  const norm = (r: CheckReport): unknown => ({
    states: r.states, transitions: r.transitions, result: r.result,
    properties: r.properties.map((p) => ({ name: p.name, status: p.status, message: p.message && asIpv4(p.message).replace(/MOVEABLE IMMEDIATE \S+ /g, 'MOVEABLE IMMEDIATE <mask or interface> '), events: p.trace?.steps.map((s) => asIpv4(s.event)) })),
  });
  it('random specs and their IPv6 versions: same counts, verdicts, messages and trace events (full and sliced)', async () => {
    let v6 = 0;
    await fc.assert(fc.asyncProperty(fc.oneof(smallSpec, richSpec), fc.boolean(), async (text, slice) => {
      const a = config(ipv4Twin(text));
      const b = config(toIpv6(text));
      if (b.stacks.some((s) => s.defs.some((d) => d.family === 'ipv6'))) v6++;
      expect(norm(await check(b, { slice, maxStates: 100_000 }))).toEqual(norm(await check(a, { slice, maxStates: 100_000 })));
    }), { numRuns: Number(process.env.IPV6_RUNS ?? 40), seed: 18 });
    expect(v6).toBeGreaterThan(Number(process.env.IPV6_RUNS ?? 40) / 2);
  }, 300_000);

  it('a slice key tells IPv6 DVIPAs with and without IPCONFIG6 DYNAMICXCF apart', () => {
    const cfg = config(spec([`${X4(1)}\n${X6(1)}\n${block('VIPADEFINE DVW 2001:db8::11', 'VIPADEFINE DVF 2001:db8::12')}`, `${X6(2)}\n${block('VIPABACKUP 10 DVW 2001:db8::11')}`, `${X4(3)}\n${block('VIPABACKUP 10 DVF 2001:db8::12')}`], ['2001:db8::11', '2001:db8::12']));
    expect(sliceConfig(cfg, ['2001:db8::11']).key).not.toBe(sliceConfig(cfg, ['2001:db8::12']).key);
  });
});
