import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, specFile, tmp } from './helpers.js';

/** Audit h12: site properties written as a new user would, from README and SPEC alone. */

/** Three stacks, three DVIPAs, two failures: every built-in slice is small, the full product is not trivial. */
const PLEX = `sysplex: PLEX1
stacks:
  - name: TCPA
    system: SYSA
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.11
        VIPABACKUP 100 201.2.10.12
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
  - name: TCPB
    system: SYSB
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.12
        VIPABACKUP 100 201.2.10.11
        VIPABACKUP 90 201.2.10.13
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
  - name: TCPC
    system: SYSC
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.3 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.13
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
clients:
  - { name: w11, dvipa: 201.2.10.11, port: 80 }
  - { name: w12, dvipa: 201.2.10.12, port: 80 }
environment:
  events: [terminate, start, connections]
  maxFailures: 2
`;

/** A folder with the spec and the given property modules; returns [spec, folder]. */
function site(modules: Record<string, string>): [string, string] {
  const spec = specFile(PLEX);
  const dir = join(spec, '..');
  for (const [f, text] of Object.entries(modules)) writeFileSync(join(dir, f), text);
  return [spec, dir];
}

const clean = (r: { stdout: string; stderr: string }): void => expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);

describe('a site property that writes to what it is given (D-256)', () => {
  const writes: [string, string][] = [
    ['the state bytes', 'state.packed.fill(0)'],
    ['a method of its view', 'state.owner = () => -1'],
  ];
  for (const [what, code] of writes) {
    it(`cannot change the search by writing ${what}: same report as without it`, () => {
      const [spec, dir] = site({ 'mut.mjs': `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'mut', description: 'x', dvipas: 'all', check(state) { ${code}; return true; } });\n` });
      const base = runCli(['check', spec, '--format', 'json']);
      for (const w of ['1', '2']) {
        const r = runCli(['check', spec, '--properties', join(dir, 'mut.mjs'), '--format', 'json', '--workers', w]);
        clean(r);
        expect(r.code, r.stderr).toBe(1);
        const props = (JSON.parse(r.stdout) as { properties: { name: string }[] }).properties.filter((p) => p.name !== 'mut');
        expect(props).toEqual((JSON.parse(base.stdout) as { properties: unknown[] }).properties);
      }
    });
  }
  const frozen: [string, string][] = [
    ['a stack name of the configuration', "sysplex.config.stacks[0].name = 'ZZZ'"],
    ['a stack\'s application list', 'sysplex.config.stacks[1].applications.length = 0'],
    ['a DVIPA address of the list', "sysplex.dvipas[0].address = '1.1.1.1'"],
    ['a lookup of the sysplex', 'sysplex.dvipaIndex = () => 0'],
  ];
  for (const [what, code] of frozen) {
    it(`writing ${what} is exit 2 at the writing line, never a wrong verdict`, () => {
      const [spec, dir] = site({ 'mut.mjs': `import { invariant } from 'dvipa-verify';\nexport default invariant({\n  name: 'mut', description: 'x', dvipas: 'all',\n  check(state, sysplex) { ${code}; return true; },\n});\n` });
      for (const w of ['1', '2']) {
        const r = runCli(['check', spec, '--properties', join(dir, 'mut.mjs'), '--workers', w]);
        clean(r);
        expect(r.code, r.stdout).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`mut\\.mjs:4:\\d+: error E_PROPERTY_THREW: property 'mut' .*read only`));
      }
    });
  }
});
