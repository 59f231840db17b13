import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { DvipaModel } from '../src/model/model.js';
import { loadFile, tmp, vipadynShort as short } from './helpers.js';

/** `environment.start: { netstat }` (SPEC §5), an audit: which stack a report is of (D-108, D-213). */
const row = (addr: string, status: string, origin: string): string => `  ${addr.padEnd(16)}255.255.255.0   ${status.padEnd(10)}${origin}`;
function plex(reports: Record<string, string>): string {
  const dir = tmp();
  for (const [n, t] of Object.entries(reports)) writeFileSync(join(dir, n), t);
  const stack = (name: string, stmt: string): string => `  - name: ${name}\n    profile: |\n      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\n      VIPADYNAMIC\n        ${stmt}\n      ENDVIPADYNAMIC\n`;
  writeFileSync(join(dir, 'plex.yaml'), `sysplex: P\nstacks:\n${stack('TCPA', 'VIPADEFINE 255.255.255.0 10.1.1.1')}${stack('TCPB', 'VIPABACKUP 100 10.1.1.1')}environment:\n  start: { netstat: [${Object.keys(reports).join(', ')}] }\n`);
  return join(dir, 'plex.yaml');
}
const start = (f: string) => { const cfg = loadFile(f); const m = new DvipaModel(cfg); return { cfg, s: m.view().at(m.initialStates()[0]!).toJSON() }; };

describe('a report left over pairs with the stack left over only when it could be that stack\'s (D-213)', () => {
  const b = short('TCPB', [row('10.1.1.1', 'Active', 'VIPABackup')]);
  it('a report of a stack the spec lacks, none of whose DVIPAs TCPA defines, is not TCPA\'s: TCPA starts down', () => {
    const { cfg, s } = start(plex({ 'b.txt': b, 'x.txt': short('TCPX', [row('10.1.1.9', 'Active', 'VIPADefine')]) }));
    expect(s.stacks.TCPA!.status).toBe('down');
    expect(s.dvipas['10.1.1.1']!.owner).toBe('TCPB');
    const f = cfg.findings.filter((x) => x.code.startsWith('netstat') && x.severity === 'error');
    expect(f.map((x) => `${x.pos.file.split('/').pop()}:${x.pos.line} ${x.code}`)).toEqual(['x.txt:1 netstat-unknown-stack']);
  });
  it('one that shows a DVIPA TCPA defines is TCPA\'s, as before (info), and sets its start', () => {
    const { cfg, s } = start(plex({ 'b.txt': b, 'x.txt': short('TCPX', [row('10.1.1.1', 'Backup', 'VIPADefine')]) }));
    expect(s.stacks.TCPA!.status).toBe('joined');
    expect(s.dvipas['10.1.1.1']!.status).toEqual({ TCPA: 'Backup', TCPB: 'Active' });
    expect(cfg.findings.filter((x) => x.code === 'netstat-paired').map((x) => x.stack)).toEqual(['TCPA']);
  });
  it('a stack out of the group shows no DVIPA: still paired', () => {
    const out = 'MVS TCP/IP NETSTAT CS V2R4       TCPIP Name: TCPX            10:16:20\nEZZ2502I TCPX IS NOT A MEMBER OF THE SYSPLEX GROUP\nEZZ2503I DYNAMIC VIPA CONFIGURATION OF TCPX IS INACTIVE\nDynamic VIPA:\n';
    const { s } = start(plex({ 'b.txt': b, 'x.txt': out }));
    expect(s.stacks.TCPA!.status).toBe('up');
  });
});

describe('a VIPADEFINE stack reported Backup while a backup holds the DVIPA (D-217)', () => {
  const spec = (moveable: string): string => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), short('TCPA', [row('10.1.1.1', 'Backup', 'VIPADefine')]));
    writeFileSync(join(dir, 'b.txt'), short('TCPB', [row('10.1.1.1', 'Active', 'VIPABackup')]));
    const stack = (name: string, stmt: string): string => `  - name: ${name}\n    profile: |\n      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\n      IPCONFIG DYNAMICXCF 10.9.0.${name === 'TCPA' ? 1 : 2} 255.255.255.0 1\n      VIPADYNAMIC\n        ${stmt}\n      ENDVIPADYNAMIC\n    applications: [ { name: WEB, port: 80 } ]\n`;
    writeFileSync(join(dir, 'plex.yaml'), `sysplex: P\nstacks:\n${stack('TCPA', `VIPADEFINE MOVEABLE ${moveable} 255.255.255.0 10.1.1.1`)}${stack('TCPB', 'VIPABACKUP 100 10.1.1.1')}clients:\n  - { dvipa: 10.1.1.1, port: 80 }\nenvironment:\n  start: { netstat: [a.txt, b.txt] }\n  events: [terminate, start, connections]\n`);
    return join(dir, 'plex.yaml');
  };
  it('WHENIDLE: the start violates takeback (no connections to wait for), and a warning at the report line says why', async () => {
    const cfg = loadFile(spec('WHENIDLE'));
    const r = await check(cfg, { only: ['takeback'] });
    expect(r.properties[0]!.status).toBe('violated');
    expect(r.properties[0]!.trace!.steps).toHaveLength(1);
    const f = cfg.findings.filter((x) => x.code === 'netstat-takeback-pending');
    expect(f.map((x) => `${x.pos.file.split('/').pop()}:${x.pos.line}:${x.pos.column} ${x.stack} ${x.severity}`)).toEqual(['a.txt:5:3 TCPA warning']);
    expect(f[0]!.message).toMatch(/WHENIDLE takeback waits for TCPB's connections/);
  });
  it('IMMEDIATE: the reports disagree', () => {
    expect(loadFile(spec('IMMEDIATE')).findings.find((x) => x.code === 'netstat-takeback-pending')!.message).toMatch(/taken at different times/);
  });
  it('not when TCPA holds it (the reports agree with the rules)', () => {
    const f = spec('WHENIDLE');
    const dir = f.slice(0, f.lastIndexOf('/'));
    writeFileSync(join(dir, 'a.txt'), short('TCPA', [row('10.1.1.1', 'Active', 'VIPADefine')]));
    writeFileSync(join(dir, 'b.txt'), short('TCPB', [row('10.1.1.1', 'Backup', 'VIPABackup')]));
    expect(loadFile(f).findings.filter((x) => x.code.startsWith('netstat') && x.severity !== 'info')).toEqual([]);
  });
});

describe('two reports of one stack (D-218)', () => {
  it('the second is ignored with a message that does not say the spec lacks the stack', () => {
    const b = short('TCPB', [row('10.1.1.1', 'Active', 'VIPABackup')]);
    const { cfg, s } = start(plex({ 'b.txt': b, 'b2.txt': b }));
    expect(s.dvipas['10.1.1.1']!.owner).toBe('TCPB');
    const f = cfg.findings.filter((x) => x.code === 'netstat-unknown-stack');
    expect(f.map((x) => x.pos.file.split('/').pop())).toEqual(['b2.txt']);
    expect(f[0]!.message).toBe("stack TCPB has this report's TCP/IP name, but another report is paired with it, and this report's DVIPAs are exactly those of no stack left: ignored (give one VIPADYN report per stack)");
  });
});
