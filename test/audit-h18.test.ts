import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { loadFile, runCli, specFile, tmp } from './helpers.js';

/** Audit h18: the CLI as a new user and a CI pipeline use it, against SPEC §2, §4, §5. */

/** Two DVIPAs; only the second (201.2.10.12) has no backup, so only its slice violates `available`. */
const TWO = (expectBlock: string): string => `sysplex: PLEX1
stacks:
  - name: TCPA
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.11
        VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.12
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
  - name: TCPB
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
      VIPADYNAMIC
        VIPABACKUP 100 201.2.10.11
      ENDVIPADYNAMIC
    applications:
      - { name: WEB, port: 80 }
${expectBlock}`;

describe('--slice i/n and an expect block (D-273)', () => {
  it('every share of a spec whose expect names a violation gives the whole verdict', () => {
    const f = specFile(TWO('expect:\n  violated: [available]\n'));
    for (const share of ['1/2', '2/2']) {
      const r = runCli(['check', f, '--slice', share, '--format', 'json']);
      expect(r.code, `${share}: ${r.stderr}`).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.result).toBe('pass');
      expect(j.expect).toEqual({ violated: ['available'], met: true });
      expect(j.properties.find((p: { name: string }) => p.name === 'available').status).toBe('violated');
      expect(j.slices.map((s: { dvipa: string }) => s.dvipa)).toEqual(['201.2.10.11', '201.2.10.12']);
      expect(j.notes.some((n: string) => n.includes(`--slice ${share} not applied`))).toBe(true);
    }
  });

  it('a bundled known-bad spec passes in a share that holds none of its slices', () => {
    const r = runCli(['check', 'specs/bad-no-backup.yaml', '--slice', '2/2']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('(expect violated: [available]: met)');
  });

  it('without expect, or with expect violated: [], the share is still a share', async () => {
    for (const block of ['', 'expect:\n  violated: []\n']) {
      const cfg = loadFile(specFile(TWO(block)));
      const one = await check(cfg, { sliceShare: [1, 2] });
      const two = await check(cfg, { sliceShare: [2, 2] });
      expect(one.slices!.map((s) => s.dvipa)).toEqual(['201.2.10.11']);
      expect(two.slices!.map((s) => s.dvipa)).toEqual(['201.2.10.12']);
      // the union of the two shares is the whole verdict: only the second finds the violation
      expect(one.result).toBe('pass');
      expect(two.result).toBe('fail');
      expect(one.notes ?? []).toEqual([]);
    }
  });
});

describe('--slice i/n with what explores the full product is a usage error (D-274)', () => {
  for (const args of [['--slice', '1/2', '--no-slice'], ['--no-slice', '--slice', '1/2'], ['--slice', '1/2', '--cross-check', 'spin']]) {
    it(args.join(' '), () => {
      const r = runCli(['check', 'specs/single-stack-backup.yaml', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--slice i\/n checks a share of the slices; it cannot be combined with --(no-slice|cross-check spin)/);
    });
  }
  it('each alone still runs', () => {
    expect(runCli(['check', 'specs/single-stack-backup.yaml', '--slice', '1/2', '--quiet']).code).toBe(0);
    expect(runCli(['check', 'specs/single-stack-backup.yaml', '--no-slice', '--quiet']).code).toBe(0);
  });
});

describe('a JSON report when no spec could be loaded (D-275)', () => {
  it('is an empty list on standard output and in a --report file, never an empty file', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'sysplex: X\nstacks: 3\n');
    const out = runCli(['check', bad, '--format', 'json']);
    expect(out.code).toBe(2);
    expect(JSON.parse(out.stdout)).toEqual([]);
    const file = join(dir, 'r.json');
    writeFileSync(file, '{"stale": true}\n');
    const rep = runCli(['check', bad, '--report', `json=${file}`]);
    expect(rep.code).toBe(2);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });
});

describe('a spec after --properties <path...> (D-276)', () => {
  it('with no spec before it: the missing spec is named as swallowed, with the way out', () => {
    for (const cmd of [['check'], ['simulate']]) {
      const r = runCli([...cmd, '--properties', 'examples/site-properties', 'specs/test-lpar-backup.yaml', ...(cmd[0] === 'simulate' ? ['--events', 'terminate TCPCS'] : [])]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("missing required argument 'spec': --properties takes every path after it, so specs/test-lpar-backup.yaml was read as a property module");
    }
  });
  it('after a spec: refused as a spec file, not a module that failed to load', () => {
    const r = runCli(['check', 'specs/single-stack-backup.yaml', '--properties', 'examples/site-properties', 'specs/test-lpar-backup.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('specs/test-lpar-backup.yaml:1:1: error E_PROPERTY_MODULE: a spec file, not a property module');
    expect(r.stderr).not.toContain('Unknown file extension');
  });
  it('-- ends the list; a missing spec without --properties keeps commander\'s message', () => {
    expect(runCli(['check', '--properties', 'examples/site-properties', '--', 'specs/test-lpar-backup.yaml', '--quiet']).code).toBe(2); // --quiet is a spec after --
    const ok = runCli(['check', '--quiet', '--properties', 'examples/site-properties', '--', 'specs/test-lpar-backup.yaml']);
    expect(ok.code).toBe(1);
    expect(ok.stdout).toContain('specs/test-lpar-backup.yaml: fail');
    expect(runCli(['check']).stderr).toMatch(/^error: missing required argument 'spec'\n/);
  });
});

describe('simulate: why a target event is refused (D-277)', () => {
  it('names what is wrong, not an event group (simulate allows every group)', () => {
    const r = runCli(['simulate', 'specs/distributor-hot-standby.yaml', '--events', 'quiesce-target TCPCS1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("dvipa-verify: event 1: 'quiesce-target TCPCS1': TCPCS1 is no target of a VIPADISTRIBUTE\n");
  });
});

describe('a spec folder that also holds the traces --out wrote (D-278)', () => {
  it('is read without them; a trace named on the command line is still read (and refused as a spec)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plex.yaml'), readFileSync('specs/bad-no-backup.yaml', 'utf8'));
    for (const extra of [[], ['--report', 'itf=-']]) expect(runCli(['check', dir, '--out', dir, '--quiet', ...extra]).code).toBe(0);
    expect(existsSync(join(dir, 'plex.available.trace.json'))).toBe(true);
    expect(existsSync(join(dir, 'plex.available.itf.json'))).toBe(true);
    for (const cmd of [['check', dir, '--quiet'], ['lint', dir]]) {
      const r = runCli(cmd);
      expect(r.stderr, cmd.join(' ')).not.toContain('trace.json');
      expect(r.stderr, cmd.join(' ')).not.toContain('itf.json');
    }
    expect(runCli(['check', dir, '--quiet']).code).toBe(0);
    expect(runCli(['check', join(dir, 'plex.available.trace.json')]).code).toBe(2);
  });
});

describe('init says what its workflow needs (D-279)', () => {
  it('names the install step when the folder\'s package.json does not list dvipa-verify, and only then', () => {
    const bare = tmp();
    const r = runCli(['init', bare]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('next: npm install --save-dev dvipa-verify');
    expect(r.stdout.indexOf('npm install')).toBeLessThan(r.stdout.indexOf('next: npx dvipa-verify check'));
    const project = tmp();
    writeFileSync(join(project, 'package.json'), '{"devDependencies": {"dvipa-verify": "^0.1.0"}}\n');
    const again = runCli(['init', project]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('npm install');
    expect(again.stdout).toContain(`next: npx dvipa-verify check ${join(project, 'sysplex')}/`);
  });
});
