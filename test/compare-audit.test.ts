import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, specFile, tmp } from './helpers.js';

/** `compare`'s text result line says what its exit code says (SPEC §2, §5; D-67, D-212). */
const empty = 'sysplex: P\nstacks:\n  - name: A\n    profile: |\n      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\n';
const result = (out: string): string => out.split('\n').find((l) => l.trim().startsWith('result:'))!.trim();

describe('compare: the result line and the exit code agree', () => {
  it('a new version with nothing to verify: exit 1, and the result says it is no pass', () => {
    const r = runCli(['compare', 'specs/multi-stack-backup.yaml', specFile(empty)]);
    expect(r.code).toBe(1);
    expect(result(r.stdout)).toBe('result: FAIL: the new version has nothing to verify');
  });
  it('an incomplete new version: exit 3, and the result says nothing was found so far only', () => {
    const r = runCli(['compare', 'specs/multi-stack-backup.yaml', 'specs/multi-stack-backup.yaml', '--max-states', '5']);
    expect(r.code).toBe(3);
    expect(result(r.stdout)).toMatch(/^result: INCOMPLETE: nothing newly fails so far/);
  });
  it('a complete, unchanged pair: exit 0, nothing newly fails', () => {
    const r = runCli(['compare', 'specs/multi-stack-backup.yaml', 'specs/multi-stack-backup.yaml']);
    expect(r.code).toBe(0);
    expect(result(r.stdout)).toBe('result: nothing newly fails');
  });
});

describe('compare shows what z/OS rejects in the new version (D-219)', () => {
  const old = readFileSync(join(ROOT, 'specs/multi-stack-backup.yaml'), 'utf8');
  const bad = old.replace('VIPABACKUP 100 201.2.10.12', 'VIPABACKUP 300 201.2.10.12');
  it('text: the rejected statement is named at its line and column before the changes it causes', () => {
    const f = specFile(bad, 'new.yaml');
    const r = runCli(['compare', 'specs/multi-stack-backup.yaml', f]);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes(`${f}:32:20: error: [TCPCS3] syntax error in VIPABACKUP: rank 300`));
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(lines.findIndex((l) => l.includes('VIPABACKUP 100 201.2.10.12 removed')));
    expect(r.code).toBe(1);
  });
  it('json: on stderr, stdout stays one JSON document', () => {
    const r = runCli(['compare', 'specs/multi-stack-backup.yaml', specFile(bad, 'new.yaml'), '--format', 'json']);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/new\.yaml:32:20: error: \[TCPCS3\] syntax error in VIPABACKUP/);
  });
  it('info notes are left to check and lint', () => {
    const r = runCli(['compare', 'specs/multi-stack-backup.yaml', specFile(old.replace('ENDVIPADYNAMIC', 'ENDVIPADYNAMIC\n      PORT 80 TCP WEB'), 'new.yaml')]);
    expect(r.stdout).not.toMatch(/not modelled/);
  });
});

describe('D-329: compare --base loads the working tree\'s spec first, as check does', () => {
  /** A git repository with one spec committed; the specs tests add are untracked (new at HEAD). */
  let repo = '';
  beforeAll(() => {
    repo = tmp();
    copyFileSync(join(ROOT, 'specs/single-stack-backup.yaml'), join(repo, 'ok.yaml'));
    for (const a of [['init', '-q'], ['add', 'ok.yaml'], ['commit', '-qm', 'base']]) execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo });
  });
  const base = (spec: string): { code: number; stdout: string; stderr: string } => {
    const r = runCli(['compare', '--base', 'HEAD', spec], repo);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);
    return r;
  };

  it('malformed YAML new at HEAD: exit 2 at its line and column, as check says (before: exit 0, "new at HEAD")', () => {
    writeFileSync(join(repo, 'new.yaml'), 'sysplex: P\nstacks: [\n  - name: A\n');
    const r = base('new.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('nothing to compare with');
    const said = r.stderr.split('\n').find((l) => l.startsWith('new.yaml:'));
    expect(said).toMatch(/^new\.yaml:\d+:\d+: error E_YAML: /);
    expect(runCli(['check', 'new.yaml'], repo).stderr).toContain(said);
  });

  it('a spec that does not exist, or a FIFO: exit 2 at file:1:1', () => {
    const missing = base('nothere.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nothere.yaml:1:1: error E_FILE: cannot read spec file: no such file or folder');
    execFileSync('mkfifo', [join(repo, 'ff.yaml')]);
    const fifo = base('ff.yaml');
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain('ff.yaml:1:1: error E_FILE: cannot read spec file: is a FIFO that nothing writes to');
  });

  it('a valid spec absent at HEAD is new (exit 0)', () => {
    copyFileSync(join(repo, 'ok.yaml'), join(repo, 'fresh.yaml'));
    const r = base('fresh.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('compare HEAD:fresh.yaml: new at HEAD, nothing to compare with (check covers it)\n');
  });
});
