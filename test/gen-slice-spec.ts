import fc from 'fast-check';
import { defLines } from './gen-spec.js';

const MONITOR = ['', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', 'GLOBALCONFIG SYSPLEXMONITOR NOJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY',
  'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY AUTOREJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY AUTOREJOIN'];
const DEF = ['none', 'none', 'define', 'defineIdle', 'defineCpc', 'b10', 'b20', 'b20m', 'b20idle'] as const;

const stack = fc.record({
  monitor: fc.nat(),
  routing: fc.constantFrom('omproute', 'omproute', 'static'),
  xcf: fc.boolean(),
  cpc: fc.constantFrom('C1', 'C2'),
  defs: fc.array(fc.constantFrom(...DEF), { minLength: 3, maxLength: 3 }),
  apps: fc.array(fc.record({ port: fc.constantFrom(80, 81), bind: fc.constantFrom(-1, -1, 0, 1, 2) }), { maxLength: 2 }),
});

/**
 * Random multi-DVIPA sysplexes for the slicing exactness test: 3-5 stacks (some defining none of
 * a DVIPA, so that bare stacks and the RECOVERY membership count matter), up to 3 DVIPAs, every
 * kind of definition, RECOVERY/AUTOREJOIN/NOJOIN/DELAYJOIN, static routing, CPCSCOPE, WHENIDLE,
 * applications on two ports (INADDR_ANY or bound), 1-2 clients per DVIPA, both start modes, any
 * event groups, 1-2 connections per client and stack, finite and unlimited budgets (unlimited on at most 3 stacks, to stay small).
 */
export const sliceSpec = fc.record({
  // a few SYSPLEXMONITOR settings per spec, so that several bare stacks are of one kind (D-55)
  palette: fc.array(fc.constantFrom(...MONITOR), { minLength: 1, maxLength: 3 }),
  stacks: fc.array(stack, { minLength: 3, maxLength: 5 }),
  dvipas: fc.integer({ min: 2, max: 3 }),
  clientPorts: fc.array(fc.array(fc.constantFrom(80, 81), { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  start: fc.constantFrom('running', 'down'),
  events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'applications', 'connections'], { minLength: 2 }),
  maxFailures: fc.constantFrom('1', '2', 'unlimited'),
  maxConnections: fc.constantFrom(1, 1, 2),
}).map((g) => {
  const addr = (j: number): string => `201.2.10.${11 + j}`;
  const maxFailures = g.maxFailures === 'unlimited' && g.stacks.length > 3 ? '2' : g.maxFailures;
  const used = new Set<number>();
  const stacks = g.stacks.map((s, i) => {
    const lines = s.defs.slice(0, g.dvipas).flatMap((d, j) => {
      if (d !== 'none') used.add(j);
      return defLines(d, addr(j));
    });
    const prof = [g.palette[s.monitor % g.palette.length]!, s.xcf ? `IPCONFIG DYNAMICXCF 193.9.200.${i + 1} 255.255.255.0 1` : '',
      lines.length ? `VIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n') || '; empty';
    const apps = s.apps.map((a, k) => `      - { name: A${k}, port: ${a.port}${a.bind >= 0 && a.bind < g.dvipas ? `, bind: ${addr(a.bind)}` : ''} }`);
    return `  - name: S${i}\n    cpc: ${s.cpc}\n    routing: ${s.routing}\n    profile: |\n${prof.split('\n').map((l) => `      ${l}`).join('\n')}\n`
      + (apps.length ? `    applications:\n${apps.join('\n')}\n` : '');
  });
  const clients = [...used].sort().flatMap((j) => g.clientPorts[j]!.map((port, k) => `  - { name: c${j}x${k}, dvipa: ${addr(j)}, port: ${port} }\n`)).join('');
  return `stacks:\n${stacks.join('')}${clients ? `clients:\n${clients}` : ''}environment:\n  start: ${g.start}\n  events: [${g.events.join(', ')}]\n  maxFailures: ${maxFailures}\n  maxConnections: ${g.maxConnections}\n`;
});

/**
 * Random sysplexes with a sysplex distributor (issue 17): 3-4 stacks, 2 DVIPAs, VIPADISTRIBUTE on
 * some defining stacks (ROUNDROBIN to chosen targets, DESTIP ALL, HOTSTANDBY with a PREFERRED and a
 * BACKUP, NOAUTOSWITCHBACK), backups without a VIPADISTRIBUTE of their own (inherited definitions),
 * stacks without DYNAMICXCF and VIPAROUTEs, targets that define nothing, WHENIDLE, quiesce/resume.
 * Used by test/slice.test.ts (sliced == --no-slice) and test/spin.test.ts (SPIN agreement).
 */
const DIST = ['none', 'none', 'rr', 'all', 'hot', 'hotNoAuto'] as const;
export const distSliceSpec = fc.record({
  stacks: fc.array(fc.record({
    xcf: fc.constantFrom(true, true, false),
    routing: fc.constantFrom('omproute', 'static'),
    defs: fc.array(fc.constantFrom('none', 'define', 'defineIdle', 'b10', 'b20', 'b20m'), { minLength: 2, maxLength: 2 }),
    dist: fc.array(fc.constantFrom(...DIST), { minLength: 2, maxLength: 2 }),
    targets: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 2 }),
    route: fc.boolean(),
    apps: fc.array(fc.record({ port: fc.constantFrom(80, 81), bind: fc.constantFrom(-1, -1, 0, 1) }), { maxLength: 2 }),
  }), { minLength: 3, maxLength: 4 }),
  clientPorts: fc.array(fc.constantFrom(80, 81), { minLength: 2, maxLength: 2 }),
  start: fc.constantFrom('running', 'running', 'down'),
  events: fc.subarray(['terminate', 'start', 'leavegroup', 'deactivate', 'applications', 'connections', 'distribution'], { minLength: 3 }),
  maxFailures: fc.constantFrom('1', '1', '2'),
}).map((g) => {
  const addr = (j: number): string => `201.2.10.${11 + j}`;
  const xcf = (i: number): string => `193.9.200.${i + 1}`;
  const n = g.stacks.length;
  const used = new Set<number>();
  const stacks = g.stacks.map((s, i) => {
    const lines = s.defs.flatMap((d, j) => {
      const def = defLines(d, addr(j));
      if (!def.length) return [];
      used.add(j);
      const ts = [...new Set(s.targets.map((t) => t % n))];
      const other = ts[0] === (i + 1) % n ? (i + 2) % n : (i + 1) % n;
      const dist = s.dist[j]!;
      const port = `PORT ${g.clientPorts[j]}`;
      const vd = dist === 'rr' ? [`VIPADISTRIBUTE DISTMETHOD ROUNDROBIN ${addr(j)} ${port} DESTIP ${ts.map(xcf).join(' ')}`]
        : dist === 'all' ? [`VIPADISTRIBUTE ${addr(j)} DESTIP ALL`]
        : dist === 'hot' || dist === 'hotNoAuto' ? [`VIPADISTRIBUTE DISTMETHOD HOTSTANDBY${dist === 'hotNoAuto' ? ' NOAUTOSWITCHBACK' : ''} ${addr(j)} ${port} DESTIP ${xcf(ts[0]!)} PREFERRED ${xcf(other)} BACKUP 10`]
        : [];
      return [...def, ...vd];
    });
    if (s.route) lines.push(`VIPAROUTE DEFINE ${xcf((i + 1) % n)} 10.1.1.${((i + 1) % n) + 1}`);
    const prof = ['GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', s.xcf ? `IPCONFIG DYNAMICXCF ${xcf(i)} 255.255.255.0 1` : '',
      lines.length ? `VIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n');
    const apps = s.apps.map((a, k) => `      - { name: A${k}, port: ${a.port}${a.bind >= 0 ? `, bind: ${addr(a.bind)}` : ''} }`);
    return `  - name: S${i}\n    routing: ${s.routing}\n    profile: |\n${prof.split('\n').map((l) => `      ${l}`).join('\n')}\n`
      + (apps.length ? `    applications:\n${apps.join('\n')}\n` : '');
  });
  const clients = [...used].sort().map((j) => `  - { name: c${j}, dvipa: ${addr(j)}, port: ${g.clientPorts[j]} }\n`).join('');
  return `stacks:\n${stacks.join('')}${clients ? `clients:\n${clients}` : ''}environment:\n  start: ${g.start}\n  events: [${g.events.join(', ')}]\n  maxFailures: ${g.maxFailures}\n  maxConnections: 1\n`;
});
