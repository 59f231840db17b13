import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  const loops = `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'spins', description: 'x', dvipas: 'all', check(state) { if (state.owner(0) === 1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return true; } });\n`;
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

const PAIR = `import { invariant } from 'dvipa-verify';
export default invariant({
  name: 'not-together', description: '201.2.10.11 and 201.2.10.12 never on one stack',
  dvipas: ['201.2.10.11', '201.2.10.12'],
  check(state, sysplex) {
    const a = state.owner(sysplex.dvipaIndex('201.2.10.11'));
    const b = state.owner(sysplex.dvipaIndex('201.2.10.12'));
    return a < 0 || a !== b || \`both on \${sysplex.config.stacks[a].name}\`;
  },
});
`;
const ALL = `import { stepProperty, invariant } from 'dvipa-verify';
export const lost = stepProperty({
  name: 'never-two-lost', description: 'no step leaves two DVIPAs Active nowhere', dvipas: 'all',
  check(before, event, after, sysplex) {
    const down = (s) => sysplex.dvipas.filter((d) => s.owner(d.index) < 0).length;
    return down(after) < 2 || \`'\${event.text}' leaves \${down(after)} DVIPAs Active nowhere\`;
  },
});
export const c13 = invariant({
  name: 'c-holds-13', description: '201.2.10.13 is on TCPC or nowhere', dvipas: ['201.2.10.13'],
  check(state, sysplex) {
    const o = state.owner(sysplex.dvipaIndex('201.2.10.13'));
    return o < 0 || o === sysplex.stackIndex('TCPC') || \`201.2.10.13 on \${sysplex.config.stacks[o].name}\`;
  },
});
`;

describe('site properties over a list of DVIPAs and over all of them', () => {
  type Report = { properties: { name: string; status: string; message?: string; trace?: { steps: unknown[] } }[] };
  it('sliced and --no-slice: the same verdicts, messages and traces (so the same shortest lengths)', () => {
    const [spec, dir] = site({ 'pair.ts': PAIR, 'all.mjs': ALL });
    const sliced = runCli(['check', spec, '--properties', dir, '--format', 'json']);
    const full = runCli(['check', spec, '--properties', dir, '--format', 'json', '--no-slice']);
    clean(sliced);
    expect(sliced.code, sliced.stderr).toBe(1);
    expect(full.code, full.stderr).toBe(1);
    const a = JSON.parse(sliced.stdout) as Report, b = JSON.parse(full.stdout) as Report;
    const mine = Object.fromEntries(a.properties.map((p) => [p.name, [p.status, p.trace?.steps.length]]));
    expect(mine).toMatchObject({ 'not-together': ['violated', 2], 'never-two-lost': ['violated', 3], 'c-holds-13': ['violated', 2] });
    expect(a.properties).toEqual(b.properties);
  });
  it('--workers 1 and 2 print the same report in every format (but for the seconds taken)', () => {
    // one run per worker count writes all six formats (--report F=FILE, the renderers --format uses)
    const [spec, dir] = site({ 'pair.ts': PAIR, 'all.mjs': ALL });
    const formats = ['text', 'json', 'itf', 'markdown', 'html', 'junit'];
    const untimed = (t: string): string => t.replace(/"seconds": [\d.]+/g, '').replace(/ time="[\d.]+"/g, '');
    for (const shape of [[], ['--no-slice']]) {
      const [one, two] = ['1', '2'].map((w) => {
        const out = mkdtempSync(join(tmpdir(), 'h12-'));
        const r = runCli(['check', spec, '--properties', dir, ...formats.flatMap((f) => ['--report', `${f}=${join(out, f)}`]), '--workers', w, ...shape]);
        expect(r.code, r.stderr).toBe(1);
        return formats.map((f) => untimed(readFileSync(join(out, f), 'utf8')));
      });
      formats.forEach((f, k) => expect(two![k], `${f} ${shape.join(' ')}`).toBe(one![k]));
    }
  });
});

describe('what a module declares is checked when it is loaded (D-260, D-261)', () => {
  const cases: [string, string, RegExp][] = [
    ['an entry of dvipas that is no address', "dvipas: ['201.2.10.11', 'web-vipa']", /bad\.mjs:2:\d+: error E_PROPERTY_MODULE: property 'bad': dvipas: 'web-vipa' is not an IPv4 or IPv6 address/],
    ['an empty dvipas list', 'dvipas: []', /bad\.mjs:2:\d+: error E_PROPERTY_MODULE: property 'bad': dvipas: \[\] names no DVIPA/],
    ['no description', 'description: undefined', /bad\.mjs:2:\d+: error E_PROPERTY_MODULE: property 'bad': description must be a string/],
  ];
  for (const [what, decl, re] of cases) {
    it(`${what}: exit 2 at the module`, () => {
      const [spec, dir] = site({ 'bad.mjs': `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'bad', description: 'd', ${decl}, check: () => true });\n` });
      for (const cmd of [['check', spec], ['properties']]) {
        const r = runCli([...cmd, '--properties', join(dir, 'bad.mjs')]);
        clean(r);
        expect(r.code, r.stdout).toBe(2);
        expect(r.stderr).toMatch(re);
      }
    });
  }
  it('a declared address the spec does not define is named in a note; the others still make its slice', () => {
    const [spec, dir] = site({ 'p.mjs': `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'p', description: 'd', dvipas: ['201.2.10.13', '201.2.10.99'], check: () => true });\n` });
    const r = runCli(['check', spec, '--properties', join(dir, 'p.mjs'), '--format', 'json']);
    const j = JSON.parse(r.stdout) as { notes?: string[]; slices: { dvipa: string }[] };
    expect(j.notes).toContain("property 'p' declares dvipas 201.2.10.99, which this spec does not define: checked on the slice of the others");
    expect(j.slices.map((x) => x.dvipa)).not.toContain('all');
  });
  it('looking up a DVIPA the property does not declare is exit 2 saying so, with and without slicing', () => {
    const [spec, dir] = site({ 'o.mjs': `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'o', description: 'd', dvipas: ['201.2.10.13'],\n  check: (s, sys) => s.owner(sys.dvipaIndex('201.2.10.11')) !== 5 });\n` });
    for (const shape of [[], ['--no-slice']]) {
      const r = runCli(['check', spec, '--properties', join(dir, 'o.mjs'), ...shape]);
      clean(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/o\.mjs:3:\d+: error E_PROPERTY_THREW: property 'o' .*'201\.2\.10\.11' is not among the dvipas property 'o' declares \(201\.2\.10\.13\)/);
    }
  });
  it('a check that returns no verdict says "returned", not "threw"', () => {
    const [spec, dir] = site({ 'n.mjs': `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'n', description: 'd', dvipas: 'all', check: () => 42 });\n` });
    const r = runCli(['check', spec, '--properties', join(dir, 'n.mjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/n\.mjs:2:\d+: error E_PROPERTY_THREW: property 'n' \(.*\) returned the number 42; a check returns true/);
  });
});

describe('a violation message of a million characters is cut (D-262)', () => {
  it('to 2,000 characters and a count of the rest, in every report', () => {
    const [spec, dir] = site({ 'h.mjs': `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'h', description: 'd', dvipas: 'all', check: (s) => s.owner(0) !== 1 || 'x'.repeat(1_000_000) });\n` });
    const r = runCli(['check', spec, '--properties', join(dir, 'h.mjs'), '--format', 'json']);
    expect(r.code).toBe(1);
    const h = (JSON.parse(r.stdout) as { properties: { name: string; message: string }[] }).properties.find((p) => p.name === 'h')!;
    expect(h.message).toBe(`${'x'.repeat(2000)}... (998000 more characters left out)`);
    expect(r.stdout.length).toBeLessThan(100_000);
  });
});

describe('CommonJS property modules (D-259)', () => {
  it("require('dvipa-verify') in a .cjs module and in a .js module outside an ES package: loaded, checked, failures at their lines", () => {
    const cjs = `const { invariant, stepProperty } = require('dvipa-verify');\nexports.a = invariant({ name: 'cjs-a', description: 'x', dvipas: 'all', check: (s) => s.owner(0) !== 1 || 'moved to TCPB' });\n`;
    const [spec, dir] = site({ 'a.cjs': cjs, 'b.js': cjs.replace(/cjs-a/g, 'js-b') });
    for (const w of ['1', '2']) {
      const r = runCli(['check', spec, '--properties', dir, '--format', 'json', '--workers', w]);
      clean(r);
      expect(r.code, r.stderr).toBe(1);
      const ps = (JSON.parse(r.stdout) as { properties: { name: string; status: string; message?: string }[] }).properties;
      expect(ps.filter((p) => p.name === 'cjs-a' || p.name === 'js-b').map((p) => [p.name, p.status, p.message])).toEqual([['cjs-a', 'violated', 'moved to TCPB'], ['js-b', 'violated', 'moved to TCPB']]);
    }
    writeFileSync(join(dir, 'c.cjs'), `const { stepProperty } = require('dvipa-verify');\nmodule.exports = stepProperty({ name: 'cjs-c', description: 'x', dvipas: 'all',\n  check(b, ev) { if (ev.kind === 'terminate') throw new Error('cjs boom'); return true; } });\n`);
    const r = runCli(['check', spec, '--properties', join(dir, 'c.cjs'), '--workers', '2']);
    clean(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/c\.cjs:3:\d+: error E_PROPERTY_THREW: property 'cjs-c' .*threw: cjs boom/);
  });
});

describe('hostile modules: a clear message naming the file, the right exit code, the same with --workers 2', () => {
  const inv = (body: string): string => `import { invariant } from 'dvipa-verify';\nexport default invariant({\n  name: 'h', description: 'x', dvipas: 'all',\n  check(state) { ${body} },\n});\n`;
  const cases: [string, string, string, RegExp][] = [
    ['a check that throws', 'p.mjs', inv("if (state.owner(0) === 1) throw new Error('boom'); return true;"), /p\.mjs:4:\d+: error E_PROPERTY_THREW: property 'h' \(.*p\.mjs\) threw: boom/],
    ['a syntax error (JavaScript)', 'p.mjs', inv('return state.owner(0) >= ;'), /p\.mjs:4:\d+: error E_PROPERTY_MODULE: cannot load property module: Unexpected token/],
    ['a syntax error (TypeScript)', 'p.ts', inv('const x: number = ; return true;'), /p\.ts:4:\d+: error E_PROPERTY_MODULE: cannot load property module: Expression expected/],
    ['no export', 'p.mjs', "import { invariant } from 'dvipa-verify';\nconst p = invariant({ name: 'h', description: 'x', check: () => true });\n", /p\.mjs:1:1: error E_PROPERTY_MODULE: exports no property/],
    ['an export of the wrong shape', 'p.mjs', 'export default function check() { return true; }\n', /p\.mjs:1:1: error E_PROPERTY_MODULE: exports no property/],
    ['the name of a built-in', 'p.mjs', "import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'takeover', description: 'x', check: () => true });\n", /p\.mjs:1:1: error E_PROPERTY_MODULE: property 'takeover' is defined twice \(or clashes with a built-in\)/],
    ['an import of a missing package', 'p.mjs', "import { invariant } from 'dvipa-verify';\nimport x from 'no-such-package-h12';\nexport default invariant({ name: 'h', description: 'x', check: () => x });\n", /p\.mjs:\d+:\d+: error E_PROPERTY_MODULE: cannot load property module: Cannot find package 'no-such-package-h12'/],
  ];
  for (const [what, file, text, re] of cases) {
    it(what, () => {
      const [spec, dir] = site({ [file]: text });
      for (const w of ['1', '2']) {
        const r = runCli(['check', spec, '--properties', join(dir, file), '--workers', w]);
        clean(r);
        expect(r.code, r.stdout).toBe(2);
        expect(r.stderr).toMatch(re);
      }
    });
  }
  it('a folder named like a module, a FIFO, a missing path', () => {
    const [spec, dir] = site({});
    mkdirSync(join(dir, 'empty.mjs'));
    const fifo = join(dir, 'fifo.mjs');
    const made = spawnSync('mkfifo', [fifo]).status === 0;
    const paths: [string, RegExp][] = [
      [join(dir, 'empty.mjs'), /empty\.mjs:1:1: error E_PROPERTY_MODULE: no property module .* in this folder/],
      [join(dir, 'gone.mjs'), /gone\.mjs:1:1: error E_PROPERTY_MODULE: property module not found/],
      ...(made ? [[fifo, /fifo\.mjs:1:1: error E_PROPERTY_MODULE: a property module must be a regular file/] as [string, RegExp]] : []),
    ];
    for (const [path, re] of paths) {
      for (const w of ['1', '2']) {
        const r = runCli(['check', spec, '--properties', path, '--workers', w]);
        clean(r);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(re);
      }
    }
  });
});

describe('a one-DVIPA site property shares the built-ins\' slice of that DVIPA (explored once, listed once)', () => {
  it('the same slices and state sum as without it; its violation is found there, same trace length as --no-slice', () => {
    const [spec, dir] = site({ 'one.mjs': `import { invariant } from 'dvipa-verify';
export default invariant({ name: 'never-on-2', description: 'the first DVIPA is never on TCPB', dvipas: ['201.2.10.11'],
  check: (s, sp) => sp.config.stacks[s.owner(sp.dvipas.find((x) => x.address === '201.2.10.11').index)]?.name !== 'TCPB' || 'on TCPB' });
` });
    const json = (extra: string[]) => JSON.parse(runCli(['check', spec, '--format', 'json', ...extra], dir).stdout) as { states: number; slices?: { dvipa: string }[]; properties: { name: string; status: string; trace?: { steps: unknown[] } }[] };
    const plain = json([]), withProp = json(['--properties', 'one.mjs']), full = json(['--properties', 'one.mjs', '--no-slice']);
    expect(withProp.slices!.map((s) => s.dvipa)).toEqual(plain.slices!.map((s) => s.dvipa));
    expect(withProp.states).toBe(plain.states);
    const mine = (r: typeof plain) => r.properties.find((p) => p.name === 'never-on-2')!;
    expect(mine(withProp).status).toBe('violated');
    expect(mine(withProp).trace!.steps.length).toBe(mine(full).trace!.steps.length);
  });
});

describe('D-264: state.failures under maxFailures: unlimited is no part of the state', () => {
  it('a check reading it is exit 2 at its line, saying why (it silently read 0 before); with a number it counts', () => {
    const mod = `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: 'no-failure', description: 'nothing fails', dvipas: 'all',\n  check: (s) => s.failures < 1 || 'failures ' + s.failures });\n`;
    const [spec, dir] = site({ 'f.mjs': mod });
    writeFileSync(join(dir, 'unl.yaml'), PLEX.replace('maxFailures: 2', 'maxFailures: unlimited'));
    const r = runCli(['check', 'unl.yaml', '--properties', 'f.mjs', '--only', 'no-failure'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('f.mjs:3:');
    expect(r.stderr).toContain('state.failures is not known under maxFailures: unlimited');
    clean(r);
    const n = runCli(['check', spec, '--properties', 'f.mjs', '--only', 'no-failure'], dir);
    expect(n.code).toBe(1);
    expect(n.stdout).toContain('VIOLATED no-failure');
  });
});
