// D-324 .. D-326: profile processing bounded by what it produces. Each bomb is built here from a
// few generated lines (no big file is committed) and must end at once, at its file:line:column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImport } from '../src/import/build.js';
import { parseIeasym, symbolsOf } from '../src/import/ieasym.js';
import { readInputs } from '../src/import/inputs.js';
import { expandProfile } from '../src/spec/include.js';
import { MAX_SYMBOL_TABLE } from '../src/spec/line-symbols.js';
import { loadSpec } from '../src/spec/load.js';
import { MAX_PROFILE_BYTES } from '../src/spec/read-bounded.js';
import { NAMES, runCli, tmp } from './helpers.js';

const MIB4 = MAX_PROFILE_BYTES;
const TAIL = ['IPCONFIG DYNAMICXCF 10.0.0.1 255.255.255.0 1', 'VIPADYNAMIC', ' VIPADEFINE 255.255.255.0 10.1.1.1', 'ENDVIPADYNAMIC'];

/** No crash, no stack trace, no "internal error": the contract of SPEC §2 for bad input. */
function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = runCli(args, cwd);
  expect(r.code, r.stderr).not.toBe(70);
  expect(r.code, r.stderr).not.toBe(134);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|heap out of memory|\n\s+at .*:\d+:\d+\)?\n/);
  return r;
}

/** A folder with spec.yaml (stack A, `symbols` and profileFile prof.txt) and the members given. */
function site(symbols: string, profile: string[], members: Record<string, string> = {}): string {
  const d = tmp();
  writeFileSync(join(d, 'spec.yaml'), `sysplex: P\nstacks:\n  - name: A\n    system: SYS1\n${symbols}    profileFile: prof.txt\n    applications: [{name: WEB, port: 80}]\n`);
  writeFileSync(join(d, 'prof.txt'), `${profile.join('\n')}\n`);
  for (const [name, text] of Object.entries(members)) writeFileSync(join(d, name), text);
  return d;
}

const errorsOf = (d: string): string[] => {
  const r = loadSpec(join(d, 'spec.yaml'), { propertyNames: NAMES });
  return r.ok ? [] : r.errors.map((e) => `${e.pos.file.slice(d.length + 1)}:${e.pos.line}:${e.pos.column}: ${e.code}: ${e.message}`);
};

describe('D-324: a stack\'s symbols hold at most a z/OS symbol table (32512 bytes)', () => {
  const bomb = (n: number): string => site(`    symbols: { X: "${'A'.repeat(n)}" }\n`, [...TAIL, ...Array.from({ length: 100 }, () => '; &X.\nPORT 80 TCP &X.')]);
  const TOO_BIG = (n: number): string => `symbol X of stack A (${n} characters) makes the values of the stack's symbols ${n} characters in all, more than the ${MAX_SYMBOL_TABLE} bytes of a z/OS system symbol table`;

  it('a value of 100,000 characters used 200 times is E_LIMIT at the value, at once', () => {
    const d = bomb(100_000);
    const t0 = Date.now();
    expect(errorsOf(d)).toEqual([`spec.yaml:5:19: E_LIMIT: ${TOO_BIG(100_000)}`]);
    expect(Date.now() - t0).toBeLessThan(500);
  });

  it('the reproduction (3,000,000 characters) under check --timeout 5 --max-memory 500: exit 2, the profile not read', () => {
    const r = cli(['check', '--no-progress', '--timeout', '5', '--max-memory', '500', 'spec.yaml'], bomb(3_000_000));
    expect(r.code).toBe(2);
    // only the error: no finding about &X. missing from a profile read without it
    expect(r.stderr.trim().split('\n')).toEqual([`spec.yaml:5:19: error E_LIMIT: ${TOO_BIG(3_000_000)} (D-324: IBM wants a symbol's value no longer than its name with the &)`]);
  });

  it('the values count together: the symbol that passes the maximum is named, the ones before it are not', () => {
    const d = site(`    symbols:\n      A: "${'a'.repeat(20_000)}"\n      B: "${'b'.repeat(12_000)}"\n      C: "${'c'.repeat(600)}"\n`, TAIL);
    expect(errorsOf(d)).toEqual(['spec.yaml:8:10: E_LIMIT: symbol C of stack A (600 characters) makes the values of the stack\'s symbols 32600 characters in all, more than the 32512 bytes of a z/OS system symbol table']);
  });

  it('an ordinary spec with symbols longer than their names (as sites write them) still loads', () => {
    const d = site('    symbols: { SYSCLONE: "01", VIPA: "10.1.1.1", LONGVALUE: "a value of forty characters, and more...." }\n',
      ['IPCONFIG DYNAMICXCF 10.0.0.1&SYSCLONE. 255.255.255.0 1', 'VIPADYNAMIC', ' VIPADEFINE 255.255.255.0 &VIPA.', 'ENDVIPADYNAMIC', 'INCLUDE PORTS', 'INCLUDE PORTS'],
      { PORTS: 'PORT 80 TCP WEB&SYSCLONE.\n' });
    const r = loadSpec(join(d, 'spec.yaml'), { propertyNames: NAMES });
    expect(r.ok && r.config.stacks[0]!.defs.map((x) => x.address)).toEqual(['10.1.1.1']);
    expect(r.ok && r.config.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('D-325: the processed profile is held to the 4 MiB of a profile', () => {
  it('symbols within the table that make the profile pass 4 MiB: E_LIMIT at the symbol that passes it', () => {
    const value = 'A'.repeat(30_000);
    const lines = [...TAIL, ...Array.from({ length: 200 }, () => 'PORT 80 TCP &X.')];
    const d = site(`    symbols: { X: "${value}" }\n`, lines);
    // the count: the profile as read, then what each line's symbol adds to it
    const start = `${lines.join('\n')}\n`.length;
    const k = Math.floor((MIB4 - start) / (value.length - 3)); // lines that fit
    const t0 = Date.now();
    expect(errorsOf(d)).toEqual([`prof.txt:${TAIL.length + k + 1}:13: E_LIMIT: stack A: system symbol &X. (30000 characters) makes the profile, its INCLUDEs read and its symbols substituted, more than the 4 MiB limit of a profile (D-91); the profile is not read further`]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('a profile within 4 MiB once substituted is read as before, whatever its symbols add', () => {
    const d = site(`    symbols: { X: "${'A'.repeat(8)}" }\n`, [...TAIL, ...Array.from({ length: 2000 }, () => 'PORT 80 TCP &X.')]);
    expect(errorsOf(d)).toEqual([]);
  });

  it('an inline profile past 4 MiB (a spec may be 8 MiB) is refused at the line where the count passes it', () => {
    const line = `; ${'x'.repeat(1021)}`; // 1024 characters with its newline
    const text = [...TAIL, ...Array.from({ length: 4200 }, () => line)].join('\n');
    const ex = expandProfile(text, (l, c) => ({ file: 'inline.yaml', line: l + 1, column: c + 1 }), { dir: tmp(), file: null });
    const crossing = Math.floor((MIB4 - `${TAIL.join('\n')}\n`.length) / 1024) + TAIL.length + 1;
    expect(ex.limit && `${ex.limit.pos.line}:${ex.limit.pos.column} ${ex.limit.code} ${ex.limit.message}`).toBe(`${crossing}:1 E_LIMIT the profile is ${text.length} characters, more than the 4 MiB limit of a profile (D-91); it is not read further`);
    expect(ex.text).toBe('');
  });
});

describe('D-326: INCLUDEs cost what they produce', () => {
  /** 31 members, each INCLUDEs the next twice (no cycle): 2^30 inclusions unbounded. */
  const fanOut = (levels: number, times = 2): Record<string, string> => Object.fromEntries([
    ...Array.from({ length: levels }, (_, i) => [`M${i}`, `INCLUDE M${i + 1}\n`.repeat(times)]),
    [`M${levels}`, '; leaf\nPORT 80 TCP WEB\n'],
  ]);

  const fanOutSite = (): string => site('', ['INCLUDE M0', ...TAIL], fanOut(30));
  const LIMIT_AT = 'M27:2:9: E_LIMIT: stack A: INCLUDE M28: M28 (24 characters, read for the 178477th INCLUDE) makes the profile, its INCLUDEs read and its symbols substituted, more than the 4 MiB limit of a profile (D-91); the profile is not read further';

  it('an INCLUDE fan-out stops at the INCLUDE that passes 4 MiB, in well under a second', () => {
    const d = fanOutSite();
    const t0 = Date.now();
    expect(errorsOf(d)).toEqual([LIMIT_AT]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('check of the fan-out under --timeout and --max-memory: exit 2 at that INCLUDE', () => {
    const r = cli(['check', '--no-progress', '--timeout', '5', '--max-memory', '300', 'spec.yaml'], fanOutSite());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${LIMIT_AT.replace(': E_LIMIT', ': error E_LIMIT')} (D-325: each INCLUDE reads its member again; look for members that INCLUDE others more than once)`);
  });

  it('import of a fan-out (8 members, each INCLUDEs the next 8 times): the limit a finding at the INCLUDE', () => {
    const d = site('', ['INCLUDE M0', ...TAIL], fanOut(7, 8));
    const t0 = Date.now();
    const m = buildImport(readInputs([d]), () => 'x');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(m.findings.filter((f) => f.code === 'E_LIMIT').map((f) => `${f.pos.file.slice(d.length + 1)}:${f.pos.line}:${f.pos.column} ${f.message}`)).toEqual(['M6:2:9 INCLUDE M7: M7 (23 characters, read for the 134745th INCLUDE) makes the profile, its INCLUDEs read and its symbols substituted, more than the 4 MiB limit of a profile (D-91); the profile is not read further']);
  });

  it('the same members read many times give what walking each INCLUDE gives: lines, positions, findings', () => {
    // a diamond with a symbol and a missing member at the bottom, included four times
    const d = tmp();
    writeFileSync(join(d, 'TOP'), 'INCLUDE L\nINCLUDE R\nINCLUDE L\n');
    writeFileSync(join(d, 'L'), 'INCLUDE B\n; left\n');
    writeFileSync(join(d, 'R'), 'INCLUDE B\n');
    writeFileSync(join(d, 'B'), 'PORT 80 TCP WEB&SYSCLONE.\nINCLUDE NOPE\n');
    const ex = expandProfile('INCLUDE TOP\nPORT 81 TCP X', (l, c) => ({ file: 'p', line: l + 1, column: c + 1 }), { dir: d, file: null, symbols: { SYSCLONE: '01' } });
    // what the walk of every INCLUDE gave before D-326 (the build of main, run on these members)
    const b = ['PORT 80 TCP WEB01', '', ''];
    expect(ex.text.split('\n')).toEqual(['', '', '', ...b, '; left', '', '', '', ...b, '', '', '', ...b, '; left', '', '', 'PORT 81 TCP X']);
    expect(ex.limit).toBe(null);
    const at = ex.text.split('\n').map((_, l) => { const p = ex.map(l, 0); return `${p.file.slice(d.length + 1) || p.file}:${p.line}`; });
    expect(at.join(' ')).toBe('p:1 TOP:1 L:1 B:1 B:2 B:3 L:2 L:3 TOP:2 R:1 B:1 B:2 B:3 R:2 TOP:3 L:1 B:1 B:2 B:3 L:2 L:3 TOP:4 p:2');
    expect(ex.findings.map((f) => `${f.code} ${f.pos.line}:${f.pos.column}`)).toEqual(['include-missing 2:9', 'include-missing 2:9', 'include-missing 2:9']);
    // each INCLUDE statement once, however often it was read
    expect(ex.includes.map((i) => `${i.pos.file.slice(d.length + 1) || i.pos.file}:${i.pos.line} ${i.name}`)).toEqual(['p:1 TOP', 'TOP:1 L', 'L:1 B', 'B:2 NOPE', 'TOP:2 R', 'R:1 B', 'TOP:3 L']);
  });

  it('a recursive INCLUDE below a member read twice is reported each time, as before', () => {
    const d = tmp();
    writeFileSync(join(d, 'A'), 'INCLUDE B\nINCLUDE B\n');
    writeFileSync(join(d, 'B'), 'INCLUDE A\n');
    const ex = expandProfile('INCLUDE A', (l, c) => ({ file: 'p', line: l + 1, column: c + 1 }), { dir: d, file: null });
    expect(ex.findings.map((f) => `${f.code} ${f.pos.line}:${f.pos.column}`)).toEqual(['include-recursive 1:9', 'include-recursive 1:9']);
  });

  it('INCLUDEs nested 100 deep: E_LIMIT at the 65th, not a stack overflow', () => {
    const members = Object.fromEntries([...Array.from({ length: 100 }, (_, i) => [`M${i}`, `INCLUDE M${i + 1}\n`]), ['M100', '; leaf\n']]);
    const d = site('', ['INCLUDE M0', ...TAIL], members);
    expect(errorsOf(d)).toEqual(['M63:1:9: E_LIMIT: stack A: INCLUDE M64: INCLUDEs nested more than 64 deep (prof.txt -> ... -> M63 -> M64); the profile is not read further']);
    const ok = site('', ['INCLUDE M0', ...TAIL], Object.fromEntries([...Array.from({ length: 63 }, (_, i) => [`M${i}`, `INCLUDE M${i + 1}\n`]), ['M63', '; leaf\n']]));
    expect(errorsOf(ok)).toEqual([]);
  });
});

describe('D-324 in IEASYMxx: resolving SYMDEFs stops at the symbol table\'s maximum', () => {
  const doubling = (levels: number): string => ['SYSDEF   SYMDEF(&A0=\'x\')', ...Array.from({ length: levels }, (_, i) => `         SYMDEF(&A${i + 1}='&A${i}.&A${i}.')`)].join('\n');

  it('&A1=\'&A0.&A0.\' .. &A39: a finding at the SYMDEF that passes it, naming it; the ones before are defined', () => {
    const defs = parseIeasym(doubling(39), 'IEASYM00');
    const full: string[] = [];
    const t0 = Date.now();
    const syms = symbolsOf(defs[0]!, defs, (f) => full.push(`${f.at.line}:${f.at.column} ${f.name}`));
    expect(Date.now() - t0).toBeLessThan(200);
    // 1 + 2 + ... + 2^13 = 16383 fit, 2^14 more passes 32512
    expect(full).toEqual(['15:10 A14']);
    expect(syms.get('A13')!.value.length).toBe(8192);
    expect(syms.has('A14') || syms.has('A39')).toBe(false);
  });

  it('import IEASYM00 PROF1: the finding at IEASYM00:15:10, no internal error, a small spec (exit 1)', () => {
    const d = tmp();
    writeFileSync(join(d, 'IEASYM00'), `${doubling(39)}\n`);
    writeFileSync(join(d, 'PROF1'), `${TAIL.join('\n')}\nPORT 80 TCP &A39.\n`);
    const r = cli(['import', 'IEASYM00', 'PROF1'], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("IEASYM00:15:10: error: SYMDEF &A14.: its value, resolved, takes the system's symbols past 32512 bytes, the most a z/OS symbol table holds: z/OS stops at this SYMDEF (IEA012E, then IEA011A asks for a valid IEASYMxx), so &A14. and the SYMDEFs after it are not defined here; fix: make each value, resolved, no longer than its symbol's name with the & (IBM; else IEA012E 006 DATA LENGTH ERROR FOR SYMBOL)");
    expect(r.stderr).toContain("PROF1:5:13: error: [PROF1] PORT statement rejected: system symbol &A39. in '&A39.' is not defined for this stack");
    // the warning says why it has no value, not that no member gives one
    expect(r.stderr).toMatch(/warning: \[PROF1\] &A39\. is used but has no value for this system: its symbol table was full at SYMDEF &A14\. \(\S*IEASYM00:15, D-324\)/);
    expect(r.stderr).not.toContain('no IEASYMxx among the inputs gives its value');
    expect(r.stdout.length).toBeLessThan(2000);
  });

  it('an ordinary IEASYMxx resolves as before', () => {
    const defs = parseIeasym("SYSDEF SYSCLONE(&SYSNAME(3:2)) SYMDEF(&VIPA='10.1.1.&SYSCLONE.')\nSYSDEF LPARNAME(L1) SYSNAME(SYA1)", 'IEASYM00');
    const full: string[] = [];
    const syms = symbolsOf(defs[1]!, defs, (f) => full.push(f.name));
    expect(full).toEqual([]);
    expect(syms.get('VIPA')!.value).toBe('10.1.1.A1');
  });
});
