import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { planUnits } from '../src/check/sliced.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { config } from './helpers.js';

/**
 * D-280: slices with distribution are keyed by the code of their rules. Equal keys must mean equal
 * results: every class of equal keys is explored member by member here, each slice as a sysplex of
 * its own (no slicing, no sharing), and their figures and verdicts compared.
 */
const MONITOR = ['', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY AUTOREJOIN'];

/** Several distributed DVIPAs drawn from few shapes (so that classes form), with their own addresses and ports. */
const spec = fc.record({
  n: fc.integer({ min: 3, max: 4 }),
  monitors: fc.array(fc.nat({ max: MONITOR.length - 1 }), { minLength: 4, maxLength: 4 }),
  xcf: fc.array(fc.constantFrom(true, true, false), { minLength: 4, maxLength: 4 }),
  dvipas: fc.array(fc.record({
    owner: fc.nat({ max: 1 }),
    idle: fc.boolean(),
    method: fc.constantFrom('rr', 'all', 'hot', 'list1'),
    bind: fc.boolean(),
    port: fc.integer({ min: 1000, max: 1100 }),
  }), { minLength: 3, maxLength: 5 }),
  events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'applications', 'connections', 'distribution'], { minLength: 2, maxLength: 4 }),
  maxFailures: fc.constantFrom(1, 1, 2),
}).map((g) => {
  const n = g.n;
  const xcf = (i: number): string => `193.9.200.${(i % n) + 1}`;
  const lines: string[][] = Array.from({ length: n }, () => []);
  const apps: string[][] = Array.from({ length: n }, () => []);
  const clients: string[] = [];
  g.dvipas.forEach((d, j) => {
    const a = `10.7.${j}.1`;
    const o = d.owner % n, b = (o + 1) % n;
    const dist = d.method === 'rr' ? `DISTMETHOD ROUNDROBIN ${a} PORT ${d.port} DESTIP ${xcf(o)} ${xcf(b)}`
      : d.method === 'all' ? `${a} PORT ${d.port} DESTIP ALL`
        : d.method === 'hot' ? `DISTMETHOD HOTSTANDBY ${a} PORT ${d.port} DESTIP ${xcf(b)} PREFERRED ${xcf(b + 1)} BACKUP 10`
          : `${a} PORT ${d.port} DESTIP ${xcf(b)}`;
    lines[o]!.push(`VIPADEFINE MOVEABLE ${d.idle ? 'WHENIDLE' : 'IMMEDIATE'} 255.255.255.0 ${a}`, `VIPADISTRIBUTE DEFINE ${dist}`);
    lines[b]!.push(`VIPABACKUP 100 ${a}`, `VIPADISTRIBUTE DEFINE ${dist}`);
    for (let i = 0; i < n; i++) apps[i]!.push(`      - { name: A${j}, port: ${d.port}${d.bind ? `, bind: ${a}` : ''} }`);
    clients.push(`  - { name: c${j}, dvipa: "${a}", port: ${d.port} }`);
  });
  const stacks = lines.map((ls, i) => {
    const prof = [MONITOR[g.monitors[i]!]!, g.xcf[i] ? `IPCONFIG DYNAMICXCF ${xcf(i)} 255.255.255.0 1` : '',
      ls.length ? `VIPADYNAMIC\n${ls.map((l) => `  ${l}`).join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n') || '; empty';
    return `  - name: S${i}\n    profile: |\n${prof.split('\n').map((l) => `      ${l}`).join('\n')}\n    applications:\n${apps[i]!.join('\n')}\n`;
  });
  return `stacks:\n${stacks.join('')}clients:\n${clients.join('\n')}\nenvironment:\n  events: [${g.events.join(', ')}]\n  maxFailures: ${g.maxFailures}\n`;
});

const figures = (r: CheckReport): unknown => [r.result, r.states, r.transitions, r.depth,
  r.properties.map((p) => [p.name, p.status, p.trace?.steps.length ?? null])];

describe('D-280: slices with distribution keyed by the code of their rules', () => {
  it('slices with equal keys have equal states, transitions, depth, verdicts and shortest trace lengths', async () => {
    let classes = 0, split = 0;
    await fc.assert(fc.asyncProperty(spec, async (text) => {
      const cfg = config(text);
      const units = planUnits(cfg, BUILTIN_PROPERTIES, []);
      const byKey = new Map<string, typeof units>();
      for (const u of units) byKey.set(u.slice.key, [...(byKey.get(u.slice.key) ?? []), u]);
      split += byKey.size > 1 ? 1 : 0;
      for (const [key, us] of byKey) {
        expect(key.startsWith('code:')).toBe(true);
        if (us.length < 2) continue;
        classes++;
        const [first, ...rest] = await Promise.all(us.map((u) => check(u.slice.cfg, { slice: false })));
        for (const r of rest) expect(figures(r)).toEqual(figures(first!));
      }
    }), { numRuns: 150, seed: 280 });
    expect(classes).toBeGreaterThan(60); // the test meets classes of several slices
    expect(split).toBeGreaterThan(60); // and specs whose slices fall into several classes
  }, 240_000);

  it('a difference the rules read separates the keys; names, addresses and ports do not', () => {
    const site = (second: string, port2 = 81): string => `stacks:
  - name: A
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1
        VIPADISTRIBUTE DEFINE 10.1.1.1 PORT 80 DESTIP 193.9.200.1 193.9.200.2
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.2
        VIPADISTRIBUTE DEFINE ${second}
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: ${port2} }]
  - name: B
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 100 10.1.1.1
        VIPABACKUP 100 10.1.1.2
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: ${port2} }]
clients:
  - { dvipa: 10.1.1.1, port: 80 }
  - { dvipa: 10.1.1.2, port: ${port2} }
environment:
  events: [terminate, start, connections]
`;
    const keys = (text: string): string[] => planUnits(config(text), BUILTIN_PROPERTIES, []).map((u) => u.slice.key);
    const [k1, k2] = keys(site('10.1.1.2 PORT 81 DESTIP 193.9.200.1 193.9.200.2'));
    expect(k1).toBe(k2); // the same up to the address and the port
    expect(keys(site('10.1.1.2 PORT 82 DESTIP 193.9.200.1 193.9.200.2', 82))[1]).toBe(k1);
    expect(keys(site('10.1.1.2 PORT 81 DESTIP 193.9.200.2'))[1]).not.toBe(k1); // one target fewer
    expect(keys(site('10.1.1.2 DISTMETHOD HOTSTANDBY PORT 81 DESTIP 193.9.200.1 PREFERRED 193.9.200.2 BACKUP 10'))[1]).not.toBe(k1);
  });
});

describe('D-280 with violations', () => {
  it('two code-equal distributed DVIPAs that both fail: the sliced report is the full model\'s', async () => {
    // S2 is a target of both DVIPAs without a listener on their ports: service-available fails for each.
    const text = `stacks:
  - name: S1
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1
        VIPADISTRIBUTE DEFINE 10.1.1.1 PORT 80 DESTIP 193.9.200.2
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.2
        VIPADISTRIBUTE DEFINE 10.1.1.2 PORT 81 DESTIP 193.9.200.2
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: 81 }]
  - name: S2
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 100 10.1.1.1
        VIPABACKUP 100 10.1.1.2
      ENDVIPADYNAMIC
clients:
  - { dvipa: 10.1.1.2, port: 81 }
  - { dvipa: 10.1.1.1, port: 80 }
environment:
  events: [terminate, start, connections]
`;
    const cfg = config(text);
    const keys = planUnits(cfg, BUILTIN_PROPERTIES, []).map((u) => u.slice.key);
    expect(keys[0]).toBe(keys[1]);
    const [sliced, full] = await Promise.all([check(cfg), check(cfg, { slice: false })]);
    const verdicts = (r: CheckReport): unknown => r.properties.map((p) => [p.name, p.status, p.message ?? null, p.trace?.steps.length ?? null]);
    expect(verdicts(sliced)).toEqual(verdicts(full));
    expect(sliced.properties.find((p) => p.name === 'service-available')!.status).toBe('violated');
    expect(sliced.slices!.map((s) => s.states)).toEqual([sliced.slices![0]!.states, sliced.slices![0]!.states]);
  });
});
