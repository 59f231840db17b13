import type { Cand, Expr, Op, Proc, Stmt, Table } from './ir.js';

export type Pick = Extract<Stmt, { k: 'pick' }>;
type Call = Extract<Expr, { k: 'fn' }>;

export const isFalse = (e: Expr): boolean => e.k === 'n' && e.v === 0;

/** A pick's tiers without the candidates that are never eligible, empty tiers dropped. */
export const live = (tiers: Pick['tiers']): Cand[][] => tiers.map((g) => g.filter((c) => !isFalse(c.when))).filter((g) => g.length > 0);

/** A call whose arguments are constants or names prints the same text at every site: its key; else null. */
export const callKey = (name: string, args: readonly Expr[]): string | null =>
  (args.every((a) => a.k === 'n' || a.k === 'v') ? `${name}(${args.map((a) => (a.k === 'n' ? a.v : a.k === 'v' ? a.name : '')).join(',')})` : null);

/**
 * What the two lowerings (lower-js.ts, export/lower-promela.ts) share. Expressions differ only
 * in their dialect: the operators, the conditional, how a field and a table indexed at run time
 * are read, and whether a shared expression is called (JavaScript) or printed in place (Promela). Statements share
 * their walk; each lowering says how a test, an assignment, a call, a pick and an assumption
 * are written.
 */
export abstract class Printer {
  protected abstract readonly ops: Readonly<Record<Op, string>>;
  protected abstract field(o: number): string;
  /** A field of the state before the step (a step property's condition). */
  protected abstract before(o: number): string;
  /** t[at]: the field at that offset (`field`), or the constant. */
  protected abstract lookup(t: Table, at: Expr, field: boolean): string;
  protected abstract cond(c: string, a: string, b: string): string;
  protected abstract fn(e: Call): string;
  protected abstract assign(to: Expr, value: string): string;
  /** `if c then a else b`, a and b printed (not both empty); `then` is the description's. */
  protected abstract test(c: Expr, a: string, b: string, then: readonly Stmt[]): string;
  protected abstract call(p: Proc, args: readonly Expr[]): string;
  protected abstract pick(s: Pick): string;
  protected abstract assume(bit: number): string;
  /** Names the code being printed assigns (locals in JavaScript, scratch variables in Promela). */
  protected names = new Set<string>();

  expr(e: Expr): string {
    switch (e.k) {
      case 'n': return String(e.v);
      case 'f': return this.field(e.o);
      case 'pre': return this.before(e.o);
      case 'fx': return this.lookup(e.t, e.at, true);
      case 'tab': return this.lookup(e.t, e.at, false);
      case 'v': return e.name;
      case 'op': return `(${this.expr(e.a)} ${this.ops[e.op]} ${this.expr(e.b)})`;
      case 'not': return `!${this.expr(e.a)}`;
      case 'sel': return this.cond(this.expr(e.c), this.expr(e.a), this.expr(e.b));
      case 'fn': return this.fn(e);
    }
  }

  stmts(ss: readonly Stmt[]): string { return ss.map((s) => this.stmt(s)).filter((x) => x).join(' '); }

  private stmt(s: Stmt): string {
    switch (s.k) {
      case 'set': return this.assign(s.to, this.expr(s.v));
      case 'if': { const a = this.stmts(s.then), b = this.stmts(s.else); return a || b ? this.test(s.c, a, b, s.then) : ''; }
      case 'let': this.names.add(s.name); return `${s.name} = ${this.expr(s.v)};`;
      case 'call': return this.call(s.proc, s.args);
      case 'assume': return this.assume(s.bit);
      case 'pick': this.names.add(s.as); return this.pick(s);
    }
  }
}
