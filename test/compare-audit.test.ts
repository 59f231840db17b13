import { describe, expect, it } from 'vitest';
import { runCli, specFile } from './helpers.js';

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
