import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

// D-221: replay of a trace written by `check --out` names the spec it finds next to the trace as
// the trace was named, so its profile citations read as `check`'s (D-176), not as absolute paths.
describe('replay cites the spec as check did (D-221)', () => {
  it('a relative trace path gives relative profile citations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvipa-replay-'));
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site', 'plex.yaml'), `sysplex: P
stacks:
  - name: S1
    routing: static
    profile: "VIPADYNAMIC VIPADEFINE 255.255.255.0 10.1.1.1 ENDVIPADYNAMIC"
  - name: S2
    routing: static
    profile: "VIPADYNAMIC VIPABACKUP 10.1.1.1 ENDVIPADYNAMIC"
environment:
  events: [deactivate]
  maxFailures: 2
`);
    const c = runCli(['check', 'site/plex.yaml', '--out', 'traces'], dir);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain('(takeover: VIPABACKUP 10.1.1.1 at site/plex.yaml:8:27)');
    const r = runCli(['replay', 'traces/plex.available.trace.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('replay of traces/plex.available.trace.json against site/plex.yaml (property available)');
    expect(r.stdout).toContain('(takeover: VIPABACKUP 10.1.1.1 at site/plex.yaml:8:27)');
    expect(r.stdout).toContain('profile: S2: VIPABACKUP 10.1.1.1 (site/plex.yaml:8:27)');
    expect(r.stdout).not.toContain(dir);
    // an absolute trace path still finds its spec (and names it absolutely)
    const a = runCli(['replay', join(dir, 'traces/plex.available.trace.json')], dir);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain(`against ${join(dir, 'site/plex.yaml')}`);
  });
});

describe('a trace whose spec is gone: the error is at the trace\'s "spec"', () => {
  it('exit 2 at trace.json:line:column of the spec value, naming it; --spec still works', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvipa-replay-'));
    writeFileSync(join(dir, 't.trace.json'), '{\n  "spec": "gone.yaml",\n  "steps": [ { "event": "initial", "state": {} } ]\n}\n');
    const r = runCli(['replay', 't.trace.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^t\.trace\.json:2:11: error E_FILE: the spec this trace is of, "gone\.yaml", is not found/);
    const g = runCli(['replay', 't.trace.json', '--spec', 'other.yaml'], dir);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain('other.yaml');
  });
});
