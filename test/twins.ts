import { expect } from 'vitest';
import { DvipaModel } from '../src/model/model.js';
import { eventViews, makeSysplex } from '../src/properties/bind.js';
import { fastContext, fastInvariant, fastStep } from '../src/properties/fast.js';
import type { Invariant, StepProperty } from '../src/properties/api.js';
import type { Config } from '../src/spec/config.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';

// The fast paths of the built-in properties against their checks (test/packed.test.ts, test/mix.test.ts).
export const twins = BUILTIN_PROPERTIES.filter((p): p is StepProperty => p.kind === 'step' && p.fast !== undefined);
export const stateTwins = BUILTIN_PROPERTIES.filter((p): p is Invariant => p.kind === 'invariant' && p.fast !== undefined);

/** On every step out of every reachable state: the fast path holds exactly when `check` holds. */
export function compareTwins(cfg: Config): { steps: number; violations: Record<string, number> } {
  const m = new DvipaModel(cfg, false, false, false);
  const sys = makeSysplex(cfg, m);
  const events = eventViews(m);
  const ctx = fastContext(m.layout, sys, events);
  const fast = twins.map((p) => fastStep(p, ctx)!);
  const fastState = stateTwins.map((p) => fastInvariant(p, ctx)!);
  const before = m.view(), after = m.view();
  const seen = new Set<string>();
  const queue = m.initialStates().map((s) => s.slice());
  for (const s of queue) seen.add(s.join(','));
  let steps = 0;
  const violations: Record<string, number> = {};
  for (let k = 0; k < queue.length; k++) {
    const s = queue[k]!;
    for (let a = 0; a < m.actionCount; a++) {
      m.successors(s, a, (n) => {
        steps++;
        // The real step, and steps the model never takes (a DVIPA status, a stack status or a
        // connection count changed at random), so that the fast paths also meet violations.
        const afters = [n, ...[1, 2, 3].map((r) => perturb(n, m, steps * 7 + r))];
        for (const n2 of afters) {
          stateTwins.forEach((p, t) => {
            const v = p.check(after.at(n2), sys);
            const holds = v === true || v === null || v === undefined;
            if (!holds) violations[p.name] = (violations[p.name] ?? 0) + 1;
            if (fastState[t]!(n2) !== holds) expect({ property: p.name, state: n2.join(','), packed: !holds }).toBe(null);
          });
          twins.forEach((p, t) => {
            // The engine asks a step property only on the event kinds of its `events` hint.
            if (p.events && !p.events.includes(events[a]!.kind)) return;
            const v = p.check(before.at(s), events[a]!, after.at(n2), sys);
            const holds = v === true || v === null || v === undefined;
            if (!holds) violations[p.name] = (violations[p.name] ?? 0) + 1;
            if (fast[t]!(s, a, n2) !== holds) expect({ property: p.name, event: events[a]!.text, before: s.join(','), after: n2.join(','), packed: !holds }).toBe(null);
          });
        }
        const key = n.join(',');
        if (!seen.has(key)) { seen.add(key); queue.push(n.slice()); }
      });
    }
  }
  return { steps, violations };
}
/** A copy of `n` with one field set to another valid value, chosen by `seed`. */
function perturb(n: Uint8Array, m: DvipaModel, seed: number): Uint8Array {
  const L = m.layout;
  const out = n.slice();
  const x = Math.imul(seed, 2654435761) >>> 0;
  const kind = x % 3;
  if (kind === 0 && L.connStart > L.statusStart) out[L.statusStart + ((x >>> 4) % (L.connStart - L.statusStart))] = (x >>> 12) % 7;
  else if (kind === 1) out[(x >>> 4) % L.nStacks] = (x >>> 12) % 3;
  else if (L.connEnd > L.connStart) { const o = L.connStart + ((x >>> 4) % (L.connEnd - L.connStart)); out[o] = Math.max(0, out[o]! - 1 - ((x >>> 12) % 2)); }
  return out;
}

