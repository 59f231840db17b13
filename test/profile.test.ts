import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { loadSpecText } from '../src/spec/load.js';
import { NAMES, ROOT } from './helpers.js';

const map = (l: number, c: number) => ({ file: 'p.txt', line: l + 1, column: c + 1 });
const parse = (text: string): ProfileResult => parseProfile(text, map, 'S');
const fixture = (name: string): string => readFileSync(join(ROOT, 'test/fixtures/profiles', name), 'utf8');
const codes = (r: ProfileResult): string[] => r.findings.map((f) => f.code);

describe('TCP/IP profile parser', () => {
  it("takes IBM's full sample profile whole, with only not-modelled notes", () => {
    const text = fixture('sample-profile-tcpip.txt');
    expect(text.split('\n').length).toBeGreaterThan(600);
    const r = parse(text);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(new Set(codes(r))).toEqual(new Set(['not-modelled']));
    expect(r.defs).toEqual([]);
    expect(r.dynamicXcf).toBe(false);
  });

  it("the sample's commented VIPADYNAMIC block, uncommented, gives exactly its DVIPA statements", () => {
    const text = fixture('sample-profile-tcpip.txt').split('\n').map((l) => {
      const m = /^;\s*(IPCONFIG DYNAMICXCF|VIPADYNAMIC|VIPADEFINE|VIPABACKUP|VIPARANGE|ENDVIPADYNAMIC)\b(.*)$/.exec(l);
      return m ? `${m[1]}${m[2]}` : l;
    }).join('\n');
    const r = parse(text);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.dynamicXcf).toBe(true);
    const defs = r.defs.map((d) => [d.kind, d.address, d.rank, d.mask, d.moveable]);
    expect(defs.slice(0, 2)).toEqual([['define', '201.2.10.11', 0, '255.255.255.192', 'IMMEDIATE'], ['define', '201.2.10.12', 0, '255.255.255.192', 'IMMEDIATE']]);
    expect(defs.slice(2).map((d) => d[2])).toEqual([100, 100, 80, 80, 60, 60, 40, 40].slice(0, defs.length - 2));
    expect(defs.length).toBeGreaterThan(2);
  });

  it('takes the ADCD and synthetic profiles with blocks and continued statements', () => {
    const adcd = parse(fixture('adcd-zcx-dvipa.txt'));
    expect(adcd.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(adcd.homes).toEqual(['10.1.2.2', '192.168.1.191']);
    const syn = parse(fixture('synthetic-gibson-emulator-profile.txt'));
    expect(syn.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(syn.dynamicXcf).toBe(true);
    expect(syn.homes).toEqual(['192.168.0.96']);
  });

  it("reports Zowe's placeholder addresses instead of crashing", () => {
    const r = parse(fixture('zowe-sysplex-distributor.txt'));
    expect(codes(r)).toContain('bad-statement'); // IPCONFIG DYNAMICXCF x.x.x.A
    expect(codes(r)).toContain('syntax'); // VIPADEFINE 255.255.255.0 x.x.x.V
    expect(r.defs).toEqual([]);
    expect(r.dynamicXcf).toBe(false);
    const syntax = r.findings.find((f) => f.code === 'syntax')!;
    expect([syntax.pos.line, syntax.pos.column]).toEqual([4, 28]);
  });

  it('accepts minimum abbreviations, comments and continuation lines', () => {
    const r = parse('globalconf sysplexmon delayjoin recovery ; comment\nIPCONF DYNAMICXCF 10.0.0.1\n 255.255.255.0 1\nVIPAD\n VIPADEF MOVE IMMED 255.255.255.0\n   10.1.1.1 10.1.1.2\n VIPAB 20 MOVE WHENIDLE 255.255.255.255 10.1.1.3\nENDVIPAD');
    expect(r.findings).toEqual([]);
    expect([r.join, r.recovery, r.dynamicXcf]).toEqual(['DELAYJOIN', true, true]);
    expect(r.defs.map((d) => `${d.kind} ${d.address} ${d.moveable} ${d.rank}`)).toEqual(['define 10.1.1.1 IMMEDIATE 0', 'define 10.1.1.2 IMMEDIATE 0', 'backup 10.1.1.3 WHENIDLE 20']);
  });

  it('a syntax error ends the block: earlier statements count, later ones are ignored (D-46)', () => {
    for (const bad of ['VIPABACKUP 0 10.1.1.9', 'VIPABACKUP 255 10.1.1.9', 'VIPADEFINE 255.0.255.0 10.1.1.9', 'VIPADEFINE MOVEABLE 255.255.255.0 10.1.1.9',
      'VIPADEFINE MOVEABLE IMMEDIATE CPCSCOPE 255.255.255.0 10.1.1.9', 'VIPABACKUP 10 SERVICEMGR 10.1.1.9', 'VIPADEFINE 255.255.255.0 10.1.1', 'VIPADEFINE 255.255.255.0']) {
      const r = parse(`VIPADYNAMIC\nVIPADEFINE 255.255.255.0 10.1.1.1\n${bad}\nVIPADEFINE 255.255.255.0 10.1.1.2\nENDVIPADYNAMIC\nHOME 10.2.2.2 L1`);
      expect(codes(r), bad).toEqual(['syntax']);
      expect(r.findings[0]!.pos.line, bad).toBe(3);
      expect(r.defs.map((d) => d.address), bad).toEqual(['10.1.1.1']);
      expect(r.homes).toEqual(['10.2.2.2']);
    }
  });

  it('a missing ENDVIPADYNAMIC runs to the end; a top-level statement ends the block (D-45)', () => {
    const noEnd = parse('VIPADYNAMIC\nVIPADEFINE 255.255.255.0 10.1.1.1\nVIPABACKUP 10.1.1.2');
    expect(codes(noEnd)).toEqual(['no-end']);
    expect(noEnd.defs.length).toBe(2);
    const cut = parse('VIPADYNAMIC\nVIPADEFINE 255.255.255.0 10.1.1.1\nHOME 10.1.1.5 L\nVIPABACKUP 10.1.1.2');
    expect(codes(cut)).toContain('block-interrupted');
    expect(cut.defs.map((d) => d.address)).toEqual(['10.1.1.1']);
  });

  it('repeats, VIPADELETE and HOME/DYNAMICXCF conflicts (D-47, D-48)', () => {
    const r = parse('HOME 10.1.1.3 L\nVIPADYNAMIC\nVIPADEFINE 255.255.255.0 10.1.1.1\nVIPADEFINE 255.255.255.0 10.1.1.1\nVIPABACKUP 10.1.1.1\nVIPADELETE 10.1.1.1\nVIPABACKUP 50 10.1.1.1\nVIPADEFINE 255.255.255.0 10.1.1.3 10.1.1.4\nENDVIPADYNAMIC\nIPCONFIG DYNAMICXCF 10.1.1.4 255.255.255.0 1');
    expect(codes(r)).toEqual(['duplicate-definition', 'home-conflict', 'home-conflict']);
    expect(r.defs.map((d) => `${d.kind} ${d.address} ${d.rank}`)).toEqual(['backup 10.1.1.1 50']);
  });

  it('PORT, PORTRANGE and DELETE are operands inside VIPADYNAMIC (D-44); IPv6 definitions are read apart (SEMANTICS §12)', () => {
    const r = parse('VIPADYNAMIC\nVIPADEFINE 255.255.255.0 10.1.1.1\nVIPADISTRIBUTE DEFINE 10.1.1.1 PORT 20 21 DESTIP ALL\nVIPARANGE 255.255.255.0 10.1.2.0\nVIPARANGE DELETE 255.255.255.0 10.1.2.0\nVIPADEFINE MOVEABLE IMMEDIATE DVIPA6 2001:db8::1\nENDVIPADYNAMIC');
    expect(r.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(codes(r)).not.toContain('ipv6-not-modelled');
    expect(r.defs.map((d) => d.address)).toEqual(['10.1.1.1']);
    expect(r.ipv6Defs.map((d) => `${d.intf} ${d.address}`)).toEqual(['DVIPA6 2001:db8::1']);
  });

  it('inline profiles report positions in the spec file', () => {
    const spec = 'stacks:\n  - name: A\n    profile: |\n      VIPADYNAMIC\n        VIPABACKUP 300 10.1.1.1\n      ENDVIPADYNAMIC\n';
    const r = loadSpecText(spec, 's.yaml', { propertyNames: NAMES });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.findings.map((f) => [f.code, f.pos.line, f.pos.column])).toEqual([['syntax', 5, 20]]);
  });
});

const WORDS = ['VIPADYNAMIC', 'ENDVIPADYNAMIC', 'VIPADEFINE', 'VIPABACKUP', 'VIPADELETE', 'MOVEABLE', 'IMMEDIATE', 'WHENIDLE', 'CPCSCOPE',
  'SERVICEMGR', 'TIER1', 'GLOBALCONFIG', 'SYSPLEXMONITOR', 'DELAYJOIN', 'IPCONFIG', 'DYNAMICXCF', 'NODYNAMICXCF', 'HOME', 'PORT',
  'BEGINROUTES', 'ENDROUTES', 'AUTOLOG', 'DELETE', '255.255.255.0', '10.1.1.1', '10.1.1.2', '0', '100', '254', '255', ';', '\n', 'x.x.x.A', '2001:db8::1', '/24',
  // SEMANTICS §8: the other block statements, IPv6 forms, symbols, glued comments, zero padding
  'VIPARANGE', 'VIPADISTRIBUTE', 'VIPAROUTE', 'VIPASMPARMS', 'VIPASERVICEMGR', 'DISTMETHOD', 'HOTSTANDBY', 'ROUNDROBIN', 'WEIGHTEDACTIVE',
  'DESTIP', 'ALL', 'PREFERRED', 'BACKUP', 'WEIGHT', 'PORT', '20-21', 'SAF', 'ZCX', 'NONDISRUPTIVE', 'DVIPA1', '2001:db8::/64', '&SYSCLONE.',
  '10.1.1.&SYSNAME.', '10.1.1.1;c', '9.67.240.02', 'SMMCAST', '224.0.0.9', 'SMPORT', 'TIMEDAFF', 'OPTLOCAL', 'PROCTYPE', 'CP'];

describe('profile parser robustness (fast-check)', () => {
  it('random token soup never throws', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string()), { maxLength: 60 }), (toks) => {
      const r = parse(toks.join(' '));
      expect(Array.isArray(r.defs)).toBe(true);
    }), { numRuns: 500 });
  });

  it('random VIPADYNAMIC statements never throw; every finding has a position', () => {
    const stmt = fc.array(fc.constantFrom(...WORDS.filter((w) => w !== '\n')), { minLength: 1, maxLength: 10 }).map((w) => w.join(' '));
    fc.assert(fc.property(fc.array(stmt, { maxLength: 8 }), (lines) => {
      const r = parseProfile(`VIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC`, map, 'S', new Map([['SYSCLONE', '01']]));
      for (const f of r.findings) expect(f.pos.line).toBeGreaterThan(0);
      expect(new Set(r.defs.map((d) => d.address)).size).toBe(r.defs.length);
    }), { numRuns: 1000 });
  });

  it('random mutations of a valid profile never throw', () => {
    const base = fixture('sample-profile-tcpip.txt').slice(0, 4000);
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(base.length), fc.nat(20), fc.string({ maxLength: 12 })), { maxLength: 8 }), (edits) => {
      let t = base;
      for (const [at, del, ins] of edits) t = t.slice(0, at) + ins + t.slice(at + del);
      parse(t);
    }), { numRuns: 300 });
  });

  it('a valid profile printed back and parsed again gives the same configuration', () => {
    const addr = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })).map((a) => a.join('.'));
    const stmt = fc.oneof(
      fc.record({ k: fc.constant('define' as const), mv: fc.constantFrom('', 'MOVEABLE IMMEDIATE', 'MOVE WHENIDLE'), cpc: fc.boolean(), a: addr }),
      fc.record({ k: fc.constant('backup' as const), rank: fc.integer({ min: 1, max: 254 }), mv: fc.constantFrom('', 'MOVEABLE IMMEDIATE 255.255.255.0'), cpc: fc.boolean(), a: addr }),
    );
    fc.assert(fc.property(fc.array(stmt, { maxLength: 10 }), fc.constantFrom('DELAYJOIN', 'NODELAYJOIN', 'NOJOIN'), (stmts, join) => {
      const lines = stmts.map((s) => (s.k === 'define'
        ? `VIPADEFINE ${s.cpc ? 'CPCSCOPE ' : ''}${s.mv} 255.255.255.0 ${s.a}`
        : `VIPABACKUP ${s.rank} ${s.cpc ? 'CPCSCOPE ' : ''}${s.mv} ${s.a}`));
      const first = parse(`GLOBALCONFIG SYSPLEXMONITOR ${join}\nVIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC`);
      const printed = first.defs.map((d) => (d.kind === 'define'
        ? `VIPADEFINE ${d.cpcscope ? 'CPCSCOPE ' : ''}MOVEABLE ${d.moveable} ${d.mask} ${d.address}`
        : `VIPABACKUP ${d.rank} ${d.cpcscope ? 'CPCSCOPE ' : ''}${d.moveable ? `MOVEABLE ${d.moveable} ${d.mask} ` : ''}${d.address}`));
      const again = parse(`GLOBALCONFIG SYSPLEXMONITOR ${first.join}\nVIPADYNAMIC\n${printed.join('\n')}\nENDVIPADYNAMIC`);
      const strip = (r: ProfileResult) => r.defs.map(({ pos: _p, text: _t, ...rest }) => rest);
      expect(strip(again)).toEqual(strip(first));
      expect(again.join).toBe(first.join);
    }), { numRuns: 300 });
  });
});
