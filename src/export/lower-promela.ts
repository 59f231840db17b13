import { and, gt, local, n, not, sel, sum, type Cand, type Expr, type Stmt } from '../model/ir.js';
import type { EventRule } from '../model/rules.js';

/** One d_step: the event's guard (with the validity of its tie choices) and its effect. */
export interface DStep { readonly guard: string; readonly body: string; readonly choice: number; readonly choices: number }

/** A pick that can meet a tie: reached when `cond` holds (over the state before the step). */
interface TiePick { readonly cond: Expr; readonly tiers: readonly (readonly Cand[])[]; readonly max: number }

const isFalse = (e: Expr): boolean => e.k === 'n' && e.v === 0;
const live = (tiers: readonly (readonly Cand[])[]): Cand[][] => tiers.map((g) => g.filter((c) => !isFalse(c.when))).filter((g) => g.length > 0);

/**
 * Prints rules (model/rules.ts) as Promela. Procedures and shared expressions are inlined (Promela
 * has no functions a d_step can call); a field at a run-time stack becomes an `if` over the
 * stacks. Inside a d_step SPIN has no choice, so a tie is printed as one d_step per choice: the
 * choice's candidate is taken, and its guard says the tie has that many candidates, computed
 * from the state before the step; that needs the pick's reach and candidates to read fields the
 * step has not written before it, which `ties()` checks.
 */
export class PromelaPrinter {
  readonly scratch = new Set<string>(['np']);
  private digits: number[] = [];
  private pickNo = 0;

  constructor(private readonly name: (offset: number) => string) {}

  expr(e: Expr): string {
    switch (e.k) {
      case 'n': return String(e.v);
      case 'f': return this.name(e.o);
      case 'fx': return this.byStack(e.t.v, e.at, (o) => this.name(o), '0');
      case 'tab': return this.byStack(e.t.v, e.at, (x) => String(x), '0');
      case 'v': this.scratch.add(e.name); return e.name;
      case 'op': return `(${this.expr(e.a)} ${e.op} ${this.expr(e.b)})`;
      case 'not': return `!${this.expr(e.a)}`;
      case 'sel': return `(${this.expr(e.c)} -> ${this.expr(e.a)} : ${this.expr(e.b)})`;
      case 'fn': return this.expr(e.fn.body(...e.args));
    }
  }
  private byStack(t: readonly number[], at: Expr, show: (x: number) => string, otherwise: string): string {
    const a = this.expr(at);
    return t.reduceRight((e, x, j) => (x < 0 ? e : `(${a} == ${j} -> ${show(x)} : ${e})`), otherwise);
  }

  stmts(ss: readonly Stmt[]): string[] { return ss.flatMap((s) => this.stmt(s)); }
  private ifs(c: string, then: string[], otherwise: string[]): string[] {
    if (!then.length && !otherwise.length) return [];
    return [`if :: (${c}) -> ${then.join(' ') || 'skip'} :: else -> ${otherwise.join(' ') || 'skip'} fi;`];
  }
  private stmt(s: Stmt): string[] {
    switch (s.k) {
      case 'set': {
        const val = this.expr(s.v);
        if (s.to.k === 'f') return [`${this.name(s.to.o)} = ${val};`];
        if (s.to.k !== 'fx') throw new Error('internal error: set of a non-field');
        const at = this.expr(s.to.at);
        return [`if ${s.to.t.v.map((o, j) => (o < 0 ? '' : `:: (${at} == ${j}) -> ${this.name(o)} = ${val} `)).join('')}:: else -> skip fi;`];
      }
      case 'if': return this.ifs(this.expr(s.c), this.stmts(s.then), this.stmts(s.else));
      case 'let': this.scratch.add(s.name); return [`${s.name} = ${this.expr(s.v)};`];
      case 'call': return this.stmts(s.proc.body(...s.args));
      case 'assume': return [];
      case 'pick': {
        this.scratch.add(s.as);
        const tiers = live(s.tiers);
        if (tiers.every((g) => g.length === 1)) return [`${s.as} = ${tiers.reduceRight((e, g) => `(${this.expr(g[0]!.when)} -> ${g[0]!.j} : ${e})`, '255')};`];
        const g = this.digits[this.pickNo++] ?? 0; // this d_step's choice at this tie
        const fill = tiers.reduceRight((rest: string[], tier) => [
          ...tier.map((c) => `if :: (${this.expr(c.when)}) -> if :: np == ${g} -> ${s.as} = ${c.j} :: else -> skip fi; np++ :: else -> skip fi;`),
          ...(rest.length ? [`if :: np == 0 -> ${rest.join(' ')} :: else -> skip fi;`] : []),
        ], []);
        return [`${s.as} = 255;`, 'np = 0;', ...fill];
      }
    }
  }

  /** Every d_step of an event: one per combination of tie choices (D-02 order: the first tie varies fastest). */
  event(r: EventRule, budget: boolean): DStep[] {
    // Names bound before the step are assigned first in the d_step and substituted in its guard.
    const effect = [...r.lets.map(([x, e]) => local(x, e)), ...r.effect];
    const lets = new Map<string, Expr | null>(r.lets);
    const picks = ties(effect);
    const total = picks.reduce((p, t) => p * t.max, 1);
    const base = [...(budget && r.budget ? [r.budget] : []), ...r.guard.map((g) => g.when)].map((e) => before(e, new Set(), lets)!);
    const out: DStep[] = [];
    for (let k = 0; k < total; k++) {
      let rest = k;
      this.digits = picks.map((t) => { const g = rest % t.max; rest = Math.floor(rest / t.max); return g; });
      const valid = picks.flatMap((t, p) => (this.digits[p]! > 0 ? [and(t.cond, gt(tierSize(t.tiers), this.digits[p]!))] : []));
      this.pickNo = 0;
      const guard = [...base, ...valid].map((e) => this.expr(e)).join(' && ') || '1';
      out.push({ guard, body: this.stmts(effect).join(' '), choice: k, choices: total });
    }
    return out;
  }
}

/** Number of eligible candidates in the first tier that has one (the tie's size). */
function tierSize(tiers: readonly (readonly Cand[])[]): Expr {
  const count = (g: readonly Cand[]): Expr => sum(g.map((c) => sel(c.when, n(1), n(0))));
  return tiers.reduceRight((e: Expr, g) => sel(gt(count(g), 0), count(g), e), n(0));
}

/** The picks that can meet a tie, in printing order, with their reach over the state before the step. */
function ties(effect: readonly Stmt[]): TiePick[] {
  const out: TiePick[] = [];
  const env = new Map<string, Expr | null>();
  const walk = (ss: readonly Stmt[], cond: Expr | null, written: Set<number>): void => {
    for (const s of ss) {
      if (s.k === 'set') {
        if (s.to.k === 'f') written.add(s.to.o);
        else if (s.to.k === 'fx') for (const o of s.to.t.v) written.add(o);
      } else if (s.k === 'let') env.set(s.name, before(s.v, written, env));
      else if (s.k === 'call') walk(s.proc.body(...s.args), cond, written);
      else if (s.k === 'if') {
        const c = before(s.c, written, env);
        const w1 = new Set(written), w2 = new Set(written);
        walk(s.then, cond && c ? and(cond, c) : null, w1);
        walk(s.else, cond && c ? and(cond, not(c)) : null, w2);
        for (const o of [...w1, ...w2]) written.add(o);
      } else if (s.k === 'pick') {
        env.set(s.as, null);
        const tiers = live(s.tiers);
        if (tiers.every((g) => g.length === 1)) continue;
        const pure = tiers.map((g) => g.map((c) => ({ j: c.j, when: before(c.when, written, env) })));
        if (!cond || pure.some((g) => g.some((c) => c.when === null))) throw new Error('internal error: a tie reads what its step wrote before it: Promela cannot guard its choices');
        out.push({ cond, tiers: pure as Cand[][], max: Math.max(...tiers.map((g) => g.length)) });
      }
    }
  };
  walk(effect, n(1), new Set());
  return out;
}

/** e over the state before the step, or null when it reads a field written earlier in the step. */
function before(e: Expr, written: ReadonlySet<number>, env: ReadonlyMap<string, Expr | null>): Expr | null {
  const go = (x: Expr): Expr | null => {
    switch (x.k) {
      case 'n': case 'tab': return x.k === 'tab' ? (go(x.at) ? x : null) : x;
      case 'f': return written.has(x.o) ? null : x;
      case 'fx': return x.t.v.some((o) => o >= 0 && written.has(o)) || !go(x.at) ? null : { ...x, at: go(x.at)! };
      case 'v': return env.get(x.name) ?? null;
      case 'op': { const a = go(x.a), b = go(x.b); return a && b ? { ...x, a, b } : null; }
      case 'not': { const a = go(x.a); return a ? { ...x, a } : null; }
      case 'sel': { const c = go(x.c), a = go(x.a), b = go(x.b); return c && a && b ? { ...x, c, a, b } : null; }
      case 'fn': return go(x.fn.body(...x.args));
    }
  };
  return go(e);
}
