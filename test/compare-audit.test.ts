import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, specFile } from './helpers.js';

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
