import { describe, expect, it } from 'vitest';
import { runCli, specFile } from './helpers.js';

/** Findings of the metamorphic campaign (h23, D-317 ..). */

// Two stacks, one DVIPA: a VIPADEFINE owner on a stack without the application and a WHENIDLE takeback
// (service-available, takeback, available are all violated within a few steps of a random walk).
const SPEC = `stacks:
  - name: S0
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 201.2.10.11
      ENDVIPADYNAMIC
  - name: S1
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 20 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: W, port: 80 }
clients:
  - { name: c0, dvipa: 201.2.10.11, port: 80 }
environment:
  events: [terminate, start, leavegroup, routing, connections]
  maxFailures: 2
`;

describe('D-317: a random-mode replay line replays as printed, whatever --depth the run used', () => {
  it('each printed replay line, run as it stands, violates its property with the same trace length', () => {
    const f = specFile(SPEC);
    for (const depth of ['7']) {
      const r = runCli(['check', f, '--mode', 'random', '--seed', '5', '--runs', '30', '--depth', depth]);
      const lines = [...r.stdout.matchAll(/Counterexample for '([^']+)' \((\d+) step\(s\)\):\n {2}\(found by random walks; replay: ([^)]*)\)/g)];
      expect(lines.length, r.stdout).toBeGreaterThanOrEqual(2);
      for (const [, name, steps, line] of lines) {
        expect(line).toContain(`--depth ${depth}`);
        const again = runCli(['check', f, ...line!.split(' '), '--format', 'json']);
        expect(again.code, again.stderr).toBe(1);
        const p = JSON.parse(again.stdout).properties.find((x: { name: string }) => x.name === name);
        expect([p.status, p.trace.steps.length - 1]).toEqual(['violated', Number(steps)]);
      }
    }
  }, 60_000);
});
