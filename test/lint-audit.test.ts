import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { lint } from '../src/check/lint.js';
import { simulate } from '../src/check/simulate.js';
import { config } from './helpers.js';

/**
 * Lint findings of SEMANTICS §6 against near misses, each checked with the model itself: a
 * finding that says a property is endangered must not fire where the model proves it cannot be.
 */
const ind = (s: string): string => s.split('\n').map((l) => `      ${l}`).join('\n');
interface St { name: string; cpc?: string; profile: string }
function spec(stacks: St[], extra = ''): string {
  const body = stacks.map((s) => `  - name: ${s.name}\n${s.cpc ? `    cpc: ${s.cpc}\n` : ''}    profile: |\n${ind(`GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\n${s.profile}`)}\n    applications: [ { name: WEB, port: 80 } ]\n`).join('');
  return `sysplex: T\nstacks:\n${body}clients:\n  - { dvipa: 10.1.1.1, port: 80 }\n${extra}`;
}
const block = (...l: string[]): string => ['VIPADYNAMIC', ...l, 'ENDVIPADYNAMIC'].join('\n');
const codes = (text: string, code: string): string[] => lint(config(text)).filter((f) => f.code === code).map((f) => `${f.stack} ${f.pos.line}:${f.pos.column}`);
const env = 'environment:\n  events: [terminate, start, connections, routing, leavegroup, deactivate, applications]\n  maxFailures: unlimited\n  maxConnections: 2\n';

describe('no-dynamicxcf: only where a takeback resets connections (D-211)', () => {
  const two = (moveable: string): string => spec([
    { name: 'A', profile: block(`VIPADEFINE MOVEABLE ${moveable} 255.255.255.0 10.1.1.1`) },
    { name: 'B', profile: block('VIPABACKUP 100 10.1.1.1') }], env);
  it('a WHENIDLE VIPADEFINE waits for the holder to be idle: no reset, no finding, and the model agrees', async () => {
    expect(codes(two('WHENIDLE'), 'no-dynamicxcf')).toEqual([]);
    const r = await check(config(two('WHENIDLE')), { only: ['connections-preserved'] });
    expect(r.properties.map((p) => p.status)).toEqual(['holds']);
  });
  it('an IMMEDIATE one resets them: both stacks named, and the model finds the broken connection', async () => {
    expect(codes(two('IMMEDIATE'), 'no-dynamicxcf')).toEqual(['A 7:7', 'B 14:7']);
    const r = await check(config(two('IMMEDIATE')), { only: ['connections-preserved'] });
    expect(r.properties.map((p) => p.status)).toEqual(['violated']);
  });
});

describe('equal-ranks of a CPCSCOPE DVIPA: only on one CPC (D-210)', () => {
  const xcf = (i: number): string => `IPCONFIG DYNAMICXCF 10.9.0.${i} 255.255.255.0 1`;
  const three = (cpcB: string): string => spec([
    { name: 'A', cpc: 'C1', profile: `${xcf(1)}\n${block('VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1')}` },
    { name: 'B', cpc: cpcB, profile: `${xcf(2)}\n${block('VIPABACKUP 100 10.1.1.1')}` },
    { name: 'C', cpc: 'C1', profile: `${xcf(3)}\n${block('VIPABACKUP 100 10.1.1.1')}` }]);
  const tie = (text: string): boolean => {
    const r = simulate(config(text), 'terminate A');
    if (!r.ok) throw new Error(r.message);
    return JSON.stringify(r.trace.steps.at(-1)).includes('tie between');
  };
  it('B on another CPC never takes it over, so B and C do not tie: no equal-ranks (cpcscope-other-cpc says it)', () => {
    expect(tie(three('C2'))).toBe(false);
    expect(codes(three('C2'), 'equal-ranks')).toEqual([]);
    expect(codes(three('C2'), 'cpcscope-other-cpc')).toEqual(['B 18:7']);
  });
  it('on one CPC they tie, and lint says so', () => {
    expect(tie(three('C1'))).toBe(true);
    expect(codes(three('C1'), 'equal-ranks')).toEqual(['C 27:7']);
  });
});
