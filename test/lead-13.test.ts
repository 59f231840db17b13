import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('D-289: options the mode does not use are named', () => {
  const spec = 'specs/single-stack-backup.yaml';
  it('random-walk options with --mode bfs: a warning, the same run', () => {
    const r = runCli(['check', spec, '--runs', '5', '--seed', '3', '--minimize', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dvipa-verify: warning: --runs, --seed, --minimize only apply to random walks (--mode random or both): ignored with --mode bfs');
  });
  it('--max-states with --mode random: a warning', () => {
    const r = runCli(['check', spec, '--mode', 'random', '--runs', '10', '--max-states', '5', '--quiet']);
    expect(r.stderr).toContain('--max-states bounds the BFS');
  });
  it('nothing said when the options fit the mode', () => {
    expect(runCli(['check', spec, '--mode', 'both', '--runs', '5', '--quiet']).stderr).not.toContain('warning');
    expect(runCli(['check', spec, '--max-states', '100000', '--quiet']).stderr).not.toContain('warning');
  });
});

describe('D-291: an export too large to print', () => {
  it('is a message naming the limit, exit 2, not an internal error', async () => {
    const { vi } = await import('vitest');
    vi.resetModules();
    vi.doMock('../src/export/promela.js', () => ({ exportPromela: () => { throw new RangeError('Invalid string length'); }, noCommentEnd: (t: string) => t }));
    const { runExport } = await import('../src/cli/commands.js');
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { errors.push(String(chunk)); return true; });
    const spyErr = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { errors.push(a.join(' ')); });
    try {
      expect(runExport('specs/single-stack-backup.yaml', { to: 'promela' })).toBe(2);
    } finally { spy.mockRestore(); spyErr.mockRestore(); vi.doUnmock('../src/export/promela.js'); }
    expect(errors.join('')).toContain('the Promela model of this sysplex is too large to print (over 512 MiB of text');
  });
});

describe('D-292: the HTML report names a spec that could not be loaded', () => {
  it('with its errors, next to the specs that were checked; alone, still a page', async () => {
    const { specFile } = await import('./helpers.js');
    const bad = specFile('stacks: [\n', 'bad.yaml');
    const both = runCli(['check', bad, 'specs/single-stack-backup.yaml', '--format', 'html']);
    expect(both.code).toBe(2);
    expect(both.stdout).toMatch(/bad\.yaml: <span class="fail">BAD INPUT \(exit 2\)<\/span>, nothing checked<\/h2><pre>[^<]*bad\.yaml:\d+:\d+/);
    expect(both.stdout).toContain('specs/single-stack-backup.yaml');
    const alone = runCli(['check', bad, '--format', 'html']);
    expect(alone.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(alone.stdout).toContain('BAD INPUT (exit 2)');
  });
});
