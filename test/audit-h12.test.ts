import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, specFile } from './helpers.js';

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

/** The CLI asynchronously, so that the slow cases (a limit and its grace) run side by side. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d) => { stdout += d; });
    c.stderr.on('data', (d) => { stderr += d; });
    const guard = setTimeout(() => c.kill('SIGKILL'), 60_000);
    c.on('close', (code) => { clearTimeout(guard); resolve({ code, stdout, stderr }); });
  });
}

describe.concurrent('a site property that ends its thread (D-257, D-258)', () => {
  const prop = (call: string): string => `import { invariant } from 'dvipa-verify';\nexport default invariant({\n  name: 'ender', description: 'x', dvipas: 'all',\n  check(state) { if (state.owner(0) === 1) ${call}; return true; },\n});\n`;
  for (const shape of [[], ['--no-slice']]) {
    for (const w of ['1', '2']) {
      it(`process.exit() in a check is exit 2 at its line, naming the property (--workers ${w} ${shape.join(' ')})`, async () => {
        const [spec, dir] = site({ 'ender.mjs': prop('process.exit(0)') });
        const r = await cli(['check', spec, '--properties', join(dir, 'ender.mjs'), '--workers', w, ...shape]);
        clean(r);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/ender\.mjs:4:\d+: error E_PROPERTY_THREW: property 'ender' \(.*ender\.mjs\) called process\.exit\(0\): a property module must not end the process/);
      });
      it(`a thread that ends anyway (process.reallyExit) is exit 2 naming the property, never a wait (--workers ${w} ${shape.join(' ')})`, async () => {
        const [spec, dir] = site({ 'ender.mjs': prop('process.reallyExit(0)') });
        const r = await cli(['check', spec, '--properties', join(dir, 'ender.mjs'), '--workers', w, ...shape]);
        clean(r);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/ender\.mjs:3:\d+: error E_PROPERTY_THREW: property 'ender' \(.*ender\.mjs\) ended the thread it was checked in/);
      });
    }
  }
  it('process.exit() at a module\'s top level is a module that cannot be loaded, at its line', async () => {
    const [spec, dir] = site({ 'top.mjs': `import { invariant } from 'dvipa-verify';\n\nprocess.exit(3);\n` });
    const r = await cli(['check', spec, '--properties', join(dir, 'top.mjs')]);
    clean(r);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/top\.mjs:3:\d+: error E_PROPERTY_MODULE: cannot load property module: it called process\.exit\(3\)/);
  });
  it('simulate: process.exit() in a check is exit 2 naming the property', async () => {
    const [spec, dir] = site({ 'ender.mjs': prop('process.exit(1)') });
    const r = await cli(['simulate', spec, '--events', 'terminate TCPA', '--properties', join(dir, 'ender.mjs')]);
    clean(r);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/ender\.mjs:4:\d+: error E_PROPERTY_THREW: property 'ender' .*called process\.exit\(1\)/);
  });
});

describe.concurrent('a site property that never returns is named when its thread is ended (D-258)', () => {
  const loops = `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'spins', description: 'x', dvipas: 'all', check(state) { if (state.owner(0) === 1) for (;;) {} return true; } });\n`;
  const fine = `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'fine', description: 'x', dvipas: 'all', check: () => true });\n`;
  for (const args of [['--workers', '1'], ['--workers', '2'], ['--no-slice', '--workers', '2']]) {
    it(`check ${args.join(' ')}: INCOMPLETE, exit 3, the note names the property and its file`, async () => {
      const [spec, dir] = site({ 'a-fine.mjs': fine, 'spins.mjs': loops });
      // a limit long enough for the worker threads to load on a busy machine before it is reached
      const r = await cli(['check', spec, '--properties', dir, '--timeout', '4', ...args]);
      clean(r);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout).toMatch(/note: .*a check of property 'spins' \(.*spins\.mjs\) had not returned/);
      expect(r.stdout).not.toMatch(/'fine'/);
    });
  }
  it('simulate: exit 3, the message names the property', async () => {
    const [spec, dir] = site({ 'spins.mjs': loops });
    const r = await cli(['simulate', spec, '--events', 'terminate TCPA', '--properties', join(dir, 'spins.mjs'), '--timeout', '1']);
    clean(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/simulate: a check of property 'spins' \(.*spins\.mjs\) had not returned when the --timeout limit \(1 s\) was reached/);
  });
});
