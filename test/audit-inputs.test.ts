import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMES, ROOT, runCli, tmp } from './helpers.js';
import { loadSpecText } from '../src/spec/load.js';

/**
 * The CLI against what a user hands it, an acceptance audit (D-201 ..): nothing the user wrote is
 * replaced by an output of the run, however the input was named.
 */
function starter(): { dir: string; spec: string; prof: string; texts: () => string[] } {
  const dir = tmp();
  expect(runCli(['init', dir]).code).toBe(0);
  const spec = join(dir, 'sysplex/plex.yaml');
  const prof = join(dir, 'sysplex/profiles/TCPCS1.txt');
  const before = [readFileSync(spec, 'utf8'), readFileSync(prof, 'utf8')];
  expect(before[1]).toContain('VIPADEFINE');
  return { dir, spec, prof, texts: () => { const now = [readFileSync(spec, 'utf8'), readFileSync(prof, 'utf8')]; expect(now).toEqual(before); return now; } };
}

describe('outputs never replace inputs: files read through the spec and members of input folders too (D-201)', () => {
  it('check --report FORMAT=<a profileFile of the spec> is refused before the search (exit 2)', () => {
    const s = starter();
    for (const f of ['json', 'junit']) {
      const r = runCli(['check', s.spec, '--report', `${f}=${s.prof}`]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('would replace a file');
      s.texts();
    }
  });

  it('export -o <the spec> or <its profileFile> is refused even with --force', () => {
    const s = starter();
    for (const target of [s.spec, s.prof]) {
      const r = runCli(['export', s.spec, '--to', 'promela', '-o', target, '--force']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('is an input of this run');
      s.texts();
    }
    expect(runCli(['export', s.spec, '--to', 'promela', '-o', join(s.dir, 'm.pml'), '--force']).code).toBe(0); // another file is written
  });

  it('import <folder> -o <a member of that folder> is refused even with --force', () => {
    const s = starter();
    const r = runCli(['import', join(s.dir, 'sysplex/profiles'), '-o', s.prof, '--force']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('is an input of this run');
    s.texts();
  });
});

describe('--properties <folder> that holds no module (D-207)', () => {
  it('is exit 2 naming the folder, for check, simulate and properties (as a module without a property is)', () => {
    const dir = join(tmp(), 'site-props');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.txt'), 'the modules went elsewhere\n');
    writeFileSync(join(dir, 'types.d.ts'), 'export {};\n');
    const spec = join(ROOT, 'specs/bad-no-backup.yaml');
    for (const args of [['check', spec], ['simulate', spec, '--events', 'terminate TCPCS'], ['properties']]) {
      const r = runCli([...args, '--properties', dir]);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`${dir}:1:1: error E_PROPERTY_MODULE: no property module (.js, .mjs, .cjs, .ts, .mts) in this folder`);
    }
    expect(runCli(['properties', '--properties', join(ROOT, 'examples/site-properties')]).code).toBe(0); // a folder with modules loads
  });
});

describe('a --report file that cannot be written is refused before the search (D-208)', () => {
  it('a folder, a device, a path under a file: exit 2 at once, nothing checked', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'afile'), 'x\n');
    const spec = join(ROOT, 'specs/bad-no-backup.yaml');
    for (const target of [dir, '/dev/null', join(dir, 'afile/r.xml')]) {
      const r = runCli(['check', spec, '--report', 'text', '--report', `junit=${target}`]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout, target).toBe(''); // the spec was not checked (before: checked, printed, then refused)
      expect(r.stderr).toMatch(/^dvipa-verify: --report: /);
    }
    expect(runCli(['check', spec, '--report', `junit=${join(dir, 'new/sub/r.xml')}`]).code).toBe(0); // folders to be created are fine
  });
});

describe('a YAML tag the core schema does not know is refused at the tag (D-209)', () => {
  it('profile: !include FILE (an include of other tools) is E_YAML at its line and column, not a profile of one word', () => {
    const text = 'sysplex: P\nstacks:\n  - name: TCPCS\n    profile: !include profiles/TCPCS.txt\n    system: !<tag:site,2024:sys> SYS1\n';
    const r = loadSpecText(text, 'plex.yaml', { propertyNames: NAMES });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.pos.line, e.pos.column, e.message.split(':')[0]])).toEqual([
      ['E_YAML', 4, 14, "unknown YAML tag '!include'"], ['E_YAML', 5, 13, "unknown YAML tag '!<tag"],
    ]);
    // the core schema's own tags still read as before
    expect(loadSpecText('sysplex: !!str 010\nstacks:\n  - name: TCPCS\n', 'plex.yaml', { propertyNames: NAMES }).ok).toBe(true);
  });
});
