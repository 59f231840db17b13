import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEvent, resolveEvent } from '../src/check/events.js';
import { readSavedTrace } from '../src/check/replay.js';
import { simulate } from '../src/check/simulate.js';
import { DvipaModel } from '../src/model/model.js';
import { jsonSyntaxError, jsonValueOffset, lineColumn } from '../src/spec/json-text.js';
import { loadFile, NAMES, ROOT, runCli, tmp } from './helpers.js';

/** D-153: a written trace that is not one is exit 2 at the line and column of the bad value; one event grammar. */
const SPEC = join(ROOT, 'specs/bad-no-backup.yaml');
let dir = '';
let jsonTrace: Record<string, unknown>;
let itfTrace: Record<string, unknown>;

beforeAll(() => {
  dir = tmp();
  expect(runCli(['check', SPEC, '--out', dir]).code).toBe(0); // its expect block is met
  expect(runCli(['check', SPEC, '--out', dir, '--format', 'itf']).code).toBe(0);
  jsonTrace = JSON.parse(readFileSync(join(dir, 'bad-no-backup.available.trace.json'), 'utf8'));
  itfTrace = JSON.parse(readFileSync(join(dir, 'bad-no-backup.available.itf.json'), 'utf8'));
});

/** Writes a changed copy of a trace (as --out writes them: two-space JSON); its path and text. */
function corrupt(name: string, base: () => Record<string, unknown>, change: (d: any) => void): { file: string; text: string } {
  const d = structuredClone(base());
  change(d);
  const text = `${JSON.stringify(d, null, 2)}\n`;
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, text };
}

/** line:column of the value after `needle` (a `"key": ` as written), found independently of the code under test. */
function after(text: string, needle: string, nth = 0): string {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  const { line, column } = lineColumn(text, at + needle.length);
  return `${line}:${column}`;
}

function replay(file: string): { code: number; stdout: string; stderr: string } {
  const r = runCli(['replay', file, '--spec', SPEC]);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|no longer occurs|\n\s+at .*:\d+:\d+\)?\n/);
  return r;
}

describe('one reader of events for simulate and replay (SPEC §3)', () => {
  it('every event of every bundled spec reads back as itself', () => {
    for (const f of readdirSync(join(ROOT, 'specs')).filter((x) => x.endsWith('.yaml'))) {
      const model = new DvipaModel(loadFile(join(ROOT, 'specs', f)), true);
      for (const a of model.actions) {
        const r = resolveEvent(model, a.text);
        expect(r.ok && r.action.index, `${f}: ${a.text}`).toBe(a.index);
      }
    }
  });

  it('an event takes exactly its operands; a client is the rest of the event (D-52)', () => {
    const msg = (t: string): string => { const p = parseEvent(t); return p.ok ? 'ok' : p.message; };
    expect(msg('terminate TCPCS TCPCS2')).toBe("'terminate TCPCS TCPCS2': too many operands: terminate takes 1 operand, a stack (terminate S); 'TCPCS2' is too many");
    expect(msg('app-stop TCPCS WEB extra')).toBe("'app-stop TCPCS WEB extra': too many operands: app-stop takes 2 operands, a stack and an application (app-stop S A); 'extra' is too many");
    expect(msg('deactivate A 201.2.10.11 x y')).toContain("'x y' are too many");
    expect(msg('quiesce-target A B')).toContain('quiesce-target takes 1 operand');
    expect(msg('terminate')).toBe("'terminate': terminate needs a stack name (terminate S)");
    expect(msg('reactivate A')).toBe("'reactivate A': reactivate needs a DVIPA after the stack (reactivate S D)");
    expect(msg('app-start A')).toContain('app-start needs an application after the stack (app-start S A)');
    expect(msg('close A')).toContain('close needs a client after the stack (close S C)');
    expect(msg('connect')).toContain('connect needs a client (connect C)');
    expect(msg('  ')).toMatch(/^an empty event \(events: start S, terminate S, /);
    expect(msg('explode A')).toContain("unknown event 'explode'");
    expect(parseEvent('close A web  clients')).toEqual({ ok: true, event: { kind: 'close', stack: 'A', client: 'web  clients' } });
    expect(parseEvent('connect 201.2.10.11:80')).toEqual({ ok: true, event: { kind: 'connect', client: '201.2.10.11:80' } });
    expect(parseEvent('TERMINATE a')).toEqual({ ok: true, event: { kind: 'terminate', stack: 'a' } });
  });

  it('simulate: an extra operand is an error naming the event and its form (exit 2)', () => {
    const cfg = loadFile(SPEC);
    const r = simulate(cfg, 'terminate TCPCS TCPCS2');
    expect(r.ok === false && r.message).toBe("event 1: 'terminate TCPCS TCPCS2': too many operands: terminate takes 1 operand, a stack (terminate S); 'TCPCS2' is too many");
    const s = runCli(['simulate', SPEC, '--events', 'terminate TCPCS; app-stop TCPCS2 WEB extra']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("dvipa-verify: event 2: 'app-stop TCPCS2 WEB extra': too many operands: app-stop takes 2 operands, a stack and an application (app-stop S A); 'extra' is too many");
    expect(runCli(['simulate', SPEC, '--events', 'terminate TCPCS extra']).code).toBe(2);
  });
});

describe('a JSON trace that is not one: exit 2 at the bad value', () => {
  for (const [name, value, says] of [
    ['null', null, 'the event of step 1 must be a string holding one event (SPEC §3), not null'],
    ['42', 42, 'the event of step 1 must be a string holding one event (SPEC §3), not the number 42'],
    ['an object', { kind: 'terminate' }, 'the event of step 1 must be a string holding one event (SPEC §3), not an object ({"kind":"terminate"})'],
    ['several events', 'terminate TCPCS; start TCPCS', "the event of step 1 holds 2 events separated by ';' ('terminate TCPCS; start TCPCS'): a trace has one event per step"],
    ['an extra operand', 'terminate TCPCS TCPCS2', "the event of step 1: 'terminate TCPCS TCPCS2': too many operands"],
    ['an unknown event', 'explode TCPCS', "the event of step 1: 'explode TCPCS': unknown event 'explode'"],
  ] as const) {
    it(`a step event that is ${name}`, () => {
      const { file, text } = corrupt(`event-${name}.trace.json`, () => jsonTrace, (d) => { d.steps[1].event = value; });
      const r = replay(file);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}:${after(text, '"event": ', 1)}: error E_TRACE_EVENT: ${says}`);
    });
  }

  it('a step without "event", a step that is no object', () => {
    let t = corrupt('no-event.trace.json', () => jsonTrace, (d) => { delete d.steps[1].event; });
    const m = /:(\d+):5: error E_TRACE_EVENT: step 1 has no "event"$/.exec(readSavedTrace(t.file) as string);
    expect(m).not.toBeNull();
    expect(t.text.split('\n').slice(Number(m![1]) - 1, Number(m![1]) + 1)).toEqual(['    {', '      "state": {']); // step 1 itself
    t = corrupt('step-42.trace.json', () => jsonTrace, (d) => { d.steps[1] = 42; });
    expect(readSavedTrace(t.file)).toMatch(/:\d+:5: error E_TRACE: step 1 must be an object, not the number 42$/);
  });

  it('a property no run knows, in JSON and ITF: the known ones are listed', () => {
    const known = `known: ${NAMES.join(', ')}`;
    const j = corrupt('nope.trace.json', () => jsonTrace, (d) => { d.property = 'nope'; });
    let r = replay(j.file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${j.file}:${after(j.text, '"property": ')}: error E_PROPERTY: the trace's property 'nope' is not a known property; ${known}`);
    const i = corrupt('nope.itf.json', () => itfTrace, (d) => { d['#meta'].property = 'availble'; });
    r = replay(i.file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${i.file}:${after(i.text, '"property": ')}: error E_PROPERTY: the trace's property 'availble' is not a known property; ${known} (did you mean 'available'?)`);
    const n = corrupt('prop-42.trace.json', () => jsonTrace, (d) => { d.property = 42; });
    expect(readSavedTrace(n.file, NAMES)).toBe(`${n.file}:${after(n.text, '"property": ')}: error E_TRACE: "property" must be a string naming a property, not the number 42`);
  });

  it('steps: [] and a first step that is not initial', () => {
    let t = corrupt('empty.trace.json', () => jsonTrace, (d) => { d.steps = []; });
    const r = replay(t.file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${t.file}:${after(t.text, '"steps": ')}: error E_TRACE: a trace has at least its 'initial' step ("steps" is empty)`);
    t = corrupt('first.trace.json', () => jsonTrace, (d) => { d.steps[0].event = 'terminate TCPCS'; });
    expect(readSavedTrace(t.file)).toBe(`${t.file}:${after(t.text, '"event": ')}: error E_TRACE: a trace starts with the 'initial' step, not the string "terminate TCPCS"`);
  });
});

describe('an ITF trace that is not one: exit 2 at the bad value', () => {
  it('mbt::actionTaken missing after the first state', () => {
    const { file, text } = corrupt('missing.itf.json', () => itfTrace, (d) => { delete d.states[1]['mbt::actionTaken']; });
    const r = replay(file);
    expect(r.code).toBe(2);
    const m = /:(\d+):5: error E_TRACE_EVENT: state 1 has no "mbt::actionTaken" \(the event that led to it\)/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(text.split('\n').slice(Number(m![1]) - 1, Number(m![1]) + 2).map((l) => l.trim())).toEqual(['{', '"#meta": {', '"index": 1']); // state 1 itself
  });

  it('mbt::actionTaken that is no string ({"#bigint": "1"}, null)', () => {
    const { file, text } = corrupt('bigint.itf.json', () => itfTrace, (d) => { d.states[1]['mbt::actionTaken'] = { '#bigint': '1' }; });
    const r = replay(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:${after(text, '"mbt::actionTaken": ', 1)}: error E_TRACE_EVENT: "mbt::actionTaken" of state 1 must be a string holding one event (SPEC §3), not an object ({"#bigint":"1"})`);
    expect(r.stderr).not.toContain('[object Object]');
    const n = corrupt('null.itf.json', () => itfTrace, (d) => { d.states[1]['mbt::actionTaken'] = null; });
    expect(readSavedTrace(n.file)).toContain('error E_TRACE_EVENT: "mbt::actionTaken" of state 1 must be a string holding one event (SPEC §3), not null');
  });

  it('"states": [], a state that is not a state', () => {
    let t = corrupt('empty.itf.json', () => itfTrace, (d) => { d.states = []; });
    const r = replay(t.file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${t.file}:${after(t.text, '"states": ')}: error E_TRACE: an ITF trace has at least its initial state ("states" is empty)`);
    t = corrupt('bad-state.itf.json', () => itfTrace, (d) => { d.states[1].stacks = 5; });
    expect(readSavedTrace(t.file)).toMatch(/:\d+:5: error E_TRACE: state 1 is not a dvipa-verify state in ITF/);
  });
});

describe('reading the trace file', () => {
  it('a JSON syntax error is reported at its line and column, not at 1:1 with an offset', () => {
    const good = readFileSync(join(dir, 'bad-no-backup.available.trace.json'), 'utf8');
    const file = join(dir, 'syntax.trace.json');
    writeFileSync(file, good.replace('"event": "initial",', '"event": "initial"'));
    const r = replay(file);
    expect(r.code).toBe(2);
    const line = good.split('\n').findIndex((l) => l.includes('"event": "initial"')) + 2; // the next key
    expect(r.stderr).toContain(`${file}:${line}:7: error E_JSON: the trace is not JSON: expected ',' or '}' after a property value, found '"'`);
    expect(r.stderr).not.toMatch(/position \d+/);
    writeFileSync(file, '{\n  "steps": [\n    { "event": tru }\n  ]\n}\n');
    expect(readSavedTrace(file)).toBe(`${file}:3:16: error E_JSON: the trace is not JSON: expected a value (an object, array, string, number, true, false or null), found 't'`);
    writeFileSync(file, '{ "steps": [');
    expect(readSavedTrace(file)).toBe(`${file}:1:13: error E_JSON: the trace is not JSON: the text ends where a value should be`);
  });

  it('a trace that starts with a UTF-8 BOM is read (JSON and ITF)', () => {
    for (const f of ['bad-no-backup.available.trace.json', 'bad-no-backup.available.itf.json']) {
      const file = join(dir, `bom-${f}`);
      writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(dir, f))]));
      const r = runCli(['replay', file, '--spec', SPEC, '--format', 'json']);
      expect(r.code, r.stderr).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ stillViolates: true, differs: [], stoppedAt: null });
    }
    const bad = join(dir, 'bom-bad.trace.json');
    writeFileSync(bad, `\ufeff{\n  "steps": 5\n}\n`);
    expect(readSavedTrace(bad)).toBe(`${bad}:2:12: error E_TRACE: "steps" must be a list of steps, not the number 5`);
  });

  it('positions in JSON text: syntax errors, values by path, the object that lacks a key', () => {
    const text = '{\r\n  "a": [1, {"b": "x\\"y"}],\n  "a": {"c": null}\n}';
    expect(jsonSyntaxError(text)).toBeNull();
    expect(lineColumn(text, jsonValueOffset(text, ['a', 'c']))).toEqual({ line: 3, column: 14 }); // the last "a" wins, as in JSON.parse
    expect(lineColumn(text, jsonValueOffset(text, ['a', 'd']))).toEqual({ line: 3, column: 8 });
    expect(jsonSyntaxError('[1, 2,]')).toEqual({ offset: 6, message: "expected a value (an object, array, string, number, true, false or null), found ']'" });
    expect(jsonSyntaxError('{"a": 1} x')?.offset).toBe(9);
    expect(jsonSyntaxError('"a\tb"')?.message).toContain('control character');
    expect(jsonSyntaxError('"\\x"')?.message).toContain('bad escape');
    expect(jsonSyntaxError(`${'['.repeat(200000)}${']'.repeat(199999)}`)?.message).toContain("expected ',' or ']'"); // deep nesting: no stack overflow
  });

  it('the scan accepts exactly what JSON.parse accepts (random JSON texts, a character cut or added)', () => {
    const valid = (t: string): boolean => { try { JSON.parse(t); return true; } catch { return false; } };
    fc.assert(fc.property(fc.json(), fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', '-', '0', '.', 'e', 't', ' ', '\n', '\u0001'), (json, at, add) => {
      const k = at % (json.length + 1);
      for (const t of [json, json.slice(0, k) + json.slice(k + 1), json.slice(0, k) + add + json.slice(k)]) {
        const e = jsonSyntaxError(t);
        expect(e === null, t).toBe(valid(t));
        if (e) expect(e.offset).toBeLessThanOrEqual(t.length);
      }
    }), { numRuns: 2000, seed: 153 });
  });
});
