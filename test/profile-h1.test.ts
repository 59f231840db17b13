import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';
import { runCli, tmp } from './helpers.js';

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
