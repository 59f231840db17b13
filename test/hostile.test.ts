// Long because it is the one list of hostile inputs (items 1-11 of the hostile-input issue), each
// item a describe block: property modules, output paths, odd files, YAML, limits.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, type CheckReport } from '../src/check/check.js';
import { loadSpecText } from '../src/spec/load.js';
import { chainSpec, config, ROOT, runCli, specFile, tmp } from './helpers.js';

/** Issue 20: hostile input and use. Each case: exit code, message and position; never exit 70. */
const FX = join(ROOT, 'test/fixtures/hostile');
const fx = (f: string): string => join(FX, f);
const dirs: string[] = [FX];
const scratch = (): string => { const d = tmp(); dirs.push(d); return d; };

function cli(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = runCli(args, cwd);
  expect(r.code, r.stderr).not.toBe(70);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);
  return r;
}

/** No run left a temporary file behind (writeAtomic's `<name>.<pid>.tmp`) anywhere it wrote. */
afterAll(() => {
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  for (const d of dirs) expect(walk(d).filter((f) => f.endsWith('.tmp')), d).toEqual([]);
});

describe('property modules that go wrong (items 1-3)', () => {
  for (const args of [[], ['--workers', '2', '--no-slice'], ['--workers', '2']]) {
    it(`a property that throws a TypeError: exit 2 at its line (${args.join(' ') || 'one worker'})`, () => {
      const r = cli(['check', fx('ok.yaml'), '--properties', fx('prop-throws.mjs'), ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${fx('prop-throws.mjs')}:6:19: error E_PROPERTY_THREW: property 'thrower'`);
      expect(r.stderr).toContain('threw: property bug');
    });
  }

  for (const [file, name, at] of [['prop-throw-null.mjs', 'throws-null', '5:9'], ['prop-throw-undefined.mjs', 'throws-undefined', '5:9']] as const) {
    for (const args of [[], ['--workers', '2', '--no-slice']]) {
      it(`${file}: exit 2 where the module names the property (${args.join(' ') || 'one worker'})`, () => {
        const r = cli(['check', fx('ok.yaml'), '--properties', fx(file), ...args]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${fx(file)}:${at}: error E_PROPERTY_THREW: property '${name}'`);
        expect(r.stderr).toMatch(/threw (null|undefined) \(not an Error/);
      });
    }
  }

  it('a throw in simulate is exit 2 too', () => {
    const r = cli(['simulate', fx('ok.yaml'), '--events', 'terminate TCPCS', '--properties', fx('prop-throw-null.mjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('prop-throw-null.mjs')}:5:9: error E_PROPERTY_THREW`);
  });

  it('a syntax error is reported at its line and column, not 1:1', () => {
    const r = cli(['check', fx('ok.yaml'), '--properties', fx('prop-syntax.mjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('prop-syntax.mjs')}:4:36: error E_PROPERTY_MODULE: cannot load property module: Unexpected identifier 'check'`);
  });
});

describe('output paths (item 4): exit 2 with a clear message, checked first, no *.tmp left', () => {
  it('--out naming an existing file', () => {
    const d = scratch();
    writeFileSync(join(d, 'existing'), 'x');
    const r = cli(['check', 'specs/bad-no-backup.yaml', '--out', join(d, 'existing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${join(d, 'existing')} is an existing file; give a folder`);
    expect(r.stdout).toBe(''); // refused before exploring
  });

  it('--out --force where a trace path is a folder', () => {
    const d = scratch();
    mkdirSync(join(d, 'bad-no-backup.available.trace.json'));
    const r = cli(['check', 'specs/bad-no-backup.yaml', '--out', d, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(d, 'bad-no-backup.available.trace.json')} is a folder; not replaced (give a file name)`);
  });

  it('export -o folder --force, and -o under a file', () => {
    const d = scratch();
    let r = cli(['export', 'specs/bad-no-backup.yaml', '--to', 'promela', '-o', d, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${d} is a folder; not replaced (give a file name)`);
    writeFileSync(join(d, 'f'), 'x');
    r = cli(['export', 'specs/bad-no-backup.yaml', '--to', 'promela', '-o', join(d, 'f', 'model.pml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the folder ${join(d, 'f')} is an existing file`);
  });
});

describe('what z/OS cannot have (item 5): exit 2 before anything is built; DVIPAs past a stack\'s limit rejected (D-331)', () => {
  const cases: [string, string, string][] = [
    ['too-many-stacks.yaml', '260:5', '257 stacks: a sysplex has at most 32 systems of at most 8 TCP/IP stacks each (256 stacks)'],
    ['too-many-systems.yaml', '68:5', 'stack S32 is on system SYS32, system number 33: a sysplex has at most 32 systems'],
    ['nine-stacks-one-system.yaml', '20:5', 'stack S8 is TCP/IP stack number 9 on system SYS1: a system runs at most 8 (Common INET)'],
  ];
  for (const [file, at, msg] of cases) {
    it(file, () => {
      for (const cmd of [['check'], ['lint'], ['export', '--to', 'promela']]) {
        const r = cli([cmd[0]!, fx(file), ...cmd.slice(1)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${fx(file)}:${at}: error E_LIMIT: ${msg}`);
      }
    });
  }

  // D-331 (D-90 revised): DVIPAs past 1024 on a stack are a profile's errors, rejected as z/OS rejects them
  const TOO_MANY = 'the stack has 1024 DVIPAs (VIPADEFINE and VIPABACKUP) already, as many as z/OS allows: rejected (EZZ8309I TOO MANY VIPAS)';
  it('too-many-dvipas.yaml: lint exits 1 at the definition past 1024 (before: exit 2, E_LIMIT)', () => {
    const l = cli(['lint', fx('too-many-dvipas.yaml')]);
    expect(l.code).toBe(1);
    expect(l.stdout).toContain(`${fx('too-many-dvipas.yaml')}:1031:24: error: [A] 10.4.24.1 of this VIPABACKUP: ${TOO_MANY}`);
  });

  it('too-many-dvipas.yaml: check says so and goes on with the first 1024 (exit 0)', () => {
    const c = cli(['check', fx('too-many-dvipas.yaml'), '--only', 'single-owner']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(`${fx('too-many-dvipas.yaml')}:1031:24: error: [A] 10.4.24.1 of this VIPABACKUP: ${TOO_MANY}`);
    expect(c.stdout).toContain('sysplex P, 1 stack(s), 1024 DVIPA(s), 0 client(s)');
  });

  it('the first 1024 in profile order stay, IPv6 ones count, a VIPADELETE frees a place, a repeat takes none', () => {
    const v4 = Array.from({ length: 1020 }, (_, i) => `10.1.${(i / 250) | 0}.${(i % 250) + 1}`);
    const text = `sysplex: P\nstacks:\n  - name: A\n    profile: |\n      VIPADYNAMIC\n        VIPADEFINE 255.255.255.0 ${v4.join(' ')}\n`
      + '        VIPADEFINE MOVEABLE IMMEDIATE DVIPA6 2001:db8::1\n        VIPADELETE 10.1.0.1\n        VIPADEFINE 255.255.255.0 10.1.0.2\n'
      + '        VIPABACKUP 100 10.2.0.1 10.2.0.2 10.2.0.3 10.2.0.4 10.2.0.5 10.2.0.6\n        VIPABACKUP 100 10.2.0.7\n      ENDVIPADYNAMIC\n';
    const r = loadSpecText(text, 'x.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const defs = r.config.stacks[0]!.defs.map((d) => d.address);
    expect(defs).toHaveLength(1024);
    expect(defs.slice(-5)).toEqual(['10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4', '2001:db8::1']);
    expect(defs).not.toContain('10.1.0.1');
    expect(r.config.findings.filter((f) => f.severity === 'error').map((f) => `${f.pos.line}:${f.pos.column} ${f.code} ${f.message}`)).toEqual([
      `10:60 too-many-vipas 10.2.0.5 and the 1 address(es) after it (up to 10.2.0.6) of this VIPABACKUP: ${TOO_MANY}`,
      `11:24 too-many-vipas 10.2.0.7 of this VIPABACKUP: ${TOO_MANY}`,
    ]);
  });

  it('--timeout holds from the first byte: a DVIPA backed up by 100 stacks stops in time (exit 3)', () => {
    const t0 = Date.now();
    const r = cli(['check', fx('hundred-backups.yaml'), '--timeout', '1', '--only', 'takeover']);
    const took = (Date.now() - t0) / 1000;
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('INCOMPLETE: the --timeout limit was reached');
    expect(took).toBeLessThan(8); // node's start-up and a loaded machine; the run itself was 7.5-10 s before
  }, 30_000);

  it('--max-memory holds from the first byte too (exit 3, memory)', () => {
    const t0 = Date.now();
    const r = cli(['check', fx('hundred-backups.yaml'), '--max-memory', '150', '--only', 'takeover', '--no-slice', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).termination).toBe('memory');
    expect((Date.now() - t0) / 1000).toBeLessThan(15); // 200 stacks under --max-memory 300 took 52 s and 2.3 GB before
  }, 30_000);

  it('--timeout with two workers: the workers building the model are held to it too', () => {
    const t0 = Date.now();
    const r = cli(['check', fx('hundred-backups.yaml'), '--timeout', '1', '--only', 'takeover', '--workers', '2', '--no-slice']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('INCOMPLETE: the --timeout limit was reached');
    expect((Date.now() - t0) / 1000).toBeLessThan(8);
  }, 30_000);
});

describe('the spec named is a FIFO (D-91)', () => {
  it('nothing writes to it: refused at once, alone or in a folder, not waited for', () => {
    const d = scratch();
    expect(spawnSync('mkfifo', [join(d, 'plex.yaml')]).status).toBe(0);
    for (const arg of [join(d, 'plex.yaml'), d]) {
      const r = cli(['check', arg]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${join(d, 'plex.yaml')}:1:1: error E_FILE: cannot read spec file: is a FIFO that nothing writes to (or that ended empty): nothing to read`);
    }
  });

  it('a pipe that writes late is read (bash <(sleep 1; cat spec))', () => {
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(join(ROOT, 'dist/src/cli/main.js'))} check <(sleep 1; cat ${JSON.stringify(join(ROOT, 'specs/bad-no-backup.yaml'))})`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(expect violated: [available]: met)');
  });
});

describe('profileFile naming what is not a regular file (item 6)', () => {
  const copy = (): string => { const d = scratch(); copyFileSync(fx('profile-special.yaml'), join(d, 'spec.yaml')); return d; };

  it('a FIFO: refused at once, not read (it would block)', () => {
    const d = copy();
    expect(spawnSync('mkfifo', [join(d, 'special.txt')]).status).toBe(0);
    const r = cli(['check', join(d, 'spec.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(d, 'spec.yaml')}:5:18: error E_PROFILE_FILE: cannot read profileFile 'special.txt' of stack A: is not a regular file (a FIFO, a device or a socket); only regular files of at most 4 MiB are read`);
  });

  it('a file larger than the limit (the limit named)', () => {
    const d = copy();
    writeFileSync(join(d, 'special.txt'), '');
    truncateSync(join(d, 'special.txt'), 5 * 1024 * 1024);
    const r = cli(['lint', join(d, 'spec.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(d, 'spec.yaml')}:5:18: error E_PROFILE_FILE: cannot read profileFile 'special.txt' of stack A: is 5242880 bytes, more than the 4 MiB limit`);
  });

  it('/dev/zero (through a link in the folder) and a folder', () => {
    const d = copy();
    spawnSync('ln', ['-s', '/dev/zero', join(d, 'special.txt')]);
    let r = cli(['check', join(d, 'spec.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(d, 'spec.yaml')}:5:18: error E_PROFILE_FILE: cannot read profileFile 'special.txt' of stack A: is not a regular file`);
    r = cli(['check', fx('profile-folder.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('profile-folder.yaml')}:5:18: error E_PROFILE_FILE: cannot read profileFile 'outside' of stack A: is a folder, not a file`);
  });

  it('a trace file or a property module that is /dev/zero', () => {
    let r = cli(['replay', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero:1:1: error E_FILE: cannot read the trace: is more than the 64 MiB limit');
    r = cli(['check', fx('ok.yaml'), '--properties', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero:1:1: error E_PROPERTY_MODULE: a property module must be a regular file');
  });

  it('a spec file that is /dev/zero ends at the spec size limit', () => {
    const r = cli(['lint', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero:1:1: error E_FILE: cannot read spec file: is more than the 8 MiB limit');
  });
});

describe('YAML (items 7-9)', () => {
  it('aliases are resolved: the same report as the spec written out', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(fx('alias.yaml'), 'utf8');
    const plain = specFile(text.replace('applications: &apps', 'applications:').replace('applications: *apps', 'applications:\n      - { name: WEB, port: 80 }'));
    const a = cli(['check', fx('alias.yaml'), '--format', 'json']);
    const b = cli(['check', plain, '--format', 'json']);
    expect(a.code).toBe(b.code);
    expect(a.stderr).toBe('');
    const strip = (s: string): unknown => ({ ...JSON.parse(s), spec: '', seconds: 0 });
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(JSON.parse(a.stdout).properties.find((p: { name: string }) => p.name === 'service-available').status).toBe('holds');
  });

  it('an alias bomb stops at the yaml package\'s alias limit', () => {
    const r = cli(['check', fx('alias-bomb.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('alias-bomb.yaml')}:3:8: error E_YAML: too many aliases expand too far (the yaml package's limit of 100 against alias bombs)`);
  });

  it('D-330: an alias without its anchor says so, at that alias (before: "too many aliases ... alias bombs")', () => {
    const f = specFile('sysplex: &p P\nstacks:\n  - name: *p\n    system: *nope\n');
    const r = cli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:4:13: error E_YAML: alias *nope has no anchor &nope before it: an alias stands for the node its anchor marks, and the anchor must come first`);
    expect(r.stderr).not.toContain('alias bomb');
    const late = specFile('sysplex: *p\nstacks:\n  - name: &p A\n'); // the anchor after its alias
    expect(cli(['lint', late]).stderr).toContain(`${late}:1:10: error E_YAML: alias *p has no anchor &p before it`);
  });

  it('D-330: a lone CR is a line break (YAML 1.2): the same configuration as with LF (before: "the spec must be a mapping")', () => {
    const text = readFileSync(join(ROOT, 'specs/single-stack-backup.yaml'), 'utf8');
    const cr = loadSpecText(text.replace(/\n/g, '\r'), 'x.yaml');
    const lf = loadSpecText(text, 'x.yaml');
    expect(cr.ok && lf.ok).toBe(true);
    expect(cr.ok && JSON.stringify(cr.config)).toBe(lf.ok && JSON.stringify(lf.config)); // positions included
  });

  it('D-330: with CR, CRLF and LF mixed, errors in the spec and in its inline profile are at the lines and columns of LF (exit 2)', () => {
    const text = readFileSync(join(ROOT, 'specs/single-stack-backup.yaml'), 'utf8').replace('    system: SYS3', '    sytem: SYS3').replace('VIPABACKUP 100', 'VIPABACKUP 300');
    let k = 0;
    const f = specFile(text.replace(/\n/g, () => ['\r', '\r\n', '\n'][k++ % 3]!));
    const r = cli(['lint', f]);
    expect(r.code).toBe(2);
    const lf = loadSpecText(text, f);
    expect(lf.ok).toBe(false);
    const said = lf.ok ? [] : [...(lf.findings ?? []).map((x) => `${f}:${x.pos.line}:${x.pos.column}: error: [TCPCS3] syntax error`), ...lf.errors.map((e) => `${f}:${e.pos.line}:${e.pos.column}: error E_UNKNOWN_KEY`)];
    expect(said).toEqual([`${f}:22:20: error: [TCPCS3] syntax error`, `${f}:17:5: error E_UNKNOWN_KEY`]);
    for (const x of said) expect(r.stderr).toContain(x);
  });

  it('D-335: a profileFile and an INCLUDEd member with lone CRs are read line by line, errors at their lines and columns', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'p.txt'), 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\rIPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1\rINCLUDE m.txt\rVIPADYNAMIC\r  VIPADEFINE 255.255.255.0 10.1.1.1\r  VIPABACKUP 100 10.1.1.9 x\rENDVIPADYNAMIC\r');
    writeFileSync(join(dir, 'm.txt'), '; a member\rIPCONFIG BOGUS\r');
    writeFileSync(join(dir, 's.yaml'), 'sysplex: P\nstacks:\n  - name: A\n    system: SA\n    profileFile: p.txt\n');
    const r = cli(['lint', join(dir, 's.yaml')]);
    expect(r.stdout + r.stderr).toContain('p.txt:6:27: error: [A] syntax error in VIPABACKUP');
    expect(r.stdout + r.stderr).toMatch(/m\.txt:2:\d+: /);
  });

  it('names are strings as written: 1e3, 0x10, 010 stay so', () => {
    const r = cli(['lint', fx('names-as-written.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('names-as-written.yaml')}:7:11: error E_DUPLICATE: stack name '010' is used twice`);
    const f = specFile('sysplex: 0x1F\nstacks:\n  - name: 1e3\n  - name: 0x10\n');
    const s = cli(['simulate', f, '--events', 'terminate 1e3']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`${f}: sysplex 0x1F`);
    expect(s.stdout).toContain('1e3: joined -> down');
    expect(s.stdout).toContain('now: 1e3 down, 0x10 joined');
  });

  it('100,000 nested [: nesting too deep, where the excess starts', () => {
    const r = cli(['check', fx('deep.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('deep.yaml')}:3:72: error E_YAML: nesting too deep: the list or mapping starting here is nested more than 64 levels deep`);
  });
});

describe('positions of profile errors in every scalar style (item 10)', () => {
  const rank = 'syntax error in VIPABACKUP: rank 300 is outside 1..254';
  for (const [file, at] of [['pos-plain.yaml', '7:18'], ['pos-double.yaml', '5:41'], ['pos-double-lines.yaml', '6:18'], ['pos-literal4.yaml', '7:24'], ['pos-folded.yaml', '8:20']]) {
    it(file, () => {
      const r = cli(['lint', fx(file!)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${fx(file!)}:${at}: error: [A] ${rank}`);
    });
  }
  it('after a flow mapping line', () => {
    const r = cli(['lint', fx('pos-flow-after.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('pos-flow-after.yaml')}:8:28: error E_PROPERTY: unknown property 'nope' in expect.violated`);
  });
});

describe('--max-states with one and two workers (item 11)', () => {
  it('cuts at the same place: the same JSON report but for the seconds', () => {
    const f = specFile(chainSpec(4, 2, 1), 'chain-4-2-1.yaml');
    const run = (w: string): unknown => {
      const r = cli(['check', f, '--no-slice', '--max-states', '10000', '--workers', w, '--format', 'json']);
      expect(r.code).toBe(1);
      return { ...JSON.parse(r.stdout), seconds: 0 };
    };
    const one = run('1') as { states: number; transitions: number; depth: number };
    expect([one.states, one.transitions, one.depth]).toEqual([10000, 82864, 12]);
    expect(run('2')).toEqual(one);
  }, 60_000);

  it('at every limit, down to the initial states alone: counts, verdicts and traces of 1, 2 and 3 workers equal', async () => {
    const cfg = config(chainSpec(3, 2, 1));
    const summary = (r: CheckReport): unknown => ({ ...r, seconds: 0, storeBytes: 0 });
    for (const maxStates of [1, 2, 3, 7, 40, 333, 1000, 2500]) {
      const one = await check(cfg, { slice: false, maxStates });
      expect(one.states, `--max-states ${maxStates}`).toBe(Math.min(maxStates, one.states));
      for (const workers of [2, 3]) expect(summary(await check(cfg, { slice: false, maxStates, workers })), `--max-states ${maxStates} --workers ${workers}`).toEqual(summary(one));
    }
  }, 120_000);
});

describe('smaller items (12)', () => {
  it('--max-states 0 and --workers above 64 are refused', () => {
    let r = cli(['check', fx('ok.yaml'), '--max-states', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-states must be a whole number of at least 1, not '0'");
    r = cli(['check', fx('ok.yaml'), '--workers', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--workers must be a whole number from 1 to 64, not '1000'");
  });

  it('random mode honours --max-memory', () => {
    const r = cli(['check', fx('ok.yaml'), '--mode', 'random', '--max-memory', '1', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).termination).toBe('memory');
  });

  it('check and lint of a folder without specs name the folder', () => {
    const d = scratch();
    for (const cmd of ['check', 'lint']) {
      const r = cli([cmd, d]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`no spec files (.yaml, .yml, .json) in ${d}`);
    }
  });

  it('a profileFile outside the spec\'s folder is read as named and said so plainly, echoing no line of it (D-92)', () => {
    const r = cli(['lint', fx('outside/spec.yaml')]);
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain(`${fx('outside/spec.yaml')}:5:18: info: [A] profileFile '../outside-secret.txt' is outside the spec's folder ${join(FX, 'outside')}; read as named: ${join(FX, 'outside-secret.txt')}`);
    expect(`${r.stdout}${r.stderr}`).not.toContain('root:x:0:0');
  });
});
