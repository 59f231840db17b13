import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, specFile, tmp } from './helpers.js';

/**
 * Every output fed to the real tool that consumes it (issue 19): JUnit to xmllint with the Jenkins
 * xunit junit-10 schema, ITF to Quint's own reader, Mermaid to the mermaid parser, annotations
 * to @actions/core's own escaping, the workflow `init` writes to the SchemaStore schema GitHub
 * workflows are checked against (@action-validator/core).
 */
const BAD = readdirSync(join(ROOT, 'specs')).filter((f) => f.startsWith('bad-')).sort();
const XSD = join(ROOT, 'test/fixtures/schemas/junit-10.xsd');
const withoutExpect = (spec: string): string => specFile(readFileSync(join(ROOT, 'specs', spec), 'utf8').replace(/\nexpect:[\s\S]*$/, '\n'), spec);
/** A stack named @TCP3 (legal on z/OS: letters, digits, @ # $). */
const AT_SPEC = (): string => specFile(readFileSync(join(ROOT, 'specs/bad-backup-without-application.yaml'), 'utf8').replace('name: TCPCS3', "name: '@TCP3'").replace(/\nexpect:[\s\S]*$/, '\n'), 'at.yaml');
const xmllint = (): boolean => spawnSync('xmllint', ['--version']).status === 0;

describe('JUnit against the Jenkins xunit junit-10.xsd (xmllint)', () => {
  // libxml2-utils is installed by .ci/run; in CI this test always runs
  it.skipIf(!xmllint() && process.env.CI !== 'true')('every JUnit report validates: all specs, unexpected violations, incomplete runs', () => {
    const dir = tmp();
    const reports = [
      runCli(['check', 'specs/', '--format', 'junit']).stdout,
      runCli(['check', ...BAD.map(withoutExpect), '--format', 'junit']).stdout,
      runCli(['check', 'specs/multi-stack-backup.yaml', '--max-states', '3', '--format', 'junit']).stdout,
    ];
    reports.forEach((xml, i) => {
      const f = join(dir, `r${i}.xml`);
      writeFileSync(f, xml);
      const r = spawnSync('xmllint', ['--noout', '--schema', XSD, f], { encoding: 'utf8' });
      expect(r.stderr, `report ${i}`).toContain('validates');
      expect(r.status, r.stderr).toBe(0);
    });
    expect(reports[2]).toContain('<skipped message="exploration incomplete');
  });
});

describe('ITF on standard output is what Quint reads', () => {
  it('one ITF trace per line (one document for one violation); Quint ofItf reads each', async () => {
    const { ofItf } = await import('@informalsystems/quint/dist/src/itf.js') as { ofItf: (t: unknown) => unknown[] };
    const one = runCli(['check', 'specs/bad-no-backup.yaml', '--format', 'itf']).stdout;
    const doc = JSON.parse(one); // exactly one JSON document
    expect(Array.isArray(doc)).toBe(false);
    expect(ofItf(doc).length).toBe(doc.states.length);
    const many = runCli(['check', ...BAD.map((b) => `specs/${b}`), '--format', 'itf']).stdout.trim().split('\n');
    expect(many.length).toBe(BAD.length + 2); // one per known-bad spec; bad-omproute-without-delayjoin and bad-distributor-no-dynamicxcf violate two properties
    for (const line of many) {
      const t = JSON.parse(line);
      expect(ofItf(t).length).toBe(t.states.length);
      expect(t['#meta'].property).toBeTruthy();
    }
    expect(runCli(['check', 'specs/single-stack-backup.yaml', '--format', 'itf']).stdout).toBe('');
  });
});

describe('Mermaid diagrams parse with the mermaid package', () => {
  const diagrams = (md: string): string[] => [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('every diagram of every known-bad spec, a stack named @TCP3, and a zero-step counterexample', async () => {
    const mermaid = (await import('mermaid')).default;
    const mds = [...BAD.map((b) => runCli(['check', `specs/${b}`, '--format', 'markdown']).stdout), runCli(['check', AT_SPEC(), '--format', 'markdown']).stdout];
    const all = mds.flatMap(diagrams);
    expect(all.length).toBe(BAD.length + 3); // the known-bad specs (bad-omproute-without-delayjoin, bad-distributor-no-dynamicxcf: two diagrams) and @TCP3
    for (const d of all) await expect(mermaid.parse(d), d).resolves.toMatchObject({ diagramType: 'sequence' });
    const at = diagrams(mds.at(-1)!)[0]!;
    expect(at).toContain('as @TCP3');
    // bad-two-vipadefines: its takeback counterexample has no step; the diagram still says what is violated
    const zero = diagrams(mds[BAD.indexOf('bad-two-vipadefines.yaml')]!)[0]!;
    expect(zero).toContain('Note over OPS,RTR: violated takeback');
  });
});

describe('GitHub annotations as @actions/core writes them', () => {
  /** What @actions/core's own error()/notice() print for these properties. */
  function coreLine(kind: 'error' | 'notice', message: string, p: { title: string; file: string; startLine: number; startColumn: number }): string {
    const write = process.stdout.write;
    let got = '';
    process.stdout.write = ((s: string) => { got += s; return true; }) as typeof process.stdout.write;
    try { core[kind](message, p); } finally { process.stdout.write = write; }
    return got.trimEnd();
  }
  const annotate = (args: string[]): string[] => spawnSync(process.execPath, [CLI, 'check', ...args, '--quiet'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: 'true' } }).stderr.split('\n').filter((l) => l.startsWith('::'));

  it('file, line, col and title escaped exactly as @actions/core escapes properties (, and : in a file name)', () => {
    const dir = join(tmp(), 'a,b:c');
    execFileSync('mkdir', ['-p', dir]);
    const f = join(dir, 'plex.yaml');
    writeFileSync(f, readFileSync(join(ROOT, 'specs/bad-backup-without-application.yaml'), 'utf8').replace(/\nexpect:[\s\S]*$/, '\n'));
    const lines = annotate([f]);
    expect(lines.length).toBe(1);
    const msg = lines[0]!.slice(lines[0]!.indexOf('::', 2) + 2);
    expect(lines[0]).toBe(coreLine('error', decodeURIComponent(msg), { title: 'dvipa-verify service-available', file: f, startLine: 19, startColumn: 9 }));
    expect(lines[0]).toContain('a%2Cb%3Ac');
  });

  it('only the definitions the violation names, the stack it names first first; an expected violation is a notice', () => {
    const files = BAD.map((b) => withoutExpect(b));
    const reports = JSON.parse(runCli(['check', ...files, '--format', 'json']).stdout) as { spec: string; properties: { status: string }[] }[];
    for (const [k, b] of BAD.entries()) {
      const lines = annotate([files[k]!]); // one run per spec: a run prints at most 10 annotations
      const violated = reports.find((r) => r.spec === files[k])!.properties.filter((p) => p.status === 'violated');
      expect(lines.length, b).toBeLessThanOrEqual(2 * violated.length); // before: every changed definition, 16 for 4 violations
      for (const l of lines) expect(l, b).toMatch(/^::error title=dvipa-verify [a-z-]+,file=[^,]+,line=\d+,col=\d+::/);
    }
    const notice = annotate(['specs/bad-backup-without-application.yaml']);
    expect(notice).toEqual([expect.stringMatching(/^::notice title=dvipa-verify service-available,file=specs\/bad-backup-without-application\.yaml,line=19,col=9::.*expected/)]);
  });

  it('at most 10 error annotations in a run (GitHub shows 10 per step), and a line saying how many more', () => {
    const specs = Array.from({ length: 12 }, (_, i) => specFile(readFileSync(join(ROOT, 'specs/bad-no-backup.yaml'), 'utf8').replace(/\nexpect:[\s\S]*$/, '\n'), `s${i}.yaml`));
    const r = spawnSync(process.execPath, [CLI, 'check', ...specs, '--quiet'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: 'true' } });
    expect(r.stderr.split('\n').filter((l) => l.startsWith('::error')).length).toBe(10);
    expect(r.stderr).toContain('2 more error annotation(s) not printed');
  });
});

describe('HTML in headless Chromium', () => {
  const bin = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c) => existsSync(c));
  // measures in the browser that no text of a timeline runs past its picture
  const probe = `<script>window.addEventListener('load',()=>{const bad=[];for(const svg of document.querySelectorAll('svg.timeline')){const w=svg.width.baseVal.value;for(const t of svg.querySelectorAll('text')){const b=t.getBBox();if(b.x+b.width>w+0.5)bad.push(t.textContent)}}document.body.setAttribute('data-overflow',JSON.stringify(bad))})</script>`;

  it.skipIf(!bin && process.env.CI !== 'true')('legend and event labels fit (a 1-step trace, long events); expected violations labelled; a summary on a many-spec page', () => {
    const dir = tmp();
    const html = runCli(['check', 'specs/', ...BAD.map(withoutExpect), '--format', 'html']).stdout;
    const page = join(dir, 'report.html');
    writeFileSync(page, html.replace('</body>', `${probe}</body>`));
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`];
    const dom = execFileSync(bin!, [...flags, '--virtual-time-budget=2000', '--dump-dom', `file://${page}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60000 });
    expect(JSON.parse(/data-overflow="([^"]*)"/.exec(dom)![1]!.replace(/&quot;/g, '"'))).toEqual([]);
    expect(dom).toContain('(1 step)');
    expect(dom).not.toContain('(1 steps)');
    expect(dom).toContain('<span class="tag">expected</span>');
    const n = readdirSync(join(ROOT, 'specs')).filter((f) => f.endsWith('.yaml')).length;
    expect(dom).toContain(`<section class="summary"><p><b>${n + BAD.length} specs: ${n} pass, ${BAD.length} fail</b>`); // specs/ and the known-bad specs without expect
    expect(dom).toContain('<title>routing-start TCPCS</title>');
  });
});

describe('the workflow `init` writes is one GitHub accepts (SchemaStore github-workflow schema, @action-validator/core)', () => {
  it('validates; the same file with a step broken does not (the check can fail)', async () => {
    const { validateWorkflow } = await import('@action-validator/core');
    const dir = tmp();
    expect(runCli(['init', dir]).code).toBe(0);
    const wf = readFileSync(join(dir, '.github/workflows/dvipa-verify.yml'), 'utf8');
    expect(validateWorkflow(wf).errors).toEqual([]);
    // the README's CI job is the same text (cli-outputs.test.ts), so it validates too
    const broken = wf.replace('      - run: npm ci\n', '      - runs: npm ci\n');
    expect(broken).not.toBe(wf);
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
});
