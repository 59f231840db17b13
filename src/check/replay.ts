import { MAX_SPEC_BYTES, readBounded } from '../spec/read-bounded.js';
import { isDeepStrictEqual } from 'node:util';
import { DvipaModel } from '../model/model.js';
import type { StateJSON } from '../model/view.js';
import type { Property } from '../properties/api.js';
import type { Config } from '../spec/config.js';
import { eventsOfItf, itfToState, type ItfTrace } from '../render/itf.js';
import { allProperties } from './check.js';
import { disabledMessage, resolveEvent } from './events.js';
import { selectProperties } from './select.js';
import { buildTrace, type Trace } from './trace.js';

/** A written trace (JSON of `--out`, or ITF), read back. */
export interface SavedTrace { spec: string | null; property: string | null; events: string[]; states: StateJSON[] }

export function readSavedTrace(file: string): SavedTrace | string {
  let doc: unknown;
  const got = readBounded(file, MAX_SPEC_BYTES * 8, false); // D-91: /dev/zero ends at the limit
  if ('error' in got) return `${file}:1:1: cannot read the trace: ${got.error}`;
  try { doc = JSON.parse(got.text); } catch (e) {
    return `${file}:1:1: cannot read the trace: ${e instanceof SyntaxError ? e.message : String(e)}`;
  }
  const d = doc as Record<string, unknown>;
  try {
    if (d && typeof d === 'object' && '#meta' in d && Array.isArray(d.states)) {
      const itf = d as unknown as ItfTrace;
      const meta = itf['#meta'] as { source?: string; property?: string };
      return { spec: meta.source ?? null, property: meta.property ?? null, events: eventsOfItf(itf), states: itf.states.map(itfToState) };
    }
    if (d && typeof d === 'object' && Array.isArray(d.steps)) {
      const steps = d.steps as { event: string; state: StateJSON }[];
      if (steps[0]?.event !== 'initial') return `${file}:1:1: a trace starts with the 'initial' step`;
      return { spec: typeof d.spec === 'string' ? d.spec : null, property: typeof d.property === 'string' ? d.property : null, events: steps.slice(1).map((s) => String(s.event)), states: steps.map((s) => s.state) };
    }
  } catch { /* fall through */ }
  return `${file}:1:1: not a dvipa-verify trace (JSON with "steps") nor an ITF trace (with "#meta", "vars", "states")`;
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
    const why = r.ok ? disabledMessage(model, state, r.action) : r.message;
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
