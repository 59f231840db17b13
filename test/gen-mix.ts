import fc from 'fast-check';
import { defLines } from './gen-spec.js';

/**
 * Random small sysplexes that MIX the features of issues 17, 18 and the IPv6 DVIPAs (test/mix.test.ts):
 * 2-4 stacks; two IPv4 DVIPAs (D0, D1) and one IPv6 DVIPA (D2) defined, backed up (MOVEABLE or
 * not, WHENIDLE); VIPADISTRIBUTE of the IPv4 DVIPAs (ROUNDROBIN / HOTSTANDBY / DESTIP ALL / target
 * lists, some naming no stack); VIPAROUTE; IPCONFIG/IPCONFIG6 DYNAMICXCF or not; VIPARANGE
 * (NONDISRUPTIVE/DISRUPTIVE, nested) with applications that bind or ioctl, initially down; a range
 * address that a stack also VIPADEFINEs (and may distribute); clients of all of them; every event
 * group; start running/down; small budgets. IPv6 distribution is left to its own helper ("dist6").
 */
const MONITOR = ['', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY AUTOREJOIN'];
const RANGES = ['', 'VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255.255.255.0 10.1.9.0', 'VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.1.9.0',
  'VIPARANGE DEFINE 255.255.255.0 10.1.9.0\nVIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.252 10.1.9.0'] as const;
/** D0, D1 IPv4; D2 IPv6; R1, R2 in the range (R2 = 10.1.9.5 may also be VIPADEFINEd). */
export const MIX_ADDR = ['201.2.10.11', '201.2.10.12', '2001:db8::13', '10.1.9.1', '10.1.9.5'] as const;
const DEF = ['none', 'none', 'define', 'defineIdle', 'b10', 'b20', 'b20m'] as const;
const DIST = ['none', 'none', 'rr', 'all', 'hot', 'hotNoAuto'] as const;

const stack = fc.record({
  monitor: fc.nat(),
  routing: fc.constantFrom('omproute', 'omproute', 'static'),
  xcf: fc.constantFrom(true, true, false),
  xcf6: fc.boolean(),
  defs: fc.array(fc.constantFrom(...DEF), { minLength: 3, maxLength: 3 }),
  /** a VIPADEFINE (or VIPABACKUP) of the range address 10.1.9.5 */
  rdef: fc.constantFrom('none', 'none', 'none', 'define', 'b10'),
  dist: fc.array(fc.constantFrom(...DIST), { minLength: 3, maxLength: 3 }),
  /** target stacks; 7 = an address naming no stack */
  targets: fc.array(fc.constantFrom(0, 1, 2, 3, 7), { minLength: 1, maxLength: 2 }),
  route: fc.boolean(),
  range: fc.nat({ max: RANGES.length - 1 }),
  apps: fc.array(fc.record({
    port: fc.constantFrom(80, 81), bind: fc.constantFrom(-1, -1, 0, 1, 3, 4), ioctl: fc.boolean(), down: fc.constantFrom(false, false, true),
  }), { maxLength: 2 }),
});

export const mixSpec = fc.record({
  stacks: fc.array(stack, { minLength: 2, maxLength: 4 }),
  clientPorts: fc.array(fc.constantFrom(80, 81), { minLength: 5, maxLength: 5 }),
  clients: fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }),
  start: fc.constantFrom('running', 'running', 'down'),
  events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'applications', 'connections', 'distribution'], { minLength: 2, maxLength: 4 }),
  maxFailures: fc.constantFrom('1', '1', '2'),
  maxConnections: fc.constantFrom(1, 1, 2),
}).map((g) => {
  const n = g.stacks.length;
  const xcf = (i: number): string => (i === 7 ? '193.9.200.99' : `193.9.200.${(i % n) + 1}`);
  const defined = new Set<number>();
  const bound = new Set<number>();
  const stacks = g.stacks.map((s, i) => {
    const lines: string[] = [];
    s.defs.forEach((d, j) => {
      const a = MIX_ADDR[j]!;
      const def = j === 2 ? def6(d, a) : defLines(d, a);
      if (!def.length) return;
      defined.add(j);
      lines.push(...def);
      if (j < 2) lines.push(...distLines(s.dist[j]!, a, `PORT ${g.clientPorts[j]}`, s.targets.map(xcf), xcf((i + 1) % n)));
    });
    if (s.rdef !== 'none') {
      defined.add(4);
      lines.push(...defLines(s.rdef, MIX_ADDR[4]));
      lines.push(...distLines(s.dist[2]!, MIX_ADDR[4], `PORT ${g.clientPorts[4]}`, s.targets.map(xcf), xcf((i + 1) % n)));
    }
    if (RANGES[s.range]) lines.push(...RANGES[s.range]!.split('\n'));
    if (s.route) lines.push(`VIPAROUTE DEFINE ${xcf(i + 1)} 10.1.1.${((i + 1) % n) + 1}`);
    const prof = [MONITOR[s.monitor % MONITOR.length]!, s.xcf ? `IPCONFIG DYNAMICXCF ${xcf(i)} 255.255.255.0 1` : '',
      s.xcf6 ? `IPCONFIG6 DYNAMICXCF 2001:db8:200::${i + 1}` : '',
      lines.length ? `VIPADYNAMIC\n${lines.map((l) => `  ${l}`).join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n') || '; empty';
    const apps = s.apps.map((a, k) => {
      if (a.bind >= 3 && s.range > 0) bound.add(a.bind);
      const create = a.bind >= 3 && a.ioctl ? ', create: ioctl' : '';
      return `      - { name: A${k}, port: ${a.port}${a.bind >= 0 ? `, bind: ${MIX_ADDR[a.bind as 0]}` : ''}${create}${a.down ? ', initially: down' : ''} }`;
    });
    return `  - name: S${i}\n    routing: ${s.routing}\n    profile: |\n${prof.split('\n').map((l) => `      ${l}`).join('\n')}\n`
      + (apps.length ? `    applications:\n${apps.join('\n')}\n` : '');
  });
  const targets = g.clients.filter((j) => defined.has(j) || bound.has(j));
  const clients = targets.map((j) => `  - { name: c${j}, dvipa: "${MIX_ADDR[j]}", port: ${g.clientPorts[j]} }\n`).join('');
  return `stacks:\n${stacks.join('')}${clients ? `clients:\n${clients}` : ''}environment:\n  start: ${g.start}\n  events: [${g.events.join(', ')}]\n  maxFailures: ${g.maxFailures}\n  maxConnections: ${g.maxConnections}\n`;
});

function def6(kind: string, a: string): string[] {
  switch (kind) {
    case 'define': case 'defineIdle': return [`VIPADEFINE MOVEABLE IMMEDIATE DV6 ${a}`];
    case 'b10': return [`VIPABACKUP 10 DV6 ${a}`];
    case 'b20': return [`VIPABACKUP 20 DV6 ${a}`];
    case 'b20m': return [`VIPABACKUP 20 MOVEABLE IMMEDIATE DV6 ${a}`];
    default: return [];
  }
}

function distLines(kind: string, a: string, port: string, targets: string[], other: string): string[] {
  const ts = [...new Set(targets)];
  switch (kind) {
    case 'rr': return [`VIPADISTRIBUTE DISTMETHOD ROUNDROBIN ${a} ${port} DESTIP ${ts.join(' ')}`];
    case 'all': return [`VIPADISTRIBUTE ${a} ${port} DESTIP ALL`];
    case 'hot': case 'hotNoAuto': {
      const b = other === ts[0] ? '193.9.200.98' : other;
      return [`VIPADISTRIBUTE DISTMETHOD HOTSTANDBY${kind === 'hotNoAuto' ? ' NOAUTOSWITCHBACK' : ''} ${a} ${port} DESTIP ${ts[0]} PREFERRED ${b} BACKUP 10`];
    }
    default: return [];
  }
}
