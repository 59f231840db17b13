import { didYouMean, formatSpecError } from '../spec/errors.js';
import { jsonValueOffset, lineColumn, parseJson, stripBom, type JsonPath } from '../spec/json-text.js';
import { MAX_SPEC_BYTES, readBounded } from '../spec/read-bounded.js';
import { isDeepStrictEqual } from 'node:util';
import { DvipaModel } from '../model/model.js';
import type { StateJSON } from '../model/view.js';
import type { Property } from '../properties/api.js';
import type { Config, SourcePos } from '../spec/config.js';
import { itfToState } from '../render/itf.js';
import { allProperties } from './check.js';
import { disabledMessage, parseEvent, resolveEvent } from './events.js';
import { selectProperties } from './select.js';
import { buildTrace, type Trace } from './trace.js';

/** A written trace (JSON of `--out`, or ITF), read back. */
export interface SavedTrace {
  spec: string | null; property: string | null; events: string[]; states: StateJSON[];
  /** Where the event of step k (1-based) is written in the trace file (D-167), when read from one. */
  eventAt?: (step: number) => SourcePos;
  /** Where the trace names its spec (`spec`, ITF `#meta.source`), when read from a file. */
  specAt?: SourcePos;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value in words, for "must be a string, not ..." (short: a trace may hold anything). */
function described(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list (${short(v)})`;
  if (typeof v === 'object') return `an object (${short(v)})`;
  if (typeof v === 'string') return `the string ${short(v)}`;
  return `the ${typeof v} ${String(v)}`;
}
/**
 * At most 60 characters of a value as JSON. Written out only as far as shown: JSON.parse reads
 * 10,000 nested lists, JSON.stringify of them overflows the call stack (D-231); here the depth
 * is bounded by the 60 characters.
 */
function short(v: unknown): string {
  let j = '';
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      j += '[';
      for (let i = 0; i < x.length && j.length <= 60; i++) { if (i) j += ','; walk(x[i]); }
      j += ']';
    } else if (x !== null && typeof x === 'object') {
      j += '{';
      let i = 0;
      for (const k in x) { if (j.length > 60) break; if (i++) j += ','; j += `${JSON.stringify(k)}:`; walk((x as Record<string, unknown>)[k]); }
      j += '}';
    } else j += JSON.stringify(x) ?? 'null';
  };
  walk(v);
  return j.length > 60 ? `${j.slice(0, 57)}...` : j;
}

/**
 * Reads a trace written by `check --out` (D-153): the JSON of SPEC §4 (`steps`) or ITF (`#meta`,
 * `states`). What is not such a trace is an error naming the file, line and column of the value
 * (a SpecError's text): a step is one event of SPEC §3, read by the parser of `--events`; the
 * trace's property, when `knownProperties` is given, is one of them. A UTF-8 BOM is skipped.
 */
export function readSavedTrace(file: string, knownProperties?: readonly string[]): SavedTrace | string {
  const got = readBounded(file, MAX_SPEC_BYTES * 8, false); // D-91: /dev/zero ends at the limit
  if ('error' in got) return formatSpecError({ code: 'E_FILE', pos: { file, line: 1, column: 1 }, message: `cannot read the trace: ${got.error}` });
  const text = stripBom(got.text);
  const parsed = parseJson(text);
  if ('error' in parsed) return formatSpecError({ code: 'E_JSON', pos: { file, ...parsed.at }, message: `the trace is not JSON: ${parsed.error}` });
  const fail = (code: string, path: JsonPath, message: string, hint?: string): string =>
    formatSpecError({ code, pos: { file, ...lineColumn(text, jsonValueOffset(text, path)) }, message, ...(hint ? { hint } : {}) });
  const d = parsed.doc;
  const itf = isRecord(d) && '#meta' in d;
  if (!isRecord(d) || (!itf && !('steps' in d))) return fail('E_TRACE', [], 'not a dvipa-verify trace (JSON with "steps") nor an ITF trace (with "#meta", "vars", "states")');
  const meta = itf ? d['#meta'] : d;
  if (!isRecord(meta)) return fail('E_TRACE', ['#meta'], `"#meta" of an ITF trace must be an object, not ${described(meta)}`);
  const [specKey, metaPath] = itf ? ['source', ['#meta']] : ['spec', []];
  const spec = meta[specKey] ?? null;
  if (spec !== null && typeof spec !== 'string') return fail('E_TRACE', [...metaPath, specKey], `"${specKey}" (the spec the trace is of) must be a string, not ${described(spec)}`);
  const property = meta.property ?? null;
  if (property !== null && typeof property !== 'string') return fail('E_TRACE', [...metaPath, 'property'], `"property" must be a string naming a property, not ${described(property)}`);
  if (property !== null && knownProperties && !knownProperties.includes(property)) {
    return fail('E_PROPERTY', [...metaPath, 'property'], `the trace's property '${property}' is not a known property; known: ${knownProperties.join(', ')}`, didYouMean(property, knownProperties));
  }
  /** One event of SPEC §3 in a step; its error message, or null. */
  const badEvent = (ev: unknown, path: JsonPath, what: string): string | null => {
    if (typeof ev !== 'string') return fail('E_TRACE_EVENT', path, `${what} must be a string holding one event (SPEC §3), not ${described(ev)}`);
    const p = parseEvent(ev);
    if (p.ok) return null;
    const pieces = ev.split(';').filter((x) => x.trim() !== '');
    if (pieces.length > 1) return fail('E_TRACE_EVENT', path, `${what} holds ${pieces.length} events separated by ';' ('${ev.trim()}'): a trace has one event per step`);
    return fail('E_TRACE_EVENT', path, `${what}: ${p.message}`);
  };
  const events: string[] = [];
  const states: StateJSON[] = [];
  const listKey = itf ? 'states' : 'steps';
  const list = d[listKey];
  if (list === undefined) return fail('E_TRACE', [], `${itf ? 'an ITF trace' : 'a trace'} needs "${listKey}", the list of its ${listKey}`);
  if (!Array.isArray(list)) return fail('E_TRACE', [listKey], `"${listKey}" must be a list of ${itf ? 'states' : 'steps'}, not ${described(list)}`);
  if (list.length === 0) return fail('E_TRACE', [listKey], itf ? 'an ITF trace has at least its initial state ("states" is empty)' : "a trace has at least its 'initial' step (\"steps\" is empty)");
  for (let k = 0; k < list.length; k++) {
    const s: unknown = list[k];
    const at: JsonPath = [listKey, k];
    if (!isRecord(s)) return fail('E_TRACE', at, `${itf ? 'state' : 'step'} ${k} must be an object, not ${described(s)}`);
    if (itf) {
      if (k > 0) {
        if (!('mbt::actionTaken' in s)) return fail('E_TRACE_EVENT', at, `state ${k} has no "mbt::actionTaken" (the event that led to it)`);
        const bad = badEvent(s['mbt::actionTaken'], [...at, 'mbt::actionTaken'], `"mbt::actionTaken" of state ${k}`);
        if (bad) return bad;
        events.push(s['mbt::actionTaken'] as string);
      }
      try { states.push(itfToState(s)); } catch {
        return fail('E_TRACE', at, `state ${k} is not a dvipa-verify state in ITF (stacks, dvipas and failures, as --format itf writes them)`);
      }
    } else {
      if (k === 0 && s.event !== 'initial') return fail('E_TRACE', 'event' in s ? [...at, 'event'] : at, `a trace starts with the 'initial' step, not ${'event' in s ? described(s.event) : 'a step without "event"'}`);
      if (k > 0) {
        if (!('event' in s)) return fail('E_TRACE_EVENT', at, `step ${k} has no "event"`);
        const bad = badEvent(s.event, [...at, 'event'], `the event of step ${k}`);
        if (bad) return bad;
        events.push(s.event as string);
      }
      states.push(s.state as StateJSON);
    }
  }
  const eventAt = (step: number): SourcePos => ({ file, ...lineColumn(text, jsonValueOffset(text, [listKey, step, itf ? 'mbt::actionTaken' : 'event'])) });
  const specAt: SourcePos = { file, ...lineColumn(text, jsonValueOffset(text, [...metaPath, specKey])) };
  return { spec, property, events, states, eventAt, ...(spec !== null ? { specAt } : {}) };
}

export interface ReplayResult {
  trace: Trace;
  /** Step (1-based) where the recorded event is no longer possible, and why. */
  stoppedAt: { step: number; event: string; why: string } | null;
  /** Steps whose state now differs from the recorded one. */
  differs: number[];
  /** The trace's property (or, without one, any property) is violated on the replayed steps. */
  stillViolates: boolean;
  property: string | null;
}

/**
 * Re-executes a saved trace against a spec, step by step: on a tie the successor matching the
 * recorded state is taken; a step that is no longer possible ends the replay with the reason.
 */
export function replayTrace(cfg: Config, saved: SavedTrace, extra: readonly Property[] = [], sources?: ReadonlyMap<string, string>): ReplayResult {
  const model = new DvipaModel(cfg, true);
  const props = selectProperties(allProperties(extra), cfg, null, []);
  const view = model.view();
  let state = model.initialStates()[0]!;
  const steps: { action: number; choice: number; state: Uint8Array }[] = [];
  const differs: number[] = [];
  let stoppedAt: ReplayResult['stoppedAt'] = null;
  let failures = 0;
  for (let k = 0; k < saved.events.length; k++) {
    const ev = saved.events[k]!;
    const r = resolveEvent(model, ev);
    const why = r.ok ? disabledMessage(model, state, r.action) : r.message.replace(`'${ev.trim()}': `, ''); // the event is named beside it
    if (!r.ok || why) { stoppedAt = { step: k + 1, event: ev, why: why ?? 'unknown event' }; break; }
    const succ: { choice: number; state: Uint8Array }[] = [];
    model.successors(state, r.action.index, (s, choice) => succ.push({ choice, state: s.slice() }));
    if (r.action.failure) failures++;
    view.pathFailures = failures;
    const want = saved.states[k + 1];
    const match = succ.find((s) => want && isDeepStrictEqual(view.at(s.state).toJSON(), want)) ?? succ[0]!;
    if (!want || !isDeepStrictEqual(view.at(match.state).toJSON(), want)) differs.push(k + 1);
    steps.push({ action: r.action.index, choice: match.choice, state: match.state });
    state = match.state;
  }
  const trace = buildTrace(model, { init: model.initialStates()[0]!, initIndex: 0, steps }, props, sources);
  const stillViolates = trace.steps.some((s) => s.violations.some((v) => saved.property === null || v.property === saved.property));
  return { trace, stoppedAt, differs, stillViolates, property: saved.property };
}
