import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ProgressLine, bfsProgress } from '../src/cli/progress.js';
import { CLI, ROOT, runCli, tmp } from './helpers.js';

/** Issue 19: one run, every report; the terminal; the package; init; compare --base. */
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; files?: string[] };
/** The environment without the colour settings of the test runner itself. */
const env0 = (): Record<string, string> => { const e = { ...process.env } as Record<string, string>; delete e.NO_COLOR; delete e.FORCE_COLOR; return e; };
const run = (args: string[], env: Record<string, string> = {}, cwd = ROOT): { code: number; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...env0(), ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe('--report FORMAT[=FILE], several reports from one run', () => {
  it('text on stdout, JUnit and Markdown in files, the same as the one-format runs', () => {
    const dir = tmp();
    const r = runCli(['check', 'specs/bad-no-backup.yaml', '--report', 'text', '--report', `junit=${join(dir, 'd.xml')}`, '--report', `markdown=${join(dir, 'c.md')}`, '--report', `json=${join(dir, 'r.json')}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(runCli(['check', 'specs/bad-no-backup.yaml']).stdout);
    expect(readFileSync(join(dir, 'c.md'), 'utf8')).toBe(runCli(['check', 'specs/bad-no-backup.yaml', '--format', 'markdown']).stdout);
    const junit = readFileSync(join(dir, 'd.xml'), 'utf8').replace(/time="[^"]*"/g, '');
    expect(junit).toBe(runCli(['check', 'specs/bad-no-backup.yaml', '--format', 'junit']).stdout.replace(/time="[^"]*"/g, ''));
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).result).toBe('pass');
  });

  it('FILE - is stdout; two reports on stdout or in one file are a usage error (exit 2); --format F stays a shorthand', () => {
    expect(JSON.parse(runCli(['check', 'specs/bad-no-backup.yaml', '--report', 'json=-']).stdout).spec).toBe('specs/bad-no-backup.yaml');
    const two = runCli(['check', 'specs/bad-no-backup.yaml', '--report', 'json', '--report', 'junit']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('at most one report can go to standard output');
    expect(runCli(['check', 'specs/bad-no-backup.yaml', '--report', 'json=x', '--report', 'junit=x']).code).toBe(2);
    const bad = runCli(['check', 'specs/bad-no-backup.yaml', '--report', 'pdf=x.pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('FORMAT one of text, json, itf, markdown, html, junit');
    const dir = tmp();
    const both = runCli(['check', 'specs/bad-no-backup.yaml', '--format', 'json', '--report', `junit=${join(dir, 'j.xml')}`]);
    expect(JSON.parse(both.stdout).result).toBe('pass');
    expect(existsSync(join(dir, 'j.xml'))).toBe(true);
  });
});

describe('the terminal', () => {
  it('EPIPE (check specs/ | head -1) ends quietly: no stack trace', () => {
    const out = execFileSync('bash', ['-c', `node ${CLI} check specs/ 2>&1 | head -1; echo "status \${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^specs\/bad-backup-without-application\.yaml: sysplex PLEX1/);
    expect(lines[1]).toBe('status 141');
    const errFile = join(tmp(), 'stderr.txt');
    execFileSync('bash', ['-c', `node ${CLI} check specs/ --format markdown 2>${errFile} | head -c 10 >/dev/null`], { cwd: ROOT });
    expect(readFileSync(errFile, 'utf8')).not.toMatch(/EPIPE|at .*\.js:\d+|Error/);
  });

  it('progress: one line rewritten in place on a terminal (fits 80 columns, thousands separators), a new line otherwise', () => {
    let tty = '';
    const line = new ProgressLine((s) => { tty += s; }, true, 200);
    const text = bfsProgress({ seconds: 12, depth: 31, states: 12345678, queue: 1234567 });
    expect(text).toContain('12,345,678 states');
    line.update(text);
    line.update(text);
    line.clear();
    expect(tty.split('\n')).toHaveLength(1); // never a new line
    for (const part of tty.split('\r').filter(Boolean)) expect(part.replace(/\u001b\[K/g, '').length).toBeLessThan(80);
    let pipe = '';
    const scroll = new ProgressLine((s) => { pipe += s; }, false);
    scroll.update(text);
    scroll.update(text);
    expect(pipe).toBe(`${text}\n${text}\n`);
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('on a real terminal (script(1)) the progress line is rewritten with \\r, and the text is coloured', () => {
    const dir = tmp();
    const spec = join(dir, 'chain.yaml');
    writeFileSync(spec, execFileSync(process.execPath, [join(ROOT, 'bench/gen-chain.mjs'), '4', '3', '1'], { encoding: 'utf8' }));
    const out = execFileSync('script', ['-qec', `stty cols 80 2>/dev/null; node ${CLI} check ${spec} --only takeover`, '/dev/null'], { encoding: 'utf8', env: { ...env0(), COLUMNS: '80' }, timeout: 120000 });
    expect(out).toContain('\u001b[1m'); // bold on a terminal
    expect(out).toMatch(/\r {2}\d+ s {2}depth \d+ {2}[\d,]+ states {2}[\d,]+ queued/); // rewritten in place
    expect(out).not.toMatch(/distinct states, \d+ left on queue/); // the old scrolling line
  });

  it('a usage error is a short message and a hint, not the whole help (exit 2)', () => {
    for (const args of [['check', '--formt', 'json', 'specs/'], ['check'], ['nosuch'], []]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').length, r.stderr).toBeLessThanOrEqual(3);
      expect(r.stderr).toMatch(/--help/);
    }
  });

  it('--help names the exit codes and the events; --version is package.json\'s', () => {
    for (const args of [['--help'], ['check', '--help']]) {
      const r = runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Exit codes:');
      expect(r.stdout).toMatch(/3 +incomplete/);
      expect(r.stdout).toContain('routing-start S');
      expect(r.stdout).toContain('close S C');
    }
    expect(runCli(['--version']).stdout.trim()).toBe(PKG.version);
  });

  it('FORCE_COLOR and --color / --no-color are honoured on a pipe', () => {
    const plain = run(['check', 'specs/bad-no-backup.yaml']).stdout;
    expect(plain).not.toContain('\u001b[');
    expect(run(['check', 'specs/bad-no-backup.yaml'], { FORCE_COLOR: '1' }).stdout).toContain('\u001b[32mPASS');
    expect(run(['check', 'specs/bad-no-backup.yaml'], { FORCE_COLOR: '0' }).stdout).not.toContain('\u001b[');
    expect(run(['check', 'specs/bad-no-backup.yaml', '--color']).stdout).toContain('\u001b[1m');
    expect(run(['--color', 'check', 'specs/bad-no-backup.yaml'], { NO_COLOR: '1' }).stdout).toContain('\u001b[1m');
    expect(run(['check', 'specs/bad-no-backup.yaml', '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  it('several specs end with "N specs: N pass, N fail, ..."', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'broken.yaml'), 'stacks: [');
    const r = runCli(['check', 'specs/bad-no-backup.yaml', 'specs/single-stack-backup.yaml', join(dir, 'broken.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('3 specs: 2 pass, 0 fail, 1 bad input');
    expect(runCli(['check', 'specs/bad-no-backup.yaml']).stdout).not.toMatch(/specs: /);
  });
});

describe('the JSON report and the package', () => {
  it('the JSON report names the tool (version from package.json) and its schemaVersion', () => {
    const j = JSON.parse(runCli(['check', 'specs/bad-no-backup.yaml', '--format', 'json']).stdout);
    expect(j.tool).toEqual({ name: 'dvipa-verify', version: PKG.version });
    expect(j.schemaVersion).toBe(2);
    expect(readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8')).not.toMatch(/\.version\('\d/);
  });

  it('the tarball holds the built code and the schema, no tests or benchmarks (npm pack --dry-run)', () => {
    const j = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
    const files = j[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('schema/spec.schema.json');
    expect(files).toContain('dist/properties/takeover.js');
    expect(files.filter((f) => /^(test|bench|specs|dist\/test)\//.test(f) || f.endsWith('.test.js'))).toEqual([]);
  });
});

describe('init', () => {
  it('writes a commented starter spec that verifies and a workflow; never replaces a file without --force', () => {
    const dir = tmp();
    const r = runCli(['init', dir]);
    expect(r.code).toBe(0);
    const spec = readFileSync(join(dir, 'sysplex/plex.yaml'), 'utf8');
    expect(spec).toMatch(/^# yaml-language-server: \$schema=/);
    expect(runCli(['check', join(dir, 'sysplex')]).code).toBe(0);
    const wf = parse(readFileSync(join(dir, '.github/workflows/dvipa-verify.yml'), 'utf8'));
    const steps = wf.jobs['dvipa-verify'].steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(steps).toContain('--report junit=');
    expect(steps).toContain('compare --base');
    writeFileSync(join(dir, 'sysplex/plex.yaml'), 'mine');
    const again = runCli(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'sysplex/plex.yaml'), 'utf8')).toBe('mine');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const ci = /### In CI[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const body = (t: string): string => t.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    expect(body(ci)).toBe(body(readFileSync(join(dir, '.github/workflows/dvipa-verify.yml'), 'utf8'))); // the README's CI job is init's
    expect(runCli(['init', dir, '--force']).code).toBe(0);
    expect(readFileSync(join(dir, 'sysplex/plex.yaml'), 'utf8')).toBe(spec);
  });
});

describe('compare', () => {
  /** A git repository with the init spec (profiles in files) committed, then changed. */
  function repo(): string {
    const dir = tmp();
    runCli(['init', dir]);
    const g = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: dir, encoding: 'utf8' });
    g('init', '-q');
    g('add', '.');
    g('commit', '-qm', 'base');
    const p2 = join(dir, 'sysplex/profiles/TCPCS2.txt');
    writeFileSync(p2, readFileSync(p2, 'utf8').replace('VIPABACKUP 100', 'VIPABACKUP 80').replace(/IPCONFIG DYNAMICXCF.*\n/, ''));
    return dir;
  }

  it('--base <git revision> <spec> reads the spec and its profileFiles at that revision; the configuration changes come first', () => {
    const dir = repo();
    const r = run(['compare', '--base', 'HEAD', 'sysplex/plex.yaml'], {}, dir);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('compare HEAD:sysplex/plex.yaml -> sysplex/plex.yaml');
    expect(lines.slice(1, 4)).toEqual(['  configuration changes:', '    TCPCS2: DYNAMICXCF removed', '    TCPCS2: VIPABACKUP 100 -> 80 for 201.2.10.11']);
    expect(r.stdout).toContain('NEWLY FAILS  connections-preserved');
    expect(r.code).toBe(1);
    const j = JSON.parse(run(['compare', '--base', 'HEAD', 'sysplex/plex.yaml', '--format', 'json'], {}, dir).stdout);
    expect(j.changes).toEqual([
      { stack: 'TCPCS2', text: 'TCPCS2: DYNAMICXCF removed' },
      { stack: 'TCPCS2', dvipa: '201.2.10.11', text: 'TCPCS2: VIPABACKUP 100 -> 80 for 201.2.10.11' },
    ]);
    expect(j.old.spec).toBe('HEAD:sysplex/plex.yaml');
    // several specs (a folder): one JSON document, a spec new at the revision says so
    cpSync(join(dir, 'sysplex/plex.yaml'), join(dir, 'sysplex/second.yaml'));
    const many = run(['compare', '--base', 'HEAD', 'sysplex/', '--format', 'json'], {}, dir);
    expect(many.code).toBe(1);
    expect(JSON.parse(many.stdout).map((x: { notAtBase?: boolean; changes?: unknown[] }) => x.notAtBase ?? x.changes!.length)).toEqual([2, true]);
    const none = run(['compare', '--base', 'HEAD', 'sysplex/plex.yaml'], {}, repoUnchanged());
    expect(none.stdout).toContain('no configuration change');
    expect(run(['compare', '--base', 'nosuchrev', 'sysplex/plex.yaml'], {}, dir).code).toBe(2);
  });

  function repoUnchanged(): string {
    const dir = tmp();
    runCli(['init', dir]);
    for (const a of [['init', '-q'], ['add', '.'], ['commit', '-qm', 'x']]) execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: dir });
    return dir;
  }

  it('lists changes per stack and per DVIPA definition: stacks, applications, clients, environment', () => {
    const dir = tmp();
    cpSync(join(ROOT, 'specs/multi-stack-backup.yaml'), join(dir, 'old.yaml'));
    const text = readFileSync(join(dir, 'old.yaml'), 'utf8')
      .replace('VIPABACKUP 100 201.2.10.12', 'VIPABACKUP 50 201.2.10.12')
      .replace('      - { name: FTP, port: 21 }\nclients', '      - { name: FTP, port: 2121 }\nclients')
      .replace('maxFailures: 1', 'maxFailures: 2');
    writeFileSync(join(dir, 'new.yaml'), text);
    const r = runCli(['compare', join(dir, 'old.yaml'), join(dir, 'new.yaml'), '--format', 'json']);
    expect(JSON.parse(r.stdout).changes.map((c: { text: string }) => c.text)).toEqual([
      'TCPCS3: VIPABACKUP 100 -> 50 for 201.2.10.12',
      'TCPCS3: application FTP port 21 -> port 2121',
      'environment.maxFailures 1 -> 2',
    ]);
  });
});

/** Ctrl-C in random mode (also in test/limits.test.ts, there with a generous timeout). */
describe('Ctrl-C in random mode, promptly', () => {
  it('one Ctrl-C ends 10 million walks within seconds with the report (exit 3)', async () => {
    const dir = tmp();
    const spec = join(dir, 'chain.yaml');
    mkdirSync(dir, { recursive: true });
    writeFileSync(spec, execFileSync(process.execPath, [join(ROOT, 'bench/gen-chain.mjs'), '4', '4', '1'], { encoding: 'utf8' }));
    const child = spawn(process.execPath, [CLI, 'check', spec, '--mode', 'random', '--runs', '10000000', '--depth', '200', '--only', 'takeover', '--minimize']);
    await new Promise((r) => setTimeout(r, 2000));
    child.kill('SIGINT');
    const t0 = Date.now();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(Date.now() - t0).toBeLessThan(20000);
    expect(code).toBe(3);
    expect(readdirSync(dir)).toContain('chain.yaml');
  }, 60_000);
});
