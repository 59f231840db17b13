import { describe, expect, it } from 'vitest';
import { PromelaPrinter } from '../src/export/lower-promela.js';
import { eq, f, local, tab, v, type Stmt, type Table } from '../src/model/ir.js';
import type { EventRule } from '../src/model/rules.js';

/**
 * The Promela lowering's tie guards (D-72): a tie's candidates are judged over the state before
 * the step, so a name bound earlier in the step is replaced by its value there, also inside the
 * index of a constant table (`tab`), which the guard is printed before the d_step assigns it.
 */
describe('Promela tie guards substitute a step\'s names (before())', () => {
  it('a let inside a tab node\'s index is replaced by its value in the guard', () => {
    const T: Table = { name: 'T', v: [1, 0, 1] }, U: Table = { name: 'U', v: [0, 1, 1] };
    const effect: Stmt[] = [
      local('x', f(0)),
      { k: 'pick', d: 0, tiers: [[{ j: 0, when: eq(tab(T, v('x')), 1) }, { j: 1, when: eq(tab(U, v('x')), 1) }]], as: 'j', tie: 0 },
      { k: 'set', to: f(1), v: v('j') },
    ];
    const rule = { action: { kind: 'start', index: 0 }, lets: [], guard: [], budget: null, effect } as unknown as EventRule;
    const p = new PromelaPrinter((o) => `s${o}`);
    const steps = p.event(rule, false);
    const guard = (k: number): string => [steps[k]!.guard, ...p.defines].join('\n'); // with its macros (D-74)
    expect(steps).toHaveLength(2);
    expect(steps[0]!.guard).toBe('1'); // the first choice needs no tie
    expect(guard(1)).not.toMatch(/\bx\b/); // the guard is evaluated before the d_step assigns x
    expect(guard(1)).toContain('s0 == 2');
    expect(steps[1]!.body).toMatch(/\bx = s0\b/);
  });
});
