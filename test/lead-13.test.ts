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
