import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/check/lint.js';
import { involvedDistribute, involvedLines } from '../src/render/text.js';
import { decodeText } from '../src/spec/ebcdic.js';
import { loadSpec } from '../src/spec/load.js';
import { config, loadFile, ROOT, runCli } from './helpers.js';

const siteSpec = (...a: number[]): string => execFileSync(process.execPath, [join(ROOT, 'bench/gen-site.mjs'), ...a.map(String)], { encoding: 'utf8' });

describe('D-305: a distributed DVIPA without an eligible target cites the VIPADISTRIBUTE in use', () => {
  const cfg = loadFile('specs/bad-distributor-no-listener.yaml'); // TCPCS1 distributes 10.91.1.1 PORT 8080 ROUNDROBIN (line 12)
  const msg = (by: string, port = 8080, method = 'ROUNDROBIN'): string => `client 'app clients' reaches 10.91.1.1:${port} distributed by ${by} (${method}), no target is eligible: no listener`;
  it("the distributor's own definition", () => {
    expect(involvedDistribute(cfg, msg('TCPCS1')).map((x) => `${x.stack}:${x.ref.pos.line}`)).toEqual(['TCPCS1:12']);
    expect(involvedLines(cfg, msg('TCPCS1'))).toContain('TCPCS1: VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.2 10.61.0.3 (specs/bad-distributor-no-listener.yaml:12:9)');
  });
  it('a distributor with none of its own inherited one: the matching definitions of the sysplex', () => {
    expect(involvedDistribute(cfg, msg('TCPCS2')).map((x) => x.stack)).toEqual(['TCPCS2']); // its own
    expect(involvedDistribute(cfg, msg('TCPCS3')).map((x) => x.stack)).toEqual(['TCPCS1', 'TCPCS2']); // none of its own
  });
  it('another port, another method, or a message about something else: nothing', () => {
    expect(involvedDistribute(cfg, msg('TCPCS1', 8081))).toEqual([]);
    expect(involvedDistribute(cfg, msg('TCPCS1', 8080, 'BASEWLM'))).toEqual([]);
    expect(involvedDistribute(cfg, "client 'app clients' reaches 10.91.1.1:8080 on TCPCS1, where no application listens on port 8080")).toEqual([]);
  });
});

describe('D-306: a TCPPARMS member transferred in binary (EBCDIC) is read as z/OS reads it', () => {
  const PROFILE = ['GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', 'IPCONFIG DYNAMICXCF 10.61.0.1 255.255.255.0 1', 'VIPADYNAMIC', 'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1', 'ENDVIPADYNAMIC'];
  // IBM-1047 of the characters a profile uses (iconv -f UTF-8 -t IBM-1047)
  const E: Record<string, number> = { ' ': 0x40, '.': 0x4b, '-': 0x60, '\n': 0x15 };
  for (let k = 0; k < 9; k++) { E[String.fromCharCode(65 + k)] = 0xc1 + k; E[String.fromCharCode(74 + k)] = 0xd1 + k; }
  for (let k = 0; k < 8; k++) E[String.fromCharCode(83 + k)] = 0xe2 + k;
  for (let k = 0; k < 10; k++) E[String(k)] = 0xf0 + k;
  const ebcdic = (s: string): Buffer => Buffer.from([...s].map((c) => E[c] ?? (() => { throw new Error(`no EBCDIC for ${c}`); })()));
  const dir = mkdtempSync(join(tmpdir(), 'dvipa-ebcdic-'));
  const spec = (file: string): string => {
    const p = join(dir, `${file}.yaml`);
    writeFileSync(p, `stacks:\n  - name: S1\n    profileFile: ${file}\n  - name: S2\n    routing: static\n    profile: |\n      IPCONFIG DYNAMICXCF 10.61.0.2 255.255.255.0 1\n      VIPADYNAMIC\n      VIPABACKUP 10 10.1.1.1\n      ENDVIPADYNAMIC\n`);
    return p;
  };
  it('decodeText: UTF-8 as it is; EBCDIC lines; unloaded 80-byte records; Latin-1 is not taken for EBCDIC', () => {
    expect(decodeText(Buffer.from('VIPADYNAMIC\n', 'utf8'))).toEqual({ text: 'VIPADYNAMIC\n', read: null });
    expect(decodeText(ebcdic(`${PROFILE.join('\n')}\n`))).toEqual({ text: `${PROFILE.join('\n')}\n`, read: 'EBCDIC (code page IBM-1047)' });
    const fb = decodeText(ebcdic(PROFILE.map((l) => l.padEnd(80)).join('')));
    expect(fb.read).toBe('EBCDIC (code page IBM-1047, 80-byte records)');
    expect(fb.text.split('\n').map((l) => l.trimEnd()).filter(Boolean)).toEqual(PROFILE);
    expect(decodeText(Buffer.from('; caf\xe9 ferm\xe9\nVIPADYNAMIC\n', 'latin1')).read).toBeNull();
  });
  it('a file saved as "Unicode" (UTF-16 with its byte order mark) is read as UTF-16, spec or profile', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${PROFILE.join('\r\n')}\r\n`, 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: `${PROFILE.join('\r\n')}\r\n`, read: 'UTF-16LE (it starts with a byte order mark)' });
    const be = Buffer.from(le); be.swap16();
    expect(decodeText(be).text).toBe(`${PROFILE.join('\r\n')}\r\n`);
    writeFileSync(join(dir, 'PROFU'), le);
    const cfg = loadFile(spec('PROFU'));
    expect(cfg.stacks[0]!.defs.map((d) => `${d.kind} ${d.address}`)).toEqual(['define 10.1.1.1']);
    expect(cfg.findings.some((f) => f.code === 'profile-encoding' && f.pos.file.endsWith('PROFU'))).toBe(true);
    const yaml = join(dir, 'u16.yaml');
    writeFileSync(yaml, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sysplex: U16\nstacks:\n  - name: S1\n    routing: static\n', 'utf16le')]));
    expect(loadFile(yaml).sysplex).toBe('U16');
  });
  it('check reads the member, says how, and finds the DVIPA the profile defines (not an empty profile)', () => {
    writeFileSync(join(dir, 'PROFA'), ebcdic(PROFILE.map((l) => l.padEnd(80)).join('')));
    const r = runCli(['check', spec('PROFA'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).not.toContain('not a statement keyword');
    const cfg = loadFile(spec('PROFA'));
    expect(cfg.findings.find((f) => f.code === 'profile-ebcdic')?.message).toContain('read as EBCDIC (code page IBM-1047, 80-byte records)');
    expect(cfg.stacks[0]!.defs.map((d) => `${d.kind} ${d.address}`)).toEqual(['define 10.1.1.1']);
  });
  it('an INCLUDEd member in EBCDIC is read too, and the INCLUDE line says so', () => {
    writeFileSync(join(dir, 'VIPAS'), ebcdic(`${PROFILE.slice(2).join('\n')}\n`));
    writeFileSync(join(dir, 'PROFB'), `${PROFILE.slice(0, 2).join('\n')}\nINCLUDE USER.TCPPARMS(VIPAS)\n`);
    const cfg = loadFile(spec('PROFB'));
    expect(cfg.stacks[0]!.defs.length).toBe(1);
    expect(cfg.findings.some((f) => f.code === 'profile-ebcdic' && f.pos.line === 3 && /INCLUDE USER.TCPPARMS\(VIPAS\)/.test(f.message))).toBe(true);
  });
});

describe('D-307: an unknown verdict of a sliced run says how many slices were explored completely', () => {
  const spec = join(mkdtempSync(join(tmpdir(), 'dvipa-d307-')), 'site.yaml');
  writeFileSync(spec, siteSpec(6, 6, 2, 2, 1));
  it('the count is that of the JSON report\'s complete slices; random walks say nothing of it', () => {
    const text = runCli(['check', spec, '--max-states', '1000']);
    const json = JSON.parse(runCli(['check', spec, '--max-states', '1000', '--format', 'json']).stdout) as { slices: { complete: boolean }[] };
    const done = json.slices.filter((s) => s.complete).length;
    expect(text.code).toBe(3);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(6);
    expect(text.stdout).toContain(`unknown  single-owner           (no violation found; ${done} of 6 slice(s) explored completely)`);
    expect(runCli(['check', spec, '--mode', 'random', '--runs', '20']).stdout).not.toContain('explored completely)');
  });
});

describe('D-312: an expected violation the spec does not select is a warning at its name', () => {
  const spec = (props: string): string => `stacks:\n  - name: S1\n    routing: static\n    profile: |\n      VIPADYNAMIC\n      VIPADEFINE 255.255.255.0 10.1.1.1\n      ENDVIPADYNAMIC\n  - name: S2\n    routing: static\n    profile: |\n      VIPADYNAMIC\n      VIPABACKUP 10 10.1.1.1\n      ENDVIPADYNAMIC\n${props}expect:\n  violated: [available, takeover]\n`;
  const warnings = (props: string): string[] => config(spec(props)).findings.filter((f) => f.code === 'expect-unselected').map((f) => `${f.pos.line}:${f.pos.column} ${f.message.slice(0, f.message.indexOf(':'))}`);
  it('left out by only, or by skip; none when selected', () => {
    expect(warnings('properties:\n  only: [available]\n')).toEqual(["17:25 expect.violated names 'takeover', which properties.only does not select"]);
    expect(warnings('properties:\n  skip: [available]\n')).toEqual(["17:14 expect.violated names 'available', which properties.skip leaves out"]);
    expect(warnings('')).toEqual([]);
  });
});

describe('D-313: lint compares HOTSTANDBY orders with the one the hot-standby property judges by (D-300)', () => {
  const blk = (...st: string[]): string => `VIPADYNAMIC\n      ${st.join('\n      ')}\n      ENDVIPADYNAMIC`;
  const stk = (name: string, k: number, body: string): string => `  - name: ${name}\n    routing: static\n    profile: |\n      IPCONFIG DYNAMICXCF 10.61.0.${k} 255.255.255.0 1\n      ${body}\n    applications:\n      - { name: WEB, port: 80 }\n`;
  const HOT2 = 'VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.1.1.1 PORT 80 DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 10';
  const HOT3 = 'VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.1.1.1 PORT 80 DESTIP 10.61.0.3 PREFERRED 10.61.0.2 BACKUP 10';
  const text = (primary: string): string => `stacks:\n${stk('S1', 1, blk('VIPADEFINE 255.255.255.0 10.1.1.1', primary))}${stk('S2', 2, blk('VIPABACKUP 20 10.1.1.1', HOT2))}${stk('S3', 3, blk('VIPABACKUP 10 10.1.1.1', HOT3))}clients:\n  - { name: web, dvipa: 10.1.1.1, port: 80 }\n`;
  const differs = (primary: string): string[] => lint(config(text(primary))).filter((f) => f.code === 'hot-standby-order-differs').map((f) => f.stack!);
  it('a HOTSTANDBY primary: each backup with another order is warned', () => {
    expect(differs('VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.1.1.1 PORT 80 DESTIP 10.61.0.1 PREFERRED 10.61.0.2 BACKUP 20 10.61.0.3 BACKUP 10')).toEqual(['S2', 'S3']);
  });
  it('a ROUNDROBIN primary: the backups are judged by their own rule, so theirs may differ (no warning)', () => {
    expect(differs('VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 DESTIP 10.61.0.2 10.61.0.3')).toEqual([]);
  });
});

describe('D-314: a profileFile that is a z/OS data set name gets a hint naming the file to give', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dvipa-d314-'));
  const hintFor = (name: string): string | undefined => {
    const p = join(dir, 's.yaml');
    writeFileSync(p, `stacks:\n  - name: S1\n    profileFile: "${name}"\n`);
    const r = loadSpec(p);
    if (r.ok) throw new Error('loaded');
    const e = r.errors.find((x) => x.code === 'E_PROFILE_FILE')!;
    expect(e.pos.line).toBe(3);
    return e.hint;
  };
  it("'SYS1.TCPPARMS(PROFA)', //DSN and an upper-case name: the member to download; one in the folder is named", () => {
    expect(hintFor("'SYS1.TCPPARMS(PROFA)'")).toBe('SYS1.TCPPARMS(PROFA) is a z/OS data set name; profileFile names a file on this machine: download the member as text and name it, e.g. profileFile: PROFA');
    expect(hintFor('//TCPIP.PROFILE')).toContain('e.g. profileFile: PROFILE');
    writeFileSync(join(dir, 'PROFB'), 'VIPADYNAMIC\nENDVIPADYNAMIC\n');
    expect(hintFor('SYS1.TCPPARMS(PROFB)')).toContain("(PROFB is in the spec's folder: profileFile: PROFB)");
  });
  it('a missing file with an ordinary name gets no such hint', () => {
    expect(hintFor('none.txt')).toBeUndefined();
    expect(hintFor('profile.tcpip')).toBeUndefined();
  });
});

describe('D-315: symbols the inputs lack are commented entries of one symbols mapping', () => {
  const PROFILE = 'PORT\n  80 TCP WEB&SYSCLONE. BIND 10.1.1.1\n  81 TCP &UNDEF.JOB\nVIPADYNAMIC\n  VIPADEFINE 255.255.255.0 10.1.1.1\nENDVIPADYNAMIC\n';
  it('uncommenting the suggested lines (giving the values) is a spec that loads with both symbols', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvipa-d315-'));
    writeFileSync(join(dir, 'TCPCS1'), PROFILE);
    const out = join(dir, 'spec.yaml');
    runCli(['import', dir, '-o', out]);
    const text = readFileSync(out, 'utf8');
    expect(text.match(/# symbols:/g)).toHaveLength(1);
    const edited = text.replace(/^(\s*)# (symbols:.*)$/m, '$1$2').replace(/^(\s*)# (\s*)(\w+): "\?"/gm, (_, a: string, b: string, k: string) => `${a}${b}${k}: "${k === 'SYSCLONE' ? '01' : 'X'}"`);
    writeFileSync(out, edited);
    const cfg = loadFile(out);
    expect(cfg.stacks[0]!.symbols).toMatchObject({ SYSCLONE: '01', UNDEF: 'X' });
  });
});

describe('D-316: a folder without specs names the subfolders that hold some', () => {
  it("check . after init: the spec is in sysplex/, and the message says so (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvipa-d316-'));
    expect(runCli(['init', dir]).code).toBe(0);
    for (const cmd of ['check', 'lint']) {
      const r = runCli([cmd, dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`no spec files (.yaml, .yml, .json) in ${dir} (folders are not searched below them; specs are in ${join(dir, 'sysplex')}/: dvipa-verify check ${join(dir, 'sysplex')}/)`);
    }
    const empty = mkdtempSync(join(tmpdir(), 'dvipa-d316e-'));
    expect(runCli(['check', empty]).stderr.trim()).toBe(`dvipa-verify: no spec files (.yaml, .yml, .json) in ${empty}`);
  });
});
