import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImport } from '../src/import/build.js';
import { readInputs } from '../src/import/inputs.js';
import { inputKind } from '../src/import/report-text.js';
import { parseIeasym } from '../src/import/ieasym.js';
import { parseVipadcfg } from '../src/import/vipadcfg.js';
import { parseVipadyn } from '../src/import/vipadyn.js';
import { toStatements } from '../src/import/vipa-config.js';
import { loadSpecText } from '../src/spec/load.js';
import { ROOT, tmp } from './helpers.js';

const FIX = join(ROOT, 'test/fixtures/import');
const texts = [
  ...readdirSync(join(FIX, 'netstat')).map((f) => readFileSync(join(FIX, 'netstat', f), 'utf8')),
  ...readdirSync(join(FIX, 'site')).map((f) => readFileSync(join(FIX, 'site', f), 'utf8')),
];

/** A fixture with lines dropped, repeated, cut or given random characters. */
const mutated = fc.tuple(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(60), fc.nat(4), fc.string({ maxLength: 12 })), { maxLength: 6 }))
  .map(([text, edits]) => {
    const lines = text.split('\n');
    for (const [at, op, s] of edits) {
      const k = at % Math.max(1, lines.length);
      if (op === 0) lines.splice(k, 1);
      else if (op === 1) lines.splice(k, 0, lines[k] ?? '');
      else if (op === 2) lines[k] = (lines[k] ?? '').slice(0, s.length + 3);
      else lines[k] = `${(lines[k] ?? '').slice(0, 10)}${s}${(lines[k] ?? '').slice(10)}`;
    }
    return lines.join('\n');
  });

describe('bad inputs never crash import, the report parsers or the loader', () => {
  it('parsers and statement writer on mutated fixtures', () => {
    fc.assert(fc.property(mutated, (text) => {
      inputKind(text);
      parseVipadyn(text, 'x');
      parseIeasym(text, 'x');
      toStatements(parseVipadcfg(text, 'x').config, () => 'x');
    }), { numRuns: 400, seed: 21 });
  });

  it('a whole import of a mutated site folder writes a spec that loads or names its errors', () => {
    fc.assert(fc.property(fc.array(mutated, { minLength: 1, maxLength: 3 }), (files) => {
      const dir = tmp();
      files.forEach((t, i) => writeFileSync(join(dir, `M${i}`), t));
      const m = buildImport(readInputs([dir]), () => 'x');
      for (const f of m.findings) expect(f.pos.line).toBeGreaterThan(0);
    }), { numRuns: 60, seed: 21 });
  });

  it('the loader with a start: { netstat } of mutated reports', () => {
    fc.assert(fc.property(mutated, (text) => {
      const dir = tmp();
      writeFileSync(join(dir, 'r.txt'), text);
      const spec = `stacks:\n  - name: TCPIP\n    profile: |\n      VIPADYNAMIC\n        VIPADEFINE 255.255.255.0 10.1.9.1\n      ENDVIPADYNAMIC\nenvironment:\n  start: { netstat: [r.txt] }\n`;
      const r = loadSpecText(spec, join(dir, 'spec.yaml'));
      if (!r.ok) for (const e of r.errors) expect(e.pos.line).toBeGreaterThan(0);
    }), { numRuns: 200, seed: 21 });
  });
});
