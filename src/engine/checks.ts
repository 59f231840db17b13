import type { EngineProperty } from './model.js';

type StateFn = (s: Uint8Array) => number;
type StepFn = (b: Uint8Array, a: number, s: Uint8Array) => number;

/**
 * The properties a search still checks (not yet violated), as two generated functions: one for
 * the state properties, one for the step properties, each calling every property from a call site
 * of its own. A loop over a list of predicates calls them all from one megamorphic site (measured:
 * two step properties cost three times one); here each call is monomorphic and can be inlined.
 * Both return the index of the first violated property (its message in `message`), or -1.
 * On a violation, `stateViolations` / `stepViolations` report every violated property of that
 * state or step, in property order, and regenerate the functions without them.
 */
export class PropertyChecks {
  private stateList: EngineProperty[];
  private stepList: EngineProperty[];
  /** The message of the violation the last call of `state` or `step` reported. */
  message = '';
  state: StateFn = () => -1;
  step: StepFn = () => -1;

  constructor(props: readonly EngineProperty[]) {
    this.stateList = props.filter((p) => p.state);
    this.stepList = props.filter((p) => p.step);
    this.rebuild();
  }

  /** How many properties are still checked. */
  get active(): number { return this.stateList.length + this.stepList.length; }

  /** Stops checking the named properties (found violated elsewhere). */
  disable(names: ReadonlySet<string>): void {
    this.stateList = this.stateList.filter((p) => !names.has(p.name));
    this.stepList = this.stepList.filter((p) => !names.has(p.name));
    this.rebuild();
  }

  /** After `state(s)` returned k >= 0: every state property s violates, in order, from k on; they are then no longer checked. */
  stateViolations(s: Uint8Array, k: number): { name: string; message: string }[] {
    const list = this.stateList;
    const out = [{ name: list[k]!.name, message: this.message }];
    for (let j = k + 1; j < list.length; j++) {
      const m = list[j]!.state!(s);
      if (m !== null) out.push({ name: list[j]!.name, message: m });
    }
    this.disable(new Set(out.map((v) => v.name)));
    return out;
  }

  /** After `step(b, a, s)` returned k >= 0: every step property the step violates, in order, from k on. */
  stepViolations(b: Uint8Array, a: number, s: Uint8Array, k: number): { name: string; message: string }[] {
    const list = this.stepList;
    const out = [{ name: list[k]!.name, message: this.message }];
    for (let j = k + 1; j < list.length; j++) {
      const m = list[j]!.step!(b, a, s);
      if (m !== null) out.push({ name: list[j]!.name, message: m });
    }
    this.disable(new Set(out.map((v) => v.name)));
    return out;
  }

  private rebuild(): void {
    this.state = generate<StateFn>(this, 's', this.stateList.map((p) => p.state!));
    this.step = generate<StepFn>(this, 'b, a, s', this.stepList.map((p) => p.step!));
  }
}

function generate<F>(out: { message: string }, params: string, fns: readonly ((...args: never[]) => string | null)[]): F {
  const names = fns.map((_, i) => `p${i}`);
  const body = names.map((n, i) => `m = ${n}(${params}); if (m !== null) { out.message = m; return ${i}; }`).join(' ');
  return new Function('out', ...names, `"use strict"; return (${params}) => { let m = null; ${body} return -1; };`)(out, ...fns) as F;
}
