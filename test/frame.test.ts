import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DvipaModel } from '../src/model/model.js';
import { frames } from '../src/model/frame.js';
import { config } from './helpers.js';
import { mixSpec } from './gen-mix.js';
import { chainSpec } from './helpers.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { eventViews, makeSysplex } from '../src/properties/bind.js';
import { compileTwin, fastContext } from '../src/properties/fast.js';
import { printConditions } from '../src/model/lower-js.js';
import type { StepProperty } from '../src/properties/api.js';

/**
 * D-290: an event's frame (the fields its effect can write) must hold every field any of its
 * steps changes; the step properties' conditions rely on it. Checked on every transition of
 * random mixed specs (distributor, VIPARANGE, IPv6, every event group) and a chain.
 */
function unframed(text: string, limit = 4000): string[] {
  let cfg;
  try { cfg = config(text); } catch { return []; } // a spec the generator got wrong (mix.test.ts counts them)
  const model = new DvipaModel(cfg);
  const written = frames(model.description);
  const seen = new Set<string>();
  const todo = [...model.initialStates()];
  const bad: string[] = [];
  while (todo.length > 0 && seen.size < limit) {
    const s = todo.shift()!;
    const k = s.join(',');
    if (seen.has(k)) continue;
    seen.add(k);
    for (const act of model.actions) {
      model.successors(s, act.index, (t) => {
        const w = written(act.index);
        for (let o = 0; o < s.length; o++) if (s[o] !== t[o] && !w.has(o)) bad.push(`${act.text}: byte ${o}`);
        todo.push(t.slice());
      });
    }
  }
  return bad;
}

describe('D-290: the frame of an event', () => {
  it('holds every field a step changes (random mixed specs)', () => {
    fc.assert(fc.property(mixSpec, (text) => { expect(unframed(text)).toEqual([]); }), { numRuns: 60, seed: 290 });
  });
  it('holds every field a step changes (chain)', () => {
    expect(unframed(chainSpec(3, 3, 1), 7000)).toEqual([]);
  });
});

/**
 * D-290 drops a step condition that reads nothing the event writes before the step: it then has
 * its value on a step that changes nothing, which a property declaring `changes` must not call a
 * violation. Checked for every built-in step property's conditions (before framing) on
 * stutter steps (before = after) from every reachable state of random mixed specs.
 */
function stutterFailures(text: string, limit = 1500): string[] {
  let cfg;
  try { cfg = config(text); } catch { return []; }
  const model = new DvipaModel(cfg);
  const ctx = fastContext(model.layout, makeSysplex(cfg, model), eventViews(model));
  const steps = BUILTIN_PROPERTIES.filter((p): p is StepProperty => p.kind === 'step' && !!p.fast && !!p.changes);
  const checks = steps.flatMap((p) => { const per = p.fast!(ctx); return model.actions.map((a) => {
    const c = printConditions(per(ctx.events[a.index]!, a.index));
    return { name: `${p.name} at ${a.text}`, fn: compileTwin<(b: Uint8Array, s: Uint8Array) => boolean>('b, s', `return !!(${c.texts.join(' && ') || 'true'});`, c.tables) };
  }); });
  const bad: string[] = [];
  const seen = new Set<string>();
  const todo = [...model.initialStates()];
  while (todo.length > 0 && seen.size < limit) {
    const s = todo.shift()!;
    const k = s.join(',');
    if (seen.has(k)) continue;
    seen.add(k);
    for (const c of checks) if (!c.fn(s, s)) bad.push(c.name);
    for (const act of model.actions) model.successors(s, act.index, (t) => { todo.push(t.slice()); });
  }
  return [...new Set(bad)];
}

describe('D-290: built-in step properties hold on a step that changes nothing', () => {
  it('every condition is true with before = after (random mixed specs)', () => {
    fc.assert(fc.property(mixSpec, (text) => { expect(stutterFailures(text)).toEqual([]); }), { numRuns: 40, seed: 2900 });
  });
});
