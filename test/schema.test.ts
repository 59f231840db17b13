import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { specSchemaText } from '../src/spec/schema.js';
import { loadSpecText } from '../src/spec/load.js';
import { richSpec, smallSpec } from './gen-spec.js';
import { NAMES, ROOT, runCli, tmp } from './helpers.js';

/**
 * schema/spec.schema.json (for editors) and the loader's own validation cannot drift: the file is
 * generated from the loader's key lists, every bundled and test spec passes both, every known-bad
 * key or value is refused by both.
 */
const SHIPPED = join(ROOT, 'schema/spec.schema.json');
const schema = JSON.parse(readFileSync(SHIPPED, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const loads = (text: string): boolean => loadSpecText(text, 'x.yaml', { propertyNames: NAMES }).ok;
const valid = (text: string): boolean => validate(parse(text)) as boolean;

const bundled = (): [string, string][] => {
  const specs = readdirSync(join(ROOT, 'specs')).filter((f) => /\.ya?ml$/.test(f)).map((f) => [`specs/${f}`, readFileSync(join(ROOT, 'specs', f), 'utf8')] as [string, string]);
  const bench = readdirSync(join(ROOT, 'bench/specs')).map((f) => [`bench/specs/${f}`, readFileSync(join(ROOT, 'bench/specs', f), 'utf8')] as [string, string]);
  const chains = ['2,2,1', '3,3,2', '4,4,1'].map((a) => [`chain(${a})`, execFileSync(process.execPath, [join(ROOT, 'bench/gen-chain.mjs'), ...a.split(',')], { encoding: 'utf8' })] as [string, string]);
  return [...specs, ...bench, ...chains];
};

describe('schema/spec.schema.json', () => {
  it('is the schema generated from the loader (npm run schema writes it)', () => {
    expect(readFileSync(SHIPPED, 'utf8')).toBe(specSchemaText());
  });

  it('every bundled spec, chain spec, the init starter and random test specs pass both', () => {
    const dir = tmp();
    runCli(['init', dir]);
    const all = [...bundled(), ['init', readFileSync(join(dir, 'sysplex/plex.yaml'), 'utf8')] as [string, string]];
    for (const [name, text] of all) {
      expect(valid(text), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      if (name !== 'init') expect(loads(text), name).toBe(true); // init's profileFiles are relative to its folder
    }
    for (const text of [...fc.sample(smallSpec, { numRuns: 40, seed: 19 }), ...fc.sample(richSpec, { numRuns: 40, seed: 19 })]) {
      expect(loads(text), text).toBe(true);
      expect(valid(text), `${text}\n${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  const base = readFileSync(join(ROOT, 'specs/multi-stack-backup.yaml'), 'utf8');
  const bad: [string, string][] = [
    ['unknown top key', base.replace('sysplex: PLEX1', 'sysplex: PLEX1\nsysplexx: 1')],
    ['unknown stack key', base.replace('    system: SYS1', '    system: SYS1\n    sytem: SYS1')],
    ['unknown application key', base.replace('{ name: WEB, port: 80 }', '{ name: WEB, port: 80, prot: tcp }')],
    ['unknown client key', base.replace('{ name: web clients, dvipa: 201.2.10.11, port: 80 }', '{ name: web clients, dvipa: 201.2.10.11, port: 80, weight: 2 }')],
    ['unknown environment key', base.replace('  maxFailures: 1', '  maxFailures: 1\n  maxFailure: 2')],
    ['unknown expect key', base.replace('  violated: []', '  violated: []\n  holds: []')],
    ['unknown properties key', base.replace('expect:', 'properties:\n  onyl: [takeover]\nexpect:')],
    ['stack name too long', base.replace('name: TCPCS2', 'name: TCPCS2345')],
    ['port 0', base.replace('{ name: WEB, port: 80 }', '{ name: WEB, port: 0 }')],
    ['routing', base.replace('    system: SYS1', '    system: SYS1\n    routing: ospf')],
    ['event group', base.replace('events: [terminate, start, connections]', 'events: [terminate, crash]')],
    ['start', base.replace('environment:', 'environment:\n  start: halfway')],
    ['maxFailures', base.replace('maxFailures: 1', 'maxFailures: lots')],
    ['client address', base.replace('dvipa: 201.2.10.11, port: 80', 'dvipa: 201.2.10.311, port: 80')],
    ['no stacks', 'sysplex: P\n'],
    ['profile and profileFile', base.replace('    system: SYS1', '    system: SYS1\n    profileFile: x.txt')],
  ];
  it.each(bad)('refused by both: %s', (_what, text) => {
    expect(loads(text)).toBe(false);
    expect(valid(text)).toBe(false);
  });
});
