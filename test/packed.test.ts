import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DvipaModel } from '../src/model/model.js';
import { makeSysplex } from '../src/properties/bind.js';
import type { EventView, StepProperty } from '../src/properties/api.js';
import type { Config } from '../src/spec/config.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { smallSpec } from './gen-spec.js';
import { chainSpec, config, loadFile, ROOT } from './helpers.js';

const twins = BUILTIN_PROPERTIES.filter((p): p is StepProperty => p.kind === 'step' && p.packed !== undefined);

/** On every step out of every reachable state: the packed twin holds exactly when `check` holds. */
function compare(cfg: Config): { steps: number; violations: number } {
  const m = new DvipaModel(cfg, false, false, false);
  const sys = makeSysplex(cfg, m);
  const events: EventView[] = m.actions.map((a) => ({ kind: a.kind, text: a.text, stack: a.stack, dvipa: a.dvipa, app: a.app, client: a.client }));
  const fast = twins.map((p) => p.packed!({ layout: m.layout, sysplex: sys, events }));
  const before = m.view(), after = m.view();
  const seen = new Set<string>();
  const queue = m.initialStates().map((s) => s.slice());
  for (const s of queue) seen.add(s.join(','));
  let steps = 0, violations = 0;
  for (let k = 0; k < queue.length; k++) {
    const s = queue[k]!;
    for (let a = 0; a < m.actionCount; a++) {
      m.successors(s, a, (n) => {
        steps++;
        twins.forEach((p, t) => {
          const v = p.check(before.at(s), events[a]!, after.at(n), sys);
          const holds = v === true || v === null || v === undefined;
          if (!holds) violations++;
          if (fast[t]!(s, a, n) !== holds) expect({ property: p.name, event: events[a]!.text, before: s.join(','), after: n.join(','), packed: !holds }).toBe(null);
        });
        const key = n.join(',');
        if (!seen.has(key)) { seen.add(key); queue.push(n.slice()); }
      });
    }
  }
  return { steps, violations };
}

describe('packed twins of the built-in properties agree with their checks', () => {
  it('there are twins to compare', () => expect(twins.map((p) => p.name).sort()).toEqual(['connections-preserved', 'takeover']));

  it('on every step of every spec in specs/ and of chain(3,3,2)', () => {
    const dir = join(ROOT, 'specs');
    let violations = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) violations += compare(loadFile(join(dir, f))).violations;
    expect(violations).toBeGreaterThan(0);
    expect(compare(config(chainSpec(3, 3, 2))).steps).toBe(518148);
  });

  it('on every step of random specs', () => {
    let violations = 0;
    fc.assert(fc.property(smallSpec, (text) => { violations += compare(config(text)).violations; }), { numRuns: 80, seed: 11 });
    expect(violations).toBeGreaterThan(0);
  });
});
