import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSavedTrace, replayTrace } from '../src/check/replay.js';
import { loadFile, ROOT, runCli, tmp } from './helpers.js';

const BAD = readdirSync(join(ROOT, 'specs')).filter((f) => f.startsWith('bad-')).sort();
const GOLDEN = join(ROOT, 'test/golden');
const update = process.env.UPDATE_GOLDEN === '1';
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

function golden(name: string, actual: string): void {
  const f = join(GOLDEN, name);
  if (update || !existsSync(f)) { mkdirSync(GOLDEN, { recursive: true }); writeFileSync(f, actual); }
  expect(actual).toBe(readFileSync(f, 'utf8'));
}

describe('golden traces of every known-bad spec', () => {
  for (const spec of BAD) {
    it(spec, () => {
      const base = spec.replace(/\.yaml$/, '');
      // One run, three reports (--report is repeatable; --format F is its one-format shorthand, tested below).
      const dir = tmp();
      const r = runCli(['check', `specs/${spec}`, '--report', 'text', '--report', `markdown=${join(dir, 'r.md')}`, '--report', `json=${join(dir, 'r.json')}`]);
      golden(`${base}.txt`, r.stdout);
      golden(`${base}.md`, readFileSync(join(dir, 'r.md'), 'utf8'));
      const j = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
      delete j.seconds;
      expect(j.tool).toEqual({ name: 'dvipa-verify', version: PKG.version }); // the version changes with every release, the golden not
      delete j.tool;
      golden(`${base}.json`, `${JSON.stringify(j, null, 2)}\n`);
    });
  }
});

/** The ITF structure of ADR-015 as a small schema check. */
function checkItf(doc: Record<string, unknown>): void {
  expect(Object.keys(doc).sort()).toEqual(['#meta', 'states', 'vars']);
  const vars = doc.vars as string[];
  expect(vars.every((v) => typeof v === 'string')).toBe(true);
  const isValue = (v: unknown): boolean => {
    if (typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return false; // integers must be {"#bigint": "..."}
    if (Array.isArray(v)) return v.every(isValue);
    const o = v as Record<string, unknown>;
    if ('#bigint' in o) return typeof o['#bigint'] === 'string' && /^-?\d+$/.test(o['#bigint'] as string);
    if ('#map' in o) return Array.isArray(o['#map']) && (o['#map'] as unknown[]).every((p) => Array.isArray(p) && p.length === 2 && isValue(p[0]) && isValue(p[1]));
    if ('#set' in o) return Array.isArray(o['#set']) && (o['#set'] as unknown[]).every(isValue);
    if ('#tup' in o) return Array.isArray(o['#tup']) && (o['#tup'] as unknown[]).every(isValue);
    return Object.values(o).every(isValue);
  };
  (doc.states as Record<string, unknown>[]).forEach((s, i) => {
    expect((s['#meta'] as { index: number }).index).toBe(i);
    for (const v of vars) { expect(v in s).toBe(true); expect(isValue(s[v])).toBe(true); }
  });
}

describe('ITF and JSON traces replay', () => {
  let dir = '';
  beforeAll(() => { // one run per trace kind writes the traces of every known-bad spec
    dir = tmp();
    runCli(['check', ...BAD.map((b) => `specs/${b}`), '--out', dir]);
    runCli(['check', ...BAD.map((b) => `specs/${b}`), '--out', dir, '--format', 'itf']);
  });
  for (const spec of BAD) {
    it(`${spec}: every written trace is valid ITF and replays to the same violation`, () => {
      const files = readdirSync(dir).filter((f) => f.startsWith(`${spec.replace(/\.yaml$/, '')}.`));
      expect(files.filter((f) => f.endsWith('.itf.json')).length).toBe(files.filter((f) => f.endsWith('.trace.json')).length);
      expect(files.length).toBeGreaterThan(0);
      for (const [k, f] of files.entries()) {
        const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        if (f.endsWith('.itf.json')) checkItf(doc);
        // the first trace through the CLI (`replay --format json`), the others in process (the same replayTrace)
        let j: { stillViolates: boolean; differs: number[]; stoppedAt: unknown; property: string | null; steps: { violations: { property: string }[] }[] };
        if (k === 0) {
          const r = runCli(['replay', join(dir, f), '--format', 'json']);
          expect(r.code, f).toBe(1);
          j = JSON.parse(r.stdout);
        } else {
          const saved = readSavedTrace(join(dir, f));
          if (typeof saved === 'string') throw new Error(saved);
          const res = replayTrace(loadFile(`specs/${spec}`), saved);
          j = { stillViolates: res.stillViolates, differs: res.differs, stoppedAt: res.stoppedAt, property: res.property, steps: res.trace.steps };
        }
        expect(j.stillViolates).toBe(true);
        expect(j.differs).toEqual([]);
        expect(j.stoppedAt).toBeNull();
        expect(j.steps.at(-1).violations.map((v: { property: string }) => v.property)).toContain(j.property);
      }
    });
  }

  it('replay against a fixed profile says the violation is gone (exit 0), or where the trace stops', () => {
    const dir = tmp();
    runCli(['check', 'specs/bad-missing-dynamicxcf.yaml', '--out', dir]);
    const fixed = join(dir, 'fixed.yaml');
    writeFileSync(fixed, readFileSync('specs/bad-missing-dynamicxcf.yaml', 'utf8').replace('IPCONFIG DATAGRAMFWD', 'IPCONFIG DYNAMICXCF 193.9.200.3 255.255.255.0 1'));
    const trace = join(dir, 'bad-missing-dynamicxcf.connections-preserved.trace.json');
    const r = runCli(['replay', trace, '--spec', fixed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no longer occurs');
    const gone = join(dir, 'gone.yaml');
    writeFileSync(gone, readFileSync('specs/bad-missing-dynamicxcf.yaml', 'utf8').replace('VIPABACKUP 100 201.2.10.11', 'VIPABACKUP 100 201.2.10.99'));
    const s = runCli(['replay', trace, '--spec', gone]);
    expect(s.stdout).toContain("stops being possible at step 3 ('connect web clients'): 201.2.10.11 is Active nowhere");
    expect(runCli(['replay', join(dir, 'nothing.json')]).code).toBe(2);
  });
});

function chromium(): string | null {
  for (const c of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(c)) return c;
  return null;
}

describe('HTML report', () => {
  it('is self-contained', () => {
    const html = runCli(['check', 'specs/bad-missing-dynamicxcf.yaml', '--format', 'html']).stdout;
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('<svg class="timeline"');
  });

  // Chromium is installed by .ci/run; in CI (CI=true) this test runs, elsewhere only when it is there.
  it.skipIf(!chromium() && process.env.CI !== 'true')('its timeline is drawn in headless Chromium (lanes and steps)', () => {
    const html = runCli(['check', 'specs/bad-missing-dynamicxcf.yaml', '--format', 'html']).stdout;
    const bin = chromium();
    expect(bin, 'chromium is installed by .ci/run').not.toBeNull();
    const dir = tmp();
    const page = join(dir, 'report.html');
    writeFileSync(page, html);
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`];
    const dom = execFileSync(bin!, [...flags, '--dump-dom', `file://${page}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60000 });
    expect((dom.match(/<g class="lane"/g) ?? []).length).toBe(2);
    expect((dom.match(/<g class="step/g) ?? []).length).toBe(5);
    expect(dom).toContain('class="step violating"');
    execFileSync(bin!, [...flags, '--window-size=1000,800', `--screenshot=${join(dir, 'shot.png')}`, `file://${page}`], { stdio: 'ignore', timeout: 60000 });
    expect(readFileSync(join(dir, 'shot.png')).length).toBeGreaterThan(10000);
  });
});

describe('JUnit and annotations', () => {
  it('JUnit XML has the structure CI servers read; expected violations pass', () => {
    const xml = runCli(['check', 'specs/', '--format', 'junit']).stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const suites = xml.match(/<testsuite /g) ?? [];
    expect(suites.length).toBe(readdirSync('specs').length);
    // one per built-in property; hot-standby only where some stack distributes with HOTSTANDBY
    const hot = readdirSync('specs').filter((f) => /DISTM(ETHOD)? HOTSTANDBY/.test(readFileSync(join('specs', f), 'utf8'))).length;
    expect(xml.match(/<testcase /g)?.length).toBe(9 * suites.length + hot);
    expect(xml).toContain('failures="0"');
    const f = join(tmp(), 'x.yaml');
    writeFileSync(f, readFileSync('specs/bad-no-backup.yaml', 'utf8').replace(/expect:[\s\S]*$/, ''));
    const bad = runCli(['check', f, '--format', 'junit']).stdout;
    expect(bad).toMatch(/<testcase classname="[^"]+" name="available" time="0">\n\s+<failure message="201\.2\.10\.11 was Active on TCPCS/);
    // balanced tags
    for (const tag of ['testsuites', 'testsuite', 'testcase']) expect((bad.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length).toBe((bad.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
  });

  it('GitHub Actions annotations point at the profile lines', () => {
    const s = runCliEnv(['check', 'specs/bad-backup-without-application.yaml', '--quiet'], { GITHUB_ACTIONS: 'true' });
    // an expected violation (expect block) is a notice; title, file, line, col in @actions/core's order
    expect(s).toMatch(/::notice title=dvipa-verify service-available,file=specs\/bad-backup-without-application\.yaml,line=19,col=9::service-available: client 'web clients'/);
  });
});

function runCliEnv(args: string[], env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return r.stderr;
}
