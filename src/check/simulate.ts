import { DvipaModel } from '../model/model.js';
import type { Property } from '../properties/api.js';
import type { Config } from '../spec/config.js';
import { allProperties } from './check.js';
import { disabledMessage, resolveEvent } from './events.js';
import { selectProperties } from './select.js';
import { buildTrace, NotingChooser, type Trace } from './trace.js';

/** On a failing event, `trace` holds the steps before it (with their violations), so none is lost. */
export type SimulateResult = { ok: true; trace: Trace } | { ok: false; message: string; step: number; trace?: Trace };

/**
 * Applies the events in order from the start state (every event of SPEC §3 is allowed, the
 * failure budget is ignored but failures are counted); on a tie the first candidate in stack
 * order is taken and the step notes the others (D-26).
 */
export function simulate(cfg: Config, eventsText: string, extra: readonly Property[] = [], only?: string[] | null, skip?: string[] | null, sources?: ReadonlyMap<string, string>): SimulateResult {
  const model = new DvipaModel(cfg, true);
  const props = selectProperties(allProperties(extra), cfg, only, skip);
  const texts = eventsText.split(';').map((s) => s.trim()).filter(Boolean);
  let state = model.initialStates()[0]!;
  const steps: { action: number; choice: number; state: Uint8Array }[] = [];
  const sofar = (): Trace => buildTrace(model, { init: model.initialStates()[0]!, initIndex: 0, steps }, props, sources);
  for (let k = 0; k < texts.length; k++) {
    const r = resolveEvent(model, texts[k]!);
    if (!r.ok) return { ok: false, message: `event ${k + 1}: ${r.message}`, step: k + 1 };
    const why = disabledMessage(model, state, r.action);
    if (why) return { ok: false, message: `event ${k + 1}: '${texts[k]}' is not possible now: ${why}`, step: k + 1, trace: sofar() };
    const next = state.slice();
    model.applyCounted(next, r.action, new NotingChooser(model));
    steps.push({ action: r.action.index, choice: 0, state: next });
    state = next;
  }
  return { ok: true, trace: sofar() };
}
