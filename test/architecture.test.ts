import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}
const imports = (f: string): string[] => [...readFileSync(join(ROOT, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('imports point one way (DESIGN.md)', () => {
  it('the engine imports nothing of the domain', () => {
    for (const f of files('src/engine')) for (const i of imports(f)) expect(i, `${f} imports ${i}`).not.toMatch(/\.\.\/(model|spec|check|properties|render|cli|export)\//);
  });
  it('only cli/ imports commander, and nothing imports cli/', () => {
    for (const f of files('src').filter((x) => !x.startsWith('src/cli/'))) {
      for (const i of imports(f)) {
        expect(i, `${f} imports ${i}`).not.toBe('commander');
        expect(i, `${f} imports ${i}`).not.toMatch(/\/cli\//);
      }
    }
  });
  it('the model does not print, exit or read files', () => {
    for (const f of [...files('src/model'), ...files('src/engine')]) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(text, f).not.toMatch(/console\.|process\.exit|process\.stdout|node:fs/);
    }
  });
  it('no source file over about 250 lines without a reason at its top (issue 16): past 250 lines, the first comment says why', () => {
    for (const f of [...files('src'), ...files('properties')]) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      if (text.split('\n').length <= 250) continue;
      expect(text.slice(0, 3000), `${f} is long: say why in its first comment ("Long because ...")`).toMatch(/Long because/);
    }
  });
});
