// Long because profile processing as z/OS does it (SEMANTICS §8) is tested in one place, one
// describe block per rule of §8.
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { lint } from '../src/check/lint.js';
import { loadSpecText } from '../src/spec/load.js';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { config, NAMES, runCli, specFile } from './helpers.js';

/** Issue 15: every case is profile text in, finding and verdict out (SEMANTICS §8, §9; SPEC §5). */
const map = (l: number, c: number) => ({ file: 'p.txt', line: l + 1, column: c + 1 });
const parse = (text: string, symbols = new Map<string, string>()): ProfileResult => parseProfile(text, map, 'S', symbols);
const codes = (r: ProfileResult): string[] => r.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
const addrs = (r: ProfileResult): string[] => r.defs.map((d) => d.address);
const block = (...lines: string[]): string => ['VIPADYNAMIC', ...lines, 'ENDVIPADYNAMIC'].join('\n');
const ind = (s: string, n = 6): string => s.split('\n').map((l) => `${' '.repeat(n)}${l}`).join('\n');
/** Two stacks: A with the profile under test, B backing up 10.1.8.10 with a plain VIPABACKUP. */
const spec = (profileA: string, profileB = block('VIPABACKUP 10 10.1.8.10'), extra = ''): string => `sysplex: T
stacks:
  - name: A
    profile: |
${ind(`GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\nIPCONFIG DYNAMICXCF 10.9.0.1 255.255.255.0 1\n${profileA}`)}
    applications: [{ name: WEB, port: 80 }]
  - name: B
    profile: |
${ind(`GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\nIPCONFIG DYNAMICXCF 10.9.0.2 255.255.255.0 1\n${profileB}`)}
    applications: [{ name: WEB, port: 80 }]
${extra}`;
const violated = async (text: string): Promise<string[]> => (await check(config(text))).properties.filter((p) => p.status === 'violated').map((p) => p.name);

describe('a syntax error ends the block where z/OS ends it', () => {
  it('VIPARANGE with placeholder operands: the VIPADEFINE after it never exists', async () => {
    const a = block('  VIPARange    DEFINE     address_mask     network_prefix', '  VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.8.10');
    const r = parse(a);
    expect(codes(r)).toEqual(['syntax']);
    expect([r.findings[0]!.pos.line, r.findings[0]!.pos.column]).toEqual([2, 27]);
    expect(addrs(r)).toEqual([]);
    const cfg = config(spec(a));
    expect(cfg.stacks[0]!.defs).toEqual([]);
    expect(lint(cfg).some((f) => f.severity === 'error' && f.code === 'syntax')).toBe(true);
    expect(runCli(['lint', specFile(spec(a))]).code).toBe(1);
    const sim = runCli(['simulate', specFile(spec(a)), '--events', 'terminate A']);
    expect(sim.stdout).not.toMatch(/-> Active/);
    expect(sim.stdout).toContain('! present: 10.1.8.10 is Active nowhere');
    expect(await violated(spec(a))).toEqual(['present']); // B is joined and its plain backup never creates it
  });

  it('VIPADELETE of an IPv6 interface name is valid: the IPv4 VIPADEFINE after it counts', async () => {
    const a = block('VIPADEFINE MOVEABLE IMMEDIATE DVIPA1 2001:db8::1', 'VIPADELETE DVIPA1', 'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.8.10');
    const r = parse(a);
    expect(codes(r)).toEqual([]);
    expect(addrs(r)).toEqual(['10.1.8.10']);
    expect(r.ipv6Defs).toEqual([]);
    expect(await violated(spec(a))).toEqual([]);
  });

  it('a statement mixing IPv4 and IPv6 is a syntax error: nothing of it or after it exists', () => {
    const r = parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADEFINE 255.255.255.0 10.1.1.2 2001:db8::5', 'VIPADEFINE 255.255.255.0 10.1.1.3'));
    expect(codes(r)).toEqual(['syntax']);
    expect(r.findings.find((f) => f.code === 'syntax')!.message).toContain('IPv4 or IPv6 addresses, not both');
    expect(addrs(r)).toEqual(['10.1.1.1']);
  });

  it("';' glued to an argument is a syntax error of its statement", () => {
    const r = parse(block('VIPADEFINE 255.255.255.0 10.1.8.10;comment', 'VIPADEFINE 255.255.255.0 10.1.8.11'));
    expect(codes(r)).toEqual(['syntax']);
    expect(r.findings[0]!.hint).toBe("put a blank before ';'");
    expect(addrs(r)).toEqual([]);
    expect(addrs(parse(block('VIPADEFINE 255.255.255.0 10.1.8.10 ;comment')))).toEqual(['10.1.8.10']);
  });

  it('ISPF sequence numbers in columns 73-80 give errors with the hint', () => {
    const line = (s: string, n: number): string => `${s.padEnd(72)}${String(n).padStart(8, '0')}`;
    const r = parse([line('VIPADYNAMIC', 100), line('  VIPADEFINE 255.255.255.0 10.1.8.10', 200), line('ENDVIPADYNAMIC', 300)].join('\n'));
    expect(codes(r)).toContain('syntax');
    for (const f of r.findings.filter((x) => x.severity !== 'info')) expect(f.hint, f.message).toMatch(/^unnumber the member/);
  });

  it('an unknown word in the block, VIPASERVICEMGR included, ends it (D-60)', () => {
    const r = parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPASERVICEMGR 10.1.1.1', 'VIPADEFINE 255.255.255.0 10.1.1.2'));
    expect(codes(r)).toEqual(['syntax']);
    expect(r.findings[0]!.hint).toContain('VIPASMPARMS');
    expect(addrs(r)).toEqual(['10.1.1.1']);
  });
});

describe('VIPADISTRIBUTE, VIPARANGE, VIPAROUTE, VIPASMPARMS: checked, kept as parsed data', () => {
  it("IBM's hot-standby example parses; its DVIPA 9.67.240.02 is read as decimal with a warning", () => {
    const r = parse(block('VIPADEFINE 255.255.255.0 9.67.240.02', 'VIPADISTRIBUTE DISTMETHOD HOTSTANDBY AUTOSWITCHBACK HEALTHSWITCH', '   9.67.240.02 PORT 10000', '   DESTIP', '      203.3.10.16   PREFERRED', '      203.3.10.17   BACKUP    50', '      203.3.10.18   BACKUP   100'));
    expect(codes(r)).toEqual(['leading-zero', 'leading-zero']);
    expect(r.findings[0]!.severity).toBe('warning');
    expect(addrs(r)).toEqual(['9.67.240.2']);
    expect(r.distributes).toHaveLength(1);
    const d = r.distributes[0]!;
    expect([d.address, d.method, d.ports, d.autoSwitchBack]).toEqual(['9.67.240.2', 'HOTSTANDBY', [[10000, 10000]], true]);
    expect(d.destip).toEqual([
      { xcf: '203.3.10.16', role: 'preferred', rank: null, weight: null },
      { xcf: '203.3.10.17', role: 'backup', rank: 50, weight: null },
      { xcf: '203.3.10.18', role: 'backup', rank: 100, weight: null },
    ]);
  });

  it('a HOTSTANDBY rule breach rejects that statement alone; a HOTSTANDBY keyword under another method ends the block', () => {
    const two = parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADISTRIBUTE DISTM HOTSTANDBY 10.1.1.1 DESTIP 10.9.0.1 PREFERRED 10.9.0.2 PREFERRED', 'VIPADEFINE 255.255.255.0 10.1.1.2'));
    expect(codes(two)).toEqual(['distribute-rejected']);
    expect(addrs(two)).toEqual(['10.1.1.1', '10.1.1.2']);
    expect(two.distributes).toEqual([]);
    for (const bad of ['DESTIP ALL', 'DESTIP 10.9.0.1 BACKUP 10', 'DESTIP 10.9.0.1 PREFERRED 10.9.0.1 BACKUP 5']) {
      expect(codes(parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', `VIPADISTRIBUTE DISTM HOTSTANDBY 10.1.1.1 ${bad}`))), bad).toEqual(['distribute-rejected']);
    }
    const other = parse(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADISTRIBUTE DISTM ROUNDROBIN 10.1.1.1 DESTIP 10.9.0.1 PREFERRED', 'VIPADEFINE 255.255.255.0 10.1.1.2'));
    expect(codes(other)).toEqual(['syntax']);
    expect(other.findings[0]!.message).toContain('EZZ0831I');
    expect(addrs(other)).toEqual(['10.1.1.1']);
  });

  it('a VIPADISTRIBUTE for a DVIPA the stack does not define is rejected, the block goes on', () => {
    const r = parse(block('VIPADISTRIBUTE 10.1.1.9 PORT 80 DESTIP ALL', 'VIPADEFINE 255.255.255.0 10.1.1.1'));
    expect(codes(r)).toEqual(['distribute-undefined']);
    expect(addrs(r)).toEqual(['10.1.1.1']);
  });

  it('ranges, routes, SM parameters and ignored operands', () => {
    const r = parse(block('VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.2.0 SAF RES1', 'VIPARANGE DVIPAR 2001:db8::/64', 'VIPAROUTE DEFINE 10.9.0.2 10.5.5.5',
      'VIPASMPARMS SMMCAST 224.0.0.9 SMPORT 1637', 'VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADISTRIBUTE TIMEDAFF 30 10.1.1.1 PORT 23 DESTIP ALL'));
    expect(codes(r)).toEqual([]);
    expect(r.ranges.map((x) => [x.family, x.moveable, x.address, x.saf])).toEqual([['ipv4', 'DISRUPTIVE', '10.1.2.0', 'RES1'], ['ipv6', 'NONDISRUPTIVE', '2001:db8::', null]]);
    expect(r.routes).toMatchObject([{ family: 'ipv4', xcf: '10.9.0.2', target: '10.5.5.5' }]);
    expect(r.findings.map((f) => f.message)).toContain('TIMEDAFF on VIPADISTRIBUTE is accepted but not modelled');
    for (const bad of ['VIPAROUTE 10.9.0.2 2001:db8::1', 'VIPARANGE DEFINE 255.255.255.0', 'VIPASMPARMS SMPORT 0', 'VIPADISTRIBUTE 10.1.1.1 PORT 80']) {
      expect(codes(parse(block(bad, 'VIPADEFINE 255.255.255.0 10.1.1.1'))), bad).toEqual(['syntax']);
    }
  });
});

describe('system symbols (SPEC §5 symbols:)', () => {
  const withSymbols = (system: string | null, symbols: string, profile: string): string => `stacks:
  - name: A
${system ? `    system: ${system}\n` : ''}${symbols ? `    symbols: ${symbols}\n` : ''}    profile: |
${ind(profile)}
`;
  const shared = 'IPCONFIG DYNAMICXCF 10.1.7.&SYSCLONE. 255.255.255.0 1\nVIPADYNAMIC\n  VIPADEFINE 255.255.255.0 10.1.8.&SYSCLONE.\nENDVIPADYNAMIC';
  it('SYSCLONE defaults to the last two characters of SYSNAME, SYSNAME to system', () => {
    const c = config(withSymbols('SY11', '', shared));
    expect(c.stacks[0]!.dynamicXcf).toBe(true);
    expect(c.stacks[0]!.defs.map((d) => d.address)).toEqual(['10.1.8.11']);
    expect(c.stacks[0]!.symbols).toEqual({ SYSNAME: 'SY11', SYSCLONE: '11' });
    expect(c.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('the spec\'s symbols win; a number keeps its digits', () => {
    const c = config(withSymbols('SY11', '{ SYSCLONE: 21 }', shared));
    expect(c.stacks[0]!.defs.map((d) => d.address)).toEqual(['10.1.8.21']);
  });
  it('an unresolved &NAME. is a syntax error of its statement naming the symbol', () => {
    const c = config(withSymbols(null, '', shared));
    const errs = c.findings.filter((f) => f.severity === 'error');
    expect(errs.map((f) => f.code)).toEqual(['syntax', 'syntax']);
    for (const f of errs) expect(f.message).toContain('&SYSCLONE.');
    expect([errs[0]!.pos.line, errs[0]!.pos.column]).toEqual([4, 27]);
    expect(c.stacks[0]!.dynamicXcf).toBe(false);
    expect(c.stacks[0]!.defs).toEqual([]);
  });
});

describe('smaller findings', () => {
  it('a mask in a plain VIPABACKUP is rejected with the hint, not a phantom DVIPA', () => {
    const r = parse(block('VIPABACKUP CPCSCOPE 255.255.255.240 201.81.10.7'));
    expect(codes(r)).toEqual(['not-unicast']);
    expect(r.findings[0]!.hint).toBe('a plain VIPABACKUP has no mask; did you mean MOVEABLE IMMEDIATE mask addr?');
    expect(addrs(r)).toEqual(['201.81.10.7']);
  });

  it('a DVIPA with only plain backups gets "never created" only', () => {
    const f = lint(config(spec('', block('VIPABACKUP 10 10.1.8.10')))).filter((x) => x.property);
    expect(f.map((x) => x.code).filter((c) => c === 'no-backup' || c === 'backup-without-define')).toEqual(['backup-without-define']);
    expect(f.find((x) => x.code === 'backup-without-define')!.property).toBe('present');
  });

  it('block-only statements at top level are rejected as such', () => {
    const r = parse('VIPADEFINE 255.255.255.0 10.1.1.1\nVIPABACKUP 10.1.1.2');
    expect(codes(r)).toEqual(['outside-block', 'outside-block']);
    expect(r.findings[0]!.message).toContain('VIPADYNAMIC statement');
    expect(addrs(r)).toEqual([]);
  });

  it('a client whose DVIPA z/OS rejected: exit-2 message without internal tags, naming the rejection', () => {
    const text = spec(block('VIPADEFINE 255.255.255.0 10.1.8.10 2001:db8::1'), '', 'clients:\n  - { dvipa: 10.1.8.10, port: 80 }\n');
    const r = loadSpecText(text, 's.yaml', { propertyNames: NAMES });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.code === 'E_CLIENT_DVIPA')!;
    expect(e.hint).not.toMatch(/D-\d/);
    expect(e.hint).toMatch(/rejected|syntax error/);
  });
});

describe('present (SEMANTICS §9) and the IPL incident', () => {
  it('the broken IPL violates present in two steps; compare with the fixed profile says present newly holds', () => {
    const broken = runCli(['check', 'specs/bad-ipl-plain-backup.yaml', '--format', 'json']);
    expect(broken.code).toBe(0); // its expect block lists present
    const j = JSON.parse(broken.stdout);
    const p = j.properties.find((x: { name: string }) => x.name === 'present');
    expect(p.status).toBe('violated');
    expect(p.trace.steps.map((s: { event: string }) => s.event)).toEqual(['initial', 'start TCPCS2', 'routing-start TCPCS2']);
    const cmp = runCli(['compare', 'specs/bad-ipl-plain-backup.yaml', 'specs/ipl-moveable-backup.yaml', '--format', 'json']);
    expect(cmp.code).toBe(0);
    expect(JSON.parse(cmp.stdout)).toMatchObject({ newlyFailing: [], newlyHolding: ['present'], stillFailing: [] });
    const sim = runCli(['simulate', 'specs/bad-ipl-plain-backup.yaml', '--events', 'start TCPCS2; routing-start TCPCS2']);
    expect(sim.code).toBe(1);
    expect(sim.stdout).toContain('! present: 10.9.8.7 is Active nowhere: TCPCS2 is joined with a plain VIPABACKUP');
    const withConnect = runCli(['simulate', 'specs/bad-ipl-plain-backup.yaml', '--events', 'start TCPCS2; routing-start TCPCS2; connect server clients']);
    expect(withConnect.code).toBe(2); // the connect is impossible, but the violation before it is shown
    expect(withConnect.stdout).toContain('! present: 10.9.8.7 is Active nowhere');
    expect(withConnect.stderr).toContain("'connect server clients' is not possible now: 10.9.8.7 is Active nowhere");
    const l = runCli(['lint', 'specs/bad-ipl-plain-backup.yaml']);
    expect(l.stdout).toContain('warning: [TCPCS2] TCPCS2 can come up first in an IPL');
    expect(l.stdout).toContain('(endangers present); fix: VIPABACKUP 15 MOVEABLE IMMEDIATE 255.255.255.255 10.9.8.7');
  });

  it('a NOJOIN VIPADEFINE stack with only plain backups is flagged in the start state', async () => {
    const r = await check(config(spec(`GLOBALCONFIG SYSPLEXMONITOR NOJOIN\n${block('VIPADEFINE 255.255.255.0 10.1.8.10')}`)));
    const p = r.properties.find((x) => x.name === 'present')!;
    expect(p.status).toBe('violated');
    expect(p.trace!.steps).toHaveLength(1);
  });

  it('not flagged: a deactivated backup, a CPCSCOPE backup on another CPC than the VIPADEFINE stacks', async () => {
    const cpc = spec(block('VIPADEFINE CPCSCOPE 255.255.255.0 10.1.8.10'), block('VIPABACKUP 10 CPCSCOPE 10.1.8.10'),
      'environment: { maxFailures: 1 }\n').replace('  - name: A\n', '  - name: A\n    cpc: C1\n').replace('  - name: B\n', '  - name: B\n    cpc: C2\n');
    expect(await violated(cpc)).not.toContain('present');
    const sim = runCli(['simulate', specFile(spec(block('VIPADEFINE 255.255.255.0 10.1.8.10'))), '--events', 'deactivate B 10.1.8.10; terminate A']);
    expect(sim.stdout).not.toContain('present');
  });
});

describe('result empty (SPEC §5): a spec with nothing to verify is not a pass', () => {
  const unmodelled = spec(block('VIPARANGE DEFINE 255.255.255.0 10.1.2.0'), ''); // IPv6 DVIPAs are modelled (test/ipv6.test.ts)
  it('every DVIPA of a kind not modelled: result empty with a reason, exit 1, whatever expect says', async () => {
    const r = await check(config(unmodelled));
    expect(r.result).toBe('empty');
    expect(r.reason).toMatch(/^nothing to verify: .*1 VIPARANGE\(s\) in which no application binds an address/);
    const f = specFile(`${unmodelled}expect:\n  violated: []\n`);
    const text = runCli(['check', f]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('result: EMPTY: nothing to verify');
    const l = runCli(['lint', f]);
    expect(l.stdout).toContain('warning: nothing to verify');
    const json = JSON.parse(runCli(['check', f, '--format', 'json']).stdout);
    expect([json.result, typeof json.reason]).toEqual(['empty', 'string']);
    expect(runCli(['check', f, '--format', 'junit']).stdout).toContain('<testcase classname="' + f + '" name="nothing to verify" time="0"><failure');
  });
  it('every statement rejected, or no profile at all, is empty too; a bad spec still exits 2', async () => {
    const rejected = spec(block('VIPARange DEFINE address_mask network_prefix', 'VIPADEFINE 255.255.255.0 10.1.8.10'), '');
    expect((await check(config(rejected))).reason).toContain('1 profile error(s) rejected statements');
    expect((await check(config('stacks:\n  - name: A\n'))).result).toBe('empty');
    expect(runCli(['check', specFile(`${rejected}clients:\n  - { dvipa: 10.1.8.10, port: 80 }\n`)]).code).toBe(2);
  });
  it('a client of a VIPARANGE DVIPA is kept (issue 18): no note, and the spec is no longer empty', () => {
    const text = `${unmodelled.replace('applications: [{ name: WEB, port: 80 }]', 'applications: [{ name: WEB, port: 80 }, { name: APP, port: 81, bind: 10.1.2.5 }]')}clients:
  - { dvipa: 10.1.2.5, port: 81 }
`;
    const c = config(text);
    expect(c.clients.map((x) => x.dvipa)).toEqual(['10.1.2.5']);
    expect(c.findings.filter((f) => f.code === 'client-not-modelled')).toEqual([]);
    expect(runCli(['check', specFile(text)]).code).not.toBe(2);
    expect(runCli(['check', specFile(text.replace('bind: 10.1.2.5', 'bind: INADDR_ANY'))]).code).toBe(2); // no application binds it: D-38
  });

  it('compare to a version with nothing to verify exits 1', () => {
    const cmp = runCli(['compare', 'specs/ipl-moveable-backup.yaml', specFile(unmodelled)]);
    expect(cmp.code).toBe(1);
    expect(cmp.stdout).toContain('new version is EMPTY: nothing to verify');
  });

  it('several specs: empty counts as a failure (exit 1) after bad input (exit 2)', () => {
    expect(runCli(['check', specFile(unmodelled), 'specs/ipl-moveable-backup.yaml', '--quiet']).code).toBe(1);
  });
});

describe('IPCONFIG6 DYNAMICXCF (SEMANTICS §12)', () => {
  it('is read with its address in canonical form; NODYNAMICXCF turns it off; a bad address rejects the statement', () => {
    const on = parse('IPCONFIG DYNAMICXCF 10.1.1.1 255.255.255.0 1\nIPCONFIG6 DYNAMICXCF 2001:DB8:0::1 INTFID 0:0:0:1\n');
    expect([on.dynamicXcf, on.xcfAddress, on.dynamicXcf6, on.xcf6Address]).toEqual([true, '10.1.1.1', true, '2001:db8::1']);
    const off = parse('IPCONFIG6 DYNAMICXCF 2001:db8::1\nIPCONFIG6 NODYNAMICXCF\n');
    expect([off.dynamicXcf6, off.xcf6Address]).toEqual([false, null]);
    const bad = parse('IPCONFIG6 DYNAMICXCF 10.1.1.1\n');
    expect(bad.dynamicXcf6).toBe(false);
    expect(bad.findings.map((f) => [f.code, f.pos.line, f.pos.column])).toEqual([['bad-statement', 1, 22]]);
  });
});
