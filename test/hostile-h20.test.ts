import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tmp } from './helpers.js';

/**
 * Hostile inputs of helper h20's campaign (D-293..D-299): each ended in a hang, a V8 abort, a
 * stack trace or an "internal error" (exit 70), or dropped the user's output without a word.
 * Now: a message, exit 2, in a few seconds.
 */
const FAIL = join(ROOT, 'specs/bad-no-backup.yaml');

function cli(args: string[], cwd: string, prefix: string[] = []): { code: number; stdout: string; stderr: string } {
  const [cmd, ...pre] = prefix.length ? prefix : [process.execPath];
  const r = spawnSync(cmd!, [...pre, ...(prefix.length ? [process.execPath] : []), CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const all = `${r.stdout}${r.stderr}`;
  expect(r.signal, `killed (a hang?): ${args.join(' ')}`).toBeNull();
  expect(r.status, all).not.toBe(70);
  expect(all).not.toMatch(/internal error|FATAL ERROR|\n\s+at .*:\d+:\d+\)?\n/);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const here = (): string => { const d = tmp(); copyFileSync(FAIL, join(d, 'fail.yaml')); return d; };

describe('a folder to create under /proc (Node 20 mkdir recursive loops there, D-293)', () => {
  it.runIf(existsSync('/proc/self'))('init, --out, --report and import -o end at once with exit 2', () => {
    const d = here();
    for (const args of [['init', '/proc/h20-x'], ['check', 'fail.yaml', '--quiet', '--out', '/proc/h20-x/t'], ['check', 'fail.yaml', '--quiet', '--report', 'json=/proc/h20-x/r.json']]) {
      const r = cli(args, d);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/cannot write \/proc\/h20-x\/.*(ENOENT|EACCES|EPERM)/);
    }
  });
});

describe('a folder that cannot be listed (D-294)', () => {
  // root reads any folder: then the CLI runs as nobody (setpriv), as a user would meet it
  const root = process.getuid?.() === 0;
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
  const as = root && setpriv ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  // ... when that user can read the CLI at all (a clone in a private temp folder, mktemp -d, is not)
  const canRun = !root || (setpriv !== undefined && spawnSync(setpriv, [...as.slice(1), process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(CLI)}, 4)`]).status === 0);
  it.runIf(canRun)('check, lint, --properties and import name the folder (exit 2); the other specs are still checked', () => {
    const d = here();
    chmodSync(d, 0o755);
    chmodSync(join(d, 'fail.yaml'), 0o644);
    mkdirSync(join(d, 'locked'));
    writeFileSync(join(d, 'locked', 'a.yaml'), 'sysplex: X\n');
    chmodSync(join(d, 'locked'), 0o000);
    try {
      const c = cli(['check', 'locked', 'fail.yaml', '--quiet'], d, as);
      expect(c.code).toBe(2);
      expect(c.stderr).toContain('locked:1:1: error E_FILE: cannot list the folder: permission denied (EACCES)');
      expect(c.stdout).toContain('fail.yaml: pass'); // the other spec was checked
      expect(cli(['lint', 'locked'], d, as).code).toBe(2);
      const p = cli(['check', 'fail.yaml', '--quiet', '--properties', 'locked'], d, as);
      expect(p.code).toBe(2);
      expect(p.stderr).toContain('locked:1:1: error E_PROPERTY_MODULE: cannot list the folder');
      const i = cli(['import', 'locked'], d, as);
      expect(i.code).toBe(2);
      expect(i.stderr).toContain('locked:1:1: error: cannot list the folder');
    } finally { chmodSync(join(d, 'locked'), 0o755); }
  });
});

describe('a property module whose code throws where nothing catches it (D-295, D-296)', () => {
  const mod = (d: string, name: string, body: string): string => {
    writeFileSync(join(d, `${name}.mjs`), `import { invariant } from 'dvipa-verify';\n${body.replace(/NAME/g, name)}\n`);
    return `${name}.mjs`;
  };
  it('a timer or a rejected promise left by a check: exit 2 at the module line, with one thread or several, and in simulate', () => {
    const d = here();
    const timer = mod(d, 'late', "export default invariant({ name: 'NAME', description: 'd', check: () => { setTimeout(() => { throw new Error('late throw'); }, 0); return true; } });");
    const reject = mod(d, 'rej', "export default invariant({ name: 'NAME', description: 'd', check: () => { Promise.reject(new Error('rejected')); return true; } });");
    for (const [m, what] of [[timer, 'late throw'], [reject, 'rejected']] as const) {
      for (const extra of m === timer ? [[], ['--workers', '2', '--no-slice']] : [[]]) {
        const r = cli(['check', 'fail.yaml', '--quiet', ...extra, '--properties', m], d);
        expect(r.code, `${m} ${extra.join(' ')}`).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`${m}:2:\\d+: error E_PROPERTY_THREW: .*${what}`));
      }
    }
    const s = cli(['simulate', 'fail.yaml', '--events', 'terminate TCPCS', '--properties', timer], d);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('late throw');
  });

  it('a rejection at load, and exports that throw when read (a Proxy): exit 2, E_PROPERTY_MODULE or at the module', () => {
    const d = here();
    const load = mod(d, 'atload', "Promise.reject(new Error('at load'));\nexport default invariant({ name: 'NAME', description: 'd', check: () => true });");
    const proxy = mod(d, 'proxy', "export default new Proxy([], { get() { throw new Error('no reading'); } });");
    const r1 = cli(['check', 'fail.yaml', '--quiet', '--properties', load], d);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('at load');
    const r2 = cli(['properties', '--properties', proxy], d);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/proxy\.mjs:\d+:\d+: error E_PROPERTY_MODULE: its exports cannot be read \(reading them threw\): no reading/);
  });
});

describe('--path of random mode (D-297)', () => {
  it('a path that leads nowhere in this spec is exit 2 naming it, not an internal error', () => {
    const r = cli(['check', 'fail.yaml', '--mode', 'random', '--seed', '3', '--path', '0:0:0:0:99999'], here());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--path 0:0:0:0:99999 does not replay with seed 3 and --depth 50');
  });
  it('a first walk number past 10,000,000 is refused at once (skipping to it could not be interrupted)', () => {
    const t0 = Date.now();
    const r = cli(['check', 'fail.yaml', '--mode', 'random', '--timeout', '1', '--path', '999999999:1'], here());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--path starts with walk 999999999');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe("an empty file or folder name (D-298)", () => {
  it("--out '', -o '', --spec '', --base '' are usage errors; --out '' no longer drops the traces silently", () => {
    const d = here();
    for (const args of [['check', 'fail.yaml', '--out', ''], ['export', 'fail.yaml', '--to', 'promela', '-o', ''], ['replay', 'x.json', '--spec', ''], ['compare', 'fail.yaml', '--base', '']]) {
      const r = cli(args, d);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('needs a name, not an empty string');
    }
    expect(readdirSync(d)).toEqual(['fail.yaml']);
  });
  it("profileFile: '' says it is empty (it was 'is a folder')", () => {
    const d = tmp();
    writeFileSync(join(d, 's.yaml'), "sysplex: P\nstacks:\n  - name: A\n    profileFile: ''\n");
    const r = cli(['check', 's.yaml'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("s.yaml:4:18: error E_PROFILE_FILE: profileFile of stack A is empty: it must name a file");
  });
});

describe('a --report file that is a trace file --out writes (D-299)', () => {
  it('is refused before the run; the trace is no longer replaced by the report', () => {
    const d = here();
    const r = cli(['check', 'fail.yaml', '--quiet', '--out', '.', '--report', 'json=fail.available.trace.json'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report json=fail.available.trace.json is a trace file name that --out . writes');
    expect(readdirSync(d)).toEqual(['fail.yaml']);
  });
});
