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
