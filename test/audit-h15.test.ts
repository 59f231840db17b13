import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../src/import/inputs.js';
import { inputKind } from '../src/import/report-text.js';
import { parseVipadcfg } from '../src/import/vipadcfg.js';
import { parseVipadyn } from '../src/import/vipadyn.js';
import { loadSpec } from '../src/spec/load.js';
import { DvipaModel } from '../src/model/model.js';
import { loadFile, NAMES, ROOT, runCli, tmp } from './helpers.js';

/**
 * `import` and `environment.start: { netstat }` against NETSTAT reports as IBM documents them
 * (audit h15; sources in test/fixtures/netstat-h15/SOURCES.md): every line read or reported at
 * file:line:column, statuses mapped as D-105..D-107 say, the sysplex-wide display refused with the
 * report to give instead (D-196..D-199, D-228).
 */
const FIX = join(ROOT, 'test/fixtures/netstat-h15');
const fx = (name: string): string => join(FIX, name);
const text = (name: string): string => readFileSync(fx(name), 'utf8');
const entries = (name: string): string[] => parseVipadyn(text(name), name).dvipas.map((d) => `${d.line}:${d.column} ${d.address} ${d.status} ${d.origin}`);
/** A folder with the given reports and a one-stack spec of IBM's TCPCS started from them. */
function startSpec(reports: Record<string, string>): string {
  const dir = tmp();
  copyFileSync(fx('tcpcs-profile.txt'), join(dir, 'TCPCS'));
  for (const [n, t] of Object.entries(reports)) writeFileSync(join(dir, n), t);
  writeFileSync(join(dir, 'plex.yaml'), `sysplex: P\nstacks:\n  - name: TCPCS\n    profileFile: TCPCS\nenvironment:\n  start: { netstat: [${Object.keys(reports).join(', ')}] }\n`);
  return join(dir, 'plex.yaml');
}
const netstatFindings = (f: string): string[] => loadFile(f).findings.filter((x) => x.code.startsWith('netstat')).map((x) => `${x.pos.file.split('/').pop()}:${x.pos.line}:${x.pos.column} ${x.severity} ${x.code}`);

describe('IBM\'s netstat -p tcpcs -F DETAIL (vipa_verify_netstat)', () => {
  const r = parseVipadcfg(text('tcpcs-vipadcfg-detail.txt'), 'tcpcs-vipadcfg-detail.txt');
  it('every entry is read, none left unread; IPv6 by interface name, ranges of both families', () => {
    expect(r.stack).toBe('TCPCS');
    expect(r.unreadable).toEqual([]);
    expect(r.config.backups.map((b) => `${b.address} ${b.rank}`)).toEqual(['201.2.10.13 100', '201.2.10.21 80', '201.2.10.22 80']);
    expect(r.config.defines.map((d) => `${d.intf ?? ''}${d.address}/${d.prefix ?? ''} ${d.moveable}`)).toEqual([
      '201.2.10.11/28 IMMEDIATE', '201.2.10.12/28 IMMEDIATE', '201.2.10.14/28 IMMEDIATE', '201.2.10.15/28 IMMEDIATE',
      'DVIPA12001:0DB8:1::1/ IMMEDIATE', 'DVIPA22001:0DB8:2::2/ IMMEDIATE']);
    expect(r.config.ranges.map((x) => `${x.intf ?? ''} ${x.address}/${x.prefix} ${x.disruptive}`)).toEqual([' 201.2.10.192/26 false', 'VRANGE1 2001:0DB8:3::1/100 false']);
  });
  it('as copied from the web page (leading blanks lost) it reads the same', () => {
    const flat = parseVipadcfg(text('tcpcs-vipadcfg-detail.txt').replace(/^ +/gm, ''), 'tcpcs-vipadcfg-detail.txt');
    expect(flat.unreadable).toEqual([]);
    expect(flat.config).toEqual({ ...r.config, ...Object.fromEntries(Object.entries(r.config).map(([k, v]) => [k, (v as { at: unknown }[]).map((e) => ({ ...e, at: { ...(e.at as object), column: expect.any(Number) } }))])) });
  });
  it('import alone writes it as statements and exits 0; with IBM\'s profile only what the report lacks differs', () => {
    const alone = runCli(['import', fx('tcpcs-vipadcfg-detail.txt')]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/VIPADEFINE MOVEABLE IMMEDIATE DVIPA1 2001:0DB8:1::1 {2}; \S+tcpcs-vipadcfg-detail\.txt:21/);
    expect(alone.stdout).toMatch(/VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE VRANGE1 2001:0DB8:3::1\/100 {2}; \S+:30/);
    const both = runCli(['import', fx('tcpcs-profile.txt'), fx('tcpcs-vipadcfg-detail.txt')]);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/- name: TCPCS .*VIPADCFG report whose definitions member tcpcs-profile\.txt holds/);
    const diffs = both.stderr.split('\n').filter((l) => l.includes('running configuration differs'));
    // the V1R12 report predates 201.2.10.23, and the stored copy of the page ends before its VIPA Distribute section
    expect(diffs.filter((l) => !/the profile has VIPADISTRIBUTE/.test(l))).toEqual([expect.stringMatching(/tcpcs-profile\.txt:15:4: warning: \[TCPCS\] .*201\.2\.10\.23: the profile has VIPADEFINE/)]);
  });
});

describe('VIPADYN reports (TSO short, console long, console of old releases)', () => {
  it('short: the V2R1 header, every row, a VIPARange IOCTL origin kept whole (D-198)', () => {
    expect(inputKind(text('tcpcs-vipadyn-short.txt'))).toBe('vipadyn');
    expect(parseVipadyn(text('tcpcs-vipadyn-short.txt'), 's').unreadable).toEqual([]);
    expect(entries('tcpcs-vipadyn-short.txt').slice(-2)).toEqual(['19:3 201.2.10.23 Active VIPADefine', '21:3 201.2.10.193 Active VIPARange IOCTL']);
  });
  it('console: IP/PREFIXLEN entries are read (they were dropped without a word), INTFNAME/IPADDR too (D-198)', () => {
    const r = parseVipadyn(text('tcpcs-vipadyn-console.txt'), 'c');
    expect(r.stack).toBe('TCPCS');
    expect(r.unreadable).toEqual([]);
    expect(r.dvipas).toHaveLength(11);
    expect(entries('tcpcs-vipadyn-console.txt').filter((e) => /DB8|193/.test(e))).toEqual(['29:6 2001:DB8:1::1 Active VIPADEFINE', '33:6 2001:DB8:2::2 Active VIPADEFINE', '36:4 201.2.10.193 Active VIPARANGE IOCTL']);
  });
  it('console: the start from it has every definition of TCPCS, only the range DVIPA noted (D-102)', () => {
    const f = startSpec({ 'v.txt': text('tcpcs-vipadyn-console.txt') });
    expect(netstatFindings(f)).toEqual(['v.txt:36:4 info netstat-not-definition']);
    const m = new DvipaModel(loadFile(f));
    const s = m.view().at(m.initialStates()[0]!).toJSON();
    expect(s.stacks.TCPCS!.status).toBe('joined');
    expect(s.dvipas['201.2.10.13']!.status).toEqual({ TCPCS: 'Backup' });
    expect(s.dvipas['201.2.10.23']!.owner).toBe('TCPCS');
    expect(s.dvipas['2001:db8:2::2']!.owner).toBe('TCPCS');
  });
  it('the fixture spec of the folder loads the same', () => {
    expect(netstatFindings(fx('tcpcs-start.yaml'))).toEqual(['tcpcs-vipadyn-console.txt:36:4 info netstat-not-definition']);
  });
  it('the EZZ2500I console header of releases before EZD0101I names the stack (D-197)', () => {
    expect(parseVipadyn(text('tcpcs-vipadyn-ezz2500.txt'), 'e').stack).toBe('TCPCS');
    const f = startSpec({ 'old.txt': text('tcpcs-vipadyn-ezz2500.txt') });
    const found = netstatFindings(f);
    expect(found.filter((x) => /no-stack|unknown-stack/.test(x))).toEqual([]);
    expect(found.filter((x) => x.includes('netstat-missing'))).toHaveLength(8); // the report shows 2 of the 10
  });
  it('import of the profile with the console VIPADYN report puts it under environment.start', () => {
    const r = runCli(['import', fx('tcpcs-profile.txt'), fx('tcpcs-vipadcfg-detail.txt'), fx('tcpcs-vipadyn-console.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/start: \{ netstat: \["\S+tcpcs-vipadyn-console\.txt"\] \}/);
  });
});

describe('lines a VIPADYN report holds that the reader does not know are reported, not dropped (D-198)', () => {
  const head = 'MVS TCP/IP NETSTAT CS V2R1       TCPIP Name: TCPCS           18:29:11\nDynamic VIPA:\n';
  it('an unknown key, a Status line with no address line before it, an IntfName no IPAddr follows', () => {
    const r = parseVipadyn(`${head}  IP Address/PrefixLen: 201.2.10.11/28\n    Status: Active      Origin: VIPADefine     DistStat:\n  IntfName: DVIPA1\n  IntfName: DVIPA2\n    IPAddr: 2001:0DB8:2::2\n    Status: Active      Origin: VIPADefine     DistStat:\n  Frobnitz: 3\n`, 'x');
    expect(r.dvipas.map((d) => `${d.line} ${d.intf} ${d.address} ${d.status}`)).toEqual(['7 DVIPA2 2001:0DB8:2::2 Active']);
    expect(r.unreadable.map((u) => u.line)).toEqual([3, 4, 5, 9]);
    expect(r.unreadable[2]!.text).toBe('IntfName: DVIPA1 (no IPAddr line follows it)');
  });
  it('in the start they are warnings at their lines', () => {
    const f = startSpec({ 'odd.txt': `${head}  IPAddr/PrefixLen: 201.2.10.13/28\n    Status: Backup      Origin: VIPABackup     DistStat:\n  Frobnitz: 3\n` });
    expect(netstatFindings(f).filter((x) => x.includes('unreadable'))).toEqual(['odd.txt:5:1 warning netstat-unreadable']);
  });
});

describe('VIPADCFG lines the reader does not know are reported, not dropped (D-228)', () => {
  it('console DETAIL: IP/PREFIXLEN read, DETAIL keys read and left, the Deactivated section read as definitions', () => {
    const r = parseVipadcfg(text('tcpcs-vipadcfg-console.txt'), 'c');
    expect(r.unreadable).toEqual([]);
    expect(r.config.defines.map((d) => `${d.at.line} ${d.address}/${d.prefix}`)).toEqual(['8 201.2.10.11/28', '20 201.2.10.14/28']);
    expect(r.config.distributes.map((d) => `${d.address}:${d.port} ${d.xcf} ${d.sysplexPorts}`)).toEqual(['201.2.10.11:20 ALL true']);
  });
  it('an unknown key and an entry without its address are warnings at their lines', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'r.txt'), 'MVS TCP/IP NETSTAT CS V2R1       TCPIP Name: TCPCS           18:23:46\nDynamic VIPA Information:\n  VIPA Backup:\n      Rank: 000100  Moveable:            SrvMgr:\n    IpAddr/PrefixLen: 201.2.10.13\n      Rank: 000100  Moveable:            SrvMgr:\n  VIPA Define:\n    IpAddr/PrefixLen: 201.2.10.11/28\n      Moveable: Immediate  SrvMgr: No\n      Frobnitz: Yes\n');
    const f = readInputs([join(dir, 'r.txt')]).findings.filter((x) => x.code === 'netstat-unreadable');
    expect(f.map((x) => `${x.pos.line}:${x.pos.column} ${x.severity} ${x.message}`)).toEqual([
      '4:1 warning line not understood: Rank: 000100  Moveable:            SrvMgr: (no IP address in this entry)',
      '10:1 warning line not understood: Frobnitz: Yes']);
  });
});

describe('statuses as IBM prints them (D-106, D-107, D-199)', () => {
  const head = 'MVS TCP/IP NETSTAT CS V2R1       TCPIP Name: TCPCS           18:28:50\n';
  const rows = (statuses: [string, string, string][]): string => `  IP Address      AddressMask     Status    Origin       DistStat\n  ----------      -----------     ------    ------       --------\n${statuses.map(([a, s, o]) => `  ${a.padEnd(16)}255.255.255.240 ${s.padEnd(9)} ${o}`).join('\n')}\n`;
  it('Moving, Quiescing and Deactivated (wider than its column) are read and mapped', () => {
    const f = startSpec({ 's.txt': `${head}Dynamic VIPA:\n${rows([['201.2.10.11', 'Moving', 'VIPADefine'], ['201.2.10.12', 'Quiescing', 'VIPADefine'], ['201.2.10.14', 'Deactivated', 'VIPADefine']])}` });
    const m = new DvipaModel(loadFile(f));
    const s = m.view().at(m.initialStates()[0]!).toJSON();
    expect(['201.2.10.11', '201.2.10.12', '201.2.10.14'].map((a) => s.dvipas[a]!.status.TCPCS)).toEqual(['Backup', 'Deactivated', 'Deactivated']);
    expect(netstatFindings(f).filter((x) => x.includes('draining'))).toEqual(['s.txt:5:3 info netstat-draining', 's.txt:6:3 info netstat-draining']);
  });
  it('a status of several words is read whole, never cut to its first (Deactivated leave group is not Deactivated)', () => {
    const r = parseVipadyn(`${head}Dynamic VIPA:\n${rows([['201.2.10.11', 'Deactivated leave group', 'VIPADefine   Dist']])}  IPAddr/PrefixLen: 201.2.10.13/28\n    Status: Inactivated autonomics   Origin: VIPABackup     DistStat:\n`, 'x');
    expect(r.dvipas.map((d) => `${d.status}|${d.origin}|${d.distStat}`)).toEqual(['Deactivated leave group|VIPADefine|Dist', 'Inactivated autonomics|VIPABackup|']);
  });
  it('in a report of a stack out of the group (EZZ2502I) such statuses agree with it: info, no error', () => {
    const out = `${head}EZZ2502I TCPCS IS NOT A MEMBER OF THE SYSPLEX GROUP\nEZZ2503I DYNAMIC VIPA CONFIGURATION OF TCPCS IS INACTIVE\nDynamic VIPA:\n${rows([['201.2.10.11', 'Deactivated leave group', 'VIPADefine'], ['201.2.10.13', 'Active', 'VIPABackup']])}`;
    const f = startSpec({ 'o.txt': out });
    expect(netstatFindings(f)).toEqual(['o.txt:7:3 info netstat-out-of-group', 'o.txt:8:3 error netstat-out-of-group']);
    const m = new DvipaModel(loadFile(f));
    expect(m.view().at(m.initialStates()[0]!).toJSON().stacks.TCPCS!.status).toBe('up');
  });
  it('in a report of a joined stack a leave-group status contradicts it: an error naming the missing preface, taken as Backup', () => {
    const f = startSpec({ 'j.txt': `${head}Dynamic VIPA:\n${rows([['201.2.10.11', 'Inactivated leave group', 'VIPADefine']])}` });
    const cfg = loadFile(f);
    const e = cfg.findings.find((x) => x.code === 'netstat-status')!;
    expect(`${e.pos.line}:${e.pos.column} ${e.severity}`).toBe('5:3 error');
    expect(e.message).toMatch(/'Inactivated leave group' for 201\.2\.10\.11 says TCPCS left the group, but the report has no EZZ2502I preface.*taken as Backup/);
  });
});

describe('DISPLAY TCPIP,,SYSPLEX,VIPADYN: one view of the whole sysplex, refused with the report to give (D-196)', () => {
  it('environment.start.netstat: a spec error at the list item, naming the response line and the per-stack report', () => {
    const f = startSpec({ 'plex.txt': text('sysplex-vipadyn.txt') });
    const r = loadSpec(f, { propertyNames: NAMES });
    expect(r.ok).toBe(false);
    const e = !r.ok ? r.errors[0]! : null;
    expect(`${e!.pos.line}:${e!.pos.column} ${e!.code}`).toBe('6:22 E_NETSTAT_KIND');
    expect(e!.message).toMatch(/DISPLAY TCPIP,,SYSPLEX,VIPADYN response \(EZZ8260I\).*plex\.txt:2:2: EZZ8260I SYSPLEX CS V2R1 568/);
    expect(e!.hint).toMatch(/D TCPIP,tcpname,NETSTAT,VIPADYN \(or netstat -v -p tcpname\)/);
    const cli = runCli(['check', f]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
  });
  it('import: an error at its message line; alone, nothing to import (exit 2), with others exit 1', () => {
    const alone = runCli(['import', fx('sysplex-vipadyn.txt')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/sysplex-vipadyn\.txt:2:2: error: a DISPLAY TCPIP,,SYSPLEX,VIPADYN response .*fix: give one report per stack instead: .*D TCPIP,tcpname,NETSTAT,VIPADCFG/);
    const withOthers = runCli(['import', fx('sysplex-vipadyn.txt'), fx('tcpcs-vipadcfg-detail.txt')]);
    expect(withOthers.code).toBe(1);
    expect(withOthers.stderr).toMatch(/sysplex-vipadyn\.txt:2:2: error: .*not imported/);
  });
  it('the EZZ8269I answer of a stack in no group is the same display; a profile comment naming the message is not', () => {
    expect(inputKind(' D TCPIP,TCPCS,SYSPLEX,VIPADYN\n EZZ8269I TCPCS VIC142 IS NOT A MEMBER OF A SYSPLEX GROUP\n')).toBe('sysplex');
    expect(inputKind('; EZZ8260I is the sysplex display\nVIPADYNAMIC\n  VIPADEFINE 255.255.255.0 10.1.1.1\nENDVIPADYNAMIC\n')).toBe('profile');
  });
});
