import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainSpec, runCli, specFile, tmp } from './helpers.js';

describe('CLI end to end (built binary)', () => {
  it('the built binary is executable (npx runs it through a link: a build after `rm -rf dist` must keep the bit)', () => {
    expect(statSync('dist/src/cli/main.js').mode & 0o111).toBe(0o111);
    expect(readFileSync('dist/src/cli/main.js', 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('checks every bundled spec against its expect block (exit 0)', () => {
    const r = runCli(['check', 'specs/', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, -1).every((l) => l.endsWith(': pass'))).toBe(true);
    expect(lines.at(-1)).toBe(`${lines.length - 1} specs: ${lines.length - 1} pass, 0 fail`);
  });

  it('prints the JSON report of SPEC §4', () => {
    const r = runCli(['check', 'specs/bad-no-backup.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['spec', 'result', 'complete', 'states', 'transitions', 'depth', 'seconds', 'properties']));
    const avail = j.properties.find((p: { name: string }) => p.name === 'available');
    expect(avail.status).toBe('violated');
    expect(avail.trace.steps[0].event).toBe('initial');
    expect(avail.trace.steps.at(-1).event).toBe('terminate TCPCS');
    expect(avail.trace.steps.at(-1).state.dvipas['201.2.10.11'].owner).toBeNull();
    const two = JSON.parse(runCli(['check', 'specs/bad-no-backup.yaml', 'specs/single-stack-backup.yaml', '--format', 'json']).stdout);
    expect(Array.isArray(two) && two.length === 2).toBe(true);
  });

  it('exit 1 when a property is violated without expect, or expect is not met', () => {
    const text = readFileSync('specs/bad-no-backup.yaml', 'utf8').replace(/expect:\n {2}violated: \[available\]\n/, '');
    expect(runCli(['check', specFile(text)]).code).toBe(1);
    const wrong = readFileSync('specs/bad-no-backup.yaml', 'utf8').replace('violated: [available]', 'violated: [takeback]');
    const r = runCli(['check', specFile(wrong)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT met');
  });

  it('exit 3 and the limit named when --max-states or --timeout stops the search', () => {
    const f = specFile(chainSpec(3, 3, 1));
    const r = runCli(['check', f, '--max-states', '100', '--only', 'single-owner,takeover']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('--max-states');
    const j = JSON.parse(runCli(['check', f, '--max-states', '100', '--only', 'takeover', '--format', 'json']).stdout);
    expect([j.result, j.complete, j.termination, j.properties[0].status]).toEqual(['incomplete', false, 'stateLimit', 'unknown']);
  });

  it('the same input gives the same text output, byte for byte', () => {
    const a = runCli(['check', 'specs/']);
    const b = runCli(['check', 'specs/']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('simulate prints each step and exits 1 on a violation (D-40), 2 on a disabled event', () => {
    const r = runCli(['simulate', 'specs/bad-no-backup.yaml', '--events', 'terminate TCPCS; start TCPCS', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.steps.map((s: { event: string }) => s.event)).toEqual(['initial', 'terminate TCPCS', 'start TCPCS']);
    expect(j.steps[1].violations[0].property).toBe('available');
    const bad = runCli(['simulate', 'specs/bad-no-backup.yaml', '--events', 'start TCPCS']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('TCPCS is already up');
    expect(runCli(['simulate', 'specs/single-stack-backup.yaml', '--events', 'terminate TCPCS3']).code).toBe(0);
  });

  it('lint names the property and profile line, exit 1 on errors', () => {
    const r = runCli(['lint', 'specs/bad-no-backup.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/specs\/bad-no-backup.yaml:9:\d+: error: \[TCPCS\] 201\.2\.10\.11 has no backup.*\(endangers available\)/);
    expect(runCli(['lint', 'specs/single-stack-backup.yaml']).code).toBe(0);
    const xcf = runCli(['lint', 'specs/bad-missing-dynamicxcf.yaml']);
    expect(xcf.stdout).toContain('endangers connections-preserved');
    expect(runCli(['lint', 'specs/bad-omproute-without-delayjoin.yaml']).stdout).toContain('endangers routing-ready');
    expect(runCli(['lint', 'specs/bad-two-vipadefines.yaml']).stdout).toContain('endangers takeback');
    expect(runCli(['lint', 'specs/bad-backup-without-application.yaml']).stdout).toContain('endangers service-available');
    expect(runCli(['lint', 'specs/bad-equal-ranks.yaml']).stdout).toContain('same rank 50');
  });

  it('profile findings are printed first and the run goes on; with JSON they go to stderr (D-39)', () => {
    const text = readFileSync('specs/single-stack-backup.yaml', 'utf8').replace('VIPABACKUP 100 201.2.10.11', 'VIPABACKUP 100 201.2.10.11\n        VIPADEFINE MOVEABLE 255.255.255.0 201.2.10.50\n        PORT 80 TCP OMVS');
    const f = specFile(text);
    const t = runCli(['check', f]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/:23:\d+: error: \[TCPCS3\] syntax error in VIPADEFINE/);
    const j = runCli(['check', f, '--format', 'json']);
    expect(j.stderr).toMatch(/:23:\d+: error: \[TCPCS3\] syntax error/);
    expect(JSON.parse(j.stdout).result).toBe('pass');
  });

  it('--out writes one trace per violated property and never replaces a file unasked', () => {
    const dir = tmp();
    expect(runCli(['check', 'specs/bad-omproute-without-delayjoin.yaml', '--out', dir]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['bad-omproute-without-delayjoin.no-black-hole.trace.json', 'bad-omproute-without-delayjoin.routing-ready.trace.json']);
    const itfDir = tmp();
    runCli(['check', 'specs/bad-omproute-without-delayjoin.yaml', '--out', itfDir, '--format', 'itf']);
    expect(readdirSync(itfDir).sort()).toEqual(['bad-omproute-without-delayjoin.no-black-hole.itf.json', 'bad-omproute-without-delayjoin.routing-ready.itf.json']);
    const p = join(dir, 'bad-omproute-without-delayjoin.routing-ready.trace.json');
    writeFileSync(p, 'mine');
    const again = runCli(['check', 'specs/bad-omproute-without-delayjoin.yaml', '--out', dir]);
    expect(again.stderr).toContain('not replaced');
    expect(readFileSync(p, 'utf8')).toBe('mine');
    runCli(['check', 'specs/bad-omproute-without-delayjoin.yaml', '--out', dir, '--force']);
    expect(JSON.parse(readFileSync(p, 'utf8')).steps.length).toBe(3);
  });

  it('properties lists the built-ins', () => {
    const r = runCli(['properties']);
    for (const n of ['single-owner', 'takeover', 'available', 'routing-ready', 'no-black-hole', 'service-available', 'connections-preserved', 'takeback']) expect(r.stdout).toContain(n);
  });
});
