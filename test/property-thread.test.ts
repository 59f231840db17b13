import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainSpec, CLI, ROOT, specFile } from './helpers.js';

/** D-168: property modules run in a thread of their own; the main thread keeps --timeout and Ctrl-C. */
const fx = (f: string): string => join(ROOT, 'test/fixtures/hostile', f);

interface Run { code: number | null; signal: string | null; stdout: string; stderr: string; seconds: number }

/**
 * The CLI, asynchronously (the cases run side by side); `interrupts`: SIGINT after these many ms
 * each, counted from when stderr first matches `ready` (from the start without it).
 */
function cli(args: string[], interrupts: number[] = [], ready?: RegExp): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d) => { stdout += d; });
    const timers: NodeJS.Timeout[] = [];
    const arm = (): void => { for (const ms of interrupts) timers.push(setTimeout(() => c.kill('SIGINT'), ms)); };
    c.stderr.on('data', (d) => { stderr += d; if (ready && ready.test(stderr)) { ready = undefined; arm(); } });
    if (!ready) arm();
    const guard = setTimeout(() => c.kill('SIGKILL'), 60_000);
    c.on('close', (code, signal) => {
      for (const t of [...timers, guard]) clearTimeout(t);
      resolve({ code, signal, stdout, stderr, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

const clean = (r: Run): void => expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);

describe.concurrent('a check that never returns', () => {
  it('ends at --timeout and its grace: INCOMPLETE, exit 3, with a note (one worker)', async () => {
    const r = await cli(['check', fx('ok.yaml'), '--properties', fx('prop-loops.mjs'), '--timeout', '1', '--format', 'json']);
    clean(r);
    expect(r.code, r.stderr).toBe(3);
    const j = JSON.parse(r.stdout) as { result: string; termination: string; complete: boolean; properties: { name: string; status: string }[]; notes: string[] };
    expect(j.result).toBe('incomplete');
    expect(j.termination).toBe('timeout');
    expect(j.complete).toBe(false);
    expect(j.properties.find((p) => p.name === 'never-returns')?.status).toBe('unknown');
    expect(j.notes.join(' ')).toMatch(/a check of property 'never-returns' \(\S*prop-loops\.mjs\) had not returned/); // D-258
    expect(r.seconds).toBeGreaterThan(5); // the grace: the search itself honours the limit
    expect(r.seconds).toBeLessThan(30);
  });

  it('with two workers, and for the next spec a new thread (both specs reported)', async () => {
    const r = await cli(['check', fx('ok.yaml'), fx('ok.yaml'), '--properties', fx('prop-blocks.mjs'), '--timeout', '1', '--workers', '2', '--no-slice']);
    clean(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout.match(/INCOMPLETE: the --timeout limit was reached/g)).toHaveLength(2); // the workers' own loading is held to it (parallel.ts)
  });

  it('a module whose top level never finishes: E_PROPERTY_MODULE at the module, exit 3', async () => {
    const r = await cli(['check', fx('ok.yaml'), '--properties', fx('prop-top-loops.mjs'), '--timeout', '1']);
    clean(r);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${fx('prop-top-loops.mjs')}:1:1: error E_PROPERTY_MODULE: the module's top level had not finished when the --timeout limit (1 s) was reached`);
    expect(r.stdout).toBe('');
  });

  it('compare holds the same limit', async () => {
    const r = await cli(['compare', fx('ok.yaml'), fx('ok.yaml'), '--properties', fx('prop-blocks.mjs'), '--timeout', '1']);
    clean(r);
    expect(r.code, r.stderr).toBe(3);
  });

  it('Ctrl-C: the first asks for the report, the second quits at once (exit 130)', async () => {
    const r = await cli(['check', fx('ok.yaml'), '--properties', fx('prop-blocks.mjs')], [6000, 8000]); // long enough for a busy machine to start
    clean(r);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted; finishing the report (Ctrl-C again to quit at once)');
  });

  it('a check that calls process.exit() is E_PROPERTY_THREW at its line, exit 2 (D-257)', async () => {
    const r = await cli(['check', fx('ok.yaml'), '--properties', fx('prop-exit.mjs')]);
    clean(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/prop-exit\.mjs:\d+:\d+: error E_PROPERTY_THREW: property 'exits' .* called process\.exit\(0\)/); // D-257
  });

  it('Ctrl-C while a module check runs (returning) still ends the search with its report (exit 3)', async () => {
    const r = await cli(['check', specFile(chainSpec(3, 3, 1)), '--properties', fx('prop-slow.mjs'), '--only', 'slow', '--no-slice', '--progress'], [500], /depth/);
    clean(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain('INCOMPLETE: interrupted');
  });
});
