import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, invariant, loadSpec, stepProperty, BUILTIN_PROPERTIES } from '../src/index.js';
import { runCli, specFile, tmp } from './helpers.js';

describe('property modules (--properties)', () => {
  it('loads a TypeScript module and a JavaScript module; a user property finds a counterexample', () => {
    const r = runCli(['check', 'specs/test-lpar-backup.yaml', '--properties', 'examples/site-properties', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    const p = j.properties.find((x: { name: string }) => x.name === 'web-not-on-test-system');
    expect(p.status).toBe('violated');
    expect(p.trace.steps.map((s: { event: string }) => s.event)).toEqual(['initial', 'terminate TCPCS']);
    expect(j.properties.find((x: { name: string }) => x.name === 'one-move-at-a-time').status).toBe('holds');
    const list = runCli(['properties', '--properties', 'examples/site-properties/web-not-on-test-system.ts']);
    expect(list.stdout).toMatch(/web-not-on-test-system\s+state\s+\S*web-not-on-test-system\.ts/);
  });

  it('a module with a syntax error is exit 2 with its file and line', () => {
    const dir = tmp();
    const f = join(dir, 'broken.ts');
    writeFileSync(f, "import { invariant } from 'dvipa-verify';\n\nexport default invariant({ name: 'x', description: 'x', check( { return true; } });\n");
    const r = runCli(['check', 'specs/single-stack-backup.yaml', '--properties', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${f.replace(/[.]/g, '\\.')}:3:\\d+: error E_PROPERTY_MODULE`));
    const js = join(dir, 'broken.mjs');
    writeFileSync(js, 'export const p = {;\n');
    const r2 = runCli(['check', 'specs/single-stack-backup.yaml', '--properties', js]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${js}:1:`);
  });

  it('a module that exports no property, a missing module and a clash with a built-in are exit 2', () => {
    const dir = tmp();
    const none = join(dir, 'none.mjs');
    writeFileSync(none, 'export const x = 1;\n');
    expect(runCli(['check', 'specs/single-stack-backup.yaml', '--properties', none]).stderr).toContain('exports no property');
    expect(runCli(['check', 'specs/single-stack-backup.yaml', '--properties', join(dir, 'missing.ts')]).code).toBe(2);
    const clash = join(dir, 'clash.mjs');
    writeFileSync(clash, "export default { kind: 'invariant', name: 'takeover', description: 'd', check: () => true };\n");
    const r = runCli(['check', 'specs/single-stack-backup.yaml', '--properties', clash]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('clashes with a built-in');
    const hint = join(dir, 'hint.mjs');
    writeFileSync(hint, "export default { kind: 'step', name: 'mine', description: 'd', changes: ['owners'], check: () => true };\n");
    const h = runCli(['check', 'specs/single-stack-backup.yaml', '--properties', hint]);
    expect([h.code, h.stderr]).toEqual([2, expect.stringContaining("property 'mine': unknown state part 'owners' in changes (parts: stacks, dvipas, connections)")]);
    writeFileSync(hint, "export default { kind: 'step', name: 'mine', description: 'd', events: ['stop'], check: () => true };\n");
    expect(runCli(['check', 'specs/single-stack-backup.yaml', '--properties', hint]).stderr).toContain("unknown event kind 'stop'");
  });

  it('a property that throws while checking is exit 2 naming the property, file and line', () => {
    const f = join(tmp(), 'throws.ts');
    writeFileSync(f, "import { stepProperty } from 'dvipa-verify';\nexport default stepProperty({\n  name: 'boom', description: 'throws',\n  check(before, event) {\n    if (event.kind === 'terminate') throw new Error('kaboom');\n    return true;\n  },\n});\n");
    const r = runCli(['check', 'specs/single-stack-backup.yaml', '--properties', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:5:`);
    expect(r.stderr).toContain("property 'boom'");
    expect(r.stderr).toContain('kaboom');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('library API', () => {
  it('loadSpec + check with a property defined in code', async () => {
    const loaded = loadSpec('specs/multi-stack-backup.yaml', { propertyNames: [...BUILTIN_PROPERTIES.map((p) => p.name), 'ftp-never-on-TCPCS2', 'no-terminate'] });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const ftp = invariant({ name: 'ftp-never-on-TCPCS2', description: 'd', check: (s, sys) => s.dvipaStatus(sys.dvipaIndex('201.2.10.12'), sys.stackIndex('TCPCS2')) !== 'Active' });
    const noTerm = stepProperty({ name: 'no-terminate', description: 'd', check: (_b, e) => e.kind !== 'terminate' || `saw ${e.text}` });
    const r = await check(loaded.config, { extraProperties: [ftp, noTerm] });
    expect(r.properties.find((p) => p.name === 'ftp-never-on-TCPCS2')!.status).toBe('holds');
    const t = r.properties.find((p) => p.name === 'no-terminate')!;
    expect(t.status).toBe('violated');
    expect(t.message).toBe('saw terminate TCPCS');
    expect(r.result).toBe('fail');
  });
});

describe('compare', () => {
  it('reports exactly the newly failing properties when a change removes a backup', () => {
    const old = readFileSync('specs/multi-stack-backup.yaml', 'utf8').replace(/expect:[\s\S]*$/, '');
    const changed = old.replace('VIPABACKUP 100 201.2.10.12', 'VIPABACKUP 100 201.2.10.13');
    const a = specFile(old, 'old.yaml');
    const b = specFile(changed, 'new.yaml');
    const r = runCli(['compare', a, b, '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    // 201.2.10.13 is only plain-backed-up: lost when its stack fails, and never created (`present`, SEMANTICS §9).
    expect(j.newlyFailing).toEqual(['available', 'present']);
    expect(j.newlyHolding).toEqual([]);
    expect(j.stillFailing).toEqual([]);
    const back = runCli(['compare', b, a]);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('newly holds  available');
    const same = runCli(['compare', a, a]);
    expect(same.code).toBe(0);
  });
});
