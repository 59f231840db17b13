import type { EngineProperty } from './model.js';

type StateFn = (s: Uint8Array) => number;
type StepFn = (b: Uint8Array, a: number, s: Uint8Array, b32: Uint32Array, s32: Uint32Array) => number;

/**
 * The properties a search still checks (not yet violated), as two generated functions: one for
 * the state properties, one for the step properties, each calling every property from a call site
 * of its own. A loop over a list of predicates calls them all from one megamorphic site (measured:
 * two step properties cost three times one); here each call is monomorphic and can be inlined.
 * A step property with `changedWords` is called only when one of those words differs (b32 and s32
 * view the same states as b and s).
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

  /** Stops checking the named properties (found violated elsewhere); names not checked are ignored. */
  disable(names: ReadonlySet<string>): void {
    const keep = (p: EngineProperty): boolean => !names.has(p.name);
    if (this.stateList.every(keep) && this.stepList.every(keep)) return;
    this.stateList = this.stateList.filter(keep);
    this.stepList = this.stepList.filter(keep);
    this.rebuild();
  }

  /** After `state(s)` returned k >= 0: every state property s violates, in order, from k on; they are then no longer checked. */
  stateViolations(s: Uint8Array, k: number): { name: string; message: string }[] {
    return this.violations(this.stateList, k, (p) => p.state!(s));
  }

  /** After `step(b, a, s)` returned k >= 0: every step property the step violates, in order, from k on. */
  stepViolations(b: Uint8Array, a: number, s: Uint8Array, b32: Uint32Array, s32: Uint32Array, k: number): { name: string; message: string }[] {
    return this.violations(this.stepList, k, (p) => (p.changedWords?.every((w) => b32[w] === s32[w]) ? null : p.step!(b, a, s)));
  }

  /** Property k (its message in `message`) and every later one that `check` finds violated; all stop being checked. */
  private violations(list: readonly EngineProperty[], k: number, check: (p: EngineProperty) => string | null): { name: string; message: string }[] {
    const out = [{ name: list[k]!.name, message: this.message }];
    for (let j = k + 1; j < list.length; j++) {
      const m = check(list[j]!);
      if (m !== null) out.push({ name: list[j]!.name, message: m });
    }
    this.disable(new Set(out.map((v) => v.name)));
    return out;
  }

  private rebuild(): void {
    this.state = generate<StateFn>(this, 's', 's', this.stateList.map((p) => ({ fn: p.state!, words: undefined })));
    this.step = generate<StepFn>(this, 'b, a, s, b32, s32', 'b, a, s', this.stepList.map((p) => ({ fn: p.step!, words: p.changedWords })));
  }
}

function generate<F>(out: { message: string }, params: string, args: string, props: readonly { fn: (...a: never[]) => string | null; words: readonly number[] | undefined }[]): F {
  const names = props.map((_, i) => `p${i}`);
  const body = props.map(({ words }, i) => {
    const call = `m = p${i}(${args}); if (m !== null) { out.message = m; return ${i}; }`;
    if (!words || words.length === 0) return call;
    return `if (${words.map((w) => `b32[${w}] !== s32[${w}]`).join(' || ')}) { ${call} }`;
  }).join(' ');
  return new Function('out', ...names, `"use strict"; return (${params}) => { let m = null; ${body} return -1; };`)(out, ...names.map((_, i) => props[i]!.fn)) as F;
}
