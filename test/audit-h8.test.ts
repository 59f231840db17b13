// Profile fidelity against IBM's own profile examples (helper h8): each fixture under
// test/fixtures/profiles-h8/ names its IBM page; lint, check and import read it as z/OS would.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { ROOT, loadFile, runCli, tmp } from './helpers.js';

const DIR = join(ROOT, 'test/fixtures/profiles-h8');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const parse = (text: string): ProfileResult => parseProfile(text, (l, c) => ({ file: 'p.txt', line: l + 1, column: c + 1 }), 'S');
const errors = (r: ProfileResult) => r.findings.filter((f) => f.severity === 'error');
/** The 1-based line of the first statement line (not a `;` comment) holding needle. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => !l.trimStart().startsWith(';') && l.includes(needle)) + 1;
const block = (...lines: string[]): string => ['VIPADYNAMIC', ...lines, 'ENDVIPADYNAMIC'].join('\n');

/** A folder with the fixtures copied in and a spec naming them by profileFile. */
function specWith(files: Record<string, string>, stacks: string): string {
  const dir = tmp();
  for (const [to, from] of Object.entries(files)) cpSync(join(DIR, from), join(dir, to));
  const f = join(dir, 'spec.yaml');
  writeFileSync(f, `sysplex: IBM\nstacks:\n${stacks}`);
  return f;
}

describe("IBM's multitier (DataPower) examples: TIER2 takes its group name", () => {
  const tier2 = read('ibm-multitier-tier2.txt');
  const backup = read('ibm-multitier-tier2-backup.txt');

  it('VIPADISTRIBUTE ... TIER2 GROUP1 10.81.1.1 Port 9001 DESTIP ALL is accepted and distributes 10.81.1.1', () => {
    const r = parse(tier2);
    expect(errors(r)).toEqual([]); // was: GROUP1 read as the DVIPA, the block ended, 201.81.10.7 lost
    expect(r.distributes.map((d) => [d.address, d.method, d.ports, d.destip])).toEqual([['10.81.1.1', 'SERVERWLM', [[9001, 9001]], 'ALL']]);
    expect(r.defs.map((d) => d.address)).toEqual(['10.81.1.1', '201.81.10.7']);
    const tierInfo = r.findings.find((f) => f.code === 'not-modelled' && f.message.startsWith('TIER2 on VIPADISTRIBUTE'))!;
    expect([tierInfo.pos.line, tierInfo.pos.column]).toEqual([lineOf(tier2, 'TIER2 GROUP1'), 7]);
  });

  it("the page's plain VIPABACKUP with a mask loses only that address, with IBM's hint", () => {
    const r = parse(backup);
    const e = errors(r);
    expect(e.map((f) => [f.pos.line, f.pos.column])).toEqual([[lineOf(backup, '255.255.255.240'), 23]]);
    expect(e[0]!.message).toContain('255.255.255.240 is not a unicast address');
    expect(e[0]!.hint).toBe('a plain VIPABACKUP has no mask; did you mean MOVEABLE IMMEDIATE mask addr?');
    expect(r.defs.map((d) => [d.kind, d.address])).toEqual([['backup', '10.81.1.1'], ['backup', '201.81.10.7']]);
  });

  it('lint and check on a spec pointing at both: only the mask error, the model holds both DVIPAs', () => {
    const spec = specWith({ 'LPAR1.txt': 'ibm-multitier-tier2.txt', 'LPAR2.txt': 'ibm-multitier-tier2-backup.txt' },
      '  - { name: LPAR1, cpc: CPC1, profileFile: LPAR1.txt, applications: [{ name: CICS, port: 9001 }] }\n' +
      '  - { name: LPAR2, cpc: CPC1, profileFile: LPAR2.txt, applications: [{ name: CICS, port: 9001 }] }\n');
    const lint = runCli(['lint', spec]);
    expect(lint.code).toBe(1);
    const errs = lint.stdout.split('\n').filter((l) => l.includes(': error:'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/\/LPAR2\.txt:9:23: error: \[LPAR2\] 255\.255\.255\.240 is not a unicast address/);
    expect(lint.stdout).not.toContain('syntax error');
    const cfg = loadFile(spec);
    expect(cfg.stacks[0]!.defs.map((d) => d.address)).toEqual(['10.81.1.1', '201.81.10.7']);
    const check = runCli(['check', spec, '--format', 'json']);
    const report = JSON.parse(check.stdout) as { result: string; slices: { dvipa: string }[] };
    expect(report.slices.map((s) => s.dvipa).sort()).toEqual(['10.81.1.1', '201.81.10.7']);
    expect(['pass', 'fail']).toContain(report.result);
  });

  it('TIER1 groupname GRE CONTROLPORT n (IBM tier 1 parameters) is accepted; TIER1 without its group name is a syntax error', () => {
    const ok = parse(block('VIPADEFINE TIER1 255.255.255.0 10.91.1.1', 'VIPADISTRIBUTE DEFINE TIER1 DPGROUP GRE CONTROLPORT 1702 DISTMETHOD TARGCONTROLLED 10.91.1.1 PORT 8080 DESTIP 10.1.1.1 10.1.1.2'));
    expect(errors(ok)).toEqual([]);
    expect(ok.distributes.map((d) => [d.method, d.destip])).toEqual([['TARGCONTROLLED', [
      { xcf: '10.1.1.1', role: null, rank: null, weight: null }, { xcf: '10.1.1.2', role: null, rank: null, weight: null }]]]);
    const bad = parse(block('VIPADEFINE 255.255.255.0 10.91.1.1', 'VIPADISTRIBUTE TIER2 10.91.1.1 PORT 8080 DESTIP ALL', 'VIPADEFINE 255.255.255.0 10.91.1.2'));
    expect(errors(bad).map((f) => [f.code, f.pos.line, f.pos.column])).toEqual([['syntax', 3, 22]]);
    expect(errors(bad)[0]!.message).toContain("TIER2 needs the name of its group of server applications, not '10.91.1.1'");
    expect(bad.defs.map((d) => d.address)).toEqual(['10.91.1.1']); // the block ended there
  });
});

describe("IBM's DVIPA configuration example, stack TCPCS (IPv4 and IPv6, five VIPADISTRIBUTEs)", () => {
  const text = read('ibm-dist-cfg-tcpcs.txt');

  it('IBM\'s example as printed (PROCTYPE after DESTIP ALL) is taken whole: PROCTYPE accepted there (D-195), nothing lost', () => {
    const r = parse(text);
    expect(errors(r)).toEqual([]);
    expect(r.defs.map((d) => d.address)).toEqual(['201.2.10.11', '201.2.10.12', '201.2.10.14', '201.2.10.15', '201.2.10.23', '201.2.10.13', '201.2.10.21', '201.2.10.22']);
    expect(r.distributes.map((d) => [d.address, d.method, d.ports])).toEqual([
      ['201.2.10.11', 'SERVERWLM', [[20, 20], [21, 21]]], ['201.2.10.12', 'BASEWLM', [[20, 20], [21, 21]]],
      ['201.2.10.14', 'ROUNDROBIN', []], ['201.2.10.15', 'WEIGHTEDACTIVE', [[5000, 5000]]], ['201.2.10.15', 'BASEWLM', [[23, 23]]],
      ['201.2.10.23', 'BASEWLM', [[4000, 4000]]]]);
    const pt = r.findings.find((f) => f.message === 'PROCTYPE on VIPADISTRIBUTE is accepted but not modelled')!;
    expect([pt.severity, pt.pos.line, pt.pos.column]).toEqual(['info', lineOf(text, 'PROCTYPE CP 20'), 7]);
    expect(r.findings.filter((f) => f.severity === 'warning')).toEqual([]);
    expect(r.dynamicXcf6).toBe(true); // IPCONFIG6 ... INTFID and SOURCEVIPAINT are accepted
  });

  it('PROCTYPE after DESTIP is taken only as the statement\'s last words, under BASEWLM or SERVERWLM', () => {
    const one = (st: string) => errors(parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', st)));
    expect(one('VIPADISTRIBUTE 10.1.1.1 PORT 80 DESTIP 10.9.0.1 PROCTYPE CP 20 ZIIP 80')).toEqual([]);
    expect(one('VIPADISTRIBUTE PROCTYPE CP 20 ZIIP 80 10.1.1.1 PORT 80 DESTIP ALL')).toEqual([]); // the default BASEWLM takes it too
    expect(one('VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 DESTIP ALL PROCTYPE CP 20').map((f) => f.code)).toEqual(['syntax']);
    expect(one('VIPADISTRIBUTE 10.1.1.1 PORT 80 DESTIP ALL PROCTYPE CP 20 10.9.0.3').map((f) => f.code)).toEqual(['syntax']);
    expect(one('VIPADISTRIBUTE 10.1.1.1 PORT 80 DESTIP ALL PROCTYPE CP 200').map((f) => f.code)).toEqual(['syntax']);
  });

  it('with PROCTYPE where the diagram puts it, the whole block is taken: backups, IPv6 DVIPAs, both ranges', () => {
    const moved = text.replace(/\n\s*PROCTYPE CP 20 ZAAP 80 ZIIP 0/, '').replace('VIPADISTRIBUTE TIMEDAFF 30 201.2.10.15', 'VIPADISTRIBUTE TIMEDAFF 30 DISTMETHOD BASEWLM PROCTYPE CP 20 ZAAP 80 ZIIP 0 201.2.10.15');
    const r = parse(moved);
    expect(errors(r)).toEqual([]);
    expect(r.defs.filter((d) => d.kind === 'backup').map((d) => [d.address, d.rank])).toEqual([['201.2.10.13', 100], ['201.2.10.21', 80], ['201.2.10.22', 80]]);
    expect(r.ipv6Defs.map((d) => [d.intf, d.address, d.moveable])).toEqual([['DVIPA1', '2001:db8:1::1', 'IMMEDIATE'], ['DVIPA2', '2001:db8:2::2', 'IMMEDIATE']]);
    expect(r.ranges.map((g) => [g.family, g.address, g.mask ?? g.prefix, g.moveable])).toEqual([
      ['ipv4', '201.2.10.192', '255.255.255.192', 'NONDISRUPTIVE'], ['ipv6', '2001:db8:3::1', 100, 'NONDISRUPTIVE']]);
    expect(r.distributes.map((d) => [d.address, d.ports])).toContainEqual(['201.2.10.23', [[4000, 4000]]]);
    const infos = r.findings.filter((f) => f.code === 'not-modelled').map((f) => f.message);
    expect(infos).toEqual(expect.arrayContaining(['SYSPLEXPORTS on VIPADISTRIBUTE is accepted but not modelled', 'WEIGHT on VIPADISTRIBUTE is accepted but not modelled',
      'TIMEDAFF on VIPADISTRIBUTE is accepted but not modelled', 'PROCTYPE on VIPADISTRIBUTE is accepted but not modelled']));
  });

  it('import of the member writes a spec whose clients are its distributed ports, and whose lint cites the member', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'tcpparms'));
    cpSync(join(DIR, 'ibm-dist-cfg-tcpcs.txt'), join(dir, 'tcpparms', 'TCPCS'));
    const out = join(dir, 'plex.yaml');
    const r = runCli(['import', join(dir, 'tcpparms'), '-o', out]);
    expect(r.code).toBe(0); // D-175: the profile is taken whole; lint's errors (one stack, no backups) are the summary
    expect(r.stderr).not.toContain('syntax error');
    expect(r.stderr).toContain('lint: 22 error(s)');
    const spec = readFileSync(out, 'utf8');
    expect(spec).toContain('profileFile: "tcpparms/TCPCS"');
    for (const c of ['"201.2.10.11", port: 20', '"201.2.10.11", port: 21', '"201.2.10.12", port: 21', '"201.2.10.15", port: 5000']) expect(spec).toContain(c);
    expect(loadFile(out).stacks[0]!.defs).toHaveLength(10); // 8 IPv4 (5 VIPADEFINE, 3 VIPABACKUP) and the 2 IPv6 VIPADEFINEs
  });
});

describe('WEIGHT under a DISTMETHOD other than WEIGHTEDACTIVE (EZZ0799I)', () => {
  it('is ignored with a warning; the VIPADISTRIBUTE and the rest of the block stand', () => {
    const r = parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 DESTIP 10.9.0.1 WEIGHT 10 10.9.0.2', 'VIPADEFINE 255.255.255.0 10.1.1.2'));
    expect(errors(r)).toEqual([]);
    const w = r.findings.filter((f) => f.severity === 'warning');
    expect(w.map((f) => [f.code, f.pos.line, f.pos.column])).toEqual([['weight-ignored', 3, 71]]);
    expect(w[0]!.message).toBe('WEIGHT 10 of DESTIP 10.9.0.1 is ignored: WEIGHT belongs to DISTMETHOD WEIGHTEDACTIVE, not ROUNDROBIN (z/OS: EZZ0799I, the statement stands)');
    expect(r.distributes.map((d) => d.destip)).toEqual([[{ xcf: '10.9.0.1', role: null, rank: null, weight: null }, { xcf: '10.9.0.2', role: null, rank: null, weight: null }]]);
    expect(r.defs.map((d) => d.address)).toEqual(['10.1.1.1', '10.1.1.2']);
  });

  it('a WEIGHT without a value in 1..100 is still a syntax error', () => {
    const r = parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.1.1.1 DESTIP 10.9.0.1 WEIGHT 0'));
    expect(errors(r).map((f) => f.code)).toEqual(['syntax']);
    expect(errors(r)[0]!.message).toContain('WEIGHT needs a value 1..100');
  });
});
