import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, chainSpec, runCli, specFile } from './helpers.js';

/** Runs the CLI, sends Ctrl-C (SIGINT) after `ms`, and gives its exit code and output. */
async function interruptAfter(ms: number, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  await new Promise((r) => setTimeout(r, ms));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return { code, out, err };
}

for (const workers of ['1', '2']) {
  describe(`limits end the run cleanly with exit 3 and say which (--workers ${workers})`, () => {
    const big = specFile(chainSpec(5, 3, 1), 'chain-5-3-1.yaml');
    const w = ['--workers', workers, '--no-slice'];

    it('--timeout', () => {
      const r = runCli(['check', big, '--timeout', '0.5', '--only', 'takeover', ...w]);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('INCOMPLETE: the --timeout limit was reached');
      expect(r.stdout).toContain('unknown  takeover');
    });

    it('the memory guard (--max-memory)', () => {
      const r = runCli(['check', big, '--max-memory', '1', '--only', 'takeover', '--format', 'json', ...w]);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stdout).termination).toBe('memory');
    });

    it('Ctrl-C prints the summary of what was explored, with progress on stderr when forced', async () => {
      const { code, out, err } = await interruptAfter(3000, ['check', big, '--only', 'takeover', '--progress', ...w]);
      expect(code).toBe(3);
      expect(out).toContain('INCOMPLETE: interrupted');
      expect(err).toMatch(/distinct states/);
    }, 60_000);
  });
}

describe('random mode honours --timeout', () => {
  it('stops the walks and says so (exit 3)', () => {
    const spec = specFile(chainSpec(4, 4, 1), 'chain-4-4-1.yaml');
    const r = runCli(['check', spec, '--mode', 'random', '--runs', '1000000', '--depth', '200', '--timeout', '1', '--only', 'takeover', '--format', 'json']);
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect([j.mode, j.termination, j.result]).toEqual(['random', 'timeout', 'incomplete']);
    expect(j.random.runs).toBeLessThan(1000000);
  });
});

describe('Ctrl-C in random mode', () => {
  it('ends the walks cleanly (exit 3, interrupted)', async () => {
    const spec = specFile(chainSpec(4, 4, 1), 'chain-4-4-1.yaml');
    const { code, out } = await interruptAfter(2500, ['check', spec, '--mode', 'random', '--runs', '10000000', '--depth', '200', '--only', 'takeover']);
    expect(code).toBe(3);
    expect(out).toContain('INCOMPLETE: interrupted');
  }, 120_000);
});

const D287_SPEC = `stacks:
  - name: S0
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 10.1.1.1
        VIPADISTRIBUTE DEFINE 10.1.1.1 PORT 80 81 DESTIP ALL
        VIPADEFINE 255.255.255.0 10.1.1.2
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: 81 }]
  - name: S1
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 100 10.1.1.1
        VIPADISTRIBUTE DEFINE 10.1.1.1 PORT 80 81 DESTIP ALL
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: 81 }]
  - name: S2
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.3 255.255.255.0 1
      VIPADYNAMIC
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: 81 }]
  - name: S3
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.4 255.255.255.0 1
      VIPADYNAMIC
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: 81 }]
  - name: S4
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.5 255.255.255.0 1
      VIPADYNAMIC
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: 81 }]
  - name: S5
    profile: |
      IPCONFIG DYNAMICXCF 193.9.200.6 255.255.255.0 1
      VIPADYNAMIC
      ENDVIPADYNAMIC
    applications: [{ name: W, port: 80 }, { name: X, port: 81 }]
clients:
  - { dvipa: 10.1.1.1, port: 80 }
  - { dvipa: 10.1.1.1, port: 81 }
  - { dvipa: 10.1.1.2, port: 80 }
environment:
  events: [terminate, start, connections]
`;

describe('D-287: with slicing, the smallest slices are explored first', () => {
  // A DESTIP ALL DVIPA on six stacks (about 400,000 states) comes first in the spec; 10.1.1.2, defined
  // on S0 alone, violates `available` in a slice of a few states. A limit cuts the large slice only.
  const spec = D287_SPEC;
  it('--max-states cuts the DESTIP ALL slice, after the small slice found its violation', () => {
    const r = runCli(['check', specFile(spec), '--max-states', '20000']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/VIOLATED available +10\.1\.1\.2 was Active on S0 and is now Active nowhere/);
    expect(r.stdout).toContain('the --max-states limit was reached in the slice of 10.1.1.1 (6 of 6 stacks)');
    expect(r.stdout).not.toContain('not explored');
  });
});

describe('D-288: --mode both shares the time and walks only what the search left', () => {
  const file = (): string => specFile(D287_SPEC);
  it('with --timeout the search has half of it and the walks the rest', () => {
    // site-mix on 10 systems: its DESTIP ALL slice does not finish in 3 s
    const big = execFileSync(process.execPath, [join(ROOT, 'bench/gen-site-mix.mjs'), '10', '4', '2', '2', '1'], { encoding: 'utf8' });
    const r = runCli(['check', specFile(big), '--mode', 'both', '--timeout', '6', '--format', 'json']);
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.notes.some((n: string) => /^--mode both: the search had half of the --timeout, the random walks have the rest \(\d+\.\d s, D-288\)$/.test(n))).toBe(true);
    expect(j.random.runs).toBeGreaterThan(0);
  });
  it('a slice the search explored completely is not walked again', () => {
    const j = JSON.parse(runCli(['check', file(), '--mode', 'both', '--max-states', '20000', '--runs', '50', '--format', 'json']).stdout);
    expect(j.slices.map((x: { dvipa: string; complete: boolean }) => [x.dvipa, x.complete])).toEqual([['10.1.1.1', false], ['10.1.1.2', true]]);
    expect(j.random.runs).toBe(50); // 50 walks on the one slice left, not 100
  });
});

describe('D-332: making the slices is held to --timeout', () => {
  it('a limit reached before any slice is explored is INCOMPLETE with a note saying where, sliced and --no-slice', async () => {
    const { check } = await import('../src/check/check.js');
    const { loadFile } = await import('./helpers.js');
    const cfg = loadFile('specs/multi-stack-backup.yaml');
    for (const slice of [true, false]) {
      const r = await check(cfg, { slice, timeout: 1e-6 });
      expect(r.termination).toBe('timeout');
      expect(r.complete).toBe(false);
      expect(r.states).toBe(0);
      expect(r.properties.every((p) => p.status === 'unknown')).toBe(true);
      expect(r.notes?.join(' ')).toMatch(slice ? /--timeout limit was reached while the slices were made/ : /--timeout limit was reached while the model was built/);
    }
  });
});
