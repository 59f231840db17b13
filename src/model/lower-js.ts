import type { Expr, Fn, Op, Proc, Stmt, Table } from './ir.js';
import { isFalse, live, Printer, type Pick } from './lower.js';
import type { Description, EventRule } from './rules.js';

/**
 * Picks one of n tied candidates (stack indices in cands[0..n)) for DVIPA d; `kind`: the
 * assumption bit of the pick (assumptions.ts: an equal-rank takeover, a distributor's target).
 */
export interface Chooser { choose(d: number, cands: Int32Array, n: number, kind: number): number }
/** The odometer of tie choices (model.ts): a Chooser that enumerates every combination. */
export interface Odo extends Chooser { reset(): void; pos: number; advance(): boolean }

/** Emits every successor of a state, all events in order (the engine's PackedModel.expand). */
export type Expand = (state: Uint8Array, emit: (next: Uint8Array, action: number, choice: number) => void) => void;

/** The rules printed as JavaScript for one configuration, compiled once with `new Function`. */
export interface Lowered {
  readonly expand: Expand;
  /** Successors of one event (disabled: none), tie choices in odometer order. */
  successors(state: Uint8Array, a: number, emit: (next: Uint8Array, choice: number) => void): void;
  /** Applies an event in place, ties resolved by `ch`; returns the bits of the assumptions used. */
  apply(w: Uint8Array, a: number, ch: Chooser): number;
  /** 0 when the event's guard holds, else the code of the first conjunct that fails (budget ignored). */
  disabled(state: Uint8Array, a: number): number;
  initial(): Uint8Array;
}

/**
 * The string as one flat piece (V8 flattens a string built by concatenation when it is read as
 * a number): printed pieces kept for long are copied once, so their many small parts die young
 * instead of being collected late and walked again by every later concatenation's flattening.
 */
function flat(s: string): string { return (Number(s), s); }

interface Scoped { readonly text: string; readonly names: readonly string[]; readonly tied: boolean }

/**
 * Prints a rule description (rules.ts) as JavaScript: every shared procedure and expression once,
 * as a function (so the code grows with the configuration, not with its cube), every event as a
 * function with its guard inline in `expand`. `budget`: failure events need failures left (D-04).
 * Compiled once; each call of the result makes an independent instance sharing the compiled code.
 */
export function lowerJs(desc: Description, bytes: number, stacks: number, budget: boolean): (odo: Odo) => Lowered {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('odo', printJs(desc, bytes, stacks, budget)) as (odo: Odo) => Lowered;
}

/** The JavaScript source lowerJs compiles (exported for the size test). */
export function printJs(desc: Description, bytes: number, stacks: number, budget: boolean): string {
  return new JsPrinter(desc, bytes, stacks, budget).write();
}

/**
 * Conditions over a state `s` and the state before the step `b` (the built-in properties' fast
 * paths, properties/fast.ts) as JavaScript expressions, shared expressions printed in place;
 * `tables`: the tables they index, by name.
 */
export function printConditions(conds: readonly Expr[]): { texts: string[]; tables: Record<string, Int32Array> } {
  const p = new JsPrinter({ events: [], initial: [] }, 0, 0, false);
  return p.conditions(conds);
}

class JsPrinter extends Printer {
  protected readonly ops: Record<Op, string> = { '==': '===', '!=': '!==', '<': '<', '>': '>', '+': '+', '-': '-', '&&': '&&', '||': '||' };
  /** The state the code reads: `s` (guards), `t` (the successor, in effects), `x` (a shared expression's argument). */
  private x = 't';
  /** Whether the code printed so far in this scope can meet a tie (the event then runs the odometer). */
  private tied = false;
  private readonly tables = new Map<string, Table>();
  private readonly functions = new Map<string, boolean>(); // printed once; the value: can it meet a tie?
  private readonly out: string[] = [];
  private readonly library: string[] = [];
  private readonly budgets: string[] = [];

  constructor(private readonly desc: Description, private readonly bytes: number, private readonly stacks: number, private readonly budget: boolean) { super(); }

  /** Printing conditions (printConditions): every shared expression in place. */
  private flatFns = false;
  conditions(conds: readonly Expr[]): { texts: string[]; tables: Record<string, Int32Array> } {
    this.flatFns = true;
    const texts = conds.map((c) => this.at(c, 's'));
    return { texts, tables: Object.fromEntries([...this.tables.values()].map((t) => [t.name, Int32Array.from(t.v)])) };
  }

  private at(e: Expr, x: string): string { const outer = this.x; this.x = x; const text = this.expr(e); this.x = outer; return text; }

  /** Prints with a fresh set of locals and tie flag, which it returns. */
  private scoped(print: () => string): Scoped {
    const [names, tied] = [this.names, this.tied];
    this.names = new Set();
    this.tied = false;
    const done = { text: print(), names: [...this.names], tied: this.tied };
    [this.names, this.tied] = [names, tied];
    return done;
  }

  /** A procedure or expression as a function of its own, printed at its first use. */
  private function(x: Proc | Fn): string {
    let tied = this.functions.get(x.name);
    if (tied === undefined) {
      const ps = x.params.map((p) => ({ k: 'v', name: p }) as Expr);
      const body = x.kind === 'fn' ? { text: `return ${this.at(x.body(...ps), 'x')};`, tied: false } : this.body(x.body(...ps), x.params);
      this.library.push(`function ${x.name}(${(x.kind === 'fn' ? ['x', ...x.params] : x.params).join(', ')}) { ${body.text} }`);
      this.functions.set(x.name, (tied = body.tied));
    }
    this.tied ||= tied;
    return x.name;
  }

  protected field(o: number): string {
    const texts = (this.fields[this.x] ??= []);
    return (texts[o] ??= `${this.x}[${o}]`);
  }
  /** The printed fields, per state name (printing a model reads the same few fields many times). */
  private readonly fields: Record<string, string[]> = {};
  protected lookup(t: Table, at: Expr, field: boolean): string {
    this.tables.set(t.name, t);
    const i = `${t.name}[${this.expr(at)}]`;
    return field ? `${this.x}[${i}]` : i;
  }
  protected before(o: number): string { return `b[${o}]`; }
  protected cond(c: string, a: string, b: string): string { return `(${c} ? ${a} : ${b})`; }
  protected fn(e: Extract<Expr, { k: 'fn' }>): string {
    const fn = e.fn;
    if (this.flatFns) return this.expr(fn.body(...e.args));
    return `${this.function(fn)}(${[this.x, ...e.args.map((a) => this.expr(a))].join(', ')})`;
  }
  protected assign(to: Expr, value: string): string { return `${this.expr(to)} = ${value};`; }
  protected test(c: Expr, a: string, b: string, then: readonly Stmt[]): string {
    const cs = this.expr(c);
    // A test that only records an assumption runs only when assumptions are asked for (apply).
    if (!b && then.every((x) => x.k === 'assume')) return `if (tr && ${cs}) { ${a} }`;
    return a ? `if (${cs}) { ${a} }${b ? ` else { ${b} }` : ''}` : `if (!${cs}) { ${b} }`;
  }
  protected call(p: Proc, args: readonly Expr[]): string {
    return `${this.function(p)}(${args.map((a) => this.expr(a)).join(', ')});`;
  }
  protected assume(bit: number): string { return `asm |= ${bit};`; }
  protected pick(s: Pick): string {
    this.names.add('np');
    if (s.tiers.every((g) => g.length <= 1)) { // no tie possible: the first eligible candidate
      const first = s.tiers.reduceRight((e, g) => (g.length && !isFalse(g[0]!.when) ? `${this.expr(g[0]!.when)} ? ${g[0]!.j} : ${e}` : e), '255');
      return `${s.as} = ${first};`;
    }
    this.tied = true;
    const fill = live(s.tiers).reduceRight((rest, g) => `${g.map((c) => `if (${this.expr(c.when)}) tie[np++] = ${c.j};`).join(' ')}${rest ? ` if (np === 0) { ${rest} }` : ''}`, '');
    return `np = 0; ${fill} ${s.as} = np === 0 ? 255 : np === 1 ? tie[0] : (asm |= ${s.tie}, tie[ch.choose(${s.d}, tie, np, ${s.tie})]);`;
  }

  private event(r: EventRule, copy: string): string {
    const a = r.action.index;
    const names = r.lets.map(([x]) => x);
    const lets = r.lets.map(([x, e]) => `const ${x} = ${this.at(e, 's')};`).join(' ');
    const conj = r.guard.map((g) => this.at(g.when, 's'));
    const budget = r.budget && this.budget ? this.at(r.budget, 's') : null;
    const guard = [...(budget ? [budget] : []), ...conj].join(' && ') || 'true';
    const effect = this.body(r.effect, names);
    this.out.push(flat(`function x${a}(${names.join(', ')}) { /* ${r.action.text.replace(/\*\//g, '* /')} */ ${effect.text} }`));
    const step = effect.tied
      ? `odo.reset(); let c = 0; do { ${copy} odo.pos = 0; x${a}(${names.join(', ')}); emit(t, ${a}, c++); } while (odo.advance());`
      : `${copy} x${a}(${names.join(', ')}); emit(t, ${a}, 0);`;
    this.out.push(`function e${a}() { ${lets}${names.length ? ` if (!(${guard})) return;` : ''} ${step} }`);
    this.out.push(`function g${a}() { ${lets} ${r.guard.map((g, k) => `if (!${conj[k]}) return ${g.code};`).join(' ')} return 0; }`);
    if (budget) this.out.push(`function b${a}() { return ${budget}; }`);
    this.budgets.push(budget ? `b${a}` : 'yes');
    return names.length ? `e${a}();` : `if (${guard}) e${a}();`;
  }

  /** A function body: its statements, after a declaration of the locals they assign. */
  private body(ss: readonly Stmt[], params: readonly string[] = []): Scoped {
    const done = this.scoped(() => this.stmts(ss));
    const ls = done.names.filter((x) => !params.includes(x));
    return { ...done, text: `${ls.length ? `let ${ls.map((x) => `${x} = 0`).join(', ')}; ` : ''}${done.text}` };
  }

  write(): string {
    const W = this.bytes >>> 2;
    // The successor starts as a copy of the state: unrolled while short (at most 32 words, so the
    // code stays linear), else one set().
    const copy = W <= 32 ? Array.from({ length: W }, (_, k) => `t32[${k}] = s32[${k}];`).join(' ') : 't32.set(s32);';
    const calls = this.desc.events.map((r) => this.event(r, copy));
    const init = `function init() { t.fill(0); ${this.body(this.desc.initial).text} return t.slice(); }`;
    const list = (p: string): string => `[${this.desc.events.map((r) => `${p}${r.action.index}`).join(', ')}]`;
    return [
      '"use strict";',
      `const t = new Uint8Array(${this.bytes}); const t32 = new Uint32Array(t.buffer); const tie = new Int32Array(${Math.max(1, this.stacks)});`,
      ...[...this.tables.values()].map((t) => `const ${t.name} = Int32Array.of(${t.v.join(', ')});`),
      'let s = t, s32 = t32, emit = null, sbuf = null, ch = odo, asm = 0, tr = false;',
      `function point(state) { s = state; if (state.buffer !== sbuf || state.byteOffset !== 0) { sbuf = state.byteOffset === 0 ? state.buffer : null; s32 = new Uint32Array(state.buffer, state.byteOffset, ${W}); } }`,
      ...this.out, init, ...this.library,
      `function yes() { return true; } const E = ${list('e')}, G = ${list('g')}, B = [${this.budgets.join(', ')}];`,
      `function expand(state, em) { point(state); emit = em; ${calls.join(' ')} emit = null; }`,
      'function successors(state, a, em) { point(state); if (B[a]() && G[a]() === 0) { emit = (next, _a, c) => em(next, c); E[a](); } emit = null; }',
      // apply: the event's successor function, ties resolved by the chooser (the odometer then has no digits: one run).
      'function apply(w, a, chooser) { point(w); ch = chooser; asm = 0; tr = true; emit = (next) => w.set(next); try { E[a](); } finally { ch = odo; tr = false; emit = null; } return asm; }',
      'function disabled(state, a) { point(state); return G[a](); }',
      'return { expand, successors, apply, disabled, initial: init };',
    ].join('\n');
  }
}
