import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecText } from '../src/spec/load.js';
import { NAMES, runCli, tmp } from './helpers.js';

const BASE = `sysplex: P
stacks:
  - name: A
    profile: |
      VIPADYNAMIC
        VIPADEFINE 255.255.255.0 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
  - name: B
    profile: |
      VIPADYNAMIC
        VIPABACKUP 100 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
clients:
  - { name: web, dvipa: 201.2.10.11, port: 80 }
`;

/** [title, spec text, error code, the text the error must point at (first occurrence), or [line, col]] */
type Case = [string, string, string, string | [number, number]];
const sub = (from: string, to: string): string => { if (!BASE.includes(from)) throw new Error(from); return BASE.replace(from, to); };

const CASES: Case[] = [
  ['unclosed flow sequence', 'sysplex: P\nstacks: [\n', 'E_YAML', [3, 1]],
  ['tab indentation', 'sysplex: P\nstacks:\n\t- name: A\n', 'E_YAML', [3, 1]],
  ['duplicate key', `sysplex: P\n${BASE}`, 'E_YAML', [2, 1]],
  ['bad indentation of a mapping', 'sysplex: P\n  stacks: x\n', 'E_YAML', [1, 10]],
  ['top level is a list', '- a\n- b\n', 'E_TYPE', [1, 1]],
  ['unknown top-level key', sub('clients:', 'client:'), 'E_UNKNOWN_KEY', 'client:'],
  ['unknown stack key', sub('    profile: |\n      VIPADYNAMIC\n        VIPADEFINE', '    profle: |\n      VIPADYNAMIC\n        VIPADEFINE'), 'E_UNKNOWN_KEY', 'profle'],
  ['unknown environment key', `${BASE}environment:\n  maxFailure: 2\n`, 'E_UNKNOWN_KEY', 'maxFailure'],
  ['missing stacks', 'sysplex: P\n', 'E_MISSING', [1, 1]],
  ['empty stacks', 'sysplex: P\nstacks: []\n', 'E_VALUE', '[]'],
  ['stacks is a string', 'sysplex: P\nstacks: TCPCS\n', 'E_TYPE', 'TCPCS'],
  ['stack without name', sub('  - name: A\n', '  - system: A\n'), 'E_MISSING', 'system: A'],
  ['stack name longer than 8', sub('name: A\n', 'name: TCPIPSTACK1\n'), 'E_NAME', 'TCPIPSTACK1'],
  ['stack name with a bad character', sub('name: A\n', 'name: TCP-1\n'), 'E_NAME', 'TCP-1'],
  ['duplicate stack name', sub('name: B\n', 'name: A\n'), 'E_DUPLICATE', [10, 11]],
  ['duplicate stack name in other case', sub('name: B\n', 'name: a\n'), 'E_DUPLICATE', 'a\n'],
  ['invalid routing', sub('  - name: B\n', '  - name: B\n    routing: ospf\n'), 'E_VALUE', 'ospf'],
  ['profile and profileFile', sub('  - name: B\n', '  - name: B\n    profileFile: b.txt\n'), 'E_PROFILE_BOTH', 'profileFile'],
  ['missing profileFile', sub('  - name: B\n    profile: |\n      VIPADYNAMIC\n        VIPABACKUP 100 201.2.10.11\n      ENDVIPADYNAMIC\n', '  - name: B\n    profileFile: nowhere/b.txt\n'), 'E_PROFILE_FILE', 'nowhere/b.txt'],
  ['profile is a list', sub('  - name: B\n    profile: |\n      VIPADYNAMIC\n        VIPABACKUP 100 201.2.10.11\n      ENDVIPADYNAMIC\n', '  - name: B\n    profile: [a, b]\n'), 'E_TYPE', '[a, b]'],
  ['application port 0', sub('{ name: WEB, port: 80 }', '{ name: WEB, port: 0 }'), 'E_VALUE', '0 }'],
  ['application port 70000', sub('{ name: WEB, port: 80 }', '{ name: WEB, port: 70000 }'), 'E_VALUE', '70000'],
  ['application port is a word', sub('{ name: WEB, port: 80 }', '{ name: WEB, port: http }'), 'E_VALUE', 'http'],
  ['application without name', sub('{ name: WEB, port: 80 }', '{ port: 80 }'), 'E_MISSING', '{ port: 80 }'],
  ['application bind not an address', sub('{ name: WEB, port: 80 }', '{ name: WEB, port: 80, bind: 10.1.1 }'), 'E_ADDRESS', '10.1.1'],
  ['application listed twice', sub('      - { name: WEB, port: 80 }\n  - name: B', '      - { name: WEB, port: 80 }\n      - { name: WEB, port: 81 }\n  - name: B'), 'E_DUPLICATE', [10, 17]],
  ['unknown application key', sub('{ name: WEB, port: 80 }', '{ name: WEB, port: 80, protocol: tcp }'), 'E_UNKNOWN_KEY', 'protocol'],
  ['client DVIPA not an address', sub('dvipa: 201.2.10.11, port: 80 }', 'dvipa: 201.2.10.300, port: 80 }'), 'E_ADDRESS', '201.2.10.300'],
  ['client of an unknown DVIPA', sub('dvipa: 201.2.10.11, port: 80 }', 'dvipa: 201.2.10.99, port: 80 }'), 'E_CLIENT_DVIPA', '201.2.10.99'],
  ['client of a DVIPA z/OS rejected (D-38)', sub('VIPADEFINE 255.255.255.0 201.2.10.11', 'VIPADEFINE 255.255.0.255 201.2.10.11').replace('VIPABACKUP 100 201.2.10.11', 'VIPABACKUP 0 201.2.10.11'), 'E_CLIENT_DVIPA', [18, 25]],
  ['client without port', sub('dvipa: 201.2.10.11, port: 80 }', 'dvipa: 201.2.10.11 }'), 'E_MISSING', '{ name: web'],
  ['client name used twice', `${BASE}  - { name: web, dvipa: 201.2.10.11, port: 81 }\n`, 'E_DUPLICATE', [19, 13]],
  ['client is a string', `${BASE}  - web\n`, 'E_TYPE', [19, 5]],
  ['unknown client key', sub('{ name: web,', '{ nam: web,'), 'E_UNKNOWN_KEY', 'nam:'],
  ['environment is a list', `${BASE}environment: [a]\n`, 'E_TYPE', '[a]'],
  ['environment.start invalid', `${BASE}environment:\n  start: up\n`, 'E_VALUE', 'up\n'],
  ['unknown event group', `${BASE}environment:\n  events: [terminate, failover]\n`, 'E_EVENT_GROUP', 'failover'],
  ['maxFailures negative', `${BASE}environment:\n  maxFailures: -1\n`, 'E_VALUE', '-1'],
  ['maxFailures a word', `${BASE}environment:\n  maxFailures: lots\n`, 'E_VALUE', 'lots'],
  ['maxConnections fractional', `${BASE}environment:\n  maxConnections: 1.5\n`, 'E_VALUE', '1.5'],
  ['unknown property in only', `${BASE}properties:\n  only: [single_owner]\n`, 'E_PROPERTY', 'single_owner'],
  ['unknown property in skip', `${BASE}properties:\n  skip: [takeovr]\n`, 'E_PROPERTY', 'takeovr'],
  ['unknown key in properties', `${BASE}properties:\n  ony: [takeover]\n`, 'E_UNKNOWN_KEY', 'ony'],
  ['unknown property in expect', `${BASE}expect:\n  violated: [availability]\n`, 'E_PROPERTY', 'availability'],
  ['expect without violated', `${BASE}expect:\n  holds: []\n`, 'E_UNKNOWN_KEY', 'holds'],
  ['sysplex is a mapping', sub('sysplex: P', 'sysplex: { a: 1 }'), 'E_TYPE', '{ a: 1 }'],
];

function posOf(text: string, at: string | [number, number]): [number, number] {
  if (Array.isArray(at)) return at;
  const off = text.indexOf(at);
  if (off < 0) throw new Error(`marker ${at} not in spec`);
  const before = text.slice(0, off).split('\n');
  return [before.length, before.at(-1)!.length + 1];
}

describe('malformed specs: code and file:line:column (in-process)', () => {
  it(`has at least 40 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(40));
  for (const [title, text, code, at] of CASES) {
    it(title, () => {
      const r = loadSpecText(text, join(tmp(), 'spec.yaml'), { propertyNames: NAMES });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const e = r.errors.find((x) => x.code === code);
      expect(e, JSON.stringify(r.errors)).toBeDefined();
      expect([e!.pos.line, e!.pos.column]).toEqual(posOf(text, at));
    });
  }
});

describe('malformed specs through the built CLI: exit 2, file:line:column, no stack trace', () => {
  it('every case', () => {
    const dir = tmp();
    CASES.forEach(([, text], k) => writeFileSync(join(dir, `case${String(k).padStart(2, '0')}.yaml`), text));
    const files = CASES.map((_, k) => join(dir, `case${String(k).padStart(2, '0')}.yaml`));
    // one CLI run for all (each spec's errors are its own), and a few alone for the exit code of one
    const all = runCli(['check', ...files]);
    expect(all.code).toBe(2);
    expect(all.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    CASES.forEach(([title, text, code, at], k) => {
      const [line, col] = posOf(text, at);
      expect(all.stderr, title).toContain(`${files[k]}:${line}:${col}: error ${code}`);
      if (k % 10 === 0) {
        const r = runCli(['check', files[k]!]);
        expect(r.code, title).toBe(2);
        expect(r.stderr, title).toContain(`${files[k]}:${line}:${col}: error ${code}`);
      }
    });
  }, 240_000);

  it('a missing spec file', () => {
    const r = runCli(['check', '/nonexistent/spec.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/spec.yaml:1:1: error E_FILE');
  });

  it('a bad option value and an unknown option', () => {
    expect(runCli(['check', 'specs/', '--max-states', 'many']).code).toBe(2);
    expect(runCli(['check', 'specs/', '--bogus']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });

  it('an unknown property on the command line is exit 2', () => {
    const r = runCli(['check', 'specs/single-stack-backup.yaml', '--only', 'single_owner']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown property 'single_owner'");
  });
});

import fc from 'fast-check';
describe('loader robustness (fast-check)', () => {
  it('random mutations of a valid spec never throw out of the loader', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(BASE.length), fc.nat(10), fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '- ', '\n  ', '[', '{', '"', '\t', 'VIPADEFINE', '0'))), { maxLength: 6 }), (edits) => {
      let t = BASE;
      for (const [at, del, ins] of edits) t = t.slice(0, at) + ins + t.slice(at + del);
      const r = loadSpecText(t, 'm.yaml', { propertyNames: NAMES });
      if (!r.ok) for (const e of r.errors) expect(e.pos.line).toBeGreaterThan(0);
    }), { numRuns: 400 });
  });
});
