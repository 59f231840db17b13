import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, specFile, tmp } from './helpers.js';

/** Defects a fuzzing campaign of the built CLI found (h6), one regression each. */

// D-230: names from the spec that are also Object.prototype keys.
const PROTO = `sysplex: P
stacks:
  - name: toString
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: __proto__, port: 80 }
      - { name: constructor, port: 81 }
  - name: valueOf
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 100 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: __proto__, port: 80 }
clients:
  - { name: web, dvipa: 201.2.10.11, port: 80 }
`;

describe('D-230: stacks named toString/valueOf, applications named __proto__', () => {
  it('simulate --format json keeps the application __proto__ in every state', () => {
    const r = runCli(['simulate', specFile(PROTO), '--events', 'connect web; app-stop toString __proto__', '--format', 'json']);
    expect(r.stderr).toBe('');
    const steps = (JSON.parse(r.stdout) as { steps: { state: { stacks: Record<string, { applications: Record<string, string> }> } }[] }).steps;
    const apps = steps.map((s) => Object.entries(s.state.stacks.toString!.applications));
    expect(apps[0]).toEqual([['__proto__', 'up'], ['constructor', 'up']]);
    expect(apps[2]).toEqual([['__proto__', 'down'], ['constructor', 'up']]);
    expect(Object.entries(steps[0]!.state.stacks.valueOf!.applications)).toEqual([['__proto__', 'up']]);
  });

  it('the text diff names what changed, never a function of Object.prototype', () => {
    const r = runCli(['simulate', specFile(PROTO), '--events', 'connect web; app-stop toString __proto__']);
    expect(r.stdout).not.toMatch(/function|native code|undefined/);
    expect(r.stdout).toContain('connections on toString 0 -> 1');
    expect(r.stdout).toContain('toString: __proto__ up -> down');
    expect(r.stdout).toContain('connections on toString 1 -> 0');
  });

  it('a written trace of such a spec replays, in JSON and in ITF', () => {
    const dir = tmp();
    const spec = specFile(PROTO);
    const c = runCli(['check', spec, '--out', dir]);
    expect(c.code).toBe(1);
    const c2 = runCli(['check', spec, '--out', dir, '--format', 'itf']);
    expect(c2.code).toBe(1);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect(readFileSync(join(dir, f), 'utf8')).toContain('__proto__');
      const r = runCli(['replay', join(dir, f)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
    }
  });
});

// D-231: a trace value nested thousands of levels deep, where a string was expected.
describe('D-231: replay of a trace holding a deeply nested value', () => {
  const deep = `${'['.repeat(8000)}${']'.repeat(8000)}`;
  const cases: [string, string, RegExp][] = [
    ['steps', `{"steps":${deep}}`, /^t\.json:1:11: error E_TRACE: step 0 must be an object, not a list \(\[{57}\.\.\.\)$/],
    ['property', `{"spec":"s.yaml","property":${deep},"steps":[{"event":"initial"}]}`, /^t\.json:1:29: error E_TRACE: "property" must be a string naming a property, not a list \(\[+\.\.\.\)$/],
    ['event', `{"spec":"s.yaml","steps":[{"event":"initial","state":{}},{"event":${deep}}]}`, /^t\.json:1:\d+: error E_TRACE_EVENT: the event of step 1 must be a string/],
  ];
  for (const [what, text, want] of cases) {
    it(`names the ${what} with its position, no internal error`, () => {
      const dir = tmp();
      const r = runCli(['replay', 't.json'], writeTrace(dir, text));
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(want);
    });
  }
});

function writeTrace(dir: string, text: string): string {
  writeFileSync(join(dir, 't.json'), text);
  return dir;
}

// D-232: the name of a loaded property.
describe('D-232: a loaded property name that --only, expect and --out cannot use', () => {
  const mod = (name: string): string => {
    const dir = tmp();
    const f = join(dir, 'p.mjs');
    writeFileSync(f, `import { invariant } from ${JSON.stringify(join(ROOT, 'dist/src/index.js'))};\nexport const p = invariant({\n  name: ${JSON.stringify(name)}, description: 'd', check() { return 'fails'; } });\n`);
    return f;
  };
  const spec = join(ROOT, 'specs/single-stack-backup.yaml');
  for (const name of ['a/b', '', 'x,y', '../up', 'two words', 'x'.repeat(65)]) {
    it(`rejects ${JSON.stringify(name.slice(0, 10))} at its place in the module (exit 2)`, () => {
      const f = mod(name);
      const out = tmp();
      const r = runCli(['check', spec, '--properties', f, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${f}:3:9: error E_PROPERTY_MODULE: property '${name}': the name must be 1-64 letters, digits, - _ .`);
      expect(readdirSync(out)).toEqual([]);
    });
  }
  it('takes letters, digits, - _ . (64 at most)', () => {
    for (const name of ['ok-name_1.2', 'Y'.repeat(64)]) {
      const out = tmp();
      const r = runCli(['check', spec, '--properties', mod(name), '--only', name, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(readdirSync(out)).toEqual([`single-stack-backup.${name}.trace.json`]);
    }
  });
});

// D-233: free-text names and paths inside the comments of the Promela export.
describe('D-233: export --to promela with a */ in a name or path', () => {
  const haveSpin = spawnSync('spin', ['-V'], { encoding: 'utf8' }).status === 0;
  const make = (): { dir: string; spec: string } => {
    const dir = join(tmp(), 'site*');
    mkdirSync(dir);
    const spec = join(dir, 'plex.yaml');
    writeFileSync(spec, PROTO.replace('name: __proto__, port: 80 }\n      - { name: constructor', 'name: "a*/b", port: 80 }\n      - { name: constructor').replace('name: web,', 'name: "x */ y /* z",'));
    return { dir, spec };
  };
  it('every name and path stays inside its comment', () => {
    const { spec } = make();
    const r = runCli(['export', spec, '--to', 'promela']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('a* /b');
    const code = r.stdout.replace(/\/\*[\s\S]*?\*\//g, ' ');
    expect(code).not.toMatch(/a\*|\/b |y \/|site\*|plex\.yaml/);
  });
  it.skipIf(!haveSpin)('SPIN reads the model', () => {
    const { dir, spec } = make();
    expect(runCli(['export', spec, '--to', 'promela', '-o', join(dir, 'm.pml')]).code).toBe(0);
    const s = spawnSync('spin', ['-a', 'm.pml'], { cwd: dir, encoding: 'utf8' });
    expect(s.stdout + s.stderr).not.toMatch(/error/i);
    expect(s.status).toBe(0);
  });
});

// D-234: the symbol-name rule as the message states it.
describe('D-234: a symbol name that starts with _ or a digit', () => {
  for (const k of ['_X', '1A']) {
    it(`${k}: the message says why (the first character)`, () => {
      const spec = specFile(PROTO.replace('    applications:\n      - { name: __proto__, port: 80 }\n      - { name: constructor', `    symbols: { ${k}: "1" }\n    applications:\n      - { name: __proto__, port: 80 }\n      - { name: constructor`));
      const r = runCli(['lint', spec]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${spec}:9:16: error E_NAME: '${k}' is not a system symbol name (1-16 letters, digits, @ # $ _, the first a letter or @ # $; without & and .)`);
    });
  }
});
