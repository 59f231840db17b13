import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, specFile, tmp } from './helpers.js';

/**
 * Found by extending the independent reference search of audit h7 (a Python BFS written from
 * SEMANTICS, DETAILS and DECISIONS, outside the repository) to NETSTAT starts, VIPADELETE and
 * VIPADISTRIBUTE DELETE, PORT lists and ranges, ignored operands, MVS symbols, `maxFailures:
 * unlimited` and CPCSCOPE with distribution, compared with `check --no-slice --format json`
 * (audit h13). Each spec is the smallest reproducer; counts are worked out by hand in the comments.
 */

interface Report { states: number; transitions: number; depth: number; properties: { name: string; status: string; trace?: { steps: unknown[] } }[] }

function run(text: string, slice = false): { r: Report; stderr: string } {
  const p = runCli(['check', '--format', 'json', ...(slice ? [] : ['--no-slice']), specFile(text)]);
  return { r: JSON.parse(p.stdout) as Report, stderr: p.stderr };
}
/** property -> 'holds' or the number of steps of its shortest counterexample */
const verdicts = (r: Report): Record<string, string | number> =>
  Object.fromEntries(r.properties.map((p) => [p.name, p.status === 'violated' ? p.trace!.steps.length - 1 : p.status]));
const figures = (r: Report): number[] => [r.states, r.transitions, r.depth];

// D-237: IBM's VIPADISTRIBUTE Base Options, DEFINE and DELETE among them, "can be specified in any
// order". DEFINE after TIMEDAFF was read as an IPv6 interface name, a syntax error that ended the block.
const DEFINE_LATE = `sysplex: H13
stacks:
  - name: S0
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 201.2.10.11
        VIPADISTRIBUTE TIMEDAFF 60 DEFINE 201.2.10.11 PORT 80 DESTIP 193.9.200.2
      ENDVIPADYNAMIC
  - name: S1
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
    applications:
      - { name: WEB, port: 80 }
clients:
  - { name: web, dvipa: "201.2.10.11", port: 80 }
environment:
  events: [connections]
`;

describe('D-237: DEFINE and DELETE anywhere among the options of VIPADISTRIBUTE', () => {
  it('TIMEDAFF 60 DEFINE distributes to S1 (2 states, 2 transitions)', () => {
    // s0: S0 distributes 201.2.10.11:80 to S1 (both DYNAMICXCF, S1 listens), no connection;
    // s1: one connection on S1. s0 -connect-> s1, s1 -close S1 web-> s0 (S1 is at maxConnections 1).
    // Before: a syntax error, S0 an ordinary owner without a listener: 1 state, 0 transitions.
    const { r, stderr } = run(DEFINE_LATE);
    expect(stderr).not.toContain('error');
    expect(figures(r)).toEqual([2, 2, 1]);
    expect(Object.values(verdicts(r)).every((v) => v === 'holds')).toBe(true);
  });
  it('SYSPLEXPORTS DELETE ... DESTIP ALL ends the distribution (1 state, 0 transitions)', () => {
    // S0 then serves 201.2.10.11:80 alone and has no listener: no connect, service-available at 0 steps.
    const text = DEFINE_LATE.replace('DESTIP 193.9.200.2\n', 'DESTIP 193.9.200.2\n        VIPADISTRIBUTE SYSPLEXPORTS DELETE 201.2.10.11 PORT 80 DESTIP ALL\n');
    const { r, stderr } = run(text);
    expect(stderr).not.toContain('error');
    expect(figures(r)).toEqual([1, 0, 0]);
    expect(verdicts(r)['service-available']).toBe(0);
  });
  it('DEFINE twice, or DEFINE and DELETE, is a syntax error at the second', () => {
    const { stderr } = run(DEFINE_LATE.replace('TIMEDAFF 60 DEFINE', 'DEFINE TIMEDAFF 60 DELETE'));
    expect(stderr).toContain('syntax error in VIPADISTRIBUTE: VIPADISTRIBUTE takes DEFINE or DELETE once, not both DEFINE and DELETE');
  });
});

// D-237: VIPADISTRIBUTE DELETE ... PORT p works per port: DELETE PORT 81 of a statement for PORT
// 80-81 ends port 81's distribution and keeps port 80's. Before, a DELETE matched only a statement
// whose PORT list was written the same way, so nothing was deleted (a warning) and 81 stayed distributed.
const DELETE_PORT = `sysplex: H13
stacks:
  - name: S0
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 201.2.10.11
        VIPADISTRIBUTE 201.2.10.11 PORT 80-81 DESTIP 193.9.200.2
        VIPADISTRIBUTE DELETE 201.2.10.11 PORT 81 DESTIP ALL
      ENDVIPADYNAMIC
  - name: S1
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
    applications:
      - { name: WEB, port: 80 }
      - { name: API, port: 81 }
clients:
  - { name: web, dvipa: "201.2.10.11", port: 80 }
  - { name: api, dvipa: "201.2.10.11", port: 81 }
environment:
  events: [connections]
`;

describe('D-237: VIPADISTRIBUTE DELETE of one port of a PORT list', () => {
  it('port 80 is distributed to S1, port 81 is served by S0 alone (2 states, 2 transitions)', () => {
    // s0, s1: web's connection on S1 (0 or 1); api's connect is never enabled (S0 distributes
    // nothing for 81 and has no listener): service-available in the start state.
    // Before: 4 states (web x api on S1), 8 transitions, depth 2, everything held.
    const { r, stderr } = run(DELETE_PORT);
    expect(stderr).not.toContain('warning');
    expect(figures(r)).toEqual([2, 2, 1]);
    expect(verdicts(r)['service-available']).toBe(0);
    expect(verdicts(run(DELETE_PORT, true).r)['service-available']).toBe(0);
  });
  it('a DELETE naming ports leaves a statement for every port alone, and says so', () => {
    const { r, stderr } = run(DELETE_PORT.replace(' PORT 80-81 DESTIP', ' DESTIP'));
    expect(stderr).toContain('distributes every port (no PORT), which a DELETE naming ports does not change (D-237)');
    expect(figures(r)).toEqual([4, 8, 2]);
  });
});

// D-237 for D-224: "the same PORT list" is the same ports however written: PORT 81 80 repeats
// PORT 80-81, so with the same DISTMETHOD its DESTIP targets are added (S0 itself joins S1).
const SAME_PORTS = `sysplex: H13
stacks:
  - name: S0
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 201.2.10.11
        VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 201.2.10.11 PORT 80-81 DESTIP 193.9.200.2
        VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 201.2.10.11 PORT 81 80 DESTIP 193.9.200.1
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
  - name: S1
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
    applications:
      - { name: WEB, port: 80 }
clients:
  - { name: web, dvipa: "201.2.10.11", port: 80 }
environment:
  events: [connections]
`;

describe('D-237: PORT 80-81 and PORT 81 80 are the same PORT list (D-224)', () => {
  it('web connects to S0 or S1 (4 states, 8 transitions)', () => {
    // states: web's connections on (S0, S1) in {0,1}^2. (0,0): connect, 2 successors; (1,0) and
    // (0,1): connect to the other target + close; (1,1): two closes. 2+2+2+2 = 8, depth 2.
    // Before: the repeat was unused for 80 (warning distribute-repeated): 2 states, 2 transitions.
    const { r, stderr } = run(SAME_PORTS);
    expect(stderr).toContain('its DESTIP targets are added to those of line 9');
    expect(figures(r)).toEqual([4, 8, 2]);
    expect(Object.values(verdicts(r)).every((v) => v === 'holds')).toBe(true);
  });
});

// D-238: with start: { netstat }, bare stacks of one kind (D-55) start apart: S0 has no report
// (down), S2 is joined. The slice of 201.2.10.11 kept S0 only (f = 1 of the kind), so S1 was the
// only member at its routing-stop, stayed joined and black-holed the DVIPA; the full model has S2
// joined, so S1 leaves (RECOVERY) and the DVIPA is lost. check ended in an internal error (exit 70).
const NETSTAT_BARE = `sysplex: H13
stacks:
  - name: S0
  - name: S1
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR RECOVERY
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 201.2.10.11
      ENDVIPADYNAMIC
  - name: S2
environment:
  start: { netstat: [S1.txt, S2.txt] }
  events: [routing]
  maxFailures: 1
`;
const S1_REPORT = `MVS TCP/IP NETSTAT CS V2R4       TCPIP Name: S1              09:00:00
Dynamic VIPA:
  IP Address      AddressMask     Status    Origin       DistStat
  ----------      -----------     ------    ------       --------
  201.2.10.11     255.255.255.0   Active     VIPADefine
    ActTime:      12/01/2026 09:12:44
1 of 1 records displayed
`;
const S2_REPORT = `MVS TCP/IP NETSTAT CS V2R4       TCPIP Name: S2              09:00:00
Dynamic VIPA:
  IP Address      AddressMask     Status    Origin       DistStat
  ----------      -----------     ------    ------       --------
0 of 0 records displayed
`;

describe('D-238: a netstat start keeps bare stacks that start alike, per start', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'spec.yaml'), NETSTAT_BARE);
  writeFileSync(join(dir, 'S1.txt'), S1_REPORT);
  writeFileSync(join(dir, 'S2.txt'), S2_REPORT);
  const check = (slice: boolean): Report => {
    const p = runCli(['check', '--format', 'json', ...(slice ? [] : ['--no-slice']), join(dir, 'spec.yaml')]);
    expect(p.stderr).not.toContain('internal error');
    return JSON.parse(p.stdout) as Report;
  };
  it('the full model: 5 states, 4 transitions, available violated in 1 step', () => {
    // s0: S0 down, S1 joined holding 201.2.10.11, S2 joined. routing-stop S1: S2 is joined, so
    // S1 leaves (RECOVERY) and the DVIPA, defined nowhere else, is lost (s1); routing-stop S2 (s2).
    // The budget (1) is spent: s1 -routing-start S1-> s3 (S1 stays out: no AUTOREJOIN),
    // s2 -routing-start S2-> s4. 2 + 1 + 1 = 4 transitions, depth 2; no-black-hole holds.
    const r = check(false);
    expect(figures(r)).toEqual([5, 4, 2]);
    expect(verdicts(r)).toMatchObject({ available: 1, 'no-black-hole': 'holds' });
  });
  it('the slice gives the same verdicts, trace lengths and figures (S2 is kept, S0 too)', () => {
    const r = check(true);
    expect(verdicts(r)).toEqual(verdicts(check(false)));
    expect(figures(r)).toEqual([5, 4, 2]);
  });
});
