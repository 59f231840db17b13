/**
 * The small language the rules are written in (rules.ts): guarded updates over the fields (byte
 * offsets) of the packed state (D-01), built per configuration with every loop over stacks, DVIPAs
 * and clients unrolled at build time. Lowerings print it (lower.ts: what they share): lower-js.ts
 * (search, traces, simulate, replay), export/lower-promela.ts (SPIN). Constructors fold constants, so a rule reads as the rule and
 * the printed code carries no test the configuration already settles. Keep it tiny: add a node
 * only when a rule needs one.
 */

/** A table indexed by a stack known only at run time: field offsets (`fx`) or constants (`tab`). */
export interface Table { readonly name: string; readonly v: readonly number[] }

export type Expr =
  | { readonly k: 'n'; readonly v: number }                                    // a constant
  | { readonly k: 'f'; readonly o: number }                                    // the field at offset o
  | { readonly k: 'pre'; readonly o: number }                                  // that field before the step (properties)
  | { readonly k: 'fx'; readonly t: Table; readonly at: Expr }                 // the field at offset t[at]
  | { readonly k: 'tab'; readonly t: Table; readonly at: Expr }                // the constant t[at]
  | { readonly k: 'v'; readonly name: string }                                 // a local or a parameter
  | { readonly k: 'op'; readonly op: Op; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'not'; readonly a: Expr }
  | { readonly k: 'sel'; readonly c: Expr; readonly a: Expr; readonly b: Expr } // c ? a : b
  | { readonly k: 'fn'; readonly fn: Fn; readonly args: readonly Expr[] };     // a shared expression

export type Op = '==' | '!=' | '<' | '>' | '+' | '-' | '&&' | '||';

/** A named expression over the state with parameters: a function (JavaScript), printed in place (Promela, fast paths). */
export interface Fn { readonly kind: 'fn'; readonly name: string; readonly params: readonly string[]; readonly body: (...args: Expr[]) => Expr }
/** A named statement list: a function (JavaScript), an `inline` (Promela; printed in place when its arguments are computed). */
export interface Proc { readonly kind: 'proc'; readonly name: string; readonly params: readonly string[]; readonly body: (...args: Expr[]) => Stmt[] }

/** One candidate of a pick: stack j, eligible when `when` holds. */
export interface Cand { readonly j: number; readonly when: Expr }

export type Stmt =
  | { readonly k: 'set'; readonly to: Expr; readonly v: Expr }                 // to: an `f` or `fx`
  | { readonly k: 'if'; readonly c: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] }
  | { readonly k: 'let'; readonly name: string; readonly v: Expr }
  | { readonly k: 'call'; readonly proc: Proc; readonly args: readonly Expr[] }
  /**
   * `as` := a candidate of the first tier with an eligible one (255 when none). Several eligible
   * in that tier are a tie: every one is a successor (the odometer, D-02), and the step carries
   * the assumption bit `tie`. DVIPA d names the tie in traces (D-26).
   */
  | { readonly k: 'pick'; readonly d: number; readonly tiers: readonly (readonly Cand[])[]; readonly as: string; readonly tie: number }
  | { readonly k: 'assume'; readonly bit: number };                            // the step relied on an assumption

export const NONE = 255;

// ---- constructors (folding constants) ------------------------------------------------------
export const n = (v: number | boolean): Expr => ({ k: 'n', v: typeof v === 'boolean' ? (v ? 1 : 0) : v });
const field = (k: 'f' | 'pre') => (o: number): Expr => { if (o < 0) throw new Error('internal error: no such field'); return { k, o }; };
export const f = field('f'), pre = field('pre');
export const v = (name: string): Expr => ({ k: 'v', name });
export const fx = (t: Table, at: Expr): Expr => (at.k === 'n' ? f(t.v[at.v] ?? -1) : { k: 'fx', t, at });
export const tab = (t: Table, at: Expr): Expr => (at.k === 'n' ? n(t.v[at.v]!) : { k: 'tab', t, at });
export const call = (fn: Fn, ...args: Expr[]): Expr => ({ k: 'fn', fn, args });

function op(o: Op, a: Expr, b: Expr): Expr {
  if (a.k === 'n' && b.k === 'n') {
    const x = a.v, y = b.v;
    const r = { '==': x === y, '!=': x !== y, '<': x < y, '>': x > y, '+': x + y, '-': x - y, '&&': x !== 0 && y !== 0, '||': x !== 0 || y !== 0 }[o];
    return n(r);
  }
  if (o === '&&') { if (a.k === 'n') return a.v ? b : n(0); if (b.k === 'n') return b.v ? a : n(0); }
  if (o === '||') { if (a.k === 'n') return a.v ? n(1) : b; if (b.k === 'n') return b.v ? n(1) : a; }
  if (o === '+') { if (a.k === 'n' && a.v === 0) return b; if (b.k === 'n' && b.v === 0) return a; }
  return { k: 'op', op: o, a, b };
}
const binary = (o: Op) => (a: Expr, b: Expr | number): Expr => op(o, a, typeof b === 'number' ? n(b) : b);
export const eq = binary('=='), ne = binary('!='), lt = binary('<'), gt = binary('>'), add = binary('+'), sub = binary('-');
export const and = (...xs: Expr[]): Expr => xs.reduce((p, x) => op('&&', p, x), n(1));
export const or = (...xs: Expr[]): Expr => xs.reduce((p, x) => op('||', p, x), n(0));
export const sum = (xs: Expr[]): Expr => xs.reduce((p, x) => add(p, x), n(0));
export const not = (a: Expr): Expr => (a.k === 'n' ? n(!a.v) : { k: 'not', a });
export const sel = (c: Expr, a: Expr, b: Expr): Expr => (c.k === 'n' ? (c.v ? a : b) : { k: 'sel', c, a, b });
/** One of several values by a run-time stack: cases[j] when at = j, else `otherwise`. */
export const cases = (at: Expr, cs: readonly [number, Expr][], otherwise: Expr = n(0)): Expr =>
  cs.reduceRight((e, [j, x]) => sel(eq(at, j), x, e), otherwise);
export const oneOf = (x: Expr, vs: readonly number[]): Expr => or(...vs.map((w) => eq(x, w)));

export const set = (to: Expr, val: Expr | number): Stmt => ({ k: 'set', to, v: typeof val === 'number' ? n(val) : val });
export function when(c: Expr, then: Stmt[], otherwise: Stmt[] = []): Stmt[] {
  if (c.k === 'n') return c.v ? then : otherwise;
  return [{ k: 'if', c, then, else: otherwise }];
}
export const local = (name: string, val: Expr): Stmt => ({ k: 'let', name, v: val });
export const run = (proc: Proc, ...args: Expr[]): Stmt => ({ k: 'call', proc, args });
export const assume = (bit: number): Stmt => ({ k: 'assume', bit });

/** Memoizes named procedures and expressions of one configuration (one printed function each). */
export class Library {
  private readonly made = new Map<string, Proc | Fn>();
  proc(name: string, params: string[], body: (...args: Expr[]) => Stmt[]): Proc { return this.once({ kind: 'proc', name, params, body }); }
  fn(name: string, params: string[], body: (...args: Expr[]) => Expr): Fn { return this.once({ kind: 'fn', name, params, body }); }
  private once<T extends Proc | Fn>(x: T): T {
    const known = this.made.get(x.name) ?? (this.made.set(x.name, x), x);
    if (known.kind !== x.kind) throw new Error(`internal error: ${x.name} is both a procedure and an expression`);
    return known as T;
  }
}
