import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { lint } from '../src/check/lint.js';
import { distSliceSpec } from './gen-slice-spec.js';
import { ipv4Twin, toIpv6 } from './gen-ipv6.js';
import { config, ROOT } from './helpers.js';
import { agree, maybe } from './spin-agree.js';

/**
 * IPv6 sysplex distribution (SEMANTICS §10, §12; D-123): targets by IPCONFIG6 DYNAMICXCF address,
 * reach over IPCONFIG6 DYNAMICXCF or an IPv6 VIPAROUTE; an IPv6 VIPADISTRIBUTE names the DVIPA by
 * its interface name.
 */
const good = readFileSync(join(ROOT, 'specs/distributor-ipv6.yaml'), 'utf8');
// TCPCS3 (the BACKUP target) has IPv4 DYNAMICXCF only: DESTIP 2001:db8:61::3 names no stack.
const noTarget = good.replace('      IPCONFIG6 DYNAMICXCF 2001:db8:61::3\n', '      IPCONFIG DYNAMICXCF 10.61.0.3 255.255.255.0 1\n');
// TCPCS4: the first backup distributor (rank 200), IPv4 DYNAMICXCF only: it cannot reach the targets.
const tcpcs4 = (extra: string): string => good.replace('clients:', `  - name: TCPCS4
    system: SYS4
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 10.61.0.4 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 200 DVIPA6H 2001:db8:91::1
        VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY DVIPA6H PORT 8080
          DESTIP 2001:db8:61::2 PREFERRED
                 2001:db8:61::3 BACKUP 100
${extra}      ENDVIPADYNAMIC
clients:`);
const unreachable = tcpcs4('');
const routed = tcpcs4('        VIPAROUTE DEFINE 2001:db8:61::2 2001:db8:1::2\n        VIPAROUTE DEFINE 2001:DB8:61:0::3 2001:db8:1::3\n');

const violated = (r: CheckReport): string[] => r.properties.filter((p) => p.status === 'violated').map((p) => p.name).sort();
const at = (text: string, code: string): string[] => lint(config(text)).filter((f) => f.code === code).map((f) => `${f.pos.line}:${f.pos.column} ${f.stack}`);

describe('IPv6 sysplex distribution (D-123)', () => {
  it('the IPv6 HOTSTANDBY example verifies, exactly as its IPv4 original', async () => {
    const cfg = config(good);
    const dv = cfg.stacks[0]!.distributes[0]!;
    expect([dv.family, dv.address, dv.intf]).toEqual(['ipv6', '2001:db8:91::1', 'DVIPA6H']);
    expect(cfg.stacks[0]!.defs.find((d) => d.family === 'ipv6')!.address).toBe(dv.address); // the canonical address of defs
    const r = await check(cfg, { slice: false });
    const v4 = await check(config(readFileSync(join(ROOT, 'specs/distributor-hot-standby.yaml'), 'utf8')), { slice: false });
    expect([r.states, r.transitions, violated(r)]).toEqual([v4.states, v4.transitions, []]);
    expect(r.states).toBe(28);
    expect(lint(cfg).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a target without IPCONFIG6 DYNAMICXCF is no target: destip-unknown, and service is lost', async () => {
    expect(at(noTarget, 'destip-unknown')).toEqual(['16:9 TCPCS1', '27:9 TCPCS2']);
    expect(lint(config(noTarget)).find((f) => f.code === 'destip-unknown')!.message).toContain("no stack's IPCONFIG6 DYNAMICXCF address");
    expect(violated(await check(config(noTarget)))).toEqual(['service-available']);
  });

  it('a backup distributor without IPCONFIG6 DYNAMICXCF cannot reach the targets; an IPv6 VIPAROUTE fixes it', async () => {
    const f = lint(config(unreachable)).filter((x) => x.code === 'distributor-unreachable');
    expect(f.map((x) => `${x.pos.line}:${x.pos.column} ${x.stack}`)).toEqual(['47:9 TCPCS4', '47:9 TCPCS4']);
    expect(f[0]!.message).toContain('TCPCS4 has no IPCONFIG6 DYNAMICXCF');
    expect(f[0]!.hint).toContain('IPCONFIG6 DYNAMICXCF on TCPCS4, or VIPAROUTE DEFINE 2001:db8:61::2');
    const r = await check(config(unreachable));
    expect(violated(r)).toEqual(['connections-preserved', 'service-available']);
    expect(r.properties.find((p) => p.name === 'connections-preserved')!.message).toMatch(/to \[2001:db8:91::1\]:8080 .*cannot reach .*IPCONFIG6 DYNAMICXCF/);
    expect(at(routed, 'distributor-unreachable')).toEqual([]);
    expect(violated(await check(config(routed)))).toEqual([]);
  });

  it('the IPv6 VIPAROUTE and VIPADISTRIBUTE are modelled: no "not modelled" note', () => {
    expect(lint(config(routed)).filter((x) => x.code === 'not-modelled')).toEqual([]);
  });

  it('random distributed specs and their IPv6 versions explore alike; sliced equals --no-slice', async () => {
    let v6 = 0;
    await fc.assert(fc.asyncProperty(distSliceSpec, async (text) => {
      const b = config(toIpv6(text));
      if (b.stacks.some((s) => s.distributes.some((d) => d.family === 'ipv6'))) v6++;
      const full = await check(b, { slice: false, maxStates: 200_000 });
      const sliced = await check(b, { maxStates: 200_000 });
      const vs = (r: CheckReport): unknown => r.properties.map((p) => ({ name: p.name, status: p.status, message: p.message, trace: p.trace }));
      if (full.complete) expect(vs(sliced)).toEqual(vs(full));
      const a = await check(config(ipv4Twin(text)), { slice: false, maxStates: 200_000 });
      expect([full.states, full.transitions, violated(full)]).toEqual([a.states, a.transitions, violated(a)]);
    }), { numRuns: Number(process.env.IPV6_RUNS ?? 15), seed: 23 });
    expect(v6).toBeGreaterThan(Number(process.env.IPV6_RUNS ?? 15) / 3);
  }, 600_000);
});

maybe('IPv6 distribution, cross-checked against SPIN', () => {
  it('the example specs: same states, transitions and violated properties', async () => {
    for (const t of [good, noTarget, unreachable, routed]) await agree(config(t));
  }, 300_000);
  it('random IPv6 distributed specs', async () => {
    await fc.assert(fc.asyncProperty(distSliceSpec, async (text) => { await agree(config(toIpv6(text))); }), { numRuns: 3, seed: 23 });
  }, 300_000);
});
