// Long because it holds the small decisions of the ninth session (D-164..D-167, D-176, D-177),
// one describe block each.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveEvent } from '../src/check/events.js';
import { readSavedTrace } from '../src/check/replay.js';
import { DvipaModel } from '../src/model/model.js';
import { controlIn, printable } from '../src/spec/errors.js';
import { lineColumn } from '../src/spec/json-text.js';
import { loadSpecText } from '../src/spec/load.js';
import { NAMES, ROOT, runCli, specFile, tmp } from './helpers.js';

/** Nits of the ninth session (docs/DECISIONS.md D-164 .. D-167). */
const FIX = join(ROOT, 'test/fixtures/nits');
const NAMES_SPEC = readFileSync(join(FIX, 'names.yaml'), 'utf8');
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** line:column where `needle` starts in `text` (found independently of the loader). */
function at(text: string, needle: string): string {
  const i = text.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  const { line, column } = lineColumn(text, i);
  return `${line}:${column}`;
}

/** The spec's errors as `line:column code message`. */
function errorsOf(text: string): string[] {
  const r = loadSpecText(text, 'x.yaml', { propertyNames: NAMES });
  return r.ok ? [] : r.errors.map((e) => printable(`${e.pos.line}:${e.pos.column} ${e.code} ${e.message}`));
}

describe('D-164: control characters in names', () => {
  it('printable escapes C0, DEL and C1 as \\u00xx; controlIn finds the first', () => {
    expect(printable('a\u0000b\u001b[31mc\u007f\u009b\td\ne')).toBe('a\\u0000b\\u001b[31mc\\u007f\\u009b\\u0009d\\u000ae');
    expect(printable('a\u001b\nb\r', true)).toBe('a\\u001b\nb\\u000d');
    expect(printable('TCPCS é ü 201.2.10.11 "x"')).toBe('TCPCS é ü 201.2.10.11 "x"');
    expect(controlIn('web\u0085x')).toEqual({ char: '\u0085', index: 3 });
    expect(controlIn('web clients')).toBeNull();
  });

  // Each name that reports show, with a control character written as a YAML escape.
  const cases: [string, string, string][] = [
    ['sysplex', 'sysplex: PLEX1', 'sysplex: "PL\\x1b[31mEX1"'],
    ['system', 'system: SYS1', 'system: "SY\\0S1"'],
    ['cpc', 'cpc: CPC1', 'cpc: "CPC\\N1"'], // \N: U+0085, a C1 control
    ['application name', '{ name: WEB, port: 80 }', '{ name: "W\\x9bEB", port: 80 }'],
    ['client name', 'name: web clients', 'name: "web\\rclients"'],
  ];
  for (const [what, from, to] of cases) {
    it(`a ${what} with a control character is E_NAME at the name`, () => {
      const text = NAMES_SPEC.replace(from, to);
      expect(text).not.toBe(NAMES_SPEC);
      const errors = errorsOf(text);
      expect(errors).toHaveLength(1);
      const value = to.slice(to.indexOf('"'));
      expect(errors[0]).toMatch(new RegExp(`^${at(text, value)} E_NAME .*must not hold control characters: '.*' has \\\\u00[0-9a-f]{2} at character \\d+$`));
    });
  }

  it('the bundled specs are untouched (their names hold none)', () => {
    expect(errorsOf(NAMES_SPEC)).toEqual([]);
  });

  it('a message that echoes an unknown key shows its control characters escaped; exit 2', () => {
    const r = runCli(['lint', join(FIX, 'unknown-key.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown-key.yaml:6:5: error E_UNKNOWN_KEY: unknown key 'col\\u001b[31mour\\u0000' in a stack");
    expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW_CONTROL);
  });

  it('a rejected name is escaped where the CLI prints it, and nothing raw reaches the terminal', () => {
    const f = specFile(NAMES_SPEC.replace('sysplex: PLEX1', 'sysplex: "PL\\e]0;owned\\aEX1"'));
    const r = runCli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:3:10: error E_NAME: sysplex must not hold control characters: 'PL\\u001b]0;owned\\u0007EX1' has \\u001b at character 3`);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW_CONTROL);
  });

  it('an unknown property of --only and an unknown event operand are echoed escaped (exit 2)', () => {
    const spec = join(FIX, 'names.yaml');
    const only = runCli(['check', spec, '--only', 'take\u001b[2Jover']);
    expect(only.code).toBe(2);
    expect(only.stderr).toContain("unknown property 'take\\u001b[2Jover'");
    expect(only.stderr).not.toMatch(RAW_CONTROL);
    const ev = runCli(['simulate', spec, '--events', 'terminate TC\u001b[31mPCS']);
    expect(ev.code).toBe(2);
    expect(ev.stderr).toContain("no stack named 'TC\\u001b[31mPCS'");
    expect(`${ev.stdout}${ev.stderr}`).not.toMatch(RAW_CONTROL);
    const opt = runCli(['check', spec, '--max-states', '1\u001b[2J']); // commander's own message
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('1\\u001b[2J');
    expect(opt.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('D-165: an application name is one word of the event grammar', () => {
  for (const [why, name] of [['a blank', '"web server"'], ['a tab', '"web\\tserver"'], ['a no-break space', '"web\\u00a0server"'], ["a ';'", '"web;server"'], ['nothing', '""'], ['a trailing blank', '"WEB "']] as const) {
    it(`an application name holding ${why} is E_NAME at the name`, () => {
      const text = NAMES_SPEC.replace('{ name: WEB, port: 80 }', `{ name: ${name}, port: 80 }`);
      const errors = errorsOf(text);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^${at(text, name)} E_NAME `));
      if (why !== 'a tab') expect(errors[0]).toContain('an event names an application as one word (app-stop S A, app-start S A)');
    });
  }

  it('every application of a spec can be named in an event, and a printed trace replays', () => {
    const text = NAMES_SPEC.replace('{ name: WEB, port: 80 }', '{ name: WEB-SERVER_1, port: 80 }');
    const r = loadSpecText(text, join(FIX, 'names.yaml'), { propertyNames: NAMES });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const model = new DvipaModel(r.config, true);
    for (const a of model.actions) expect(resolveEvent(model, a.text).ok && (resolveEvent(model, a.text) as { action: { index: number } }).action.index, a.text).toBe(a.index);
    const dir = tmp();
    const spec = join(dir, 'apps.yaml');
    writeFileSync(spec, text);
    expect(runCli(['check', spec, '--out', dir]).code).toBe(1); // service-available: app-stop TCPCS WEB-SERVER_1
    const replay = runCli(['replay', join(dir, 'apps.service-available.trace.json')]);
    expect(replay.code, replay.stderr).toBe(1);
    expect(replay.stdout).toContain('1. app-stop TCPCS WEB-SERVER_1');
    expect(replay.stdout).toContain('the violation still occurs');
  });

  it('the existing event forms stay: app-stop S A x is still too many operands', () => {
    const r = runCli(['simulate', join(FIX, 'names.yaml'), '--events', 'app-stop TCPCS WEB extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'extra' is too many");
  });
});

describe('D-328: a client name is the rest of an event, as written', () => {
  const WHY = "an event names a client by the rest of its text, blanks at its ends dropped, and ';' separates events (connect C, close S C)";
  for (const [why, name, says] of [['nothing', '""', 'is empty'], ['blanks only', '"   "', 'starts with a blank'], ['a leading blank', '" x"', 'starts with a blank'],
    ['a trailing blank', '"web clients "', 'ends with a blank'], ['a no-break space at the end', '"x\\u00a0"', 'ends with a blank'], ["a ';'", '"web;clients"', "holds a ';'"]] as const) {
    it(`a client name holding ${why} is E_NAME at the name`, () => {
      const text = NAMES_SPEC.replace('name: web clients', `name: ${name}`);
      const errors = errorsOf(text);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^${at(text, name)} E_NAME client name '.*' ${says}: `));
      expect(errors[0]).toContain(WHY);
    });
  }

  it('blanks inside a name stay (D-52), a missing name is "<dvipa>:<port>" (SPEC §1); every client can be named in an event', () => {
    for (const [from, to, named] of [['name: web clients', 'name: web  clients', 'web  clients'], ['{ name: web clients, ', '{ ', '201.2.10.11:80']] as const) {
      const r = loadSpecText(NAMES_SPEC.replace(from, to), join(FIX, 'names.yaml'), { propertyNames: NAMES });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.config.clients.map((c) => c.name)).toEqual([named]);
      expect(resolveEvent(new DvipaModel(r.config, true), `connect ${named}`).ok).toBe(true);
    }
  });

  it('check: exit 2 at the name, no stack trace (before: exit 0, and the trace it wrote did not replay)', () => {
    const f = specFile(NAMES_SPEC.replace('name: web clients', 'name: " x "'));
    const r = runCli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:28:13: error E_NAME: client name ' x ' starts with a blank: ${WHY} (write it without blanks at its ends and without ';', or leave out name for the default 201.2.10.11:80)`);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);
  });
});

describe('D-166: import to standard output names <stdout> and the printed line', () => {
  it('lint findings on the printed spec name <stdout>:line:column of what stdout holds, and the input line', () => {
    const cwd = tmp();
    const r = runCli(['import', join(ROOT, 'test/fixtures/import/netstat')], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('imported.yaml');
    const printed = r.stdout.split('\n');
    const lint = r.stderr.split('\n').filter((l) => l.startsWith('lint: '));
    expect(lint.length).toBeGreaterThan(0);
    for (const l of lint) {
      const m = /^lint: <stdout>:(\d+):(\d+): (error|warning): .* \(from (\S+):(\d+)\)$/.exec(l);
      expect(m, l).not.toBeNull();
      const [line, column] = [Number(m![1]), Number(m![2])];
      const text = printed[line - 1]!;
      expect(text.length, l).toBeGreaterThanOrEqual(column);
      expect(text[column - 1], l).not.toBe(' ');
      expect(text, l).toContain(`${m![4]}:${m![5]}`); // the printed line's own comment names that input line
      expect(readFileSync(join(cwd, m![4]!), 'utf8').split('\n').length).toBeGreaterThanOrEqual(Number(m![5]));
    }
  });

  it('with -o the findings name the written file, as before', () => {
    const cwd = tmp();
    const r = runCli(['import', join(ROOT, 'test/fixtures/import/netstat'), '-o', 'plex.yaml'], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^lint: .*\/plex\.yaml:\d+:\d+: error: /m);
    expect(r.stderr).not.toContain('<stdout>');
  });
});

describe('D-167: a replay that stops being possible is exit 2 at the trace step', () => {
  let dir = '';
  let trace = '';
  let itf = '';
  const source = readFileSync(join(ROOT, 'specs/bad-missing-dynamicxcf.yaml'), 'utf8');
  beforeAll(() => {
    dir = tmp();
    expect(runCli(['check', join(ROOT, 'specs/bad-missing-dynamicxcf.yaml'), '--out', dir]).code).toBe(0); // its expect is met
    expect(runCli(['check', join(ROOT, 'specs/bad-missing-dynamicxcf.yaml'), '--out', dir, '--format', 'itf']).code).toBe(0);
    trace = join(dir, 'bad-missing-dynamicxcf.connections-preserved.trace.json');
    itf = join(dir, 'bad-missing-dynamicxcf.connections-preserved.itf.json');
  });

  /** line:column of the n-th (0-based) occurrence of `needle`'s value. */
  function valueAt(text: string, needle: string, nth: number): string {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    expect(i, needle).toBeGreaterThanOrEqual(0);
    const { line, column } = lineColumn(text, i + needle.length);
    return `${line}:${column}`;
  }

  it('an event no longer enabled: exit 2, E_TRACE_STOPS at the step\'s event, not "no longer occurs"', () => {
    const gone = join(dir, 'gone.yaml');
    writeFileSync(gone, source.replace('VIPABACKUP 100 201.2.10.11', 'VIPABACKUP 100 201.2.10.99'));
    const r = runCli(['replay', trace, '--spec', gone]);
    expect(r.code).toBe(2);
    const text = readFileSync(trace, 'utf8');
    expect(r.stderr.trim()).toBe(`${trace}:${valueAt(text, '"event": ', 3)}: error E_TRACE_STOPS: step 3 of the trace ('connect web clients') cannot be replayed against ${gone}: 201.2.10.11 is Active nowhere (the trace is of another spec, or the spec changed since it was written: check the spec again for a current trace)`);
    expect(r.stdout).toContain("the trace stops being possible at step 3 ('connect web clients'): 201.2.10.11 is Active nowhere");
    expect(r.stdout).toContain('result: the trace does not apply to this spec: it stops at step 3, before its violation');
    expect(r.stdout).not.toContain('no longer occurs');
    const j = runCli(['replay', trace, '--spec', gone, '--format', 'json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toMatchObject({ stillViolates: false, stoppedAt: { step: 3, event: 'connect web clients', why: '201.2.10.11 is Active nowhere' } });
    expect(j.stderr).toContain('error E_TRACE_STOPS: step 3');
  });

  it('an event naming what the spec lacks: exit 2 at that event (JSON and ITF traces), its name escaped', () => {
    const t = JSON.parse(readFileSync(trace, 'utf8'));
    t.steps[1].event = 'terminate TC\u001bPCS9';
    const bad = join(dir, 'other.trace.json');
    const text = `${JSON.stringify(t, null, 2)}\n`;
    writeFileSync(bad, text);
    expect(typeof readSavedTrace(bad)).toBe('object'); // a well-formed trace (D-153)
    const r = runCli(['replay', bad, '--spec', join(ROOT, 'specs/bad-missing-dynamicxcf.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:${valueAt(text, '"event": ', 1)}: error E_TRACE_STOPS: step 1 of the trace ('terminate TC\\u001bPCS9') cannot be replayed against`);
    expect(r.stderr).toContain(": no stack named 'TC\\u001bPCS9' (stacks: TCPCS, TCPCS3)");
    expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW_CONTROL);
    const i = JSON.parse(readFileSync(itf, 'utf8'));
    i.states[2]['mbt::actionTaken'] = 'terminate TCPCS9';
    const badItf = join(dir, 'other.itf.json');
    const itext = `${JSON.stringify(i, null, 2)}\n`;
    writeFileSync(badItf, itext);
    const s = runCli(['replay', badItf, '--spec', join(ROOT, 'specs/bad-missing-dynamicxcf.yaml')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`${badItf}:${valueAt(itext, '"mbt::actionTaken": ', 2)}: error E_TRACE_STOPS: step 2 of the trace ('terminate TCPCS9')`);
  });

  it('a fixed spec that still allows every step: the violation is gone, exit 0, as before', () => {
    const fixed = join(dir, 'fixed.yaml');
    writeFileSync(fixed, source.replace('IPCONFIG DATAGRAMFWD', 'IPCONFIG DYNAMICXCF 193.9.200.3 255.255.255.0 1'));
    const r = runCli(['replay', trace, '--spec', fixed]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the violation no longer occurs');
    expect(r.stderr).toBe('');
  });
});

describe('D-176: a profileFile is cited as the spec names it', () => {
  it('relative to where the spec was named from, in findings and traces (no absolute path)', () => {
    const d = tmp();
    const sub = join(d, 'site');
    mkdirSync(join(sub, 'tcpparms'), { recursive: true });
    writeFileSync(join(sub, 'tcpparms', 'PROFA'), 'VIPADYNAMIC\n  VIPADEFINE 255.255.255.0 10.1.1.1\nENDVIPADYNAMIC\nBOGUS STATEMENT\n');
    writeFileSync(join(sub, 'plex.yaml'), 'sysplex: P\nstacks:\n  - name: TCPA\n    profileFile: tcpparms/PROFA\n    applications: [{ name: WEB, port: 80 }]\n');
    const r = runCli(['check', 'site/plex.yaml'], d);
    expect(`${r.stdout}${r.stderr}`).toContain('site/tcpparms/PROFA:');
    expect(`${r.stdout}${r.stderr}`).not.toContain(d);
  });
});

describe('GitHub annotations of a failing run without a counterexample', () => {
  it('an empty result at its first rejected statement, an unmet expect block at the block', () => {
    const d = tmp();
    writeFileSync(join(d, 'e.yaml'), 'sysplex: P\nstacks:\n  - name: A\n    profile: |\n      VIPADYNAMIC\n        VIPADEFINE 255.255.255.0 10.1.1.1\n      ENDVIPADYNAMIC\n    applications: [{ name: WEB, port: 80 }]\nexpect:\n  violated: [takeback]\n');
    writeFileSync(join(d, 'm.yaml'), 'sysplex: P\nstacks:\n  - name: A\n    profile: |\n      VIPADYNAMIC\n        VIPADEFINE 255.255.255.0 10.1.1.999\n      ENDVIPADYNAMIC\n');
    const r = runCli(['check', 'e.yaml', 'm.yaml', '--quiet'], d, { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('::'));
    expect(lines).toContain('::error title=dvipa-verify%3A expect block not met,file=e.yaml,line=10,col=3::the spec expects takeback to be violated, but every reachable state was explored and it holds');
    expect(lines.some((l) => l.startsWith('::error title=dvipa-verify%3A nothing to verify,file=m.yaml,line=6,col='))).toBe(true);
  });
});

describe('D-176 for import: findings name the inputs as they were named', () => {
  it('relative inputs and -o: every finding on stderr is cited relative, none by the absolute folder', () => {
    const cwd = tmp();
    cpSync(join(ROOT, 'test/fixtures/import/site'), join(cwd, 'in'), { recursive: true });
    const r = runCli(['import', 'in', '-o', 'plex.yaml'], cwd);
    const cited = r.stderr.split('\n').filter((l) => /^(lint: )?\S+:\d+:\d+: /.test(l));
    expect(cited.length).toBeGreaterThan(0);
    expect(r.stderr).not.toContain(cwd);
    for (const l of cited) expect(l, l).toMatch(/^(lint: )?(in\/|plex\.yaml:)/);
  });
});
