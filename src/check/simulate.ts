import { distributionOf } from '../model/dist-view.js';
import { addrPort } from '../model/dist.js';
import { DvipaModel } from '../model/model.js';
import type { Property } from '../properties/api.js';
import type { Config } from '../spec/config.js';
import { allProperties } from './check.js';
import { byName, disabledMessage, resolveEvent, splitTarget } from './events.js';
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
    const { text, target } = splitTarget(model, texts[k]!);
    const r = resolveEvent(model, text);
    if (!r.ok) return { ok: false, message: `event ${k + 1}: ${r.message}`, step: k + 1 };
    const why = disabledMessage(model, state, r.action);
    if (why) return { ok: false, message: `event ${k + 1}: '${texts[k]}' is not possible now: ${why}`, step: k + 1, trace: sofar() };
    const next = state.slice();
    let choice = 0;
    if (target === null) model.applyCounted(next, r.action, new NotingChooser(model));
    else {
      const picked = toTarget(model, state, r.action.index, target);
      if (typeof picked === 'string') return { ok: false, message: `event ${k + 1}: '${texts[k]}' is not possible now: ${picked}`, step: k + 1, trace: sofar() };
      next.set(picked.state);
      choice = picked.choice;
    }
    steps.push({ action: r.action.index, choice, state: next });
    state = next;
  }
  return { ok: true, trace: sofar() };
}

/**
 * D-223: the successor of a `connect` whose new connection goes to the stack named (and its index
 * in the engine's enumeration, from which the trace's notes are rebuilt), or why there is none:
 * the successors of the event are the targets the distributor may choose in this state.
 */
function toTarget(model: DvipaModel, state: Uint8Array, action: number, name: string): { state: Uint8Array; choice: number } | string {
  const stacks = model.cfg.stacks;
  const t = byName(stacks, name);
  if (t < 0) return `no stack named '${name}' (stacks: ${stacks.map((s) => s.name).join(', ')})`;
  const client = model.actions[action]!.client;
  const before = model.view().at(state), after = model.view();
  const by: { stack: number; state: Uint8Array; choice: number }[] = [];
  model.successors(state, action, (next, choice) => {
    after.at(next);
    const to = stacks.findIndex((_, i) => after.connections(client, i) > before.connections(client, i));
    if (to >= 0 && !by.some((b) => b.stack === to)) by.push({ stack: to, state: next.slice(), choice });
  });
  const hit = by.find((b) => b.stack === t);
  if (hit) return hit;
  return `the new connection cannot go to ${stacks[t]!.name}: ${whyNotTo(model, state, client, t)}; ${by.map((b) => stacks[b.stack]!.name).join(', ')} can take it`;
}

/** Why target t cannot take client c's next connection in this state (D-223's message). */
function whyNotTo(model: DvipaModel, state: Uint8Array, c: number, t: number): string {
  const cfg = model.cfg, name = (i: number): string => cfg.stacks[i]!.name;
  const d = model.layout.dvipaIndex(cfg.clients[c]!.dvipa), port = cfg.clients[c]!.port;
  const view = model.view().at(state);
  const o = view.owner(d);
  const dist = model.layout.dvipas[d]!.dist ? distributionOf(cfg, model.layout.dvipas, view, d, port) : null;
  if (!dist?.def) return `${addrPort(model.layout.dvipas[d]!.address, port)} is not distributed by its owner ${name(o)}, which serves it alone`;
  const ts = dist.targets.find((x) => x.stack === t);
  if (!ts) return `${name(t)} is not a DESTIP target of ${name(dist.source)}'s VIPADISTRIBUTE for port ${port}`;
  if (!ts.eligible) return ts.why!;
  if (dist.def.method === 'HOTSTANDBY') return `HOTSTANDBY sends new connections to its active target only`;
  return `client '${cfg.clients[c]!.name}' already has maxConnections (${cfg.environment.maxConnections}) connection(s) on ${name(t)}`;
}
