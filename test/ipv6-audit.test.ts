import { describe, expect, it } from 'vitest';
import { config } from './helpers.js';

/** IPv6 findings of an audit (D-192..D-194): interface names beginning with VIPA, the IPv6 range hint, `[addr]:port` in any form, the INADDR_ANY assumption on distributed targets. */
function load(block: string, backup = 'VIPABACKUP 10 VIPAONE 2001:db8:1::10') {
  const ind = (s: string): string => s.trim().split('\n').map((l) => `      ${l.trim()}`).join('\n');
  return config(`sysplex: P
stacks:
  - name: S1
    profile: |
${ind(`IPCONFIG6 DYNAMICXCF 2001:db8::1\nVIPADYNAMIC\n${block}\nENDVIPADYNAMIC`)}
    applications: [{ name: WEB, port: 80 }]
  - name: S2
    profile: |
${ind(`IPCONFIG6 DYNAMICXCF 2001:db8::2\nVIPADYNAMIC\n${backup}\nENDVIPADYNAMIC`)}
    applications: [{ name: WEB, port: 80 }]
`);
}
const errors = (c: ReturnType<typeof config>): string[] => c.findings.filter((f) => f.severity === 'error').map((f) => f.message);

describe('IPv6 interface names that start with VIPA (D-192)', () => {
  it('VIPADEFINE and VIPABACKUP with such a name define the DVIPA, and the rest of the block counts', () => {
    const c = load('VIPADEFINE MOVEABLE IMMEDIATE VIPAONE 2001:db8:1::10\nVIPADEFINE 255.255.255.0 10.1.1.1');
    expect(errors(c)).toEqual([]);
    expect(c.stacks[0]!.defs.map((d) => d.address)).toEqual(['10.1.1.1', '2001:db8:1::10']);
    expect(c.stacks[1]!.defs.map((d) => [d.address, d.intf])).toEqual([['2001:db8:1::10', 'VIPAONE']]);
  });

  it('an IPv6 VIPADISTRIBUTE and a VIPADELETE naming it by such a name', () => {
    const c = load('VIPADEFINE VIPAONE 2001:db8:1::10\nVIPADISTRIBUTE DEFINE VIPAONE PORT 80 DESTIP 2001:db8::1 2001:db8::2\nVIPADEFINE VIPATWO 2001:db8:1::20\nVIPADELETE VIPATWO');
    expect(errors(c)).toEqual([]);
    expect(c.stacks[0]!.defs.map((d) => d.address)).toEqual(['2001:db8:1::10']);
    expect(c.stacks[0]!.distributes.map((d) => d.address)).toEqual(['2001:db8:1::10']);
  });

  it('a VIPA... word that is no interface name where one is due still starts a statement (D-60)', () => {
    const c = load('VIPADEFINE 255.255.255.0 10.1.1.1\nVIPASERVICEMGR 255.255.255.0 10.9.9.9\nVIPADEFINE 255.255.255.0 10.1.1.2');
    expect(errors(c).some((m) => m.includes("'VIPASERVICEMGR' is not a VIPADYNAMIC statement"))).toBe(true);
    expect(c.stacks[0]!.defs.map((d) => d.address)).toEqual(['10.1.1.1']);
  });
});

describe('an IPv6 bind outside every VIPARANGE: the hint writes the IPv6 form (D-192)', () => {
  it('intfname net/prefix, not mask net', async () => {
    const { runCli, specFile } = await import('./helpers.js');
    const text = `sysplex: P
stacks:
  - name: S1
    profile: |
      IPCONFIG6 DYNAMICXCF 2001:db8::1
    applications: [{ name: A, port: 80, bind: "2001:db8:2::5" }]
  - name: S2
    profile: |
      IPCONFIG6 DYNAMICXCF 2001:db8::2
      VIPADYNAMIC
        VIPARANGE DEFINE VIPARNG 2001:db8:2::/64
      ENDVIPADYNAMIC
    applications: [{ name: A, port: 80, bind: "2001:db8:2::5" }]
`;
    const out = runCli(['lint', specFile(text)]).stdout;
    expect(out).toContain('fix: add VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE intfname net/prefix covering 2001:db8:2::5 to S1');
  });
});

describe('a client named [addr]:port in any written form of its IPv6 DVIPA (D-193)', () => {
  it('connect and close accept the uncanonical address, as deactivate does (D-148)', async () => {
    const { simulate } = await import('../src/check/simulate.js');
    const cfg = config(`sysplex: P
stacks:
  - name: S1
    profile: |
      VIPADYNAMIC
        VIPADEFINE VIPAONE 2001:db8:1::10
      ENDVIPADYNAMIC
    applications: [{ name: WEB, port: 80, bind: "2001:db8:1::10" }]
clients:
  - { dvipa: "2001:db8:1::10", port: 80 }
`);
    const r = simulate(cfg, 'connect [2001:DB8:1::0:10]:80; close S1 [2001:db8:1:0:0:0:0:10]:80; deactivate S1 2001:DB8:1::10');
    expect(r.ok ? r.trace.steps.map((s) => s.event) : r.message).toEqual(['initial', 'connect [2001:db8:1::10]:80', 'close S1 [2001:db8:1::10]:80', 'deactivate S1 2001:db8:1::10']);
    const other = simulate(cfg, 'connect [2001:db8:1::11]:80');
    expect(other.ok ? '' : other.message).toContain("no client named '[2001:db8:1::11]:80'");
  });
});

describe('a connection to a distributed IPv6 DVIPA that an INADDR_ANY target takes says it is assumed (D-194)', () => {
  const spec6 = (bind: string): string => `sysplex: P
stacks:
  - name: S1
    profile: |
      IPCONFIG6 DYNAMICXCF 2001:db8::1
      VIPADYNAMIC
        VIPADEFINE VIPAONE 2001:db8:1::10
        VIPADISTRIBUTE DEFINE VIPAONE PORT 80 DESTIP 2001:db8::2
      ENDVIPADYNAMIC
  - name: S2
    profile: |
      IPCONFIG6 DYNAMICXCF 2001:db8::2
    applications: [{ name: WEB, port: 80${bind} }]
clients:
  - { dvipa: "2001:db8:1::10", port: 80 }
`;
  it('INADDR_ANY on the target: assumed inaddr-any-ipv6; bound to the address: not', async () => {
    const { simulate } = await import('../src/check/simulate.js');
    const any = simulate(config(spec6('')), 'connect [2001:db8:1::10]:80');
    const bound = simulate(config(spec6(', bind: "2001:db8:1::10"')), 'connect [2001:db8:1::10]:80');
    expect(any.ok && any.trace.steps[1]!.assumed).toEqual(['inaddr-any-ipv6']);
    expect(bound.ok && bound.trace.steps[1]!.assumed).toBeUndefined();
    expect(bound.ok && bound.trace.steps[1]!.state.dvipas['2001:db8:1::10']!.connections).toEqual({ S2: 1 });
  });
});
