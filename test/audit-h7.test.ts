import { describe, expect, it } from 'vitest';
import { runCli, specFile } from './helpers.js';

/**
 * Found by an independent reference search of SEMANTICS §9-12 (a Python BFS written from the text,
 * outside the repository) compared with `check --no-slice --format json` (audit h7). Each spec is
 * the smallest reproducer; counts and trace lengths are worked out by hand in the comments.
 */

interface Report { states: number; transitions: number; depth: number; properties: { name: string; status: string; trace?: { steps: unknown[] } }[] }

function run(text: string, slice = false): Report {
  const r = runCli(['check', '--format', 'json', ...(slice ? [] : ['--no-slice']), specFile(text)]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}
/** property -> 'holds' or the number of steps of its shortest counterexample */
const verdicts = (r: Report): Record<string, string | number> =>
  Object.fromEntries(r.properties.map((p) => [p.name, p.status === 'violated' ? p.trace!.steps.length - 1 : p.status]));

// D-143: `bind: "::"` (IPv6's unspecified address, in any written form) listens like INADDR_ANY.
// The loader kept '::' as a bind address, so the application listened on nothing.
const ANY6 = `sysplex: H7
stacks:
  - name: S0
    profile: |
      IPCONFIG6 DYNAMICXCF 2001:db8:200::1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE DV13 2001:db8::13
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80, bind: "::" }
  - name: S1
    profile: |
      IPCONFIG6 DYNAMICXCF 2001:db8:200::2
      VIPADYNAMIC
        VIPABACKUP 20 DV13 2001:db8::13
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80, bind: "0::0" }
clients:
  - { name: web, dvipa: "2001:db8::13", port: 80 }
environment:
  events: [terminate, connections]
  maxFailures: 1
`;

describe('D-143: an application bound to :: listens on every DVIPA of its stack', () => {
  it('connects on S0 and, after S0 ends, on S1 (6 states, 10 transitions)', () => {
    // s0 S0 Active; s1 + a connection on S0; s2 S1 Active after terminate S0; s3 S0 Active, S1 down;
    // s4 = s3 + a connection; s5 = s2 + a connection on S1. Transitions: s0 3, s1 3, s2..s5 1 each.
    const r = run(ANY6);
    expect([r.states, r.transitions, r.depth]).toEqual([6, 10, 2]);
    expect(verdicts(r)['service-available']).toBe('holds');
    expect(Object.values(verdicts(r)).every((v) => v === 'holds')).toBe(true);
  });
  it('simulate connects to a :: listener', () => {
    const r = runCli(['simulate', specFile(ANY6), '--events', 'connect web; terminate S0; connect web', '--format', 'json']);
    expect(r.code).toBe(0);
  });
});

// D-236: a close that empties a distributed DVIPA's routing table lets a waiting WHENIDLE VIPADEFINE
// take it back (D-113); the HOTSTANDBY active target must follow that distributor move (SEMANTICS
// §10: the active target is part of the state, "as soon as" eligibility changes). It was left at
// the old distributor's target, a state no other path reaches.
const HS_WHENIDLE = `sysplex: H7
stacks:
  - name: S0
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 201.2.10.11
      ENDVIPADYNAMIC
  - name: S1
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 20 201.2.10.11
        VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 201.2.10.11 PORT 80 DESTIP 193.9.200.2 PREFERRED 193.9.200.1 BACKUP 10
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
clients:
  - { name: web, dvipa: 201.2.10.11, port: 80 }
environment:
  events: [deactivate, connections]
  maxFailures: 1
`;

describe('D-236: the HOTSTANDBY active target after a WHENIDLE takeback at a close', () => {
  it('the takeback at the close reaches the same state as the one at reactivate (6 states, 8 transitions)', () => {
    // s0 S0 Active (no VIPADISTRIBUTE of its own: serves alone, no listener: service-available at 0);
    // deactivate S0 -> s1 S1 distributes, active target S1; deactivate S1 -> s2; s1 connect -> s3;
    // s1 reactivate S0 -> s4 (table empty: takeback now, no active target); s3 reactivate S0 -> s5
    // (S0 waits); s5 close -> s4 (was a 7th state with the stale active target S1); s2 reactivate -> s4.
    const r = run(HS_WHENIDLE);
    expect([r.states, r.transitions, r.depth]).toEqual([6, 8, 3]);
    const v = verdicts(r);
    expect(v['service-available']).toBe(0);
    expect(v['hot-standby']).toBe('holds');
    expect(verdicts(run(HS_WHENIDLE, true))).toEqual(v);
  });
});
