import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { PLAIN, renderCheckText } from '../src/render/text.js';
import { config } from './helpers.js';

/** D-179: a property that holds because the configuration gives it nothing to check says so. */
const spec = (profiles: string[], clients = true): string => `sysplex: P
stacks:
${profiles.map((p, i) => `  - name: S${i + 1}\n    profile: |\n${p.split('\n').map((l) => `      ${l}`).join('\n')}\n    applications: [{ name: A, port: 80, bind: 10.2.0.5 }]\n`).join('')}${clients ? 'clients: [{ name: C, dvipa: 10.2.0.5, port: 80 }]\n' : ''}environment: { events: [terminate, start, applications, connections] }
`;
const block = (s: string): string => `IPCONFIG DYNAMICXCF 10.0.0.1 255.255.255.0 1\nVIPADYNAMIC\n${s}\nENDVIPADYNAMIC`;
const vacuous = async (yaml: string): Promise<Record<string, string | undefined>> =>
  Object.fromEntries((await check(config(yaml))).properties.map((p) => [p.name, p.status === 'holds' ? p.vacuous : `(${p.status})`]));

/** Checked for real: holds with no note, or violated / unknown. */
const checked = (x: string | undefined): boolean => x === undefined || x.startsWith('(');

describe('D-179: holds with nothing to check', () => {
  it('VIPARANGE DVIPAs only: takeover, available and takeback have nothing to check; the others do', async () => {
    const v = await vacuous(spec([block('VIPARANGE DEFINE 255.255.255.0 10.2.0.0'), block('VIPARANGE DEFINE 255.255.255.0 10.2.0.0')]));
    expect(v.takeover).toMatch(/no VIPADEFINE or VIPABACKUP DVIPA; a VIPARANGE DVIPA has no backup chain/);
    expect(v.available).toMatch(/no VIPADEFINE or VIPABACKUP/);
    expect(v.takeback).toMatch(/no VIPADEFINE/);
    for (const p of ['single-owner', 'present', 'service-available', 'connections-preserved', 'routing-ready', 'no-black-hole']) expect(checked(v[p]), p).toBe(true);
  });
  it('a DVIPA on one stack: takeover has nowhere to go; a VIPABACKUP alone has no takeback; no client: nothing for the client properties', async () => {
    const v = await vacuous(spec([block('VIPABACKUP 100 MOVEABLE IMMEDIATE 255.255.255.0 10.2.0.5'), 'IPCONFIG DYNAMICXCF 10.0.0.2 255.255.255.0 1'], false));
    expect(v.takeover).toMatch(/configured on a second stack/);
    expect(v.takeback).toMatch(/only a VIPADEFINE stack takes a DVIPA back/);
    expect(v['service-available']).toBe('the spec lists no clients');
    expect(v['connections-preserved']).toBe('the spec lists no clients');
    expect(checked(v.available)).toBe(true);
  });
  it('a DVIPA defined on one stack and backed up on another: nothing is vacuous, the text report adds nothing', async () => {
    const yaml = spec([block('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.2.0.5'), block('VIPABACKUP 100 MOVEABLE IMMEDIATE 255.255.255.0 10.2.0.5')]);
    const cfg = config(yaml);
    const r = await check(cfg);
    expect(r.properties.filter((p) => p.vacuous)).toEqual([]);
    expect(renderCheckText(cfg, r, PLAIN)).not.toContain('nothing to check');
  });
  it('the text report shows why, after the name', async () => {
    const cfg = config(spec([block('VIPARANGE DEFINE 255.255.255.0 10.2.0.0')]));
    expect(renderCheckText(cfg, await check(cfg), PLAIN)).toMatch(/holds +takeback +\(nothing to check: no VIPADEFINE; only a VIPADEFINE stack takes a DVIPA back\)/);
  });
});
