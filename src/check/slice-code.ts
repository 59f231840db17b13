import { createHash } from 'node:crypto';
import { DvipaModel } from '../model/model.js';
import { Symmetry } from '../model/symmetry.js';
import { printJs } from '../model/lower-js.js';
import type { Property } from '../properties/api.js';
import { eventViews, makeSysplex } from '../properties/bind.js';
import { fastContext, fastSource } from '../properties/fast.js';
import type { Config } from '../spec/config.js';

/**
 * D-280: the key of a slice that the structural key of slice.ts does not describe (one with
 * distribution): the transition system as the search runs it. That is the JavaScript printed from
 * the slice's rules (every configuration detail the rules read is folded into it: targets, methods,
 * tiers, ports, ranks, DYNAMICXCF), its event kinds, the state's size and parts, and the fast path of
 * each property (what decides a built-in property's verdict, properties/bind.ts). Two slices with
 * the same key explore the same states with the same transitions and violate the same properties
 * at the same depths, so one stands for both (D-57); only names differ, and those are read only by
 * the comments, which are left out; with `--symmetry` they also have the same interchangeable
 * stacks. Null when a property has no fast path (a site property reads names): such a slice keeps
 * its own key.
 */
export function codeKey(cfg: Config, props: readonly Property[]): string | null {
  if (!props.every((p) => p.fast)) return null;
  const model = new DvipaModel(cfg, false, false, false);
  const L = model.layout;
  const ctx = fastContext(L, makeSysplex(cfg, model), eventViews(model), model.description);
  const hash = createHash('sha256');
  hash.update(printJs(model.description, model.stateBytes, L.nStacks, true).replace(/\/\* .*? \*\//g, ''));
  for (const p of props) {
    const src = fastSource(p, ctx)!;
    hash.update(`\n${p.name}:${JSON.stringify([p.kind === 'step' ? [p.events ?? null, p.changes ?? null] : null, src.params, src.body, Object.entries(src.tables).map(([k, v]) => [k, [...v]])])}`);
  }
  hash.update(`\n${JSON.stringify([model.actions.map((a) => [a.kind, a.failure]), model.stateBytes, model.smallFields, L.statusStart, L.connStart, L.connEnd,
    new Symmetry(cfg, L).groups])}`); // under --symmetry, the same interchangeable stacks (D-247)
  return `code:${hash.digest('hex')}`;
}
