import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tmp } from './helpers.js';

/**
 * Hostile use of the CLI found by an audit (second round after issue 20): every case ends with a
 * clear message and exit 2 (or 1 for "nothing to verify"), never exit 70, never a silent exit 0,
 * and nothing the user wrote is replaced.
 */
const OK = join(ROOT, 'test/fixtures/hostile/ok.yaml');

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = runCli(args, cwd);
  expect(r.code, r.stderr).not.toBe(70);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);
  return r;
}
const here = (): string => { const d = tmp(); copyFileSync(OK, join(d, 'ok.yaml')); return d; };

describe('output paths under a file, and inputs as outputs', () => {
  it('--out, init and a report under an existing file: exit 2, the file named', () => {
    const d = here();
    writeFileSync(join(d, 'f'), 'mine');
    const out = cli(['check', 'ok.yaml', '--out', 'f/sub', '--quiet'], d);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--out f/sub cannot be created: f is an existing file');
    const init = cli(['init', 'f'], d);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('init writes nothing');
    const rep = cli(['check', 'ok.yaml', '--report', 'json=f/r.json', '--quiet'], d);
    expect(rep.code).toBe(2);
    expect(readFileSync(join(d, 'f'), 'utf8')).toBe('mine');
  });

  it('init writes nothing when one of its files cannot be written (D-87)', () => {
    const d = tmp();
    mkdirSync(join(d, 'I/.github'), { recursive: true });
    writeFileSync(join(d, 'I/.github/workflows'), 'mine');
    expect(cli(['init', 'I'], d).code).toBe(2);
    expect(existsSync(join(d, 'I/sysplex'))).toBe(false);
  });

  it('a report never replaces an input of the run, and one file spelled two ways is one file', () => {
    const d = here();
    const spec = readFileSync(join(d, 'ok.yaml'), 'utf8');
    const self = cli(['check', 'ok.yaml', '--report', 'json=ok.yaml', '--quiet'], d);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('would replace an input of this run');
    symlinkSync('ok.yaml', join(d, 'link.yaml'));
    expect(cli(['check', 'ok.yaml', '--report', 'json=link.yaml', '--quiet'], d).code).toBe(2);
    expect(readFileSync(join(d, 'ok.yaml'), 'utf8')).toBe(spec);
    const twice = cli(['check', 'ok.yaml', '--report', 'json=a.json', '--report', 'junit=./a.json', '--quiet'], d);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('two reports would be written to ./a.json');
  });

  it('two specs of one name with --out are refused before anything is written', () => {
    const d = here();
    for (const x of ['a', 'b']) { mkdirSync(join(d, x)); copyFileSync(OK, join(d, x, 'plex.yaml')); }
    const r = cli(['check', 'a/plex.yaml', 'b/plex.yaml', '--out', 'o', '--force', '--quiet'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would write the same trace files');
    expect(existsSync(join(d, 'o'))).toBe(false);
  });

  it('import -o onto one of its inputs is refused even with --force; -o a folder says so', () => {
    const d = tmp();
    const member = readFileSync(join(ROOT, 'test/fixtures/profiles', 'sample-profile-tcpip.txt'), 'utf8');
    writeFileSync(join(d, 'PROF1'), member);
    const r = cli(['import', 'PROF1', '-o', 'PROF1', '--force'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is one of the inputs');
    expect(readFileSync(join(d, 'PROF1'), 'utf8')).toBe(member);
    const dot = cli(['import', 'PROF1', '-o', '.'], d);
    expect(dot.code).toBe(2);
    expect(dot.stderr).toContain('is a folder');
  });
});

describe('runs that would end silently or with an internal error', () => {
  it('--path that is not a replay path: exit 2 naming the form', () => {
    const d = here();
    for (const p of ['garbage', '1:a', '']) {
      const r = cli(['check', 'ok.yaml', '--mode', 'random', '--path', p], d);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--path must be a replay path');
    }
  });

  it('a property module whose top-level await never settles: exit 2 with a message, not a silent 0', () => {
    const d = here();
    writeFileSync(join(d, 'hang.mjs'), 'await new Promise(() => {});\nexport default 1;\n');
    const r = cli(['check', 'ok.yaml', '--properties', 'hang.mjs'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(d, 'hang.mjs')}:1:1: error E_PROPERTY_MODULE: the module never finished loading`); // D-168: loaded in its thread
  });

  it('a property that throws a value whose toString throws, or returns a Promise or a number: exit 2 at the property', () => {
    const d = here();
    const mod = (name: string, body: string): string => {
      writeFileSync(join(d, `${name}.mjs`), `import { invariant } from 'dvipa-verify';\nexport default invariant({ name: '${name}', description: 'x', check() { ${body} } });\n`);
      return `${name}.mjs`;
    };
    const cases: [string, string, string][] = [
      ['weird-throw', "throw { toString() { throw new Error('x'); } };", 'threw a value that cannot be printed'],
      ['async-check', 'return Promise.resolve(true);', 'returned a Promise'],
      ['number-check', 'return 0;', 'returned the number 0'],
    ];
    for (const [name, body, text] of cases) {
      const r = cli(['check', 'ok.yaml', '--properties', mod(name, body), '--only', name], d);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain(`${name}.mjs:2:`); // where the module names the property (no stack to read)
      expect(r.stderr).toContain(text);
    }
  });

  it('a properties folder holding a FIFO or a link to /dev/zero: refused, not read', () => {
    const d = here();
    mkdirSync(join(d, 'props'));
    execFileSync('mkfifo', [join(d, 'props', 'f.mjs')]);
    const fifo = cli(['check', 'ok.yaml', '--properties', 'props'], d);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain('props/f.mjs:1:1');
    expect(fifo.stderr).toContain('must be a regular file');
    mkdirSync(join(d, 'props2'));
    symlinkSync('/dev/zero', join(d, 'props2', 'z.mjs'));
    expect(cli(['check', 'ok.yaml', '--properties', 'props2'], d).code).toBe(2);
  });

  it('a NETSTAT start report that is /dev/zero or a FIFO: refused at once (D-91)', () => {
    const d = here();
    execFileSync('mkfifo', [join(d, 'fifo')]);
    for (const f of ['/dev/zero', 'fifo']) {
      writeFileSync(join(d, 's.yaml'), `${readFileSync(OK, 'utf8')}environment:\n  start: { netstat: [${f}] }\n`);
      const r = cli(['check', 's.yaml', '--timeout', '5'], d);
      expect(r.code, f).toBe(2);
      expect(r.stderr).toContain('is not a regular file');
    }
  });

  it('no property selected is nothing to verify (exit 1, EMPTY), and an empty --only is a usage error', () => {
    const d = here();
    const none = cli(['check', 'ok.yaml', '--only', 'takeover', '--skip', 'takeover'], d);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('EMPTY: nothing to verify: no property is selected');
    for (const v of ['', ',,']) expect(cli(['check', 'ok.yaml', '--only', v], d).code).toBe(2);
  });
});
