import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tmp } from './helpers.js';

/**
 * D-205: simulate, replay and properties run the user's property modules in the thread check
 * uses (D-168): a check or a module top level that never returns is a limit (exit 3), not a hang.
 */
const fx = (f: string): string => join(ROOT, 'test/fixtures/hostile', f);
const BAD = join(ROOT, 'specs/bad-no-backup.yaml');

/** The CLI, asynchronously, killed after 60 s (a hang fails the test instead of stalling it). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d) => { stdout += d; });
    c.stderr.on('data', (d) => { stderr += d; });
    const guard = setTimeout(() => c.kill('SIGKILL'), 60_000);
    c.on('close', (code) => { clearTimeout(guard); resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000 }); });
  });
}
const clean = (s: string): void => expect(s).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);

describe.concurrent('a --properties check that never returns', () => {
  it('simulate: ended at --timeout, exit 3, the limit named', async () => {
    const r = await cli(['simulate', BAD, '--events', 'terminate TCPCS', '--properties', fx('prop-blocks.mjs'), '--timeout', '1']);
    clean(r.stderr);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/simulate: a check of property 'never-returns' \(\S*prop-blocks\.mjs\) had not returned when the --timeout limit \(1 s\) was reached/); // D-258
    expect(r.seconds).toBeLessThan(30);
  });

  it('replay: ended at --timeout, exit 3, the limit named', async () => {
    const dir = tmp();
    expect(runCli(['check', BAD, '--out', dir, '--quiet']).code).toBe(0); // bad-no-backup expects its violation
    const r = await cli(['replay', join(dir, 'bad-no-backup.available.trace.json'), '--properties', fx('prop-loops.mjs'), '--timeout', '1']);
    clean(r.stderr);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/replay: a check of property 'never-returns' \(\S*prop-loops\.mjs\) had not returned when the --timeout limit \(1 s\) was reached/); // D-258
  });

  it('properties: a module whose top level never finishes is a limit at that module (exit 3)', async () => {
    const r = await cli(['properties', '--properties', fx('prop-top-loops.mjs'), '--timeout', '1']);
    clean(r.stderr);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/prop-top-loops\.mjs:1:1: error E_PROPERTY_MODULE: the module's top level had not finished/);
  });

  it('a module that works gives what it gave in-process: simulate verdicts, a throw at its line, the listing', async () => {
    const prop = join(ROOT, 'examples/site-properties');
    const sim = await cli(['simulate', BAD, '--events', 'terminate TCPCS; start TCPCS', '--properties', prop, '--format', 'json']);
    expect(sim.code, sim.stderr).toBe(1);
    const steps = (JSON.parse(sim.stdout) as { steps: { violations: { property: string }[] }[] }).steps;
    expect(steps[1]!.violations.map((v) => v.property)).toContain('available');
    const thrown = await cli(['simulate', BAD, '--events', 'terminate TCPCS', '--properties', fx('prop-throws.mjs')]);
    expect(thrown.code).toBe(2);
    expect(thrown.stderr).toMatch(/prop-throws\.mjs:\d+:\d+: error E_PROPERTY_THREW/);
    const listed = await cli(['properties', '--properties', prop]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(prop);
  });
});
