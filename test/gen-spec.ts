import fc from 'fast-check';

/** Small random sysplex specs: 2-3 stacks, 1-2 DVIPAs, random definitions, options and applications. */
export const smallSpec = fc.record({
  stacks: fc.integer({ min: 2, max: 3 }),
  dvipas: fc.integer({ min: 1, max: 2 }),
  defs: fc.array(fc.array(fc.constantFrom('none', 'define', 'defineIdle', 'b10', 'b20', 'b20m'), { minLength: 2, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  delayjoin: fc.array(fc.constantFrom('GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', '', 'GLOBALCONFIG SYSPLEXMONITOR NOJOIN',
    'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY AUTOREJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY'), { minLength: 3, maxLength: 3 }),
  cpc: fc.array(fc.constantFrom('CPC1', 'CPC2'), { minLength: 3, maxLength: 3 }),
  cpcscope: fc.boolean(),
  maxConnections: fc.constantFrom(1, 2),
  xcf: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  app: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  start: fc.constantFrom('running', 'down'),
  events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'applications', 'connections'], { minLength: 1 }),
  maxFailures: fc.constantFrom('1', '2'),
}).map((g) => {
  const addr = (j: number): string => `201.2.10.${11 + j}`;
  const used = new Set<number>();
  const stacks = Array.from({ length: g.stacks }, (_, i) => {
    const lines: string[] = [];
    for (let j = 0; j < g.dvipas; j++) {
      const d = g.defs[i]![j]!;
      if (d !== 'none') used.add(j);
      if (d === 'define') lines.push(`VIPADEFINE ${g.cpcscope && j === 0 ? 'CPCSCOPE ' : ''}MOVEABLE IMMEDIATE 255.255.255.0 ${addr(j)}`);
      if (d === 'defineIdle') lines.push(`VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 ${addr(j)}`);
      if (d === 'b10') lines.push(`VIPABACKUP 10 ${addr(j)}`);
      if (d === 'b20') lines.push(`VIPABACKUP 20 ${addr(j)}`);
      if (d === 'b20m') lines.push(`VIPABACKUP 20 MOVEABLE IMMEDIATE 255.255.255.0 ${addr(j)}`);
    }
    const prof = [g.delayjoin[i]!, g.xcf[i] ? `IPCONFIG DYNAMICXCF 193.9.200.${i + 1} 255.255.255.0 1` : '',
      lines.length ? `VIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n');
    return `  - name: S${i}\n    cpc: ${g.cpc[i]}\n    profile: |\n${(prof || '; empty').split('\n').map((l) => `      ${l}`).join('\n')}\n    applications:\n      - { name: APP, port: ${g.app[i] ? 80 : 81} }\n`;
  });
  const clients = [...used].map((j) => `  - { dvipa: ${addr(j)}, port: 80 }\n`).join('');
  return `sysplex: R\nstacks:\n${stacks.join('')}${clients ? `clients:\n${clients}` : ''}environment:\n  start: ${g.start}\n  events: [${g.events.join(', ')}]\n  maxFailures: ${g.maxFailures}\n  maxConnections: ${g.maxConnections}\n`;
});

/** The profile line of one generated definition kind of a DVIPA (none for 'none'). */
export function defLines(kind: string, address: string): string[] {
  switch (kind) {
    case 'define': return [`VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 ${address}`];
    case 'defineIdle': return [`VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 ${address}`];
    case 'defineCpc': return [`VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE 255.255.255.0 ${address}`];
    case 'b10': return [`VIPABACKUP 10 ${address}`];
    case 'b20': return [`VIPABACKUP 20 ${address}`];
    case 'b20m': return [`VIPABACKUP 20 MOVEABLE IMMEDIATE 255.255.255.0 ${address}`];
    case 'b20idle': return [`VIPABACKUP 20 MOVEABLE WHENIDLE 255.255.255.0 ${address}`];
    default: return [];
  }
}

/** Richer random specs: 4 stacks, 2 DVIPAs, static routing, BIND, CPCSCOPE, WHENIDLE backups, rank ties. */
export const richSpec = fc.record({
  defs: fc.array(fc.array(fc.constantFrom('none', 'define', 'defineIdle', 'defineCpc', 'b10', 'b20', 'b20m', 'b20idle'), { minLength: 2, maxLength: 2 }), { minLength: 4, maxLength: 4 }),
  routing: fc.array(fc.constantFrom('omproute', 'static'), { minLength: 4, maxLength: 4 }),
  monitor: fc.array(fc.constantFrom('', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN', 'GLOBALCONFIG SYSPLEXMONITOR NOJOIN', 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY AUTOREJOIN', 'GLOBALCONFIG SYSPLEXMONITOR RECOVERY'), { minLength: 4, maxLength: 4 }),
  xcf: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  cpc: fc.array(fc.constantFrom('C1', 'C2'), { minLength: 4, maxLength: 4 }),
  bind: fc.array(fc.constantFrom('any', 'a0', 'a1', 'none'), { minLength: 4, maxLength: 4 }),
  start: fc.constantFrom('running', 'down'),
  events: fc.subarray(['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'applications', 'connections'], { minLength: 2 }),
  maxFailures: fc.constantFrom('1', '2'),
  maxConnections: fc.constantFrom(1, 2),
}).map((g) => {
  const addr = (j: number): string => `201.2.10.${11 + j}`;
  const stacks = g.defs.map((row, i) => {
    const lines = row.flatMap((d, j) => defLines(d, addr(j)));
    const prof = [g.monitor[i]!, g.xcf[i] ? `IPCONFIG DYNAMICXCF 193.9.200.${i + 1} 255.255.255.0 1` : '', lines.length ? `VIPADYNAMIC\n${lines.join('\n')}\nENDVIPADYNAMIC` : ''].filter(Boolean).join('\n') || '; empty';
    const b = g.bind[i]!;
    const app = b === 'none' ? '' : `\n    applications:\n      - { name: W, port: 80${b === 'any' ? '' : `, bind: ${addr(b === 'a0' ? 0 : 1)}`} }`;
    return `  - name: S${i}\n    cpc: ${g.cpc[i]}\n    routing: ${g.routing[i]}\n    profile: |\n${prof.split('\n').map((l) => `      ${l}`).join('\n')}${app}\n`;
  });
  const used = [0, 1].filter((j) => g.defs.some((row) => row[j] !== 'none'));
  const clients = used.map((j) => `  - { name: c${j}, dvipa: ${addr(j)}, port: 80 }\n`).join('');
  return `stacks:\n${stacks.join('')}${clients ? `clients:\n${clients}` : ''}environment:\n  start: ${g.start}\n  events: [${g.events.join(', ')}]\n  maxFailures: ${g.maxFailures}\n  maxConnections: ${g.maxConnections}\n`;
});
