import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parseVipadyn } from '../src/import/vipadyn.js';
import { DvipaModel } from '../src/model/model.js';
import { startNote } from '../src/model/start-state.js';
import { config, loadFile, ROOT, runCli, tmp, vipadynShort as short } from './helpers.js';

const FIX = join(ROOT, 'test/fixtures/import');
const NET = join(FIX, 'netstat');
const read = (f: string): string => readFileSync(f, 'utf8');

/** The hand-written sysplex of the site fixture, starting from the given VIPADYN reports (copied next to it). */
function handWithStart(reports: Record<string, string>, extra = ''): string {
  const dir = tmp();
  for (const [name, text] of Object.entries(reports)) writeFileSync(join(dir, name), text);
  copyFileSync(join(FIX, 'handwritten.yaml'), join(dir, 'plex.yaml'));
  writeFileSync(join(dir, 'plex.yaml'), `${read(join(dir, 'plex.yaml'))}environment:\n  start: { netstat: [${Object.keys(reports).join(', ')}] }\n${extra}`);
  return join(dir, 'plex.yaml');
}


describe('NETSTAT VIPADYN reports', () => {
  it('short and long (IPv6) formats, and the out-of-group preface', () => {
    const a = parseVipadyn(read(join(NET, 'vipadyn-sys1.txt')), 'a');
    expect([a.stack, a.notMember, a.unreadable]).toEqual(['TCPIP', null, []]);
    expect(a.dvipas.map((d) => [d.address, d.status, d.origin, d.line])).toEqual([['10.1.9.1', 'Active', 'VIPADefine', 5], ['10.1.9.2', 'Active', 'VIPABackup', 7]]);
    const b = parseVipadyn(read(join(NET, 'vipadyn-sys2-long.txt')), 'b');
    expect(b.unreadable).toEqual([]);
    expect(b.dvipas.map((d) => [d.address, d.intf, d.status, d.origin, d.line])).toEqual([
      ['10.1.9.2', null, 'Active', 'VIPADefine', 3], ['10.1.9.1', null, 'Backup', 'VIPABackup', 6],
      ['2001:db8:9::1', 'DVIPA6', 'Active', 'VIPADefine', 10], ['10.1.9.9', null, 'Backup', 'VIPABackup', 13],
    ]);
    const c = parseVipadyn(read(join(NET, 'vipadyn-sys2-out.txt')), 'c');
    expect([c.stack, c.notMember, c.dvipas.length]).toEqual(['TCPIP', 2, 0]);
  });
});

describe('NETSTAT VIPADYN reports, console form', () => {
  it('D TCPIP,tcpname,NETSTAT,VIPADYN: upper case, record count, a VIPA Route section, the out-of-group preface', () => {
    const text = [
      ' D TCPIP,TCPCS,NETSTAT,VIPADYN',
      'EZD0101I NETSTAT CS V2R4 TCPCS 311',
      'DYNAMIC VIPA:',
      '  IP ADDRESS      ADDRESSMASK     STATUS    ORIGIN       DISTSTAT',
      '  10.1.9.1        255.255.255.0   ACTIVE    VIPADEFINE   DIST/DEST',
      '    ACTTIME:      12/01/2026 09:12:44',
      '  10.1.9.2        255.255.255.0   QUIESCING VIPABACKUP',
      '    ACTTIME:      12/01/2026 09:14:00',
      'VIPA ROUTE:',
      '  DESTXCF:       10.1.1.2',
      '    TARGETIP:    10.2.2.2',
      '    RTSTATUS:    ACTIVE',
      '2 OF 2 RECORDS DISPLAYED',
      'END OF THE REPORT',
    ].join('\n');
    const r = parseVipadyn(text, 'd.txt');
    expect([r.stack, r.notMember, r.unreadable]).toEqual(['TCPCS', null, []]);
    expect(r.dvipas.map((d) => [d.address, d.status, d.origin, d.distStat])).toEqual([['10.1.9.1', 'Active', 'VIPADEFINE', 'DIST/DEST'], ['10.1.9.2', 'Quiescing', 'VIPABACKUP', '']]);
    const out = parseVipadyn(`EZZ2502I TCPCS IS NOT A MEMBER OF THE SYSPLEX GROUP\nEZZ2503I ...\nEZD0101I NETSTAT CS V2R4 TCPCS 312\nDYNAMIC VIPA:\n0 OF 0 RECORDS DISPLAYED\n`, 'e.txt');
    expect([out.stack, out.notMember, out.dvipas]).toEqual(['TCPCS', 1, []]);
  });
});

describe('environment.start: { netstat: [...] }', () => {
  it('reports that say what a running start says give the same packed start state', () => {
    const f = handWithStart({
      'sys1.txt': short('TCPSYS1', ['  10.1.9.1        255.255.255.0   Active    VIPADefine', '  10.1.9.2        255.255.255.0   Backup    VIPABackup']),
      'sys2.txt': short('TCPSYS2', ['  10.1.9.2        255.255.255.0   Active    VIPADefine', '  10.1.9.1        255.255.255.0   Backup    VIPABackup']),
    });
    const cfg = loadFile(f);
    expect(cfg.findings.filter((x) => x.code.startsWith('netstat') && x.severity !== 'info')).toEqual([]);
    const fromNetstat = new DvipaModel(cfg).initialStates()[0]!;
    const running = new DvipaModel(loadFile(join(FIX, 'handwritten.yaml'))).initialStates()[0]!;
    expect(Array.from(fromNetstat)).toEqual(Array.from(running));
  });

  it('a HOTSTANDBY distributor starts with its active target, as at a running start (D-115)', () => {
    const dir = tmp();
    const row = (st: string, origin: string): string => `  10.91.1.1       255.255.255.0   ${st.padEnd(10)}${origin}`;
    writeFileSync(join(dir, 'cs1.txt'), short('TCPCS1', [row('Active', 'VIPADefine')]));
    writeFileSync(join(dir, 'cs2.txt'), short('TCPCS2', [row('Backup', 'VIPABackup')]));
    writeFileSync(join(dir, 'cs3.txt'), short('TCPCS3', []));
    const spec = read(join(ROOT, 'specs/distributor-hot-standby.yaml')).replace(/\nexpect:[\s\S]*$/, '\n');
    writeFileSync(join(dir, 'plex.yaml'), spec.replace('environment:\n', 'environment:\n  start: { netstat: [cs1.txt, cs2.txt, cs3.txt] }\n'));
    const cfg = loadFile(join(dir, 'plex.yaml'));
    expect(cfg.findings.filter((x) => x.code.startsWith('netstat') && x.severity !== 'info')).toEqual([]);
    const m = new DvipaModel(cfg);
    const fromNetstat = m.initialStates()[0]!;
    expect(m.view().at(fromNetstat).activeTarget(0, 8080)).toBe(1); // TCPCS2, the PREFERRED target
    const running = new DvipaModel(loadFile(join(ROOT, 'specs/distributor-hot-standby.yaml'))).initialStates()[0]!;
    expect(Array.from(fromNetstat)).toEqual(Array.from(running));
  });

  it('explores from the reported statuses and its traces begin there', async () => {
    // SYS1 holds both DVIPAs, SYS2 has left the group: one more failure loses them
    const f = handWithStart({ 'sys1.txt': read(join(NET, 'vipadyn-sys1.txt')), 'sys2.txt': read(join(NET, 'vipadyn-sys2-out.txt')) });
    const cfg = loadFile(f);
    expect(cfg.findings.filter((x) => x.code === 'netstat-paired').map((x) => x.stack)).toEqual(['TCPSYS1', 'TCPSYS2']);
    const r = await check(cfg, { only: ['available'] });
    const p = r.properties.find((x) => x.name === 'available')!;
    expect(p.status).toBe('violated');
    const steps = p.trace!.steps;
    expect(steps.map((s) => s.event)).toEqual(['initial', 'terminate TCPSYS1']);
    expect(steps[0]!.note).toBe('start state from NETSTAT VIPADYN reports: TCPIP (sys1.txt), TCPIP (sys2.txt); stacks without a report are down, reported stacks have routing and applications up and no connections (D-105)');
    expect(steps[0]!.state.stacks.TCPSYS2!.status).toBe('up');
    expect(steps[0]!.state.dvipas['10.1.9.2']!.owner).toBe('TCPSYS1');
    // the same sysplex from a running start survives one failure
    const running = await check(loadFile(join(FIX, 'handwritten.yaml')), { only: ['available'] });
    expect(running.properties[0]!.status).toBe('holds');
    const text = runCli(['check', f, '--only', 'available']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('note: start state from NETSTAT VIPADYN reports');
  });

  it('slices start from the reported statuses too: the same verdicts and trace lengths as the full model', async () => {
    const f = handWithStart({ 'sys1.txt': read(join(NET, 'vipadyn-sys1.txt')), 'sys2.txt': read(join(NET, 'vipadyn-sys2-out.txt')) });
    const cfg = loadFile(f);
    const sliced = await check(cfg);
    const full = await check(cfg, { slice: false });
    const sum = (r: typeof full): string[] => r.properties.map((p) => `${p.name} ${p.status} ${p.trace?.steps.length ?? 0} ${p.message ?? ''}`);
    expect(sum(sliced)).toEqual(sum(full));
    expect(sum(full).filter((x) => x.includes('violated')).length).toBeGreaterThan(0);
    // a slice's key sees the start statuses: the two DVIPAs' slices differ (SYS1 holds both, SYS2 is out)
    expect(sliced.reductions).toContain('slice');
  });

  it('slices on worker threads start from the reports too: --workers 2 prints what one worker prints', () => {
    const f = handWithStart({ 'sys1.txt': read(join(NET, 'vipadyn-sys1.txt')), 'sys2.txt': read(join(NET, 'vipadyn-sys2-out.txt')) });
    const one = runCli(['check', f]);
    const two = runCli(['check', f, '--workers', '2']);
    expect(one.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('note: start state from NETSTAT VIPADYN reports');
  });

  it('a report that contradicts the configuration is a finding with file and line', () => {
    const f = handWithStart({ 'sys1.txt': read(join(NET, 'vipadyn-sys1.txt')), 'sys2.txt': read(join(NET, 'vipadyn-sys2-long.txt')) });
    const cfg = loadFile(f);
    const dir = f.slice(0, f.lastIndexOf('/'));
    const errs = cfg.findings.filter((x) => x.severity === 'error').map((x) => `${x.pos.file.slice(dir.length + 1)}:${x.pos.line} ${x.code} ${x.message}`);
    expect(errs).toEqual([
      'sys2.txt:3 netstat-two-active 10.1.9.2 is Active on TCPSYS1 (' + join(dir, 'sys1.txt') + ':7) and on TCPSYS2: the reports contradict each other (taken at different times?); TCPSYS2 is taken as Backup (D-107)',
      'sys2.txt:10 netstat-undefined the report gives 2001:db8:9::1 status Active on TCPSYS2, whose profile does not define it: ignored',
      'sys2.txt:13 netstat-undefined the report gives 10.1.9.9 status Backup on TCPSYS2, whose profile does not define it: ignored',
    ]);
    const s = new DvipaModel(cfg).view().at(new DvipaModel(cfg).initialStates()[0]!).toJSON();
    expect(s.dvipas['10.1.9.2']!.status).toEqual({ TCPSYS1: 'Active', TCPSYS2: 'Backup' });
    expect(startNote(cfg)).toContain('Active on the first only (D-107)');
    const lint = runCli(['lint', f]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain(`${join(dir, 'sys2.txt')}:13:3: error: [TCPSYS2] the report gives 10.1.9.9`);
  });

  it('an IPv6 DVIPA the profile defines starts with its reported status (SEMANTICS §12; the report writes it in its own form)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), read(join(NET, 'vipadyn-sys2-long.txt')).replace(/  IPAddr\/PrefixLen: 10\.1\.9\.9[\s\S]*$/, ''));
    writeFileSync(join(dir, 'plex.yaml'), [
      'stacks:',
      '  - name: TCPCS2',
      '    profile: |',
      '      IPCONFIG DYNAMICXCF 10.1.1.2 255.255.255.0 1',
      '      VIPADYNAMIC',
      '        VIPADEFINE 255.255.255.0 10.1.9.2',
      '        VIPABACKUP 10.1.9.1',
      '        VIPADEFINE MOVEABLE IMMEDIATE DVIPA6 2001:DB8:9:0::1',
      '      ENDVIPADYNAMIC',
      'environment:',
      '  start: { netstat: [a.txt] }',
      '',
    ].join('\n'));
    const cfg = loadFile(join(dir, 'plex.yaml'));
    expect(cfg.findings.filter((f) => f.code.startsWith('netstat') && f.severity !== 'info')).toEqual([]);
    expect(cfg.findings.find((f) => f.code === 'netstat-ipv6')).toBeUndefined();
    const m = new DvipaModel(cfg);
    expect(m.view().at(m.initialStates()[0]!).toJSON().dvipas['2001:db8:9::1']!.status).toEqual({ TCPCS2: 'Active' });
  });

  it('Moving and Quiescing start as Backup and Deactivated; a stack without a report is down', () => {
    const f = handWithStart({
      'sys1.txt': short('TCPSYS1', ['  10.1.9.1        255.255.255.0   Quiescing VIPADefine', '  10.1.9.2        255.255.255.0   Moving    VIPABackup']),
    });
    const cfg = loadFile(f);
    const m = new DvipaModel(cfg);
    const s = m.view().at(m.initialStates()[0]!).toJSON();
    expect(s.stacks.TCPSYS2!.status).toBe('down');
    expect(s.dvipas['10.1.9.1']!.status.TCPSYS1).toBe('Deactivated');
    expect(s.dvipas['10.1.9.2']!.status.TCPSYS1).toBe('Backup');
    expect(cfg.findings.filter((x) => x.code === 'netstat-draining')).toHaveLength(2);
    expect(cfg.findings.find((x) => x.code === 'netstat-no-report')?.stack).toBe('TCPSYS2');
  });

  it('bad start values are spec errors naming the line; running and down keep working', () => {
    const dir = tmp();
    copyFileSync(join(NET, 'vipadcfg-short.txt'), join(dir, 'cfg.txt'));
    const base = read(join(FIX, 'handwritten.yaml'));
    for (const [start, msg] of [
      ['{ netstat: [nosuch.txt] }', "cannot read NETSTAT report 'nosuch.txt'"],
      ['{ netstat: [cfg.txt] }', "'cfg.txt' is a VIPADCFG (netstat -F) report"],
      ['{ netstat: [] }', 'must name at least one VIPADYN report'],
      ['{ reports: [a] }', "unknown key 'reports' in environment.start"],
      ['sideways', 'environment.start must be running, down or { netstat: [files] }'],
    ]) {
      writeFileSync(join(dir, 'plex.yaml'), `${base}environment:\n  start: ${start}\n`);
      const r = runCli(['check', join(dir, 'plex.yaml')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${join(dir, 'plex.yaml')}:40:`);
      expect(r.stderr).toContain(msg);
    }
    for (const start of ['running', 'down']) {
      const cfg = config(`${base}environment:\n  start: ${start}\n`);
      expect([cfg.environment.start, cfg.environment.netstat]).toEqual([start, null]);
    }
  });
});
