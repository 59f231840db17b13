import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandProfile } from '../src/spec/include.js';
import { loadSpecText } from '../src/spec/load.js';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { NAMES, ROOT, runCli, tmp } from './helpers.js';

/** Profile processing as z/OS does it, audit h1 (docs/DECISIONS.md D-180 ..). */
const map = (l: number, c: number) => ({ file: 'p.txt', line: l + 1, column: c + 1 });
const parse = (text: string): ProfileResult => parseProfile(text, map, 'S', new Map());
const errors = (r: ProfileResult): [string, number, number][] =>
  r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.pos.line, f.pos.column]);
const block = (...lines: string[]): string => ['VIPADYNAMIC', ...lines, 'ENDVIPADYNAMIC'].join('\n');

describe('D-176: an INCLUDE member is cited as the spec names it, like the profileFile that includes it', () => {
  it('an INCLUDE of a profileFile and of an inline profile: relative paths, no absolute one', () => {
    const d = tmp();
    const sub = join(d, 'site');
    mkdirSync(join(sub, 'tcpparms'), { recursive: true });
    const bad = 'VIPADYNAMIC\n  VIPADEFINE 255.255.255.0 10.1.1.1\n  BOGUS\nENDVIPADYNAMIC\n';
    writeFileSync(join(sub, 'tcpparms', 'VIPAS'), bad);
    writeFileSync(join(sub, 'VIPAS6'), bad.replace('10.1.1.1', '10.1.1.2'));
    writeFileSync(join(sub, 'tcpparms', 'PROFA'), 'INCLUDE USER.TCPPARMS(VIPAS)\n');
    writeFileSync(join(sub, 'plex.yaml'), [
      'sysplex: P', 'stacks:',
      '  - name: TCPA', '    profileFile: tcpparms/PROFA',
      '  - name: TCPB', '    profile: |', '      INCLUDE SYS1.TCPPARMS(VIPAS6)', '',
    ].join('\n'));
    const r = runCli(['lint', 'site/plex.yaml'], d);
    const out = `${r.stdout}${r.stderr}`;
    expect(out).toMatch(/^site\/tcpparms\/VIPAS:3:3: error: \[TCPA\] .*'BOGUS'/m);
    expect(out).toMatch(/^site\/VIPAS6:3:3: error: \[TCPB\] .*'BOGUS'/m);
    expect(out).not.toContain(d);
  });
});

describe('D-180: VIPASMparms takes its documented minimum abbreviation VIPASM, and no shorter', () => {
  it.each(['VIPASM', 'vipasmp', 'VipaSmParms'])('%s is VIPASMPARMS: the statement after it still counts', (kw) => {
    const r = parse(block(`${kw} SMPORT 1637`, 'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1'));
    expect(errors(r)).toEqual([]);
    expect(r.defs.map((d) => d.address)).toEqual(['10.1.1.1']);
  });
  it.each(['VIPAS', 'VIPASMPARMSX'])('%s is no statement: a syntax error that ends the block', (kw) => {
    const r = parse(block(`${kw} SMPORT 1637`, 'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1'));
    expect(errors(r)).toEqual([['syntax', 2, 1]]);
    expect(r.defs).toEqual([]);
  });
});

describe('D-181: a routing-ready counterexample cites the GLOBALCONFIG statement that set the join rule', () => {
  const spec = (globalconfig: string[]): string => [
    'sysplex: P', 'stacks:',
    '  - name: TCPA', '    profile: |',
    '      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', '      IPCONFIG DYNAMICXCF 10.9.0.1 255.255.255.0 1',
    '      VIPADYNAMIC', '        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1', '      ENDVIPADYNAMIC',
    '  - name: TCPB', '    profile: |', '      IPCONFIG DYNAMICXCF 10.9.0.2 255.255.255.0 1',
    ...globalconfig.map((l) => `      ${l}`),
    '      VIPADYNAMIC', '        VIPABACKUP 100 10.1.1.1', '      ENDVIPADYNAMIC',
    'environment: { events: [terminate, start, routing], maxFailures: 2 }', '',
  ].join('\n');

  it('a GLOBALCONFIG over two lines, then a later one that changes the join rule: the later one is cited, at its keyword', () => {
    const d = tmp();
    // lines 13-14: the first statement; line 15: the one whose NODELAYJOIN stands (D-49: last wins)
    writeFileSync(join(d, 'rr.yaml'), spec(['GLOBALCONFIG NOTCPIPSTATISTICS', '   SYSPLEXMONITOR DELAYJOIN RECOVERY', 'GLOBALCONFIG SYSPLEXMONITOR NODELAYJOIN']));
    const r = runCli(['check', 'rr.yaml', '--only', 'routing-ready'], d, { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('routing-ready: 10.1.1.1 became Active on TCPB while its OMPROUTE is down (GLOBALCONFIG SYSPLEXMONITOR NODELAYJOIN: DELAYJOIN?)');
    expect(r.stdout).toContain('profile: TCPB: GLOBALCONFIG SYSPLEXMONITOR NODELAYJOIN (rr.yaml:15:7)');
    expect(r.stdout).toContain('profile: TCPB: GLOBALCONFIG NOTCPIPSTATISTICS SYSPLEXMONITOR DELAYJOIN RECOVERY (rr.yaml:13:7)'); // RECOVERY's
    expect(r.stderr + r.stdout).toMatch(/::error title=dvipa-verify routing-ready,file=rr\.yaml,line=15,col=7::/);
  });

  it("lint's no-delayjoin stands on the GLOBALCONFIG that sets NODELAYJOIN (else on the first definition, as before)", () => {
    const d = tmp();
    writeFileSync(join(d, 'a.yaml'), spec(['GLOBALCONFIG NOTCPIPSTATISTICS', '   SYSPLEXMONITOR NODELAYJOIN']));
    writeFileSync(join(d, 'b.yaml'), spec([]));
    const a = runCli(['lint', 'a.yaml'], d).stdout.split('\n').filter((l) => l.includes('no-delayjoin') || l.includes('DELAYJOIN'));
    expect(a).toEqual(['a.yaml:13:7: error: [TCPB] TCPB uses OMPROUTE with GLOBALCONFIG SYSPLEXMONITOR NODELAYJOIN, not DELAYJOIN: it can take DVIPAs before OMPROUTE can advertise them (endangers routing-ready); fix: write DELAYJOIN there']);
    const b = runCli(['lint', 'b.yaml'], d).stdout.split('\n').filter((l) => l.includes('DELAYJOIN'));
    expect(b).toEqual(['b.yaml:14:9: error: [TCPB] TCPB uses OMPROUTE without GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN: it can take DVIPAs before OMPROUTE can advertise them (endangers routing-ready); fix: GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN in TCPB\'s profile (or routing: static in the spec, if it has no OMPROUTE)']);
  });

  it('no GLOBALCONFIG: nothing more is cited, and the message asks as before', () => {
    const d = tmp();
    writeFileSync(join(d, 'rr.yaml'), spec([]));
    const r = runCli(['check', 'rr.yaml', '--only', 'routing-ready'], d);
    expect(r.stdout).toContain('(no GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN?)');
    expect(r.stdout.split('\n').filter((l) => l.includes('profile: TCPB'))).toEqual(['         profile: TCPB: VIPABACKUP 100 10.1.1.1 (rr.yaml:14:9)']);
  });
});

describe('D-182: a repeated VIPARANGE of a subnet, or VIPAROUTE of a target, modifies it instead of adding a second one', () => {
  it('the later VIPARANGE DEFINE of the same subnet counts (its MOVEABLE, its line), with an info finding', () => {
    const r = parse(block(
      'VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255.255.255.0 10.1.9.0',
      'VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0',
      'VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0', // identical: silent
      'VIPARANGE 255.255.0.0 10.1.0.0', // another subnet stays
    ));
    expect(r.ranges.map((x) => [x.address, x.mask, x.moveable, x.pos.line])).toEqual([
      ['10.1.9.0', '255.255.255.0', 'DISRUPTIVE', 4], ['10.1.0.0', '255.255.0.0', 'NONDISRUPTIVE', 5],
    ]);
    expect(r.findings.filter((f) => f.code === 'range-replaced').map((f) => [f.severity, f.pos.line])).toEqual([['info', 3]]);
  });
  it('the later VIPAROUTE for the same DYNAMICXCF address counts; DELETE still removes it', () => {
    const r = parse(block('VIPAROUTE DEFINE 10.9.0.2 10.1.3.3', 'VIPAROUTE DEFINE 10.9.0.3 10.1.3.4', 'VIPAROUTE 10.9.0.2 10.1.3.5'));
    expect(r.routes.map((x) => [x.xcf, x.target])).toEqual([['10.9.0.3', '10.1.3.4'], ['10.9.0.2', '10.1.3.5']]);
    expect(r.findings.filter((f) => f.code === 'route-replaced').map((f) => f.pos.line)).toEqual([4]);
    expect(parse(block('VIPAROUTE 10.9.0.2 10.1.3.3', 'VIPAROUTE 10.9.0.2 10.1.3.5', 'VIPAROUTE DELETE 10.9.0.2 10.1.3.5')).routes).toEqual([]);
  });
});

describe('D-183: a word that is no IPCONFIG parameter is a syntax error; what came before it counts, the rest is ignored', () => {
  it.each([
    ['IPCONFIG BOGUS DYNAMICXCF 10.9.0.1 255.255.255.0 1', 10, false, undefined],
    ['IPCONFIG DYNAMICX 10.9.0.1 255.255.255.0 1', 10, false, 'write DYNAMICXCF'],
    ['IPCONFIG DYNAMICXCF 10.9.0.1 255.255.255.0 1 BOGUS', 46, true, undefined],
  ])('%s', (text, column, xcf, hint) => {
    const r = parse(text);
    expect(errors(r)).toEqual([['syntax', 1, column]]);
    expect(r.findings[0]!.hint).toBe(hint);
    expect(r.dynamicXcf).toBe(xcf);
  });
  it.each([
    'IPCONFIG DATAGRAMFWD VARSUBNETTING SYSPLEXROUTING', // IBM's sample profile
    'IPCONFIG SYSPLEXROUTING SOURCEVIPA TCPSTACKSOURCEVIPA 201.2.10.11 DYNAMICXCF 10.9.0.1 255.255.255.240 1 SECCLASS 5 NOSMCD',
    'IPCONFig DATAGR NOFWDMULT TTL 64 ARPTO 1200 IGNORER PATHMTUDISC MULTIPATH PERC FORMAT LONG DYNAMICXCF 10.9.0.1/24 1',
  ])('valid: %s', (text) => {
    expect(errors(parse(text))).toEqual([]);
  });
  it('real profiles of shared/domain give no IPCONFIG error', () => {
    for (const f of ['sample-profile-tcpip.txt', 'synthetic-gibson-emulator-profile.txt']) {
      const r = parse(readFileSync(join(ROOT, 'test/fixtures/profiles', f), 'utf8'));
      expect(r.findings.filter((x) => x.message.includes('IPCONFIG')), f).toEqual([]);
    }
  });
});

describe("D-184: IBM's substring notation &NAME(start:length). in a profile", () => {
  const spec = (line: string): string => [
    'sysplex: P', 'stacks:', '  - name: TCPA', '    system: SYA1', '    symbols: { NUM: "12345" }', '    profile: |',
    '      VIPADYNAMIC', `        ${line}`, '      ENDVIPADYNAMIC', '',
  ].join('\n');
  const load = (line: string) => loadSpecText(spec(line), 'x.yaml', { propertyNames: NAMES });
  it('start:length, a negative start, the length defaulting to 1, and a dot that ends the symbol', () => {
    const r = load('VIPADEFINE 255.255.255.0 10.1.&NUM(2:2)..1 10.1.1.&NUM(-1). 10.&SYSNAME(4:1)..1.&NUM(3).');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.stacks[0]!.defs.map((d) => d.address)).toEqual(['10.1.23.1', '10.1.1.5', '10.1.1.3']);
    expect(r.config.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('a substring outside the value is the syntax error of its statement, saying so', () => {
    const r = load('VIPADEFINE 255.255.255.0 10.1.&NUM(9:1).1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = r.config.findings.filter((f) => f.severity === 'error');
    expect(e.map((f) => [f.code, f.pos.line, f.pos.column])).toEqual([['syntax', 8, 34]]);
    expect(e[0]!.message).toContain('system symbol &NUM(9:1). in \'10.1.&NUM(9:1).1\' is not defined for this stack, or its substring is outside its value');
  });
  it('parseProfile given a table substitutes substrings too', () => {
    const r = parseProfile(block('VIPADEFINE 255.255.255.0 10.1.1.&N(2:1)'), map, 'S', new Map([['N', '98']]));
    expect(r.defs.map((d) => d.address)).toEqual(['10.1.1.8']);
  });
});

describe('D-185: VIPADELETE of a distributed DVIPA ends its VIPADISTRIBUTE on that stack', () => {
  it('IPv4 and IPv6 (by interface name); a DVIPA defined again later is not distributed by the old statement', () => {
    const r = parse(block(
      'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1 10.1.1.2',
      'VIPADEFINE MOVEABLE IMMEDIATE V6A 2001:db8::10',
      'VIPADISTRIBUTE 10.1.1.1 PORT 80 DESTIP ALL',
      'VIPADISTRIBUTE 10.1.1.2 PORT 80 DESTIP ALL',
      'VIPADISTRIBUTE V6A PORT 80 DESTIP ALL',
      'VIPADELETE 10.1.1.1',
      'VIPADELETE V6A',
      'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1',
    ));
    expect(errors(r)).toEqual([]);
    expect(r.distributes.map((d) => d.address)).toEqual(['10.1.1.2']);
    expect(r.findings.filter((f) => f.code === 'delete-distribution').map((f) => [f.severity, f.pos.line])).toEqual([['info', 7], ['info', 8]]);
  });
});

describe('D-186: INCLUDE with its data set name on a later line (statements may be split across lines)', () => {
  it('the member is included; the rest of the name line counts; INCLUDE alone at the end is an error', () => {
    const d = tmp();
    writeFileSync(join(d, 'VIPAS'), 'VIPADYNAMIC\n  VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1\nENDVIPADYNAMIC\n');
    const text = ['INCLUDE', '   ; the member', '', '   USER.TCPPARMS(VIPAS) GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', 'INCLUDE'].join('\n');
    const ex = expandProfile(text, map, { dir: d, file: null });
    expect(ex.includes.map((i) => [i.name, i.pos.line, i.pos.column, i.file])).toEqual([['USER.TCPPARMS(VIPAS)', 4, 4, join(d, 'VIPAS')]]);
    expect(ex.findings.map((f) => [f.code, f.pos.line, f.pos.column])).toEqual([['include-syntax', 5, 1]]);
    const r = parseProfile(ex.text, ex.map, 'S');
    expect(r.defs.map((x) => [x.address, x.pos.file, x.pos.line])).toEqual([['10.1.1.1', join(d, 'VIPAS'), 2]]);
    expect(r.join).toBe('DELAYJOIN');
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it("'INCLUDE;x' is still no INCLUDE (D-156)", () => {
    const ex = expandProfile('INCLUDE;x\n  USER.TCPPARMS(VIPAS)\n', map, { dir: tmp(), file: null });
    expect(ex.includes).toEqual([]);
  });
});

describe('VIPADISTRIBUTE PORT: a reversed range says so', () => {
  it('PORT 90-80 is a syntax error at the range that names the fix; 80-90 and 65536 as before', () => {
    const at = (ports: string) => parse(block('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1', `VIPADISTRIBUTE DEFINE 10.1.1.1 PORT ${ports} DESTIP ALL`)).findings.filter((f) => f.severity === 'error').map((f) => f.message);
    expect(at('90-80').join()).toMatch(/port range 90-80 is reversed \(write 80-90\)/);
    expect(at('80-90')).toEqual([]);
    expect(at('65536').join()).toMatch(/port 65536 is outside 1\.\.65535/);
  });
});
