import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDiff } from '../src/check/config-diff.js';
import { config, ROOT } from './helpers.js';

/** `compare` lists VIPADISTRIBUTE, VIPAROUTE and VIPARANGE changes in profile words (config-diff-dist.ts). */
const hot = readFileSync(join(ROOT, 'specs/distributor-hot-standby.yaml'), 'utf8');
const texts = (a: string, b: string): string[] => configDiff(config(a), config(b)).map((c) => c.text);

describe('compare: sysplex distributor and VIPARANGE statements', () => {
  it('no change, no entry (moving a line is no change)', () => {
    expect(texts(hot, hot)).toEqual([]);
    expect(texts(hot, hot.replace('      VIPADYNAMIC\n        VIPABACKUP 100', '      VIPADYNAMIC\n\n        VIPABACKUP 100'))).toEqual([]);
  });

  it('VIPADISTRIBUTE: DISTMETHOD, DESTIP, AUTOSWITCHBACK, added and removed', () => {
    const b = hot.replace(/(name: TCPCS2[\s\S]*?)VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY 10.91.1.1/, '$1VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY NOAUTOSWITCHBACK 10.91.1.1')
      .replace(/10.61.0.3 BACKUP 100\n      ENDVIPADYNAMIC\n  - name: TCPCS2/, '10.61.0.3 BACKUP 50\n      ENDVIPADYNAMIC\n  - name: TCPCS2');
    expect(texts(hot, b)).toEqual([
      'TCPCS1: VIPADISTRIBUTE 10.91.1.1 PORT 8080 DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 100 -> 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 50',
      'TCPCS2: VIPADISTRIBUTE 10.91.1.1 PORT 8080 AUTOSWITCHBACK -> NOAUTOSWITCHBACK',
    ]);
    const rr = hot.replace(/VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY 10.91.1.1 PORT 8080\n\s*DESTIP 10.61.0.2 PREFERRED\n\s*10.61.0.3 BACKUP 100\n      ENDVIPADYNAMIC\n  - name: TCPCS2/, 'VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.2 10.61.0.3\n      ENDVIPADYNAMIC\n  - name: TCPCS2');
    expect(texts(hot, rr)).toEqual([
      'TCPCS1: VIPADISTRIBUTE 10.91.1.1 PORT 8080 DISTMETHOD HOTSTANDBY -> ROUNDROBIN',
      'TCPCS1: VIPADISTRIBUTE 10.91.1.1 PORT 8080 DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 100 -> 10.61.0.2 10.61.0.3',
    ]);
    const gone = hot.replace(/(name: TCPCS2[\s\S]*?)VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY 10.91.1.1 PORT 8080\n\s*DESTIP 10.61.0.2 PREFERRED\n\s*10.61.0.3 BACKUP 100\n/, '$1VIPADISTRIBUTE 10.91.1.1 PORT 8080 9090 DESTIP ALL\n');
    expect(texts(hot, gone)).toEqual([
      'TCPCS2: VIPADISTRIBUTE 10.91.1.1 PORT 8080 9090 added (DISTMETHOD BASEWLM DESTIP ALL)',
      'TCPCS2: VIPADISTRIBUTE 10.91.1.1 PORT 8080 removed (DISTMETHOD HOTSTANDBY DESTIP 10.61.0.2 PREFERRED 10.61.0.3 BACKUP 100)',
    ]);
  });

  it('VIPAROUTE and VIPARANGE: added, changed, removed', () => {
    const add = (t: string, lines: string): string => t.replace(/(name: TCPCS2[\s\S]*?)      ENDVIPADYNAMIC/, `$1${lines}      ENDVIPADYNAMIC`);
    const r1 = add(hot, '        VIPAROUTE DEFINE 10.61.0.3 10.1.1.3\n        VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255.255.255.0 10.91.2.0\n');
    expect(texts(hot, r1)).toEqual([
      'TCPCS2: VIPAROUTE 10.61.0.3 added (to 10.1.1.3)',
      'TCPCS2: VIPARANGE 255.255.255.0 10.91.2.0 added (MOVEABLE NONDISRUPTIVE)',
    ]);
    const r2 = add(hot, '        VIPAROUTE DEFINE 10.61.0.3 10.1.1.4\n        VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.0 10.91.2.0\n');
    expect(texts(r1, r2)).toEqual([
      'TCPCS2: VIPAROUTE 10.61.0.3 target 10.1.1.3 -> 10.1.1.4',
      'TCPCS2: VIPARANGE 255.255.255.0 10.91.2.0 MOVEABLE NONDISRUPTIVE -> DISRUPTIVE',
    ]);
    expect(texts(r2, hot)).toEqual([
      'TCPCS2: VIPAROUTE 10.61.0.3 removed (to 10.1.1.4)',
      'TCPCS2: VIPARANGE 255.255.255.0 10.91.2.0 removed (MOVEABLE DISRUPTIVE)',
    ]);
  });

  it('an IPv6 VIPADISTRIBUTE is named by its interface name', () => {
    const v6 = readFileSync(join(ROOT, 'specs/distributor-ipv6.yaml'), 'utf8');
    expect(texts(v6, v6.replace('DISTMETHOD HOTSTANDBY DVIPA6H PORT 8080', 'DISTMETHOD HOTSTANDBY NOHEALTHSWITCH DVIPA6H PORT 8080'))).toEqual(['TCPCS1: VIPADISTRIBUTE DVIPA6H PORT 8080 HEALTHSWITCH -> NOHEALTHSWITCH']);
  });
});
