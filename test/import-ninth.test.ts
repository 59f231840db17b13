// Import, ninth session (an acceptance audit): D-170 .. D-175 in docs/DECISIONS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImport } from '../src/import/build.js';
import { isGlobal, parseIeasym, resolveValue, symbolsOf, systemOf } from '../src/import/ieasym.js';
import { readInputs } from '../src/import/inputs.js';
import { parseVipadcfg } from '../src/import/vipadcfg.js';
import { toStatements } from '../src/import/vipa-config.js';
import { parseProfile } from '../src/spec/profile-parser.js';
import { loadFile, ROOT, runCli, tmp } from './helpers.js';

const FIX = join(ROOT, 'test/fixtures/import-ninth');
const NET = join(FIX, 'netstat');
const read = (f: string): string => readFileSync(f, 'utf8');

function importTo(args: string[]): { file: string; code: number; stderr: string; text: string } {
  const out = join(tmp(), 'plex.yaml');
  const r = runCli(['import', ...args, '-o', out]);
  return { file: out, code: r.code, stderr: r.stderr, text: existsSync(out) ? read(out) : '' };
}
const clientsOf = (file: string): string[] => loadFile(file).clients.map((c) => `${c.dvipa}:${c.port}`);

describe('D-170: clients of IPv6 DVIPAs and of binds under a VIPARANGE', () => {
  it('a bind to an IPv6 VIPADEFINE DVIPA and one under a covering VIPARANGE each give a client; the spec loads and checks', () => {
    const r = importTo([join(FIX, 'site1')]);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(clientsOf(r.file)).toEqual(['10.10.1.21:21', '10.10.5.7:8080', '2001:db8:10::11:8443']);
    expect(r.text).toMatch(/- \{ dvipa: "10\.10\.5\.7", port: 8080 \} +# \S*site1\/PROFSYSA:26 ZCXA binds 10\.10\.5\.7 port 8080: an application-specific DVIPA under VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255\.255\.255\.0 10\.10\.5\.0 \(VIPAA:4\)/);
    expect(r.text).toMatch(/- \{ dvipa: "2001:db8:10::11", port: 8443 \} +# \S*site1\/PROFSYSC:13 ZOSMF binds 2001:db8:10::11 port 8443/);
    const c = runCli(['check', r.file, '--format', 'json']);
    expect(c.code).toBe(1); // a verdict (PROFSYSB backs up the IPv6 DVIPA with no listener on 8443), not an input error
    const rep = JSON.parse(c.stdout);
    expect(rep.result).toBe('fail');
    const sa = rep.properties.find((p: { name: string }) => p.name === 'service-available');
    expect(sa.status).toBe('violated');
    expect(sa.message).toContain("client '[2001:db8:10::11]:8443'");
  });

  it('a bind to an address that is no DVIPA says why no client is written', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'PROFA'), [
      'IPCONFIG DYNAMICXCF 10.0.0.1 255.255.255.0 1', 'PORT', '  80 TCP WEB BIND 10.9.9.1', '  81 TCP HOMEAPP BIND 192.168.1.1',
      '  82 TCP V6APP BIND 2001:DB8::0:7', 'VIPADYNAMIC', '  VIPADEFINE 255.255.255.0 10.9.9.1', '  VIPARANGE DEFINE 255.255.255.0 10.9.8.0', 'ENDVIPADYNAMIC', '',
    ].join('\n'));
    const m = buildImport(readInputs([dir]), () => '');
    expect(m.clients.map((c) => `${c.value.dvipa}:${c.value.port}`)).toEqual(['10.9.9.1:80']);
    const why = m.findings.filter((f) => f.code === 'import-bind-not-dvipa');
    expect(why.map((f) => `${f.pos.line}:${f.pos.column} ${f.severity}`)).toEqual(['4:3 info', '5:3 info']);
    expect(why[0]!.message).toBe('HOMEAPP binds 192.168.1.1 port 81, which no VIPADEFINE or VIPABACKUP defines and no VIPARANGE of this stack covers: not a DVIPA, so no client is written for it');
  });

  it('an IPv6 client is written in canonical form, however the bind is spelled', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'PROFA'), [
      'IPCONFIG6 DYNAMICXCF 2001:db8:100::1', 'PORT', '  80 TCP WEB BIND 2001:0DB8:0:0::11', 'VIPADYNAMIC',
      '  VIPADEFINE MOVEABLE IMMEDIATE DVIPA6 2001:db8::11', '  VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE VR6 2001:db8:5::/64', 'ENDVIPADYNAMIC',
      'PORT 90 TCP ZCX BIND 2001:db8:5::9', '',
    ].join('\n'));
    const m = buildImport(readInputs([dir]), () => '');
    expect(m.clients.map((c) => `${c.value.dvipa}:${c.value.port}`)).toEqual(['2001:db8::11:80', '2001:db8:5::9:90']);
  });
});

describe('D-171: an IPv6 VIPA Distribute from a VIPADCFG report', () => {
  const statementsOf = (file: string): { text: string; errors: string[]; dist: string[] } => {
    const r = parseVipadcfg(read(file), 'r.txt');
    const text = toStatements(r.config, () => 'x').join('\n');
    const p = parseProfile(text, (l, c) => ({ file: 'w', line: l + 1, column: c + 1 }), 'TCPCS6');
    return {
      text, errors: p.findings.filter((f) => f.severity === 'error').map((f) => f.message),
      dist: p.distributes.map((d) => `${d.address} ${d.method} ${d.ports.map((x) => x.join('-')).join(',')} ${d.destip === 'ALL' ? 'ALL' : d.destip.map((t) => `${t.xcf} ${t.role} ${t.rank}`).join(' / ')}`),
    };
  };

  it('is written with the interface name of its IPv6 definition, which the profile parser accepts', () => {
    const s = statementsOf(join(NET, 'vipadcfg6.txt'));
    expect(s.text).toContain('VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY AUTOSWITCHBACK NOHEALTHSWITCH DVIPA6H PORT 8080 DESTIP 2001:db8:61::2 PREFERRED 2001:db8:61::3 BACKUP 100  ; x');
    expect(s.errors).toEqual([]);
    expect(s.dist).toEqual(['2001:db8:61::100 HOTSTANDBY 8080-8080 2001:db8:61::2 preferred null / 2001:db8:61::3 backup 100']);
  });

  it('an IntfName line under Dest belongs to its entry: the targets and HOTSTANDBY roles are kept', () => {
    const r = parseVipadcfg(read(join(NET, 'vipadcfg6-intf.txt')), 'r.txt');
    expect(r.unreadable).toEqual([]);
    expect(r.config.distributes.map((d) => `${d.address} ${d.intf} ${d.port} ${d.xcf} ${d.distMethod} ${d.srvType} ${d.rank} ${d.at.line}`)).toEqual([
      '2001:db8:61::100 DVIPA6H 8080 2001:db8:61::2 HOTSTANDBY PREFERRED null 8',
      '2001:db8:61::100 DVIPA6H 8080 2001:db8:61::3 HOTSTANDBY BACKUP 100 14',
    ]);
    expect(statementsOf(join(NET, 'vipadcfg6-intf.txt')).dist).toEqual(statementsOf(join(NET, 'vipadcfg6.txt')).dist);
    // the IntfName line may also come before Dest
    const swapped = read(join(NET, 'vipadcfg6-intf.txt')).replace(/( +)Dest: +(\S+)\n +IntfName: +(\S+)\n/g, '$1IntfName:   $3\n$1  Dest:     $2\n');
    expect(swapped).not.toBe(read(join(NET, 'vipadcfg6-intf.txt')));
    const w = join(tmp(), 'swapped.txt');
    writeFileSync(w, swapped);
    expect(statementsOf(w).dist).toEqual(statementsOf(join(NET, 'vipadcfg6.txt')).dist);
  });

  it('the import of the IPv6 report gives its IPv4 twin\'s spec: the client, the same lint findings, exit 0', () => {
    const v6 = importTo([join(NET, 'vipadcfg6-intf.txt')]);
    const v4 = importTo([join(NET, 'vipadcfg4.txt')]);
    expect([v6.code, v4.code]).toEqual([0, 0]);
    expect(clientsOf(v6.file)).toEqual(['2001:db8:61::100:8080']);
    expect(v6.stderr).not.toContain('syntax error');
    const codes = (f: string): string[] => runCli(['lint', f, '--format', 'json']).stdout.match(/"code": "[a-z-]+"/g) ?? [];
    expect(codes(v6.file)).toEqual(codes(v4.file));
  });

  it('with no interface name anywhere it is written as a comment, with a warning, never as a statement the parser rejects', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'r.txt'), read(join(NET, 'vipadcfg6.txt')).replace(/  VIPA Define:\n(.*\n){3}/, ''));
    const r = importTo([join(dir, 'r.txt')]);
    expect(r.text).toMatch(/^ {8}; VIPADISTRIBUTE of 2001:db8:61::100 not written: no interface name \(give the IPv6 definition\)  ; \S*r\.txt:4$/m);
    expect(r.stderr).toMatch(/r\.txt:4:\d+: warning: \[TCPCS6\] IPv6 VIPADISTRIBUTE of 2001:db8:61::100: neither its entry nor an IPv6 VIPADEFINE \/ VIPABACKUP of the report gives the DVIPA's interface name/);
    expect(r.stderr).not.toContain('syntax error');
  });

  it('a written statement the profile parser rejects is an error finding: exit 1 (README: 1 written with error findings)', () => {
    const dir = tmp();
    // a VIPA Distribute of a DVIPA the report does not define: z/OS would reject the statement written for it
    writeFileSync(join(dir, 'r.txt'), read(join(NET, 'vipadcfg4.txt')).replace('10.91.1.1/24', '10.91.1.9/24'));
    const r = importTo([join(dir, 'r.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lint: \S*plex\.yaml:9:\d+: error: \[TCPCS4\] VIPADISTRIBUTE for 10\.91\.1\.1: this stack defines no such DVIPA/);
    expect(existsSync(r.file)).toBe(true); // still written, so that it can be fixed
  });
});

describe('D-172: IEASYMxx global SYSDEFs and SYSCLONE(&SYSNAME(start:length))', () => {
  it('SYSCLONE(&SYSNAME(3:2)) is a value, not a SYSNAME filter: the SYSDEF is global and its SYMDEFs reach every system', () => {
    const defs = parseIeasym(read(join(FIX, 'site4', 'IEASYM01')), 'IEASYM01');
    expect(defs.map((d) => [isGlobal(d), d.sysname?.value ?? null, d.sysclone?.value ?? null, d.at.line])).toEqual([
      [true, null, '&SYSNAME(3:2)', 4], [false, 'SYA1', null, 6], [false, 'SYB1', null, 10],
    ]);
    const sym = (member: string): Record<string, string> => Object.fromEntries([...symbolsOf(systemOf(member, defs), defs)].map(([k, v]) => [k, `${v.value} @${v.at.line}`]));
    expect(sym('TCPSYA1')).toEqual({ SYSNAME: 'SYA1 @8', SYSCLONE: 'A1 @4', VNET: '10.30.1 @5', XCFIP: '10.200.0.1 @9' });
    expect(sym('TCPSYB1')).toEqual({ SYSNAME: 'SYB1 @12', SYSCLONE: 'B1 @4', VNET: '10.30.1 @5', XCFIP: '10.200.0.2 @13' });
    expect(sym('NOSYSTEM')).toEqual({ VNET: '10.30.1 @5' }); // no SYSDEF of its own: the global ones only
  });

  it('the import writes the global SYMDEF and the resolved SYSCLONE, each citing its own line', () => {
    const r = importTo([join(FIX, 'site4')]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('&VNET.');
    expect(r.text).toMatch(/SYSCLONE: "A1" +# \S*site4\/IEASYM01:4 SYSCLONE\(&SYSNAME\(3:2\)\) of a SYSDEF without filters \(every system\): A1 for SYSNAME SYA1/);
    expect(r.text).toMatch(/VNET: "10\.30\.1" +# \S*site4\/IEASYM01:5 SYMDEF\(&VNET='10\.30\.1'\) of a SYSDEF without filters \(every system\)/);
    expect(r.text).toMatch(/XCFIP: "10\.200\.0\.2" +# \S*site4\/IEASYM01:13 SYMDEF of the SYSDEF of system SYB1/);
    const cfg = loadFile(r.file);
    expect(cfg.stacks.map((s) => s.applications.map((a) => `${a.name}:${a.bind}`))).toEqual([['FTPA11:10.30.1.21'], ['FTPB11:10.30.1.21']]);
    expect(clientsOf(r.file)).toEqual(['10.30.1.21:21']);
  });

  it('SYSCLONE(&SYSNAME(1:2)) is the first two characters of SYSNAME; two systems with one SYSCLONE are warned of', () => {
    const dir = tmp();
    for (const f of ['TCPSYA1', 'TCPSYB1']) writeFileSync(join(dir, f), read(join(FIX, 'site4', f)));
    writeFileSync(join(dir, 'IEASYM01'), read(join(FIX, 'site4', 'IEASYM01')).replace('(3:2)', '(1:2)'));
    const r = importTo([dir]);
    expect(r.text.match(/SYSCLONE: "\w+"/g)).toEqual(['SYSCLONE: "SY"', 'SYSCLONE: "SY"']);
    expect(r.stderr).toMatch(/IEASYM01:4:11: warning: \[TCPSYA1\] SYSCLONE SY is the SYSCLONE of SYA1 \(stack TCPSYA1\) and SYB1 \(stack TCPSYB1\)/);
  });

  it('without a SYSCLONE anywhere, the last two characters of SYSNAME, said so', () => {
    const defs = parseIeasym("SYSDEF HWNAME(CPC1) LPARNAME(LP1) SYSNAME(SYS1)\n       SYMDEF(&IP='10.1.&SYSCLONE..5')\n", 'IEASYM02');
    const s = symbolsOf(defs[0]!, defs);
    expect([s.get('SYSCLONE')?.value, s.get('SYSCLONE')?.how, s.get('IP')?.value]).toEqual(['S1', "no SYSCLONE: the last two characters of SYSNAME SYS1 (z/OS's default)", '10.1.S1.5']);
  });

  it('IBM\'s substring notation', () => {
    const known = new Map([['YR8', { value: '2008' }], ['SYSNAME', { value: 'SYA1' }]]);
    expect(['&YR8', '&YR8()', '&YR8(4)', '&YR8(2)', '&YR8(-4)', '&YR8(-1)', '&YR8(3:2).', '&YR8(-4:2)', 'X&SYSNAME(3:2).Y', '&NOPE.', '&YR8(9)'].map((v) => resolveValue(v, known)))
      .toEqual(['2008', '2008', '8', '0', '2', '8', '08', '20', 'XA1Y', null, null]);
  });

  it('a SYSDEF with a VMUSERID filter is local; a later SYSDEF with the same filters adds to that system', () => {
    const defs = parseIeasym([
      "SYSDEF SYMDEF(&A='global') SYMDEF(&Q='SYSNAME(NOT)')", 'SYSDEF VMUSERID(VM1) SYSNAME(SYSV)', "SYSDEF HWNAME(C1) LPARNAME(L1) SYSNAME(SYSL) SYMDEF(&A='local')",
      "SYSDEF HWNAME(C1) LPARNAME(L1) SYMDEF(&B='more')", '',
    ].join('\n'), 'IEASYM03');
    expect(defs.map(isGlobal)).toEqual([true, false, false, false]);
    expect(defs[0]!.sysname).toBeNull(); // a quoted SYMDEF value holds no parameters
    const sym = (d: number): string => [...symbolsOf(defs[d]!, defs)].map(([k, v]) => `${k}=${v.value}`).join(' ');
    expect(sym(1)).toBe('SYSNAME=SYSV SYSCLONE=SV A=global Q=SYSNAME(NOT)');
    expect(sym(2)).toBe('SYSNAME=SYSL SYSCLONE=SL A=local Q=SYSNAME(NOT) B=more');
  });
});

describe('D-173: a SHAREPORT group is one listener', () => {
  it('446 TCP DB2ADIST SHAREPORT then 446 TCP DB2BDIST: one application, its comment naming the other instance', () => {
    const r = importTo([join(FIX, 'site1')]);
    const a = loadFile(r.file).stacks[0]!.applications;
    expect(a.map((x) => `${x.name}:${x.port}`)).toEqual(['FTPD1:21', 'TN3270:23', 'DB2ADIST:446', 'ZCXA:8080']);
    expect(r.text).toMatch(/- \{ name: DB2ADIST, port: 446 \} +# \S*site1\/PROFSYSA:24 PORT 446 TCP DB2ADIST SHAREPORT \(SHAREPORT: one listener stands for the instances; also DB2BDIST \(PROFSYSA:25\)\)/);
  });

  it('groups by port and BIND address, in any order; a port without SHAREPORT keeps one application per job', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'PROFA'), [
      'AUTOLOG', '  WEB2', 'ENDAUTOLOG', 'PORT', '  80 TCP WEB1', '  80 TCP WEB2 SHAREPORTWLM', '  80 TCP WEB3 BIND 10.9.9.1', '  23 TCP TN1', '  23 TCP TN2',
      'VIPADYNAMIC', '  VIPADEFINE 255.255.255.0 10.9.9.1', 'ENDVIPADYNAMIC', '',
    ].join('\n'));
    const m = buildImport(readInputs([dir]), () => '');
    expect(m.stacks[0]!.applications.map((x) => `${x.value.name}:${x.value.port}:${x.value.bind ?? '*'} ${x.why}`)).toEqual([
      `WEB1:80:* PORT 80 TCP WEB1 (SHAREPORTWLM: one listener stands for the instances; also WEB2 (PROFA:6); started by AUTOLOG (PROFA:2))`,
      'WEB3:80:10.9.9.1 PORT 80 TCP WEB3 BIND 10.9.9.1',
      'TN1:23:* PORT 23 TCP TN1',
      'TN2:23:* PORT 23 TCP TN2',
    ]);
  });
});

describe('D-174: a PORT statement in an ISPF-numbered member', () => {
  it('is an error at column 73 with the "unnumber the member" hint, like GLOBALCONFIG and VIPADYNAMIC', () => {
    const r = importTo([join(FIX, 'numbered')]);
    expect(r.code).toBe(1);
    const line = (n: number): string => r.stderr.split('\n').find((l) => l.includes(`PROFA:${n}:73:`)) ?? '';
    expect(line(7)).toBe(`${join(FIX, 'numbered', 'PROFA')}:7:73: error: [PROFA] PORT: '00000700' stands in columns 73-80, which hold sequence numbers: it is no PORT operand, so the rest of the statement is not read: the applications it reserves ports for are not imported; fix: unnumber the member: columns 73-80 hold sequence numbers (ISPF: UNNUM, then NUMBER OFF)`);
    for (const n of [1, 3, 7]) expect(line(n)).toContain('fix: unnumber the member');
  });

  it('entries before the first numbered word are read', () => {
    const dir = tmp();
    const pad = (s: string, n: number): string => `${s.padEnd(72)}${String(n).padStart(8, '0')}`;
    writeFileSync(join(dir, 'PROFA'), [
      pad('PORT 21 TCP FTPD1 BIND 10.10.1.21', 100), pad('   23 TCP TN3270', 200), pad('VIPADYNAMIC', 300), '',
    ].join('\n'));
    const m = buildImport(readInputs([dir]), () => '');
    expect(m.stacks[0]!.applications.map((a) => a.value.name)).toEqual(['FTPD1']);
    const f = m.findings.find((x) => x.code === 'port-numbered')!;
    expect([f.pos.line, f.pos.column, f.severity]).toEqual([1, 73, 'error']);
    expect(f.message).toContain('the rest of the statement (after 1 entry) is not read');
  });
});
