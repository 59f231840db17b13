import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { lint } from '../src/check/lint.js';
import { simulate } from '../src/check/simulate.js';
import { reportFindings } from '../src/import/lint-reports.js';
import { parseVipadcfg } from '../src/import/vipadcfg.js';
import { config, loadFile, ROOT } from './helpers.js';

/**
 * Lint findings of SEMANTICS §6 against near misses, each checked with the model itself: a
 * finding that says a property is endangered must not fire where the model proves it cannot be.
 */
const ind = (s: string): string => s.split('\n').map((l) => `      ${l}`).join('\n');
interface St { name: string; cpc?: string; profile: string }
function spec(stacks: St[], extra = ''): string {
  const body = stacks.map((s) => `  - name: ${s.name}\n${s.cpc ? `    cpc: ${s.cpc}\n` : ''}    profile: |\n${ind(`GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\n${s.profile}`)}\n    applications: [ { name: WEB, port: 80 } ]\n`).join('');
  return `sysplex: T\nstacks:\n${body}clients:\n  - { dvipa: 10.1.1.1, port: 80 }\n${extra}`;
}
const block = (...l: string[]): string => ['VIPADYNAMIC', ...l, 'ENDVIPADYNAMIC'].join('\n');
const codes = (text: string, code: string): string[] => lint(config(text)).filter((f) => f.code === code).map((f) => `${f.stack} ${f.pos.line}:${f.pos.column}`);
const env = 'environment:\n  events: [terminate, start, connections, routing, leavegroup, deactivate, applications]\n  maxFailures: unlimited\n  maxConnections: 2\n';

describe('no-dynamicxcf: only where a takeback resets connections (D-211)', () => {
  const two = (moveable: string): string => spec([
    { name: 'A', profile: block(`VIPADEFINE MOVEABLE ${moveable} 255.255.255.0 10.1.1.1`) },
    { name: 'B', profile: block('VIPABACKUP 100 10.1.1.1') }], env);
  it('a WHENIDLE VIPADEFINE waits for the holder to be idle: no reset, no finding, and the model agrees', async () => {
    expect(codes(two('WHENIDLE'), 'no-dynamicxcf')).toEqual([]);
    const r = await check(config(two('WHENIDLE')), { only: ['connections-preserved'] });
    expect(r.properties.map((p) => p.status)).toEqual(['holds']);
  });
  it('an IMMEDIATE one resets them: both stacks named, and the model finds the broken connection', async () => {
    expect(codes(two('IMMEDIATE'), 'no-dynamicxcf')).toEqual(['A 7:7', 'B 14:7']);
    const r = await check(config(two('IMMEDIATE')), { only: ['connections-preserved'] });
    expect(r.properties.map((p) => p.status)).toEqual(['violated']);
  });
});

describe('equal-ranks of a CPCSCOPE DVIPA: only on one CPC (D-210)', () => {
  const xcf = (i: number): string => `IPCONFIG DYNAMICXCF 10.9.0.${i} 255.255.255.0 1`;
  const three = (cpcB: string): string => spec([
    { name: 'A', cpc: 'C1', profile: `${xcf(1)}\n${block('VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1')}` },
    { name: 'B', cpc: cpcB, profile: `${xcf(2)}\n${block('VIPABACKUP 100 10.1.1.1')}` },
    { name: 'C', cpc: 'C1', profile: `${xcf(3)}\n${block('VIPABACKUP 100 10.1.1.1')}` }]);
  const tie = (text: string): boolean => {
    const r = simulate(config(text), 'terminate A');
    if (!r.ok) throw new Error(r.message);
    return JSON.stringify(r.trace.steps.at(-1)).includes('tie between');
  };
  it('B on another CPC never takes it over, so B and C do not tie: no equal-ranks (cpcscope-other-cpc says it)', () => {
    expect(tie(three('C2'))).toBe(false);
    expect(codes(three('C2'), 'equal-ranks')).toEqual([]);
    expect(codes(three('C2'), 'cpcscope-other-cpc')).toEqual(['B 18:7']);
  });
  it('on one CPC they tie, and lint says so', () => {
    expect(tie(three('C1'))).toBe(true);
    expect(codes(three('C1'), 'equal-ranks')).toEqual(['C 27:7']);
  });
});

describe('lint with a NETSTAT VIPADCFG report: IPv6 addresses as IBM prints them (D-214)', () => {
  const profile = (rank: number): string => spec([{ name: 'A', profile: `IPCONFIG6 DYNAMICXCF 2001:db8:200::1\n${block('VIPADEFINE MOVEABLE IMMEDIATE DVIPA1 2001:db8:1::1', `VIPABACKUP ${rank} 10.1.1.1`)}` }]);
  const report = ['MVS TCP/IP NETSTAT CS V2R4       TCPIP Name: A               18:23:46', 'Dynamic VIPA Information:', '  VIPA Backup:',
    '    IpAddr/PrefixLen: 10.1.1.1', '      Rank: 000080  Moveable:            SrvMgr:', '  VIPA Define:',
    '    IntfName: DVIPA1', '      IpAddr: 2001:0DB8:1::1', '      Moveable: Immediate  SrvMgr: n/a', ''].join('\n');
  const diffs = (rank: number): string[] => reportFindings(config(profile(rank)), [parseVipadcfg(report, 'cfg.txt')]).map((f) => `${f.pos.file}:${f.pos.line} ${f.message}`);
  it('2001:0DB8:1::1 in the report is the profile\'s 2001:db8:1::1: no difference', () => {
    expect(diffs(80)).toEqual([]);
  });
  it('a real difference is still listed, at the report line', () => {
    expect(diffs(100)).toEqual(['cfg.txt:4 running configuration differs from the profile: 10.1.1.1: running VIPABACKUP rank 80, the profile has VIPABACKUP rank 100 (inline.yaml:9)']);
  });
});

describe('lint with VIPADCFG reports of stacks all named TCPIP (D-215)', () => {
  const two = ['sysplex: P', 'stacks:',
    '  - name: TCPIP', '    profile: |', '      VIPADYNAMIC', '        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1', '        VIPABACKUP 100 10.1.1.2', '      ENDVIPADYNAMIC',
    '  - name: TCPB', '    profile: |', '      VIPADYNAMIC', '        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.2', '        VIPABACKUP 100 10.1.1.1', '      ENDVIPADYNAMIC', ''].join('\n');
  const rep = (define: string, backup: string, rank = 100): string => ['MVS TCP/IP NETSTAT CS V2R4       TCPIP Name: TCPIP           18:23:46', 'Dynamic VIPA Information:', '  VIPA Backup:',
    `    IpAddr/PrefixLen: ${backup}`, `      Rank: ${String(rank).padStart(6, '0')}  Moveable:            SrvMgr:`, '  VIPA Define:', `    IpAddr/PrefixLen: ${define}/24`, '      Moveable: Immediate  SrvMgr: No', ''].join('\n');
  const run = (reports: string[]): string[] => reportFindings(config(two), reports.map((t, i) => parseVipadcfg(t, `sys${i + 1}.txt`))).map((f) => `${f.pos.file}:${f.pos.line} [${f.stack ?? ''}] ${f.code}`);
  it('two reports named TCPIP: each goes with the stack its DVIPAs agree with, so nothing differs', () => {
    expect(run([rep('10.1.1.1', '10.1.1.2'), rep('10.1.1.2', '10.1.1.1')])).toEqual([]);
  });
  it('a difference in the second report is TCPB\'s', () => {
    expect(run([rep('10.1.1.1', '10.1.1.2'), rep('10.1.1.2', '10.1.1.1', 80)])).toEqual(['sys2.txt:4 [TCPB] running-differs']);
  });
  it('one report named TCPIP still goes with the stack of that name', () => {
    expect(run([rep('10.1.1.1', '10.1.1.2', 80)])).toEqual(['sys1.txt:4 [TCPIP] running-differs']);
  });
});

describe('every finding of SEMANTICS §6 says where and how to fix it (D-216)', () => {
  it('the known-bad specs: each finding that names a property has a line, a column and a fix', () => {
    const dir = join(ROOT, 'specs');
    const found = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.startsWith('bad-'))) {
      for (const x of lint(loadFile(join(dir, f))).filter((y) => y.property)) {
        found.add(x.code);
        expect({ code: x.code, line: x.pos.line > 1, column: x.pos.column > 1, hint: (x.hint ?? '').length > 0 }).toEqual({ code: x.code, line: true, column: true, hint: true });
      }
    }
    for (const c of ['no-backup', 'no-application', 'no-delayjoin', 'no-dynamicxcf', 'equal-ranks', 'duplicate-vipadefine']) expect(found).toContain(c);
  });
  it('cpcscope-other-cpc and backup-without-define too', () => {
    const xcf = (i: number): string => `IPCONFIG DYNAMICXCF 10.9.0.${i} 255.255.255.0 1`;
    const text = spec([
      { name: 'A', cpc: 'C1', profile: `${xcf(1)}\n${block('VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1')}` },
      { name: 'B', cpc: 'C2', profile: `${xcf(2)}\n${block('VIPABACKUP 100 10.1.1.1', 'VIPABACKUP 10 10.1.1.5')}` }]);
    const hints = Object.fromEntries(lint(config(text)).filter((f) => f.property).map((f) => [f.code, f.hint]));
    expect(hints['cpcscope-other-cpc']).toBe('back it up on a stack of CPC C1, or drop CPCSCOPE');
    expect(hints['backup-without-define']).toMatch(/MOVEABLE IMMEDIATE/);
  });
});

describe('a DVIPA equal to a HOME or DYNAMICXCF address (SEMANTICS §6, D-48): rejected, with a fix (D-216)', () => {
  it('HOME and DYNAMICXCF after the block count too; each rejection is an error at the address, with a fix', () => {
    const text = spec([
      { name: 'A', profile: `${block('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1 10.1.1.2 10.1.1.3', 'VIPADEFINE MOVEABLE IMMEDIATE DV6 2001:db8::5')}\nIPCONFIG DYNAMICXCF 10.1.1.2 255.255.255.0 1\nIPCONFIG6 DYNAMICXCF 2001:DB8:0::5\nHOME\n  10.1.1.1 LNK1` },
      { name: 'B', profile: block('VIPABACKUP 10 10.1.1.1 10.1.1.2 10.1.1.3') }]);
    const f = lint(config(text)).filter((x) => x.code === 'home-conflict');
    expect(f.map((x) => `${x.severity} ${x.pos.line}:${x.pos.column} ${x.hint ? 'fix' : 'no fix'}`)).toEqual(['error 7:51 fix', 'error 7:60 fix', 'error 8:41 fix']);
    expect(config(text).stacks[0]!.defs.map((d) => d.address)).toEqual(['10.1.1.3']);
  });
});
