// Long because it is the one list of what z/OS rejects statement by statement (D-154..D-158),
// one describe block per statement kind.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { lint } from '../src/check/lint.js';
import { expandProfile } from '../src/spec/include.js';
import { canonicalIPv6, ipv6Restriction } from '../src/spec/ipv4.js';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { config, tmp, twoStacks } from './helpers.js';

/** Statements z/OS rejects that the parser once took silently (D-158, D-154 .. D-157): finding at line:column, effect. */
const map = (l: number, c: number) => ({ file: 'p.txt', line: l + 1, column: c + 1 });
const parse = (text: string): ProfileResult => parseProfile(text, map, 'S', new Map());
const found = (r: { findings: readonly { severity: string; code: string; pos: { line: number; column: number } }[] }): [string, number, number][] =>
  r.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.pos.line, f.pos.column]);
const block = (...lines: string[]): string => ['VIPADYNAMIC', ...lines, 'ENDVIPADYNAMIC'].join('\n');

describe('IPCONFIG / IPCONFIG6 DYNAMICXCF: a bad mask, mask bits or address rejects the statement (D-158)', () => {
  it.each([
    ['IPCONFIG DYNAMICXCF 193.9.200.1 255.0.255.0 1', 33, /subnet mask 255\.0\.255\.0 is not contiguous/],
    ['IPCONFIG DYNAMICXCF 193.9.200.1/33 1', 21, /'\/33' is not a number of mask bits 1\.\.32/],
    ['IPCONFIG DYNAMICXCF 193.9.200.1/-1 1', 21, /'\/-1' is not a number of mask bits/],
    ['IPCONFIG DYNAMICXCF 193.9.200.1 /-1 1', 33, /'\/-1' is not a number of mask bits/],
    ['IPCONFIG DYNAMICXCF 193.9.200.1 /0 1', 33, /'\/0' is not a number of mask bits/],
    ['IPCONFIG DYNAMICXCF 193.9.200.1 0.0.0.0 1', 33, /0\.0\.0\.0 has no network bits/],
    ['IPCONFIG DYNAMICXCF 193.9.200.1 255.255.256.0 1', 33, /'255\.255\.256\.0' is not a subnet mask/],
    ['IPCONFIG DYNAMICXCF 224.0.0.1 255.255.255.0 1', 21, /224\.0\.0\.1 is not a unicast address/],
    ['IPCONFIG DYNAMICXCF 127.0.0.1 255.0.0.0 1', 21, /not a unicast address/],
    ['IPCONFIG DYNAMICXCF 0.1.2.3 255.255.255.0 1', 21, /not a unicast address/],
  ])('%s', (text, column, message) => {
    const r = parse(text);
    expect(found(r)).toEqual([['bad-statement', 1, column]]);
    expect(r.findings[0]!.message).toMatch(message);
    expect(r.findings[0]!.message).toMatch(/IPCONFIG statement rejected$/);
    expect([r.dynamicXcf, r.xcfAddress]).toEqual([false, null]);
  });

  it('valid forms still count; a rejected statement leaves an earlier one standing', () => {
    for (const ok of ['193.9.200.1 255.255.255.0 1', '193.9.200.1/24 1', '193.9.200.1 /28 2', '193.9.200.1 255.255.255.255 1', '193.9.200.1 255.255.255.0']) {
      const r = parse(`IPCONFIG DYNAMICXCF ${ok}`);
      expect([found(r), r.dynamicXcf, r.xcfAddress], ok).toEqual([[], true, '193.9.200.1']);
    }
    const r = parse('IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1\nIPCONFIG DYNAMICXCF 193.9.200.9 255.0.255.0 1');
    expect(found(r)).toEqual([['bad-statement', 2, 33]]);
    expect([r.dynamicXcf, r.xcfAddress]).toEqual([true, '193.9.200.1']);
  });

  it('a two-stack spec whose backup has a non-contiguous mask loses connections on takeback', async () => {
    const spec = (mask: string): string => twoStacks(
      `GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\nIPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1\n${block('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.11')}`,
      `GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\nIPCONFIG DYNAMICXCF 193.9.200.3 ${mask} 1\n${block('VIPABACKUP 100 201.2.10.11')}`);
    const violated = async (text: string): Promise<string[]> => (await check(config(text))).properties.filter((p) => p.status === 'violated').map((p) => p.name);
    expect(await violated(spec('255.255.255.0'))).toEqual([]);
    const bad = config(spec('255.0.255.0'));
    expect(bad.stacks[1]!.dynamicXcf).toBe(false);
    const err = bad.findings.find((f) => f.code === 'bad-statement')!;
    expect([err.severity, err.stack, err.pos.line, err.pos.column]).toEqual(['error', 'TCPCS3', 15, 39]);
    expect(lint(bad).some((f) => f.code === 'no-dynamicxcf' && f.stack === 'TCPCS3')).toBe(true);
    expect(await violated(spec('255.0.255.0'))).toEqual(['connections-preserved']);
  });

  it.each([
    ['IPCONFIG6 DYNAMICXCF ::', 22, /:: is the unspecified address/],
    ['IPCONFIG6 DYNAMICXCF ::1', 22, /::1 is the loopback address/],
    ['IPCONFIG6 DYNAMICXCF ff02::1', 22, /ff02::1 is a multicast address/],
    ['IPCONFIG6 DYNAMICXCF FE80::5', 22, /fe80::5 is a link-local address/],
    ['IPCONFIG6 DYNAMICXCF ::ffff:10.1.1.1', 22, /::ffff:10\.1\.1\.1 is an IPv4-mapped address/],
    ['IPCONFIG6 DYNAMICXCF 2001:db8::1/129', 22, /prefix route length must be 1\.\.128, not '129'/], // D-226: /1..128 is IBM's
    ['IPCONFIG6 DYNAMICXCF 2001:db8::1/0', 22, /prefix route length must be 1\.\.128, not '0'/],
    ['IPCONFIG6 DYNAMICXCF 2001:db8::1 INTFID 1:2:3', 41, /INTFID needs a 64-bit interface ID x:x:x:x, not '1:2:3'/],
    ['IPCONFIG6 DYNAMICXCF 2001:db8::1 INTFID', 34, /INTFID needs a 64-bit interface ID/],
  ])('%s', (text, column, message) => {
    const r = parse(text);
    expect(found(r)).toEqual([['bad-statement', 1, column]]);
    expect(r.findings[0]!.message).toMatch(message);
    expect([r.dynamicXcf6, r.xcf6Address]).toEqual([false, null]);
  });
});

describe('GLOBALCONFIG: a word that is no parameter is a syntax error at it; what came before counts (D-154)', () => {
  it('SYSPLEXMONITOR BOGUS DELAYJOIN: error at BOGUS, DELAYJOIN (after it) is ignored', () => {
    const r = parse('GLOBALCONFIG SYSPLEXMONITOR BOGUS DELAYJOIN');
    expect(found(r)).toEqual([['syntax', 1, 29]]);
    expect(r.findings[0]!.message).toMatch(/^syntax error in GLOBALCONFIG: 'BOGUS' is neither a SYSPLEXMONITOR parameter \(DELAYJOIN, .*\) nor a GLOBALCONFIG parameter; the rest of the statement is ignored$/);
    expect(r.join).toBe('NODELAYJOIN');
  });

  it('SYSPLEXMONITOR DELAYJ: its parameters have no abbreviation; the hint names the word meant', () => {
    const r = parse('GLOBALCONFIG\n  SYSPLEXMON RECOVERY DELAYJ');
    expect(found(r)).toEqual([['syntax', 2, 23]]);
    expect(r.findings[0]!.hint).toBe('write DELAYJOIN');
    expect([r.join, r.recovery]).toEqual(['NODELAYJOIN', true]); // RECOVERY came before the error
  });

  it('the lint finding "without DELAYJOIN" now comes with the syntax error that explains it', () => {
    const cfg = config(`stacks:\n  - name: A\n    routing: omproute\n    profile: |\n      GLOBALCONFIG SYSPLEXMONITOR DELAYJ\n      ${block('VIPADEFINE 255.255.255.0 10.1.8.10').split('\n').join('\n      ')}\n`);
    const f = cfg.findings.find((x) => x.code === 'syntax')!;
    expect([f.severity, f.pos.line, f.pos.column]).toEqual(['error', 5, 35]);
    expect(lint(cfg).map((x) => x.code)).toContain('no-delayjoin');
  });

  it('other errors: a SYSPLEXMONITOR word outside its group, a value after a flag, an unknown word first, TIMERSECS without a number', () => {
    const cases: [string, number, RegExp][] = [
      ['GLOBALCONFIG NOTCPIPSTATISTICS DELAYJOIN', 32, /DELAYJOIN is a parameter of SYSPLEXMONITOR, and NOTCPIPSTATISTICS comes before it/],
      ['GLOBALCONFIG DELAYJOIN', 14, /DELAYJOIN is a parameter of SYSPLEXMONITOR, and nothing comes before it/],
      ['GLOBALCONFIG TCPIPSTATISTICS BOGUS', 30, /TCPIPSTATISTICS takes no value, and 'BOGUS' is not a GLOBALCONFIG parameter/],
      ['GLOBALCONFIG BOGUS SYSPLEXMONITOR DELAYJOIN', 14, /'BOGUS' is not a GLOBALCONFIG parameter/],
      ['GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN TIMERSECS x', 49, /TIMERSECS needs a number of seconds, not 'x'/],
    ];
    for (const [text, column, message] of cases) {
      const r = parse(text);
      expect(found(r), text).toEqual([['syntax', 1, column]]);
      expect(r.findings[0]!.message, text).toMatch(message);
    }
    expect(parse('GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN TIMERSECS x').join).toBe('DELAYJOIN');
    expect(parse('GLOBALCONFIG DELAYJOIN').join).toBe('NODELAYJOIN');
  });

  it('valid statements: abbreviations of GLOBALCONFIG parameters, operands of parameters not modelled, several groups', () => {
    const r = parse([
      'GLOBALCONFIG NOTCPIPSTATISTICS ECSALIMIT 2048K SYSPLEXMONITOR RECOVERY DELAYJOIN TIMERSECS 60 MONINTERFACE DYNROUTE',
      '  ZIIP IPSECURITY IQDIOMULTIWRITE SYSPLEXWLMP 30 ADJUSTDV ALL XCFGRP 11',
      'GLOBALCONF SYSPLEXMON NOJOIN AUTOREJOIN SEGMENTATIONOFFL SMCR PFID 0018 PORTNUM 1 WLMPRIORITYQ IOPRI1 0 IOPRI2 1',
    ].join('\n'));
    expect(found(r)).toEqual([]);
    expect([r.join, r.recovery, r.autorejoin]).toEqual(['NOJOIN', true, true]);
  });
});

describe('IPv6 DVIPAs: unspecified, loopback, multicast, link-local and IPv4-mapped are rejected (D-155)', () => {
  it('each is rejected from its statement with an error at the address; the block goes on', () => {
    const r = parse(block('VIPADEFINE DV1 ::', 'VIPADEFINE MOVEABLE IMMEDIATE DV2 ::1', 'VIPABACKUP 10 DV3 ff02::1', 'VIPADEFINE DV4 fe80::1',
      'VIPADEFINE DV5 ::ffff:1.2.3.4', 'VIPADEFINE DV6 ::1.2.3.4', 'VIPADEFINE DV7 2001:db8::7'));
    expect(found(r)).toEqual([['not-unicast', 2, 16], ['not-unicast', 3, 35], ['not-unicast', 4, 19], ['not-unicast', 5, 16], ['not-unicast', 6, 16], ['not-unicast', 7, 16]]);
    expect(r.findings.map((f) => f.message.split(',')[0])).toEqual([
      ':: is the unspecified address', '::1 is the loopback address', 'ff02::1 is a multicast address', 'fe80::1 is a link-local address',
      '::ffff:1.2.3.4 is an IPv4-mapped address', '::102:304 is in the reserved prefix ::/96 (IPv4-compatible)']);
    expect(r.ipv6Defs.map((d) => d.address)).toEqual(['2001:db8::7']);
  });

  it('a prefix in place of the address: VIPADEFINE allows addr/prefix (IBM diagram), but the host part zero gets a warning', () => {
    const r = parse(block('VIPADEFINE DV1 2001:db8::/64', 'VIPADEFINE DV2 2001:db8:1::5/64', 'VIPABACKUP 10 MOVEABLE IMMEDIATE DV3 2001:db8:2::/48'));
    expect(found(r)).toEqual([['prefix-as-address', 2, 16], ['prefix-as-address', 4, 38]]);
    expect(r.findings[0]!.hint).toBe("write the DVIPA's own address before /64 (2001:db8::1/64, say)");
    expect(r.ipv6Defs.map((d) => `${d.address}/${d.prefix}`)).toEqual(['2001:db8::/64', '2001:db8:1::5/64', '2001:db8:2::/48']);
    expect(found(parse(block('VIPABACKUP 10 DV3 2001:db8::/64')))).toEqual([['syntax', 2, 19]]); // plain VIPABACKUP: no prefix (D-69)
  });

  it('a spec with only a loopback IPv6 DVIPA has nothing to verify', async () => {
    const text = twoStacks(`IPCONFIG6 DYNAMICXCF 2001:db8:200::1\n${block('VIPADEFINE DV1 ::1')}`, `IPCONFIG6 DYNAMICXCF 2001:db8:200::2\n${block('VIPABACKUP 10 DV1 ::1')}`).replace(/clients:\n.*\n/, '');
    const cfg = config(text);
    expect(cfg.findings.filter((f) => f.code === 'not-unicast').map((f) => [f.stack, f.pos.line, f.pos.column])).toEqual([['TCPCS', 7, 22], ['TCPCS3', 15, 25]]);
    expect((await check(cfg)).result).toBe('empty');
  });

  it('the restriction classes', () => {
    expect(['::', '::1', 'ff00::', 'FF05::2', 'fe80::', 'febf:ffff::1', '::ffff:0:1', '::5'].map((a) => ipv6Restriction(a) !== null)).toEqual(Array(8).fill(true));
    expect(['2001:db8::1', 'fec0::1', 'fc00::1', '2002:c000:201::1', '64:ff9b::1.2.3.4', '::1:0:0:1'].map(ipv6Restriction)).toEqual(Array(6).fill(null));
  });
});

describe('the canonical IPv6 printer (RFC 5952)', () => {
  it('writes an IPv4-mapped address in the mixed notation of RFC 5952 §5', () => {
    for (const a of ['::ffff:1.2.3.4', '::FFFF:102:304', '0:0:0:0:0:ffff:102:304', '::ffff:0102:0304']) expect(canonicalIPv6(a), a).toBe('::ffff:1.2.3.4');
    expect(canonicalIPv6('::ffff:0:0')).toBe('::ffff:0.0.0.0');
    expect(found(parse(block('VIPADEFINE DV1 ::ffff:102:304')))).toEqual([['not-unicast', 2, 16]]);
    expect(parse(block('VIPADEFINE DV1 ::ffff:102:304')).findings[0]!.message).toMatch(/^::ffff:1\.2\.3\.4 is an IPv4-mapped address/);
  });

  it('agrees with the WHATWG URL parser on every other address (as before), and rejects what it rejects', () => {
    const url = (s: string): string | null => { try { return new URL(`http://[${s}]/`).hostname.slice(1, -1); } catch { return null; } };
    const piece = fc.constantFrom('0', '1', 'a', 'F', 'ffff', '0000', '12345', ':', '::', '.', '1.2.3.4', '255', '01', '192.168.0.1');
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), (parts) => {
      const s = parts.join('');
      if (!s.includes(':')) return;
      const mine = canonicalIPv6(s), theirs = url(s);
      const mapped = (x: string | null): boolean => x !== null && /^::ffff:(\d+\.){3}\d+$|^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(x);
      if (mapped(mine) || mapped(theirs)) expect(mapped(mine) && mapped(theirs)).toBe(true);
      else expect(mine).toBe(theirs);
    }), { numRuns: 3000 });
  });

  it('zero runs: the longest of two or more, the first of equal ones; one zero group stays', () => {
    expect(['2001:db8:0:0:1:0:0:1', '2001:0:0:1:0:0:0:1', '2001:db8:0:1:1:1:1:1', '0:0:0:0:0:0:0:0', '1:0:0:0:0:0:0:0'].map(canonicalIPv6))
      .toEqual(['2001:db8::1:0:0:1', '2001:0:0:1::1', '2001:db8:0:1:1:1:1:1', '::', '1::']);
  });
});

describe("a ';' glued to a statement keyword is a syntax error of its statement (D-156)", () => {
  it('VIPADYNAMIC;x: no block starts, none of its statements exist; the next block counts', () => {
    const r = parse(['VIPADYNAMIC;x', '  VIPADEFINE 255.255.255.0 201.2.10.11', 'ENDVIPADYNAMIC', block('VIPADEFINE 255.255.255.0 201.2.10.12')].join('\n'));
    expect(found(r)).toEqual([['syntax', 1, 1]]);
    expect(r.findings[0]!.message).toMatch(/^';' right after 'VIPADYNAMIC': a comment needs a blank before it/);
    expect(r.findings[0]!.hint).toBe("put a blank before ';'");
    expect(r.defs.map((d) => d.address)).toEqual(['201.2.10.12']);
  });

  it('ENDVIPADYNAMIC;x: the block does not end there; what came before counts', () => {
    const r = parse(['VIPADYNAMIC', '  VIPADEFINE 255.255.255.0 201.2.10.11', 'ENDVIPADYNAMIC;x', '  VIPADEFINE 255.255.255.0 201.2.10.13', 'ENDVIPADYNAMIC', block('VIPADEFINE 255.255.255.0 201.2.10.12')].join('\n'));
    expect(found(r)).toEqual([['syntax', 3, 1]]);
    expect(r.findings[0]!.message).toMatch(/^syntax error in VIPADYNAMIC: ';' right after 'ENDVIPADYNAMIC'.*the rest of the VIPADYNAMIC block is ignored$/);
    expect(r.defs.map((d) => d.address)).toEqual(['201.2.10.11', '201.2.10.12']);
  });

  it("VIPADEFINE;x: the glued ';' is named, not a missing mask", () => {
    const r = parse(block('VIPADEFINE 255.255.255.0 201.2.10.10', 'VIPADEFINE;x 255.255.255.0 201.2.10.11', 'VIPADEFINE 255.255.255.0 201.2.10.12'));
    expect(found(r)).toEqual([['syntax', 3, 1]]);
    expect(r.findings[0]!.message).toBe("syntax error in VIPADEFINE: ';' right after 'VIPADEFINE': a comment needs a blank before it, so the word is not valid; the rest of the VIPADYNAMIC block is ignored");
    expect(r.defs.map((d) => d.address)).toEqual(['201.2.10.10']);
  });

  it('top-level statements and skipped blocks likewise', () => {
    const g = parse('GLOBALCONFIG;x SYSPLEXMONITOR DELAYJOIN');
    expect(found(g)).toEqual([['syntax', 1, 1]]);
    expect(g.join).toBe('NODELAYJOIN');
    const routes = parse('BEGINROUTES;x\n ROUTE 10.0.0.0/8 = OSA1 MTU 1492\nENDROUTES\nIPCONFIG DYNAMICXCF 10.1.1.1 255.255.255.0 1');
    expect(found(routes)).toEqual([['syntax', 1, 1]]);
    expect(routes.dynamicXcf).toBe(true);
  });
});

describe('INCLUDE: a glued \';\', what is no member, an unresolved symbol (D-156, D-157)', () => {
  it("INCLUDE name;x is not included; INCLUDE;x is the parser's, as any statement keyword", () => {
    const dir = tmp();
    writeFileSync(join(dir, 'VIPAS'), block('VIPADEFINE 255.255.255.0 201.2.10.11'));
    const ex = expandProfile('INCLUDE USER.TCPPARMS(VIPAS);x\nINCLUDE;y USER.TCPPARMS(VIPAS)\n', map, { dir, file: null });
    expect(found(ex)).toEqual([['syntax', 1, 9]]);
    expect(ex.findings[0]!.message).toMatch(/^INCLUDE statement rejected: ';' right after 'USER\.TCPPARMS\(VIPAS\)'/);
    const p = parseProfile(ex.text, ex.map, 'S');
    expect(found(p)).toEqual([['syntax', 2, 1]]);
    expect(p.defs).toEqual([]);
  });

  const site = (): string => {
    const dir = tmp();
    expect(spawnSync('mkfifo', [join(dir, 'FIFOM')]).status).toBe(0);
    mkdirSync(join(dir, 'FOLDM'));
    symlinkSync('/dev/null', join(dir, 'DEVM'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'LINKM'));
    writeFileSync(join(dir, 'GOOD'), block('VIPADEFINE 255.255.255.0 201.2.10.11'));
    return dir;
  };
  it('a FIFO, a device, a folder or a broken link is named as such, not "no member"', () => {
    const dir = site();
    const ex = expandProfile(['INCLUDE USER.TCPPARMS(FIFOM)', 'INCLUDE DEVM', 'INCLUDE SYS1.FOLDM', 'INCLUDE LINKM', 'INCLUDE GOOD', 'INCLUDE NOSUCH'].join('\n'), map, { dir, file: null });
    expect(found(ex)).toEqual([1, 2, 3, 4, 6].map((l) => ['include-missing', l, 9]));
    expect(ex.findings.map((f) => f.message.replace(dir, 'DIR'))).toEqual([
      'INCLUDE USER.TCPPARMS(FIFOM): DIR/FIFOM is a FIFO, not a member (a regular file); its statements are missing from this profile',
      'INCLUDE DEVM: DIR/DEVM is a device, not a member (a regular file); its statements are missing from this profile',
      'INCLUDE SYS1.FOLDM: DIR/FOLDM is a folder, not a member (a regular file); its statements are missing from this profile',
      'INCLUDE LINKM: DIR/LINKM is a broken symbolic link, not a member (a regular file); its statements are missing from this profile',
      `INCLUDE NOSUCH: no member "NOSUCH" in DIR; its statements are missing from this profile`,
    ]);
    expect(parseProfile(ex.text, ex.map, 'S').defs.map((d) => d.address)).toEqual(['201.2.10.11']);
  });

  it('a regular file of the member name is still found when a folder has the data set name', () => {
    const dir = site();
    mkdirSync(join(dir, 'USER.TCPPARMS.GOOD'));
    const ex = expandProfile('INCLUDE USER.TCPPARMS.GOOD', map, { dir, file: null });
    expect(found(ex)).toEqual([]);
    expect(ex.files).toEqual([join(dir, 'GOOD')]);
  });

  it('INCLUDE &X. with X undefined is a syntax error naming the symbol; a defined one resolves', () => {
    const dir = site();
    const ex = expandProfile('INCLUDE &X.\nINCLUDE USER.TCPPARMS(&MEM.)\nINCLUDE USER.&HLQ..TCPPARMS(GOOD)', map, { dir, file: null, symbols: { MEM: 'GOOD' } });
    expect(found(ex)).toEqual([['syntax', 1, 9], ['syntax', 3, 9]]);
    expect(ex.findings.map((f) => f.message)).toEqual([
      "INCLUDE statement rejected: system symbol &X. in '&X.' is not defined for this stack; its statements are missing from this profile",
      "INCLUDE statement rejected: system symbol &HLQ. in 'USER.&HLQ..TCPPARMS(GOOD)' is not defined for this stack; its statements are missing from this profile",
    ]);
    expect(ex.findings[0]!.hint).toMatch(/^add it to the stack's symbols:/);
    expect(ex.files).toEqual([join(dir, 'GOOD')]);
  });

  it('through the loader: the finding has the stack and the position in the spec', () => {
    const cfg = config('stacks:\n  - name: A\n    profile: |\n      INCLUDE &X.\n');
    expect(cfg.findings.filter((x) => x.severity === 'error').map((x) => [x.code, x.stack, x.pos.line, x.pos.column])).toEqual([['syntax', 'A', 4, 15]]);
  });
});
