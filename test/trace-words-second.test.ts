import { describe, expect, it } from 'vitest';
import { simulate } from '../src/check/simulate.js';
import { PLAIN, renderTrace } from '../src/render/text.js';
import { config } from './helpers.js';

/**
 * Trace steps of the second release say in words what changed and cite the statement (D-190,
 * D-191): VIPARANGE creation and moves, quiesce/resume of a target, a WHENIDLE takeback that
 * waits, and why a HOTSTANDBY connect is not possible.
 */
const xcf = (n: number): string => `IPCONFIG DYNAMICXCF 10.0.0.${n} 255.255.255.0 1`;
const block = (...s: string[]): string => ['VIPADYNAMIC', ...s, 'ENDVIPADYNAMIC'].join('\n');
interface St { name: string; profile: string; apps: string }
function spec(stacks: St[], clients: string, events = '[terminate, start, applications, connections, distribution]'): string {
  const ind = (s: string): string => s.split('\n').map((l) => `      ${l}`).join('\n');
  return `sysplex: P\nstacks:\n${stacks.map((s) => `  - name: ${s.name}\n    routing: static\n    profile: |\n${ind(s.profile)}\n    applications: ${s.apps}\n`).join('')}clients:\n${clients}environment:\n  events: ${events}\n`;
}
function text(yaml: string, events: string): string {
  const cfg = config(yaml);
  const r = simulate(cfg, events);
  if (!r.ok) throw new Error(r.message);
  return renderTrace(cfg, r.trace, PLAIN).join('\n');
}
const steps = (t: string): string[] => t.split(/\n(?=  \d+\. )/);

describe('VIPARANGE steps cite the range that created or moved the DVIPA (D-190)', () => {
  const R = (mode: string): string => block(`VIPARANGE DEFINE MOVEABLE ${mode} 255.255.255.0 10.2.0.0`);
  const app = (extra = ''): string => `[{ name: A, port: 80, bind: 10.2.0.5${extra} }]`;
  const two = (create = ''): string => spec([
    { name: 'S1', profile: `${xcf(1)}\n${R('NONDISRUPTIVE')}`, apps: app() },
    { name: 'S2', profile: `${xcf(2)}\n${R('NONDISRUPTIVE')}`, apps: app(`, initially: down${create}`) },
  ], '  - { name: C, dvipa: 10.2.0.5, port: 80 }\n');

  it('a bind that takes the DVIPA from another stack names its own range and the old holder\'s NONDISRUPTIVE one', () => {
    const s = steps(text(two(), 'app-start S2 A'))[1]!;
    expect(s).toMatch(/S2 absent -> Active \(created by bind under VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255\.255\.255\.0 10\.2\.0\.0 at inline\.yaml:\d+:\d+; taken from S1: S1's VIPARANGE .* at inline\.yaml:\d+:\d+ is NONDISRUPTIVE\)/);
  });

  it('a bind where the DVIPA is Active nowhere says it is created, with no old holder', () => {
    const s = steps(text(two(), 'app-stop S1 A; app-start S2 A'))[2]!;
    expect(s).toMatch(/S2 absent -> Active \(created by bind under VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255\.255\.255\.0 10\.2\.0\.0 at inline\.yaml:\d+:\d+\)/);
    expect(s).not.toContain('taken from');
  });

  it('an ioctl over a bind DVIPA says that an ioctl deletes it', () => {
    const s = steps(text(two(', create: ioctl'), 'app-start S2 A'))[1]!;
    expect(s).toContain('created by ioctl (SIOCSVIPA) under VIPARANGE');
    expect(s).toContain('taken from S1: an ioctl deletes a bind DVIPA elsewhere');
  });
});

describe('sysplex distributor steps say what the operator did (D-190)', () => {
  const dist = 'VIPADISTRIBUTE DEFINE 10.1.1.1 PORT 80 DESTIP 10.0.0.1 10.0.0.2';
  const q = spec([
    { name: 'S1', profile: `${xcf(1)}\n${block('VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 10.1.1.1', dist)}`, apps: '[{ name: A, port: 80 }]' },
    { name: 'S2', profile: `${xcf(2)}\n${block('VIPABACKUP 10 10.1.1.1', dist)}`, apps: '[{ name: A, port: 80 }]' },
  ], '  - { name: C, dvipa: 10.1.1.1, port: 80 }\n');

  it('quiesce-target and resume-target are described, citing the VIPADISTRIBUTE that names the target', () => {
    const s = steps(text(q, 'connect C; quiesce-target S2; resume-target S2'));
    const c = s[1]!.includes('on S2') ? 1 : 0; // connect picks the first eligible target
    expect(s[2]).toMatch(/S2 quiesced as a target \(VARY TCPIP,,SYSPLEX,QUIESCE,TARGET\): no new connections of 10\.1\.1\.1 go to it, /);
    expect(s[2]).toContain(c ? 'its 1 connection(s) stay' : 'it has none now');
    expect(s[2]).toMatch(/a target of VIPADISTRIBUTE DEFINE 10\.1\.1\.1 PORT 80 DESTIP 10\.0\.0\.1 10\.0\.0\.2 at inline\.yaml:\d+:\d+/);
    expect(s[2]).not.toContain('(no visible change)');
    expect(s[3]).toContain('S2 resumed as a target (VARY TCPIP,,SYSPLEX,RESUME,TARGET)');
  });

  it('a quiesced target that terminates is said to be no longer quiesced', () => {
    const s = steps(text(q, 'quiesce-target S2; terminate S2'));
    expect(s[2]).toContain('S2 is no longer a quiesced target (it ended or left the group, D-118)');
  });

  it('a WHENIDLE takeback that waits says so and why', () => {
    const s = steps(text(q, 'terminate S1; connect C; start S1'));
    expect(s[3]).toMatch(/10\.1\.1\.1: S1 waits to take it back \(MOVEABLE WHENIDLE: VIPADEFINE MOVEABLE WHENIDLE 255\.255\.255\.0 10\.1\.1\.1 at inline\.yaml:\d+:\d+\): S2 still has 1 connection\(s\) to it in its routing table/);
  });
});

describe('a HOTSTANDBY connect that is not possible says why (D-191)', () => {
  const hs = spec([
    { name: 'S1', profile: `${xcf(1)}\n${block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY 10.1.1.1 PORT 80 DESTIP 10.0.0.2 PREFERRED 10.0.0.3 BACKUP 10')}`, apps: '[]' },
    { name: 'S2', profile: xcf(2), apps: '[{ name: A, port: 80 }]' },
    { name: 'S3', profile: xcf(3), apps: '[{ name: A, port: 80 }]' },
  ], '  - { name: C, dvipa: 10.1.1.1, port: 80 }\n');

  it('the active target is at maxConnections while a standby is eligible', () => {
    const r = simulate(config(hs), 'connect C; connect C');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("client 'C' already has maxConnections (1) connection(s) on S2, the HOTSTANDBY active target of 10.1.1.1:80; HOTSTANDBY sends new connections to the active target only (S3 eligible, standby)");
    expect(r.message).not.toContain('none joined with a listener');
  });

  it('with no eligible target at all the general message stays', () => {
    const r = simulate(config(hs), 'app-stop S2 A; app-stop S3 A; connect C');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('no eligible target for client');
  });
});

describe('a VIPARANGE DVIPA that exists nowhere is written without an empty status list', () => {
  it('start: down: "Active nowhere", not "Active nowhere []"', () => {
    const yaml = spec([{ name: 'S1', profile: block('VIPARANGE DEFINE 255.255.255.0 10.2.0.0'), apps: '[{ name: A, port: 80, bind: 10.2.0.5 }]' }],
      '  - { name: C, dvipa: 10.2.0.5, port: 80 }\n', '[start]').replace('environment:\n', 'environment:\n  start: down\n');
    const t = text(yaml, '');
    expect(t).toContain('10.2.0.5: Active nowhere');
    expect(t).not.toContain('Active nowhere []');
  });
});
