import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DvipaModel } from '../src/model/model.js';
import type { Config } from '../src/spec/config.js';
import { richSpec, smallSpec } from './gen-spec.js';
import { chainSpec, config, loadFile, ROOT } from './helpers.js';

type Succ = string;

/** Successors as "action/choice:bytes", from successors() per action (the rules) or from expand (compiled). */
function interpreted(m: DvipaModel, s: Uint8Array): Succ[] {
  const out: Succ[] = [];
  for (let a = 0; a < m.actionCount; a++) m.successors(s, a, (n, c) => out.push(`${a}/${c}:${n.join(',')}`));
  return out;
}
function compiled(m: DvipaModel, s: Uint8Array): Succ[] {
  const out: Succ[] = [];
  m.expand!(s, (n, a, c) => out.push(`${a}/${c}:${n.join(',')}`));
  return out;
}

/** Walks every reachable state and compares both successor lists on each; returns the state count. */
function compare(cfg: Config, limit = 200_000): number {
  const m = new DvipaModel(cfg, false, false, true);
  expect(m.expand).toBeTypeOf('function');
  const seen = new Set<string>();
  const queue = m.initialStates().map((s) => s.slice());
  for (const s of queue) seen.add(s.join(','));
  for (let k = 0; k < queue.length && k < limit; k++) {
    const s = queue[k]!;
    const want = interpreted(m, s);
    const got = compiled(m, s);
    if (got.join('\n') !== want.join('\n')) expect({ state: s.join(','), got }).toEqual({ state: s.join(','), got: want });
    for (const line of want) {
      const bytes = line.slice(line.indexOf(':') + 1);
      if (!seen.has(bytes)) { seen.add(bytes); queue.push(Uint8Array.from(bytes.split(',').map(Number))); }
    }
  }
  return seen.size;
}

describe('the search path (expand) equals the per-event path of traces and replay (successors), both printed from model/rules.ts', () => {
  it('on every reachable state of every spec in specs/', () => {
    const dir = join(ROOT, 'specs');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) expect(compare(loadFile(join(dir, f))), f).toBeGreaterThan(0);
  });

  it('on every reachable state of chain(3,3,1), chain(4,2,1) and chain(3,3,2)', () => {
    expect(compare(config(chainSpec(3, 3, 1)))).toBe(6272);
    expect(compare(config(chainSpec(4, 2, 1)))).toBe(25152);
    expect(compare(config(chainSpec(3, 3, 2)))).toBe(40744);
  });

  it('on every reachable state of random specs (ties, WHENIDLE, CPCSCOPE, RECOVERY, NOJOIN, budgets)', () => {
    fc.assert(fc.property(smallSpec, (text) => { compare(config(text)); }), { numRuns: 60, seed: 7 });
  });

  it('on every reachable state of random richer specs (4 stacks, static routing, BIND, CPCSCOPE, ties)', () => {
    fc.assert(fc.property(richSpec, (text) => {
      compare(config(text), 60_000);
    }), { numRuns: 100, seed: 3 });
  });

  it('with large budgets (fields above 15), RECOVERY AUTOREJOIN, and with no DVIPA at all', () => {
    const big = `stacks:
  - name: A
    profile: |
      VIPADYNAMIC
        VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 201.2.10.11
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }]
  - name: B
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR RECOVERY AUTOREJOIN
      VIPADYNAMIC
        VIPABACKUP 100 201.2.10.11
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }]
clients:
  - { name: c, dvipa: 201.2.10.11, port: 80 }
environment:
  start: running
  events: [terminate, start, routing, leavegroup, deactivate, applications, connections]
  maxFailures: 17
  maxConnections: 18
`;
    expect(compare(config(big))).toBe(85309);
    const none = `stacks:
  - name: A
    profile: |
      ; nothing dynamic
    applications: [{ name: W, port: 80 }]
  - name: B
    profile: |
      VIPADYNAMIC
      ENDVIPADYNAMIC
environment:
  start: running
  maxFailures: 20
`;
    expect(compare(config(none))).toBe(177);
  });

  it('on specs with equal ranks (rank ties through the odometer)', () => {
    const text = `stacks:
  - name: A
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 201.2.10.11
        VIPABACKUP 50 201.2.10.12
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }]
  - name: B
    profile: |
      VIPADYNAMIC
        VIPABACKUP 50 201.2.10.11
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 201.2.10.12
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }]
  - name: C
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.3 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 50 201.2.10.11
        VIPABACKUP 50 201.2.10.12
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }]
  - name: D
    profile: |
      VIPADYNAMIC
        VIPABACKUP 50 201.2.10.11
        VIPABACKUP 50 201.2.10.12
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }]
clients:
  - { name: a, dvipa: 201.2.10.11, port: 80 }
  - { name: b, dvipa: 201.2.10.12, port: 80 }
environment:
  start: running
  maxFailures: 3
  maxConnections: 2
`;
    expect(compare(config(text))).toBeGreaterThan(1000);
  });
});
