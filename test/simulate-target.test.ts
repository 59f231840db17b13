import { describe, expect, it } from 'vitest';
import { replayTrace } from '../src/check/replay.js';
import { simulate } from '../src/check/simulate.js';
import { config } from './helpers.js';

/**
 * D-223: `simulate --events "connect C to T"` sends a distributed DVIPA's new connection to target
 * T (SPEC §3's `connect C` takes the first eligible target); the step is the engine's successor for
 * that target, so a replay of the written trace follows it, and a target that cannot take the
 * connection is refused with the reason.
 */
const spec = (dist: string, extra = ''): string => `sysplex: T
stacks:
  - name: D1
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 10.61.0.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE 255.255.255.0 10.91.1.1
        VIPADEFINE 255.255.255.0 10.91.1.2
        ${dist}
      ENDVIPADYNAMIC
    applications:
      - { name: P, port: 9090 }
${['T2', 'T3'].map((n, k) => `  - name: ${n}
    routing: static
    profile: |
      IPCONFIG DYNAMICXCF 10.61.0.${k + 2} 255.255.255.0 1
    applications:
      - { name: S, port: 8080 }
`).join('')}clients:
  - { name: c, dvipa: 10.91.1.1, port: 8080 }
  - { name: plain, dvipa: 10.91.1.2, port: 9090 }
${extra}environment:
  events: [terminate, start, applications, connections, distribution]
`;
const RR = spec('VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.2 10.61.0.3');
const HOT = spec('VIPADISTRIBUTE DISTMETHOD HOTSTANDBY 10.91.1.1 PORT 8080 DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 100');
type Steps = { event: string; note?: string; state: { dvipas: Record<string, { connections: Record<string, number> }> } }[];
const run = (text: string, events: string): Steps => {
  const r = simulate(config(text), events);
  if (!r.ok) throw new Error(r.message);
  return r.trace.steps as unknown as Steps;
};
const fails = (text: string, events: string): string => {
  const r = simulate(config(text), events);
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
};

describe('simulate: connect C to T (D-223)', () => {
  it('without a target the first eligible is taken; with one, that one; the event text stays connect C', () => {
    expect(run(RR, 'connect c')[1]!.state.dvipas['10.91.1.1']!.connections).toEqual({ T2: 1 });
    const s = run(RR, 'connect c to T3; connect c TO t2');
    expect(s[1]!.state.dvipas['10.91.1.1']!.connections).toEqual({ T3: 1 });
    expect(s[1]!.event).toBe('connect c');
    expect(s[1]!.note).toContain('to T3');
    expect(s[2]!.state.dvipas['10.91.1.1']!.connections).toEqual({ T2: 1, T3: 1 });
  });

  it('the written trace replays to the same states (the step is the engine successor for that target)', () => {
    const r = simulate(config(RR), 'connect c to T3; terminate T3; connect c to T2');
    if (!r.ok) throw new Error(r.message);
    const steps = JSON.parse(JSON.stringify(r.trace.steps)) as { event: string; state: never }[];
    const back = replayTrace(config(RR), { spec: null, property: null, events: steps.slice(1).map((x) => x.event), states: steps.map((x) => x.state) });
    expect(back.stoppedAt).toBeNull();
    expect(back.differs).toEqual([]);
    expect(JSON.parse(JSON.stringify(back.trace.steps))).toEqual(steps);
  });

  it('a target that cannot take it is refused with the reason and who can', () => {
    expect(fails(RR, 'connect c to T3; connect c to T3')).toBe("event 2: 'connect c to T3' is not possible now: the new connection cannot go to T3: client 'c' already has maxConnections (1) connection(s) on T3; T2 can take it");
    expect(fails(RR, 'connect c to D1')).toContain('D1 is not a DESTIP target of D1\'s VIPADISTRIBUTE for port 8080; T2, T3 can take it');
    expect(fails(RR, 'app-stop T2 S; connect c to T2')).toContain('the new connection cannot go to T2: no listener on 8080 on T2; T3 can take it');
    expect(fails(RR, 'quiesce-target T3; connect c to T3')).toContain('T3 is quiesced');
    expect(fails(HOT, 'connect c to T3')).toContain('HOTSTANDBY sends new connections to its active target only; T2 can take it');
    expect(fails(RR, 'connect plain to T2')).toContain('10.91.1.2:9090 is not distributed by its owner D1, which serves it alone');
    expect(fails(RR, 'connect c to NOPE')).toContain("no stack named 'NOPE' (stacks: D1, T2, T3)");
    expect(fails(RR, 'connect nobody to T2')).toContain("no client named 'nobody to T2'");
  });

  it('a client whose name ends in "to X" is that client, not a target', () => {
    const named = RR.replace('  - { name: plain,', '  - { name: c to T3, dvipa: 10.91.1.1, port: 8080 }\n  - { name: plain,');
    const s = run(named, 'connect c to T3');
    expect(s[1]!.event).toBe('connect c to T3');
    expect(s[1]!.state.dvipas['10.91.1.1']!.connections).toEqual({ T2: 1 });
  });
});
