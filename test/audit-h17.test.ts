// Profiles and NETSTAT reports from IBM's pages (helper h17): each fixture under test/fixtures/h17/
// names its source in its first lines (and in SOURCES.md); lint, check and import read them as z/OS would.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { ROOT, loadFile, runCli, tmp } from './helpers.js';

const DIR = join(ROOT, 'test/fixtures/h17');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const parse = (text: string): ProfileResult => parseProfile(text, (l, c) => ({ file: 'p.txt', line: l + 1, column: c + 1 }), 'S');
const errors = (r: ProfileResult) => r.findings.filter((f) => f.severity === 'error');
/** The 1-based line of the first statement line (not a `;` comment) holding needle. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => !l.trimStart().startsWith(';') && l.includes(needle)) + 1;
const block = (...lines: string[]): string => ['VIPADYNAMIC', ...lines, 'ENDVIPADYNAMIC'].join('\n');

/** A folder with the fixtures copied in (as `to` names) and a spec naming the stacks given. */
function specWith(files: Record<string, string>, body: string): string {
  const dir = tmp();
  for (const [to, from] of Object.entries(files)) cpSync(join(DIR, from), join(dir, to));
  const f = join(dir, 'spec.yaml');
  writeFileSync(f, `sysplex: IBM\n${body}`);
  return f;
}

const HOT = { 'TCPCS.txt': 'ibm-hotstandby-tcpcs.txt', 'TCPCS17.txt': 'ibm-hotstandby-tcpcs17.txt', 'TCPCS18.txt': 'ibm-hotstandby-tcpcs18.txt' };
const HOT_STACKS = 'stacks:\n' +
  '  - { name: TCPCS, cpc: C1, profileFile: TCPCS.txt, applications: [{ name: APPSRV1, port: 10000 }] }\n' +
  '  - { name: TCPCS2, cpc: C1, profileFile: TCPCS17.txt, applications: [{ name: APPSRV1, port: 10000 }] }\n' +
  '  - { name: TCPCS3, cpc: C1, profileFile: TCPCS18.txt, applications: [{ name: APPSRV1, port: 10000 }] }\n' +
  'clients:\n  - { dvipa: 9.67.240.2, port: 10000 }\n';

describe("IBM's hot standby example (9.67.240.02, PREFERRED / BACKUP 50 / BACKUP 100) in three whole profiles", () => {
  it('lint: no error; each statement the model does not use is reported once, at its line; check verifies it (exit 0)', () => {
    const spec = specWith(HOT, HOT_STACKS);
    const lint = runCli(['lint', spec]);
    expect(lint.code).toBe(0);
    expect(lint.stdout).not.toMatch(/: error:/);
    const text = read('ibm-hotstandby-tcpcs.txt');
    const infos = lint.stdout.split('\n').filter((l) => l.includes('/TCPCS.txt:') && l.includes('is accepted but not modelled'));
    expect(infos.map((l) => l.replace(/^.*\/TCPCS\.txt:(\d+):(\d+): info: \[TCPCS\] (\S+).*$/, '$1:$2 $3'))).toEqual([
      `${lineOf(text, 'TCPCONFIG')}:1 TCPCONFIG`, `${lineOf(text, 'UDPCONFIG')}:1 UDPCONFIG`, `${lineOf(text, 'AUTOLOG 5')}:1 AUTOLOG...ENDAUTOLOG`,
      `${text.split('\n').indexOf('PORT') + 1}:1 PORT`, `${lineOf(text, 'PORTRANGE')}:1 PORTRANGE`, `${lineOf(text, 'DEVICE')}:1 DEVICE`, `${lineOf(text, 'LINK')}:1 LINK`,
      `${lineOf(text, 'BEGINROUTES')}:1 BEGINROUTES...ENDROUTES`, `${lineOf(text, 'START')}:1 START`]);
    const cfg = loadFile(spec);
    expect(cfg.stacks[0]!.distributes.map((d) => [d.address, d.method, d.ports, d.destip])).toEqual([['9.67.240.2', 'HOTSTANDBY', [[10000, 10000]], [
      { xcf: '203.3.10.16', role: 'preferred', rank: null, weight: null },
      { xcf: '203.3.10.17', role: 'backup', rank: 50, weight: null },
      { xcf: '203.3.10.18', role: 'backup', rank: 100, weight: null }]]]);
    const check = runCli(['check', spec, '--format', 'json']);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as { result: string; properties: { name: string; status: string }[] };
    expect(report.result).toBe('pass');
    expect(report.properties.find((p) => p.name === 'hot-standby')!.status).toBe('holds');
  });
});

describe("import of IBM's NETSTAT VIPADCFG output of the hot standby example (D-266)", () => {
  it('the VIPADISTRIBUTE of 9.67.240.02 is written as the IPv4 statement it is, not dropped as an IPv6 one', () => {
    const dir = tmp();
    cpSync(join(DIR, 'ibm-hotstandby-vipadcfg.txt'), join(dir, 'tcpcs-vipadcfg.txt'));
    const out = join(dir, 'plex.yaml');
    const r = runCli(['import', join(dir, 'tcpcs-vipadcfg.txt'), '-o', out]);
    expect(r.stderr).not.toContain('IPv6 VIPADISTRIBUTE'); // was: "IPv6 VIPADISTRIBUTE of 9.67.240.02: ... written as a comment"
    const spec = readFileSync(out, 'utf8');
    expect(spec).toContain('VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY AUTOSWITCHBACK HEALTHSWITCH 9.67.240.02 PORT 10000 DESTIP 203.3.10.16 PREFERRED 203.3.10.17 BACKUP 50 203.3.10.18 BACKUP 100');
    expect(loadFile(out).stacks[0]!.distributes.map((d) => [d.address, d.method])).toEqual([['9.67.240.2', 'HOTSTANDBY']]);
  });

  it('given with the profile it came from, the report pairs with that member and agrees with it', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'in'));
    cpSync(join(DIR, 'ibm-hotstandby-tcpcs.txt'), join(dir, 'in', 'TCPCS'));
    cpSync(join(DIR, 'ibm-hotstandby-vipadcfg.txt'), join(dir, 'in', 'tcpcs-vipadcfg.txt'));
    const out = join(dir, 'plex.yaml');
    const r = runCli(['import', join(dir, 'in'), '-o', out]);
    expect(r.stderr).not.toContain('running configuration differs');
    const cfg = loadFile(out);
    expect(cfg.stacks.map((s) => s.name)).toEqual(['TCPCS']); // was: a second stack TCPCS2 from the unpaired report
    expect(readFileSync(out, 'utf8')).toContain('TCPIP Name of the VIPADCFG report whose definitions member TCPCS holds');
  });

  it('a VIPADYN report printing 9.67.240.02 gives the start state its status', () => {
    const spec = specWith({ ...HOT, 'tcpcs-vipadyn.txt': 'ibm-hotstandby-vipadyn.txt' }, HOT_STACKS + 'environment:\n  start: { netstat: [tcpcs-vipadyn.txt] }\n');
    const r = runCli(['check', spec]);
    expect(r.stdout).not.toContain('line not understood'); // was: the row was not read as an address
    expect(r.stdout).not.toContain('shows no status for it'); // was: taken as Backup
    expect(r.stdout).toContain('9.67.240.2: Active on TCPCS [TCPCS Active, TCPCS2 Inactive, TCPCS3 Inactive]'); // the others have no report: down (D-105)
  });
});

describe('the client hint names the error that ended a VIPADYNAMIC block (D-267)', () => {
  it("in a numbered member, the GLOBALCONFIG and IPCONFIG errors reject only their statement; the hint cites the block's", () => {
    const text = read('numbered-profile.txt');
    const spec = specWith({ 'TCPCS.txt': 'numbered-profile.txt' },
      'stacks:\n  - { name: TCPCS, profileFile: TCPCS.txt, applications: [{ name: FTPD1, port: 21 }] }\nclients:\n  - { dvipa: 201.2.10.11, port: 21 }\n');
    const r = runCli(['lint', spec]);
    expect(r.code).toBe(2);
    const vipadyn = lineOf(text, 'VIPADYNAMIC');
    expect(r.stderr + r.stdout).toMatch(new RegExp(`client DVIPA 201\\.2\\.10\\.11 is not defined .*a syntax error ended a VIPADYNAMIC block at \\S+/TCPCS\\.txt:${vipadyn}:73:`));
    expect(r.stderr + r.stdout).not.toMatch(new RegExp(`ended a VIPADYNAMIC block at \\S+/TCPCS\\.txt:${lineOf(text, 'GLOBALCONFIG')}:73`)); // was: the GLOBALCONFIG error
  });
});

describe("SERVERWLM's PROCXCOST crossover costs (IBM's VIPADISTRIBUTE diagram; D-268)", () => {
  it('PROCXCOST ZAAP n ZIIP n after DISTMETHOD SERVERWLM is accepted, reported as not modelled, and the block goes on', () => {
    const text = read('serverwlm-procxcost.txt');
    const r = parse(text);
    expect(errors(r)).toEqual([]); // was: "VIPADISTRIBUTE needs DESTIP ... not 'PROCXCOST'", and 201.2.10.12 lost
    expect(r.defs.map((d) => d.address)).toEqual(['201.2.10.11', '201.2.10.12']);
    expect(r.distributes.map((d) => [d.address, d.method, d.ports])).toEqual([['201.2.10.11', 'SERVERWLM', [[20, 20], [21, 21]]]]);
    const info = r.findings.find((f) => f.message === 'PROCXCOST on VIPADISTRIBUTE is accepted but not modelled')!;
    expect([info.severity, info.pos.line, info.pos.column]).toEqual(['info', lineOf(text, 'PROCXCOST'), text.split('\n')[lineOf(text, 'PROCXCOST') - 1]!.indexOf('PROCXCOST') + 1]);
  });

  it('a cost outside 1..100, or PROCXCOST under another DISTMETHOD, is a syntax error that ends the block', () => {
    const one = (st: string) => parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', st, 'VIPADEFINE 255.255.255.0 10.1.1.2'));
    const ok = one('VIPADISTRIBUTE DISTMETHOD SERVERWLM PROCXCOST ZIIP 100 10.1.1.1 PORT 80 DESTIP ALL');
    expect(errors(ok)).toEqual([]);
    for (const bad of ['VIPADISTRIBUTE DISTMETHOD SERVERWLM PROCXCOST ZAAP 0 10.1.1.1 PORT 80 DESTIP ALL',
      'VIPADISTRIBUTE DISTMETHOD SERVERWLM PROCXCOST ZIIP 101 10.1.1.1 PORT 80 DESTIP ALL',
      'VIPADISTRIBUTE DISTMETHOD ROUNDROBIN PROCXCOST ZAAP 1 10.1.1.1 PORT 80 DESTIP ALL']) {
      const r = one(bad);
      expect(errors(r).map((f) => f.code)).toEqual(['syntax']);
      expect(r.defs.map((d) => d.address)).toEqual(['10.1.1.1']);
    }
  });
});
