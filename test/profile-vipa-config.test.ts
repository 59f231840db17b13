import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileVipaConfig, type VipaConfig } from '../src/import/vipa-config.js';
import { canonicalIPv6 } from '../src/spec/ipv4.js';
import { loadSpec } from '../src/spec/load.js';
import { parseProfile } from '../src/spec/profile-parser.js';
import { parseExpanded } from '../src/spec/profile-source.js';
import { ROOT } from './helpers.js';

/**
 * A profile's VipaConfig (lint and import compare it with NETSTAT VIPADCFG reports) comes from the
 * profile parser, the reader the model uses; it replaced a token scanner of its own. The golden
 * file holds what that scanner gave for every profile the loader reads in specs/, the real
 * profiles (test/fixtures/profiles, a copy of shared/domain/profiles) and the import site.
 */
const relFiles = (c: VipaConfig): VipaConfig => JSON.parse(JSON.stringify(c, (k, v) => (k === 'file' && typeof v === 'string' ? relative(ROOT, v) : v)));

function parserConfigs(): Record<string, VipaConfig> {
  const out: Record<string, VipaConfig> = {};
  const specs = readdirSync(join(ROOT, 'specs')).filter((f) => /\.ya?ml$/.test(f)).map((f) => `specs/${f}`).concat(['test/fixtures/import/handwritten.yaml']);
  for (const f of specs) {
    const r = loadSpec(join(ROOT, f));
    if (!r.ok) throw new Error(`${f} does not load`);
    for (const s of r.config.stacks) out[`${f}#${s.name}`] = relFiles(s.vipa!);
  }
  const raw = ['test/fixtures/profiles', 'test/fixtures/import/site'].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => !/\.md$|^IEASYM/.test(f)).map((f) => `${d}/${f}`));
  for (const f of raw) {
    const file = join(ROOT, f);
    out[f] = relFiles(parseExpanded(readFileSync(file, 'utf8'), (l, c) => ({ file, line: l + 1, column: c + 1 }), 'X', dirname(file), file, {}).vipa);
  }
  return out;
}

/** The scanner kept IPv6 addresses as written; the parser gives them canonical (RFC 5952), as VIPADCFG shows them. */
const canonical = (c: VipaConfig): VipaConfig => JSON.parse(JSON.stringify(c, (k, v) => (['address', 'xcf', 'target'].includes(k) && typeof v === 'string' && v.includes(':') ? canonicalIPv6(v) ?? v : v)));

describe('VipaConfig of a profile: the parser is its one reader', () => {
  it('every profile the loader reads gives what the token scanner gave, but for the scanner\'s IPv6 gaps', () => {
    const old = JSON.parse(readFileSync(join(ROOT, 'test/golden/vipa-config-scanner.json'), 'utf8')) as Record<string, VipaConfig>;
    const now = parserConfigs();
    expect(Object.keys(now).sort()).toEqual(Object.keys(old).sort());
    expect(Object.keys(now).length).toBeGreaterThan(60);
    for (const [k, c] of Object.entries(now)) {
      // the scanner read no IPv6 VIPADISTRIBUTE (it names the DVIPA by its interface name)
      const v4 = { ...c, distributes: c.distributes.filter((d) => d.intf === null) };
      expect(v4, k).toEqual(canonical(old[k]!));
    }
    const v6 = Object.entries(now).filter(([, c]) => c.distributes.some((d) => d.intf !== null)).map(([k, c]) => [k, c.distributes.map((d) => `${d.intf} ${d.address} ${d.port} ${d.xcf} ${d.srvType} ${d.rank}`)]);
    expect(v6).toEqual([
      ['specs/distributor-ipv6.yaml#TCPCS1', ['DVIPA6H 2001:db8:91::1 8080 2001:db8:61::2 PREFERRED null', 'DVIPA6H 2001:db8:91::1 8080 2001:db8:61::3 BACKUP 100']],
      ['specs/distributor-ipv6.yaml#TCPCS2', ['DVIPA6H 2001:db8:91::1 8080 2001:db8:61::2 PREFERRED null', 'DVIPA6H 2001:db8:91::1 8080 2001:db8:61::3 BACKUP 100']],
    ]);
  });
});

const configOf = (text: string): VipaConfig => profileVipaConfig(parseProfile(text, (l, c) => ({ file: 'p', line: l + 1, column: c + 1 }), 'P'));
const block = (...lines: string[]): string => ['IPCONFIG DYNAMICXCF 10.9.1.1 255.255.255.0 1', 'IPCONFIG6 DYNAMICXCF 2001:db8:61::1 INTFID 0:0:0:1', 'VIPADYNAMIC', ...lines.map((l) => ` ${l}`), 'ENDVIPADYNAMIC'].join('\n');
const defs = (c: VipaConfig): string[] => [...c.defines.map((d) => `D ${d.intf ?? '-'} ${d.address}/${d.prefix} ${d.moveable}${d.srvmgr ? ' SRVMGR' : ''}${d.cpcscope ? ' CPC' : ''} @${d.at.line}`),
  ...c.backups.map((d) => `B ${d.intf ?? '-'} ${d.address}/${d.prefix} ${d.rank} ${d.moveable}${d.srvmgr ? ' SRVMGR' : ''} @${d.at.line}`)];
const dists = (c: VipaConfig): string[] => c.distributes.map((d) => `${d.intf ?? '-'} ${d.address}:${d.port} ${d.xcf} ${d.distMethod} ${d.srvType} ${d.rank}${d.sysplexPorts ? ' SYSPT' : ''}${d.timedAff !== null ? ` TIMAFF ${d.timedAff}` : ''} ${d.autoSwitchBack} ${d.healthSwitch}`);

describe('VipaConfig of hand-written profiles (the statements applied in profile order)', () => {
  it('VIPADELETE removes a definition (IPv4 address, IPv6 interface name); one defined again comes after; IPv6 in profile order', () => {
    const c = configOf(block(
      'VIPADEFINE MOVEABLE IMMEDIATE SERVICEMGR 255.255.255.0 10.1.1.1 10.1.1.2',
      'VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE DV6A 2001:DB8:0::1/64',
      'VIPABACKUP 20 MOVEABLE IMMEDIATE SERVICEMGR 255.255.255.192 10.1.1.3',
      'VIPABACKUP 30 DV6B 2001:db8::2',
      'VIPADELETE 10.1.1.1',
      'VIPADELETE dv6a',
      'VIPABACKUP 40 10.1.1.1',
      'VIPADEFINE MOVEABLE WHENIDLE 255.255.255.0 10.1.1.4',
    ));
    expect(defs(c)).toEqual([
      'D - 10.1.1.2/24 IMMEDIATE SRVMGR @4', 'D - 10.1.1.4/24 WHENIDLE @11',
      'B - 10.1.1.3/26 20 IMMEDIATE SRVMGR @6', 'B DV6B 2001:db8::2/null 30 null @7', 'B - 10.1.1.1/null 40 null @10',
    ]);
  });

  it('repeats: the same definition again is one; a different one without VIPADELETE is rejected (the first stays)', () => {
    const c = configOf(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPABACKUP 10 10.1.1.1', 'VIPABACKUP 10 DV6 2001:db8::7', 'VIPABACKUP 10 DV6 2001:db8::7'));
    expect(defs(c)).toEqual(['D - 10.1.1.1/24 IMMEDIATE @4', 'B DV6 2001:db8::7/null 10 null @7']);
  });

  it('VIPARANGE DELETE removes the range of the same address and mask; IPv6 ranges by interface name and prefix', () => {
    const c = configOf(block(
      'VIPARANGE DEFINE 255.255.255.0 10.2.0.0',
      'VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.192 10.3.0.0',
      'VIPARANGE DEFINE R6 2001:DB8:8::/96',
      'VIPARANGE DELETE 255.255.255.0 10.2.0.0',
      'VIPARANGE DELETE 255.255.0.0 10.3.0.0', // another mask: not that range
    ));
    expect(c.ranges.map((r) => `${r.intf ?? '-'} ${r.address}/${r.prefix} ${r.mask} ${r.disruptive}`)).toEqual(['- 10.3.0.0/26 255.255.255.192 true', 'R6 2001:db8:8::/96 null false']);
  });

  it('VIPADISTRIBUTE: one entry per port and target; DELETE removes the named targets of those ports, DESTIP ALL the statement', () => {
    const c = configOf(block(
      'VIPADEFINE 255.255.255.0 10.1.1.1',
      'VIPADEFINE 255.255.255.0 10.1.1.2',
      'VIPADEFINE DV6 2001:db8::5',
      'VIPADISTRIBUTE DEFINE SYSPLEXPORTS TIMEDAFFINITY 30 DISTMETHOD ROUNDROBIN 10.1.1.1 PORT 80 443 DESTIP 10.9.1.2 10.9.1.3',
      'VIPADISTRIBUTE DELETE 10.1.1.1 PORT 80 443 DESTIP 10.9.1.2',
      'VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY NOHEALTHSWITCH 10.1.1.2 PORT 21-22 DESTIP 10.9.1.2 PREFERRED 10.9.1.3 BACKUP',
      'VIPADISTRIBUTE DEFINE 10.1.1.2 DESTIP ALL',
      'VIPADISTRIBUTE DELETE 10.1.1.2 DESTIP ALL', // no PORT: every port of that DVIPA
      'VIPADISTRIBUTE DEFINE DV6 PORT 8080 DESTIP 2001:DB8:61::2',
      'VIPADISTRIBUTE DEFINE 10.1.1.9 PORT 80 DESTIP ALL', // no such DVIPA on this stack: rejected
    ));
    expect(dists(c)).toEqual([
      '- 10.1.1.1:80 10.9.1.3 ROUNDROBIN null null SYSPT TIMAFF 30 null null', '- 10.1.1.1:443 10.9.1.3 ROUNDROBIN null null SYSPT TIMAFF 30 null null',
      'DV6 2001:db8::5:8080 2001:db8:61::2 null null null null null',
    ]);
    const hot = configOf(block('VIPADEFINE 255.255.255.0 10.1.1.2', 'VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY NOHEALTHSWITCH 10.1.1.2 PORT 21-22 DESTIP 10.9.1.2 PREFERRED 10.9.1.3 BACKUP'));
    expect(dists(hot)).toEqual([
      '- 10.1.1.2:21 10.9.1.2 HOTSTANDBY PREFERRED null null false', '- 10.1.1.2:21 10.9.1.3 HOTSTANDBY BACKUP 1 null false',
      '- 10.1.1.2:22 10.9.1.2 HOTSTANDBY PREFERRED null null false', '- 10.1.1.2:22 10.9.1.3 HOTSTANDBY BACKUP 1 null false',
    ]);
    // a port range is its ports one by one, up to a bound
    expect(configOf(block('VIPADEFINE 255.255.255.0 10.1.1.2', 'VIPADISTRIBUTE DEFINE 10.1.1.2 PORT 1-65535 DESTIP ALL')).distributes.map((d) => d.port)).toEqual(Array.from({ length: 1024 }, (_, k) => k + 1));
  });

  it('VIPAROUTE DELETE removes the route of its DYNAMICXCF address; IPv6 routes canonical', () => {
    const c = configOf(block('VIPAROUTE DEFINE 10.9.1.2 10.8.1.2', 'VIPAROUTE DEFINE 10.9.1.3 10.8.1.3', 'VIPAROUTE DELETE 10.9.1.2 10.8.1.2', 'VIPAROUTE DEFINE 2001:DB8:61::2 2001:DB8::8'));
    expect(c.routes.map((r) => `${r.xcf} ${r.target} @${r.at.line}`)).toEqual(['10.9.1.3 10.8.1.3 @5', '2001:db8:61::2 2001:db8::8 @7']);
  });

  it('what the parser rejects is not in the configuration: a syntax error ends the block, a HOME address, a zero-padded octet read as decimal', () => {
    expect(defs(configOf(block('VIPADEFINE 255.255.255.0 10.1.1.1', 'VIPADEFINE FOO 10.1.1.2', 'VIPABACKUP 10 10.1.1.3')))).toEqual(['D - 10.1.1.1/24 IMMEDIATE @4']);
    expect(defs(configOf(`HOME 10.1.1.1 LINK1\n${block('VIPADEFINE 255.255.255.0 10.1.1.1 10.1.1.2')}`))).toEqual(['D - 10.1.1.2/24 IMMEDIATE @5']);
    expect(defs(configOf(block('VIPADEFINE 255.255.255.0 10.1.1.01')))).toEqual(['D - 10.1.1.1/24 IMMEDIATE @4']);
  });
});
