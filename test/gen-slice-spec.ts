import fc from 'fast-check';
import { defLines } from './gen-spec.js';

const MONITOR = ['', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', 'GLOBALCONFIG SYSPLEXMONITOR NOJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY',
  'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY AUTOREJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY AUTOREJOIN'];
const DEF = ['none', 'none', 'define', 'defineIdle', 'defineCpc', 'b10', 'b20', 'b20m', 'b20idle'] as const;

const stack = fc.record({
  monitor: fc.nat(),
  routing: fc.constantFrom('omproute', 'omproute', 'static'),
  xcf: fc.boolean(),
  xcf6: fc.boolean(),
  /** IPv6 backups of this stack name another interface name (rejected, D-145). */
  twist: fc.constantFrom(false, false, false, true),
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
 * Some DVIPAs are IPv6 (SEMANTICS §12: interface name + address, MOVEABLE IMMEDIATE only,
 * IPCONFIG6 DYNAMICXCF; some backups with a mismatching interface name), in a dual-stack sysplex.
 */
export const sliceSpec = fc.record({
  // a few SYSPLEXMONITOR settings per spec, so that several bare stacks are of one kind (D-55)
  palette: fc.array(fc.constantFrom(...MONITOR), { minLength: 1, maxLength: 3 }),
  stacks: fc.array(stack, { minLength: 3, maxLength: 5 }),
  dvipas: fc.integer({ min: 2, max: 3 }),
  v6: fc.array(fc.constantFrom(false, false, true), { minLength: 3, maxLength: 3 }),
  clientPorts: fc.array(fc.array(fc.constantFrom(80, 81), { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  start: fc.constantFrom('running', 'down'),
  events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'applications', 'connections'], { minLength: 2 }),
  maxFailures: fc.constantFrom('1', '2', 'unlimited'),
  maxConnections: fc.constantFrom(1, 1, 2),
}).map((g) => {
  const addr = (j: number): string => (g.v6[j] ? `2001:db8::${11 + j}` : `201.2.10.${11 + j}`);
  const maxFailures = g.maxFailures === 'unlimited' && g.stacks.length > 3 ? '2' : g.maxFailures;
  const used = new Set<number>();
  const stacks = g.stacks.map((s, i) => {
    const lines = s.defs.slice(0, g.dvipas).flatMap((d, j) => {
      if (d !== 'none') used.add(j);
      return g.v6[j] ? def6Lines(d, addr(j), s.twist && d.startsWith('b') ? `BAD${j}` : `DV6X${j}`) : defLines(d, addr(j));
    });
    const prof = [g.palette[s.monitor % g.palette.length]!, s.xcf ? `IPCONFIG DYNAMICXCF 193.9.200.${i + 1} 255.255.255.0 1` : '',
      s.xcf6 ? `IPCONFIG6 DYNAMICXCF 2001:db8:200::${i + 1}` : '',
      lines.length ? `VIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n') || '; empty';
    const apps = s.apps.map((a, k) => `      - { name: A${k}, port: ${a.port}${a.bind >= 0 && a.bind < g.dvipas && !g.v6[a.bind] ? `, bind: ${addr(a.bind)}` : ''} }`);
    return `  - name: S${i}\n    cpc: ${s.cpc}\n    routing: ${s.routing}\n    profile: |\n${prof.split('\n').map((l) => `      ${l}`).join('\n')}\n`
      + (apps.length ? `    applications:\n${apps.join('\n')}\n` : '');
  });
  const clients = [...used].sort().flatMap((j) => g.clientPorts[j]!.map((port, k) => `  - { name: c${j}x${k}, dvipa: "${addr(j)}", port: ${port} }\n`)).join('');
  return `stacks:\n${stacks.join('')}${clients ? `clients:\n${clients}` : ''}environment:\n  start: ${g.start}\n  events: [${g.events.join(', ')}]\n  maxFailures: ${maxFailures}\n  maxConnections: ${g.maxConnections}\n`;
});

/** The IPv6 form of a definition kind (SEMANTICS §12: no WHENIDLE, no mask; WHENIDLE kinds become IMMEDIATE). */
function def6Lines(kind: string, address: string, intf: string): string[] {
  switch (kind) {
    case 'define': case 'defineIdle': return [`VIPADEFINE MOVEABLE IMMEDIATE ${intf} ${address}`];
    case 'defineCpc': return [`VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE ${intf} ${address}`];
    case 'b10': return [`VIPABACKUP 10 ${intf} ${address}`];
    case 'b20': return [`VIPABACKUP 20 ${intf} ${address}`];
    case 'b20m': case 'b20idle': return [`VIPABACKUP 20 MOVEABLE IMMEDIATE ${intf} ${address}`];
    default: return [];
  }
}
// ---- issue 18: VIPARANGE DVIPAs among defined ones -------------------------------------------
const RANGES = ['', 'VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255.255.255.0 10.1.9.0', 'VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0',
  'VIPARANGE DEFINE 255.255.255.0 10.1.9.0\n      VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.252 10.1.9.0'] as const;
const RANGE_ADDR = ['10.1.9.1', '10.1.9.5'];

const rangeStack = fc.record({
  monitor: fc.nat(),
  routing: fc.constantFrom('omproute', 'omproute', 'static'),
  xcf: fc.boolean(),
  def: fc.constantFrom('none', 'define', 'b10', 'b20m'),
  range: fc.nat({ max: RANGES.length - 1 }),
  ioctl: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  apps: fc.array(fc.record({ port: fc.constantFrom(80, 81), bind: fc.constantFrom(-1, 0, 1, 2, 2), down: fc.boolean() }), { maxLength: 2 }),
});

/**
 * Random sysplexes with application-specific DVIPAs (SEMANTICS §11) for the slicing exactness
 * test: 2-4 stacks, one defined DVIPA, two addresses in a VIPARANGE bound by applications (bind or
 * ioctl, standby or not), NONDISRUPTIVE/DISRUPTIVE and nested ranges, a stack without a range.
 */
export const rangeSliceSpec = fc.record({
  palette: fc.array(fc.constantFrom(...MONITOR), { minLength: 1, maxLength: 2 }),
  stacks: fc.array(rangeStack, { minLength: 2, maxLength: 4 }),
  clientPorts: fc.array(fc.constantFrom(80, 81), { minLength: 3, maxLength: 3 }),
  start: fc.constantFrom('running', 'down'),
  events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'applications', 'connections'], { minLength: 2 }),
  maxFailures: fc.constantFrom('1', '2'),
  maxConnections: fc.constantFrom(1, 1, 2),
}).map((g) => {
  const D0 = '201.2.10.11';
  const addr = (b: number): string => (b === 0 ? D0 : RANGE_ADDR[b - 1]!);
  let defined = false;
  const bound = new Set<number>();
  const stacks = g.stacks.map((s, i) => {
    const lines = [...defLines(s.def, D0), ...(RANGES[s.range] ? [RANGES[s.range]!] : [])];
    if (s.def !== 'none') defined = true;
    const prof = [g.palette[s.monitor % g.palette.length]!, s.xcf ? `IPCONFIG DYNAMICXCF 193.9.200.${i + 1} 255.255.255.0 1` : '',
      lines.length ? `VIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n') || '; empty';
    const apps = s.apps.map((a, k) => {
      if (a.bind >= 1 && s.range > 0) bound.add(a.bind);
      const create = a.bind >= 1 && s.ioctl[a.bind - 1] ? ', create: ioctl' : '';
      return `      - { name: A${k}, port: ${a.port}${a.bind >= 0 ? `, bind: ${addr(a.bind)}` : ''}${create}${a.down ? ', initially: down' : ''} }`;
    });
    return `  - name: S${i}\n    routing: ${s.routing}\n    profile: |\n${prof.split('\n').map((l) => `      ${l}`).join('\n')}\n`
      + (apps.length ? `    applications:\n${apps.join('\n')}\n` : '');
  });
  const targets = [...(defined ? [0] : []), ...[...bound].sort()];
  const clients = targets.map((b) => `  - { name: c${b}, dvipa: ${addr(b)}, port: ${g.clientPorts[b]!} }\n`).join('');
  return `stacks:\n${stacks.join('')}${clients ? `clients:\n${clients}` : ''}environment:\n  start: ${g.start}\n  events: [${g.events.join(', ')}]\n  maxFailures: ${g.maxFailures}\n  maxConnections: ${g.maxConnections}\n`;
});

/**
 * Random sysplexes with a sysplex distributor (issue 17): 3-4 stacks, 2 DVIPAs, VIPADISTRIBUTE on
 * some defining stacks (ROUNDROBIN to chosen targets, DESTIP ALL, HOTSTANDBY with a PREFERRED and a
 * BACKUP, NOAUTOSWITCHBACK), backups without a VIPADISTRIBUTE of their own (inherited definitions),
 * stacks without DYNAMICXCF and VIPAROUTEs, targets that define nothing, WHENIDLE, quiesce/resume.
 * Used by test/slice.test.ts (sliced == --no-slice) and test/spin-random.test.ts (SPIN agreement).
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
