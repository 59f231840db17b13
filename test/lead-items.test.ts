import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { simulate } from '../src/check/simulate.js';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { config } from './helpers.js';

/** The lead's items of the eleventh session (docs/DECISIONS.md D-223 ..), each pinned. */
const map = (l: number, c: number) => ({ file: 'p.txt', line: l + 1, column: c + 1 });
const parse = (text: string): ProfileResult => parseProfile(text, map, 'S', new Map());
const block = (...lines: string[]): string => ['VIPADYNAMIC', 'VIPADEFINE 255.255.255.0 10.91.1.1', ...lines, 'ENDVIPADYNAMIC'].join('\n');
const codes = (r: ProfileResult, code: string): [string, number, number][] => r.findings.filter((f) => f.code === code).map((f) => [f.severity, f.pos.line, f.pos.column]);

describe('D-224: one distribution per DVIPA and port; a repeat for the same ports adds its targets', () => {
  it('same ports and method: targets merged into the first statement (ALL absorbs), info at the repeat', () => {
    const r = parse(block('VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.2', 'VIPADISTRIBUTE DISTM ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.3 10.61.0.2'));
    expect(r.distributes.map((d) => [d.pos.line, d.destip === 'ALL' ? 'ALL' : d.destip.map((t) => t.xcf)])).toEqual([[3, ['10.61.0.2', '10.61.0.3']]]);
    expect(codes(r, 'distribute-merged')).toEqual([['info', 4, 1]]);
    const all = parse(block('VIPADISTRIBUTE 10.91.1.1 DESTIP 10.61.0.2', 'VIPADISTRIBUTE 10.91.1.1 DESTIP ALL'));
    expect(all.distributes.map((d) => d.destip)).toEqual(['ALL']);
  });
  it('another method, HOTSTANDBY, or ports that only overlap: the first statement serves the shared ports, warning with the fix', () => {
    const m = parse(block('VIPADISTRIBUTE 10.91.1.1 PORT 8080 DESTIP 10.61.0.2', 'VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.3'));
    expect(m.distributes.length).toBe(2);
    expect(codes(m, 'distribute-repeated')).toEqual([['warning', 4, 1]]);
    expect(m.findings.find((f) => f.code === 'distribute-repeated')!.message).toContain('already distributed by line 3 with DISTMETHOD BASEWLM');
    const o = parse(block('VIPADISTRIBUTE 10.91.1.1 PORT 8080 DESTIP 10.61.0.2', 'VIPADISTRIBUTE 10.91.1.1 PORT 8080 9000 DESTIP 10.61.0.3'));
    expect(codes(o, 'distribute-repeated')).toEqual([['warning', 4, 1]]);
    expect(codes(parse(block('VIPADISTRIBUTE 10.91.1.1 PORT 8080 DESTIP 10.61.0.2', 'VIPADISTRIBUTE 10.91.1.1 PORT 9000 DESTIP 10.61.0.3')), 'distribute-repeated')).toEqual([]);
    const h = parse(block('VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.91.1.1 PORT 80 DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 9',
      'VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.91.1.1 PORT 80 DESTIP 10.61.0.4 PREFERRED 10.61.0.5 BACKUP 9'));
    expect(h.findings.find((f) => f.code === 'distribute-repeated')!.message).toContain('HOTSTANDBY targets are not added to');
  });
  it('the merged target takes connections in the search (a second target, no service loss when the first stops)', async () => {
    const stack = (n: string, x: number, apps: boolean, prof = ''): string => `  - name: ${n}\n    routing: static\n    profile: |\n      IPCONFIG DYNAMICXCF 10.61.0.${x} 255.255.255.0 1\n${prof}${apps ? '    applications:\n      - { name: S, port: 8080 }\n' : ''}`;
    const text = (second: string): string => `sysplex: T\nstacks:\n${stack('D1', 1, false, `      VIPADYNAMIC\n        VIPADEFINE 255.255.255.0 10.91.1.1\n        VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.2\n${second}      ENDVIPADYNAMIC\n`)}${stack('T2', 2, true)}${stack('T3', 3, true)}clients:\n  - { name: c, dvipa: 10.91.1.1, port: 8080 }\nenvironment:\n  events: [applications]\n  maxFailures: 1\n`;
    const one = await check(config(text('')), { only: ['service-available'] });
    expect(one.properties[0]!.status).toBe('violated');
    const two = await check(config(text('        VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.3\n')), { only: ['service-available'] });
    expect(two.properties[0]!.status).toBe('holds');
  });
});

describe('D-225: a zero mask is accepted with a warning; a non-contiguous one stays a syntax error', () => {
  const one = (st: string): ProfileResult => parse(['VIPADYNAMIC', st, 'ENDVIPADYNAMIC'].join('\n'));
  it('VIPADEFINE, MOVEABLE VIPABACKUP and VIPARANGE with 0.0.0.0: kept, warning mask-zero at the statement', () => {
    for (const st of ['VIPADEFINE 0.0.0.0 10.91.1.1', 'VIPABACKUP 100 MOVEABLE IMMEDIATE 0.0.0.0 10.91.1.1', 'VIPARANGE 0.0.0.0 10.91.0.0']) {
      const r = one(st);
      expect(r.defs.length + r.ranges.length).toBe(1);
      expect(codes(r, 'mask-zero')).toEqual([['warning', 2, 1]]);
    }
    expect(one('VIPADEFINE 255.255.255.255 10.91.1.1').findings).toEqual([]);
  });
  it('a non-contiguous mask still ends the block (a syntax error, as before)', () => {
    const r = parse(['VIPADYNAMIC', 'VIPADEFINE 255.0.255.0 10.91.1.1', 'VIPADEFINE 255.255.255.0 10.91.1.2', 'ENDVIPADYNAMIC'].join('\n'));
    expect(r.defs).toEqual([]);
    expect(codes(r, 'syntax')).toEqual([['error', 2, 12]]);
  });
});

describe('D-226: IPCONFIG6 is a list of IBM\'s parameters (V2R5); DYNAMICXCF takes addr/prefix_route_len', () => {
  const one = (st: string): ProfileResult => parse(st);
  it('a real IPCONFIG6 with every kind of parameter is taken whole, DYNAMICXCF counted', () => {
    const r = one('IPCONFIG6 DATAGRAMFWD NOFWDMULTIPATH HOPLIMIT 64 ICMPERRORLIMIT 3 IGNOREREDIRECT NOIGNOREROUTERHOPLIMIT\n'
      + '  DYNAMICXCF 2001:DB8::151:1/64 INTFID 6:7:8:9 SECCLASS 255 NOSMCD SOURCEVIPAINT SVIPA1 OSMSECCLASS 255 MULTIPATH PERC\n'
      + '  SOURCEVIPA TCPSTACKSOURCEVIPA DVIPA1 TEMPADDRS PREFLIFETIME 24 VALIDLIFETIME 168 CHECKSUMOFFL SEGMENTATIONOFFL IPSECURITY');
    expect(r.findings).toEqual([]);
    expect([r.dynamicXcf6, r.xcf6Address]).toEqual([true, '2001:db8::151:1']);
  });
  it('a word that is no IPCONFIG6 parameter is a syntax error at it; what came before counts, the rest is ignored', () => {
    const before = one('IPCONFIG6 DYNAMICXCF 2001:DB8::1 HOPLIMT 64');
    expect(codes(before, 'syntax')).toEqual([['error', 1, 34]]);
    expect(before.findings[0]!.message).toBe("syntax error in IPCONFIG6: 'HOPLIMT' is not an IPCONFIG6 parameter; the rest of the statement is ignored");
    expect(before.dynamicXcf6).toBe(true);
    const after = one('IPCONFIG6 BOGUS DYNAMICXCF 2001:DB8::1');
    expect(codes(after, 'syntax')).toEqual([['error', 1, 11]]);
    expect(after.dynamicXcf6).toBe(false);
    expect(one('IPCONFIG6 DYNAMIC 2001:DB8::1').findings[0]!.hint).toBe('write DYNAMICXCF');
  });
});

describe('D-227: the leave assumption (connections lost) is shown on a leave that lost connections, only there', () => {
  const spec = `sysplex: P
stacks:
  - name: S1
    routing: static
    profile: |
      VIPADYNAMIC
        VIPADEFINE 255.255.255.0 10.91.1.1
      ENDVIPADYNAMIC
    applications:
      - { name: W, port: 80 }
  - name: S2
    routing: static
    profile: |
      VIPADYNAMIC
        VIPABACKUP 100 10.91.1.1
      ENDVIPADYNAMIC
    applications:
      - { name: W, port: 80 }
clients:
  - { name: web, dvipa: 10.91.1.1, port: 80 }
`;
  const assumed = (events: string): (readonly string[] | undefined)[] => {
    const r = simulate(config(spec), events);
    if (!r.ok) throw new Error(r.message);
    return r.trace.steps.map((s) => (s as { assumed?: readonly string[] }).assumed);
  };
  it('a leave with a connection on its DVIPA says so; a leave with none, and the join, do not', () => {
    expect(assumed('connect web; leavegroup S1')[2]).toEqual(['leave-drops-connections']);
    expect(assumed('leavegroup S1; joingroup S1; leavegroup S2')).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("D-265: '&&NAME.' is MVS's double-ampersand notation (deferred), not an undefined symbol", () => {
  it('a statement word: a syntax error at the word that says so, with the one-ampersand fix; the table has the symbol', () => {
    const r = parseProfile('VIPADYNAMIC\nVIPADEFINE 255.255.255.0 10.1.2.&&SYSCLONE.\nENDVIPADYNAMIC', map, 'S', new Map([['SYSCLONE', '01']]));
    expect(r.defs).toEqual([]);
    const e = r.findings.find((f) => f.code === 'syntax')!;
    expect([e.pos.line, e.pos.column]).toEqual([2, 26]);
    expect(e.message).toContain("'&&SYSCLONE.' in '10.1.2.&&SYSCLONE.' is MVS's double-ampersand notation");
    expect(e.hint).toBe("write &SYSCLONE. (one ampersand) to use the symbol's value");
    // through the loader (line substitution first), and in an INCLUDE name
    const spec = `sysplex: P\nstacks:\n  - name: S1\n    system: SYS1\n    profile: |\n      VIPADYNAMIC\n        VIPADEFINE 255.255.255.0 10.1.2.&&SYSCLONE.\n      ENDVIPADYNAMIC\n      INCLUDE USER.&&SYSNAME..TCPPARMS(X)\n`;
    const f = config(spec).findings.filter((x) => x.severity === 'error').map((x) => [x.pos.line, x.pos.column, x.message.includes('double-ampersand')]);
    expect(f).toEqual([[9, 15, true], [7, 34, true]]);
    // a single ampersand still substitutes
    expect(parseProfile('VIPADYNAMIC\nVIPADEFINE 255.255.255.0 10.1.2.&SYSCLONE.\nENDVIPADYNAMIC', map, 'S', new Map([['SYSCLONE', '01']])).defs.map((d) => d.address)).toEqual(['10.1.2.1']);
  });
});
