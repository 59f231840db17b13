import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderJunit } from '../src/render/junit.js';
import { config, ROOT, runCli, specFile, tmp } from './helpers.js';

/**
 * Outputs fed to their consumers, an acceptance audit (D-200 ..): what the real Mermaid parser
 * makes of a diagram, and more below.
 */
const diagrams = (md: string): string[] => [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('Mermaid: a stack named like a word of the sequence-diagram grammar (D-200)', () => {
  // legal z/OS stack names (1-8 letters, digits, @ # $) that Mermaid's lexer reads as keywords
  const WORDS = ['END', 'LOOP', 'NOTE', 'BOX', 'RECT', 'ALT', 'OPT', 'PAR', 'AND', 'ELSE', 'CREATE', 'DESTROY', 'ACTOR', 'OVER', 'CRITICAL', 'BREAK', 'OPTION', 'ACTIVATE', 'OFF', 'end'];
  const base = readFileSync(join(ROOT, 'specs/multi-stack-backup.yaml'), 'utf8').replace(/\nexpect:[\s\S]*$/, '\n')
    .replace('VIPABACKUP 100 201.2.10.11', 'VIPABACKUP 100 201.2.10.11\n        VIPABACKUP 100 201.2.10.12'); // TCPCS2 takes over the FTP DVIPA it has no FTP for

  it('is drawn under an id of its own, its name as the alias; every diagram parses with its actors and messages', async () => {
    const mermaid = (await import('mermaid')).default;
    for (const word of WORDS) {
      const cfg = config(base.replaceAll('TCPCS2', word));
      const md = renderMarkdown(cfg, await check(cfg));
      const ds = diagrams(md);
      expect(ds.length, word).toBeGreaterThan(0);
      for (const d of ds) {
        await expect(mermaid.parse(d), `${word}\n${d}`).resolves.toMatchObject({ diagramType: 'sequence' });
        const db = (await mermaid.mermaidAPI.getDiagramFromText(d)).db as { getActors(): Map<string, { description: string }>; getMessages(): { from: string; to: string }[] };
        expect([...db.getActors().values()].map((a) => a.description), word).toEqual(['Operator/failures', 'TCPCS', word, 'TCPCS3', 'Routers']);
        expect(db.getMessages().some((m) => m.from === 'stack_1'), word).toBe(true); // the takeover is drawn from that stack
      }
    }
  });
});

describe('a spec that cannot be loaded is in the JUnit and Markdown reports (D-202)', () => {
  const XSD = join(ROOT, 'test/fixtures/schemas/junit-10.xsd');
  const validates = (file: string): void => {
    const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
    if (r.error && process.env.CI !== 'true') return; // libxml2-utils is installed by .ci/run
    expect(r.stderr).toContain('validates');
  };

  it('as a test case in error where it stood, with its file:line:column message; alone it is still a valid report', () => {
    const dir = tmp();
    const broken = specFile('sysplex: [\n', 'broken.yaml');
    const [xml, md, one] = ['r.xml', 'r.md', 'one.xml'].map((f) => join(dir, f));
    const r = runCli(['check', 'specs/single-stack-backup.yaml', broken, '--report', `junit=${xml}`, '--report', `markdown=${md}`, '--quiet']);
    expect(r.code).toBe(2);
    const j = readFileSync(xml, 'utf8');
    validates(xml);
    expect(j).toMatch(/<testsuites name="dvipa-verify" tests="\d+" failures="0" errors="1"/);
    expect(j.indexOf('single-stack-backup.yaml')).toBeLessThan(j.indexOf('broken.yaml')); // in the run's order
    expect(j).toContain(`<error message="${broken}:2:1: error E_YAML: `);
    const m = readFileSync(md, 'utf8');
    expect(m).toContain(`## ❌ dvipa-verify: \`${broken}\`: bad input (exit 2), nothing checked`);
    expect(m).toContain(`${broken}:2:1: error E_YAML`);
    // a run of bad specs only used to write an empty file: no XML at all for a JUnit publisher
    expect(runCli(['check', broken, join(dir, 'missing.yaml'), '--report', `junit=${one}`]).code).toBe(2);
    validates(one);
    expect(readFileSync(one, 'utf8')).toContain('errors="2"');
  });

  it('under GitHub Actions it is an error annotation at its file, line and column', () => {
    const broken = specFile('sysplex: P\nstacks:\n  - name: TCPCS\nbogus: 1\n', 'unknown-key.yaml');
    const r = runCli(['check', broken, '--quiet'], ROOT, { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('::'))).toEqual([
      `::error title=dvipa-verify%3A E_UNKNOWN_KEY,file=${broken.replace(/:/g, '%3A').replace(/,/g, '%2C')},line=4,col=1::unknown key 'bogus' in the spec (allowed: sysplex, stacks, clients, environment, properties, expect)`,
    ]);
  });

  it('JUnit holds no character XML 1.0 cannot (a site property\'s message with U+FFFF or a lone surrogate)', async () => {
    const cfg = config(readFileSync(join(ROOT, 'specs/bad-no-backup.yaml'), 'utf8'));
    const report = await check(cfg);
    const p = report.properties.find((x) => x.status === 'violated')!;
    p.message = 'bad \uffff \ud800 \u0007 end';
    const f = join(tmp(), 'r.xml');
    writeFileSync(f, renderJunit([{ cfg, report }]));
    expect(readFileSync(f, 'utf8')).toContain('expected violation: bad    end');
    validates(f);
  });
});

describe('random mode with slicing reports the slices it walked (D-203)', () => {
  it('"reductions": ["slice"] comes with "slices" whose sums are the figures (SPEC §5); the text names their number', async () => {
    const { renderCheckText } = await import('../src/render/text.js');
    const { PLAIN } = await import('../src/render/text.js');
    for (const spec of ['specs/bad-no-backup.yaml', 'specs/multi-stack-backup.yaml', 'specs/distributor-hot-standby.yaml']) {
      const cfg = config(readFileSync(join(ROOT, spec), 'utf8'));
      const r = await check(cfg, { mode: 'random', random: { runs: 40, depth: 20, seed: 3 } });
      expect(r.reductions, spec).toContain('slice');
      expect(r.slices?.length, spec).toBeGreaterThan(0);
      expect(r.slices!.reduce((n, x) => n + x.states, 0), spec).toBe(r.states);
      expect(r.slices!.reduce((n, x) => n + x.transitions, 0), spec).toBe(r.random!.steps);
      expect(r.slices!.every((x) => !x.complete && x.depth === 20), spec).toBe(true);
      expect(renderCheckText(cfg, r, PLAIN), spec).toContain(`reduction: slice: walks on ${r.slices!.length} slice(s)`);
    }
  });
});

describe('the spec JSON Schema reads a list of names as the loader does (D-204)', () => {
  it('environment.events and start.netstat as one comma-separated string: accepted or refused by both', async () => {
    const { default: Ajv } = await import('ajv');
    const { parse } = await import('yaml');
    const { loadSpecText } = await import('../src/spec/load.js');
    const { NAMES } = await import('./helpers.js');
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/spec.schema.json'), 'utf8')));
    const base = readFileSync(join(ROOT, 'specs/bad-no-backup.yaml'), 'utf8').replace(/\nexpect:[\s\S]*$/, '\n');
    const cases: [string, boolean][] = [['terminate', true], ['"terminate, start"', true], ['"routing ,distribution,"', true], ["''", true],
      ['"terminate start"', false], ['bogus', false], ['"terminate, bogus"', false], ['[terminate, start]', true], ['[bogus]', false]];
    for (const [events, ok] of cases) {
      const text = `${base}environment:\n  events: ${events}\n`;
      expect([events, loadSpecText(text, join(ROOT, 'specs/x.yaml'), { propertyNames: NAMES }).ok], 'loader').toEqual([events, ok]);
      expect([events, validate(parse(text))], 'schema').toEqual([events, ok]);
    }
    // one report as a string: the schema no longer refuses what the loader reads
    const netstat = { environment: { start: { netstat: 'vipadyn.txt' } } };
    expect(validate({ ...parse(base), ...netstat })).toBe(true);
    expect(validate({ ...parse(base), environment: { start: { netstat: ' , ' } } })).toBe(false);
  });
});

describe('Markdown as GitHub reads it (GFM tables, marked) (D-206)', () => {
  it('a property message of several lines (a site property may return one) stays in its table row', async () => {
    const { marked } = await import('marked');
    const cfg = config(readFileSync(join(ROOT, 'specs/bad-no-backup.yaml'), 'utf8'));
    const report = await check(cfg);
    const p = report.properties.find((x) => x.status === 'violated')!;
    p.message = 'first line\nsecond | line\r\nthird';
    const table = marked.lexer(renderMarkdown(cfg, report)).find((t) => t.type === 'table') as unknown as { rows: { text: string }[][] };
    expect(table.rows.map((r) => r[0]!.text)).toEqual(report.properties.map((x) => `\`${x.name}\``));
    expect(table.rows.find((r) => r[0]!.text === `\`${p.name}\``)![2]!.text).toBe('first line<br>second | line<br>third');
  });
});
