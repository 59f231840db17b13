import { and, gt, local, n, not, sel, sum, type Cand, type Expr, type Op, type Proc, type Stmt, type Table } from '../model/ir.js';
import { callKey, live, Printer, type Pick } from '../model/lower.js';
import type { EventRule } from '../model/rules.js';

/** One d_step: the event's guard (with the validity of its tie choices) and its effect. */
export interface DStep { readonly guard: string; readonly body: string; readonly choice: number; readonly choices: number }

/** A pick that can meet a tie: reached when `cond` holds (over the state before the step). */
interface TiePick { readonly cond: Expr; readonly tiers: readonly (readonly Cand[])[]; readonly max: number }

/**
 * Prints rules (model/rules.ts) as Promela. A procedure called with constants or names becomes an
 * `inline` printed once (`inlines`); a shared expression is printed in place (Promela has no
 * functions); a field at a run-time stack becomes a conditional over the stacks. Inside a d_step
 * SPIN has no choice, so a tie is printed as one d_step per choice (D-72): the choice's candidate
 * is taken, and its guard says the tie has that many candidates, computed from the state before
 * the step; that needs the pick's reach and candidates to read fields the step has not written
 * before it, which `ties()` checks. An inline that meets ties takes the choice at each as a
 * parameter (D-74).
 */
export class PromelaPrinter extends Printer {
  protected readonly ops: Record<Op, string> = { '==': '==', '!=': '!=', '<': '<', '>': '>', '+': '+', '-': '-', '&&': '&&', '||': '||' };
  /** The inline definitions, each after those it calls. */
  readonly inlines: string[] = [];
  private readonly known = new Map<string, { name: string; choices: number }>();
  private readonly taken = new Set<string>();
  /** This d_step's choice at each tie in printing order; null while printing an inline (its parameters). */
  private digits: readonly number[] | null = [];
  private pickNo = 0;
  /** Per procedure call (callKey): whether its body can meet a tie (mayTie). */
  private readonly tied = new Map<string, boolean>();

  constructor(private readonly name: (offset: number) => string) { super(); this.names.add('np'); }

  /** The scratch variables the printed code assigns (hidden: not part of the state vector). */
  get scratch(): ReadonlySet<string> { return this.names; }

  protected field(o: number): string { return this.name(o); }
  protected before(o: number): string { return `b_${this.name(o)}`; }
  protected lookup(t: Table, at: Expr, field: boolean): string {
    const a = this.expr(at);
    return t.v.reduceRight((e, x, j) => (x < 0 ? e : `(${a} == ${j} -> ${field ? this.name(x) : String(x)} : ${e})`), '0');
  }
  protected cond(c: string, a: string, b: string): string { return `(${c} -> ${a} : ${b})`; }
  protected fn(e: Extract<Expr, { k: 'fn' }>): string { return this.expr(e.fn.body(...e.args)); }
  protected assign(to: Expr, value: string): string {
    if (to.k === 'f') return `${this.name(to.o)} = ${value};`;
    if (to.k !== 'fx') throw new Error('internal error: set of a non-field');
    const at = this.expr(to.at);
    return `if ${to.t.v.map((o, j) => (o < 0 ? '' : `:: (${at} == ${j}) -> ${this.name(o)} = ${value} `)).join('')}:: else -> skip fi;`;
  }
  protected test(c: Expr, a: string, b: string): string { return `if :: (${this.expr(c)}) -> ${a || 'skip'} :: else -> ${b || 'skip'} fi;`; }
  protected assume(): string { return ''; }

  /** A tie's reach and size, which every choice's guard repeats: a macro per distinct text (D-74). */
  private macro(e: Expr): string {
    const text = this.expr(e);
    if (text.length <= 40) return text;
    let name = this.macros.get(text);
    if (!name) { name = `TIE${this.macros.size}`; this.macros.set(text, name); this.defines.push(`#define ${name} (${text})`); }
    return name;
  }
  private readonly macros = new Map<string, string>();
  readonly defines: string[] = [];

  /** The choice at the next tie: a constant in an event's d_step, a parameter in an inline. */
  private choice(): string { const k = this.pickNo++; return this.digits === null ? `choice${k}` : String(this.digits[k] ?? 0); }

  protected call(p: Proc, args: readonly Expr[]): string {
    const key = callKey(p.name, args);
    if (key === null) return this.stmts(p.body(...args));
    let k = this.known.get(key);
    if (!k) {
      const [digits, pickNo] = [this.digits, this.pickNo];
      this.digits = null;
      this.pickNo = 0;
      const body = this.stmts(p.body(...args));
      let name = [p.name, ...key.slice(p.name.length + 1, -1).split(',').filter(Boolean)].join('_');
      while (this.taken.has(name)) name += '_';
      this.taken.add(name);
      k = { name, choices: this.pickNo };
      this.inlines.push(`inline ${name}(${Array.from({ length: k.choices }, (_, c) => `choice${c}`).join(', ')}) { ${body || 'skip'} }`);
      this.known.set(key, k);
      [this.digits, this.pickNo] = [digits, pickNo];
    }
    return `${k.name}(${Array.from({ length: k.choices }, () => this.choice()).join(', ')});`;
  }

  protected pick(s: Pick): string {
    const tiers = live(s.tiers);
    if (tiers.every((g) => g.length === 1)) return `${s.as} = ${tiers.reduceRight((e, g) => this.cond(this.expr(g[0]!.when), String(g[0]!.j), e), '255')};`;
    const g = this.choice();
    const fill = tiers.reduceRight((rest, tier) => [
      ...tier.map((c) => `if :: (${this.expr(c.when)}) -> if :: np == ${g} -> ${s.as} = ${c.j} :: else -> skip fi; np++ :: else -> skip fi;`),
      ...(rest ? [`if :: np == 0 -> ${rest} :: else -> skip fi;`] : []),
    ].join(' '), '');
    return `${s.as} = 255; np = 0; ${fill}`;
  }

  /** Every d_step of an event: one per combination of tie choices (D-02 order: the first tie varies fastest). */
  event(r: EventRule, budget: boolean): DStep[] {
    // Names bound before the step are assigned first in the d_step and substituted in its guard.
    const effect = [...r.lets.map(([x, e]) => local(x, e)), ...r.effect];
    const lets = new Map<string, Expr | null>(r.lets);
    const picks = ties(effect, this.tied);
    const total = picks.reduce((p, t) => p * t.max, 1);
    const base = [...(budget && r.budget ? [r.budget] : []), ...r.guard.map((g) => g.when)].map((e) => before(e, new Set(), lets)!);
    const out: DStep[] = [];
    for (let k = 0; k < total; k++) {
      let rest = k;
      const digits = picks.map((t) => { const g = rest % t.max; rest = Math.floor(rest / t.max); return g; });
      const valid = picks.flatMap((t, p) => (digits[p]! > 0 ? [`(${this.macro(t.cond)} && (${this.macro(tierSize(t.tiers))} > ${digits[p]!}))`] : []));
      this.digits = digits;
      this.pickNo = 0;
      const guard = [...base.map((e) => this.expr(e)), ...valid].join(' && ') || '1';
      out.push({ guard, body: this.stmts(effect), choice: k, choices: total });
    }
    return out;
  }
}

/** Number of eligible candidates in the first tier that has one (the tie's size). */
function tierSize(tiers: readonly (readonly Cand[])[]): Expr {
  const count = (g: readonly Cand[]): Expr => sum(g.map((c) => sel(c.when, n(1), n(0))));
  return tiers.reduceRight((e: Expr, g) => sel(gt(count(g), 0), count(g), e), n(0));
}

/** Whether the statements hold a pick that can meet a tie (memoized per procedure call). */
function mayTie(ss: readonly Stmt[], known: Map<string, boolean>): boolean {
  return ss.some((s) => {
    if (s.k === 'if') return mayTie(s.then, known) || mayTie(s.else, known);
    if (s.k === 'pick') return live(s.tiers).some((g) => g.length > 1);
    if (s.k !== 'call') return false;
    const key = callKey(s.proc.name, s.args);
    let r = key === null ? undefined : known.get(key);
    if (r === undefined) { r = mayTie(s.proc.body(...s.args), known); if (key !== null) known.set(key, r); }
    return r;
  });
}

/** The picks that can meet a tie, in printing order, with their reach over the state before the step. */
function ties(effect: readonly Stmt[], known: Map<string, boolean>): TiePick[] {
  const out: TiePick[] = [];
  if (!mayTie(effect, known)) return out; // most events of a site: no walk of what they write
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
      case 'n': case 'pre': return x;
      case 'tab': { const at = go(x.at); return at ? { ...x, at } : null; } // the index too: a let is replaced by its value
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
