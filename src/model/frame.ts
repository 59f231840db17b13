import { add, and, eq, f, fx, gt, lt, ne, not, or, sel, sub, tab, type Expr, type Stmt } from './ir.js';
import { callKey } from './lower.js';
import type { Description } from './rules.js';

/**
 * D-290: the frame of an event. A step starts as a copy of the state before it, so every field
 * its effect cannot write (no `set` of it, in any branch, in any procedure it calls) reads the
 * same before and after. A step property's condition for that event may then read such a field
 * after the step instead of before it, and the constructors fold what becomes trivially true
 * (`!(x > x)`): the conditions a search evaluates and the Promela assertions per event shrink to
 * those about fields the event can change. Used by the built-in properties' fast paths
 * (properties/fast.ts) and the Promela export.
 */
export function frames(desc: Description): (a: number) => ReadonlySet<number> {
  const byCall = new Map<string, ReadonlySet<number>>();
  const byEvent = new Map<number, ReadonlySet<number>>();
  const walk = (ss: readonly Stmt[], out: Set<number>): void => {
    for (const s of ss) {
      if (s.k === 'set') {
        if (s.to.k === 'f') out.add(s.to.o);
        else if (s.to.k === 'fx') { for (const o of s.to.t.v) if (o >= 0) out.add(o); }
        else throw new Error('internal error: set of a non-field');
      } else if (s.k === 'if') { walk(s.then, out); walk(s.else, out); }
      else if (s.k === 'call') {
        const key = callKey(s.proc.name, s.args);
        let w = key === null ? undefined : byCall.get(key);
        if (!w) { const m = new Set<number>(); walk(s.proc.body(...s.args), m); w = m; if (key !== null) byCall.set(key, m); }
        for (const o of w) out.add(o);
      }
    }
  };
  return (a) => {
    let w = byEvent.get(a);
    if (!w) {
      const r = desc.events.find((x) => x.action.index === a);
      const m = new Set<number>();
      if (r) walk(r.effect, m);
      byEvent.set(a, (w = m));
    }
    return w;
  };
}

/** e with every field the step leaves alone read after the step (`pre(o)` -> `f(o)`), folded. */
export function framed(e: Expr, written: ReadonlySet<number>): Expr {
  const go = (x: Expr): Expr => {
    switch (x.k) {
      case 'n': case 'f': case 'v': return x;
      case 'pre': return written.has(x.o) ? x : f(x.o);
      case 'fx': return fx(x.t, go(x.at));
      case 'tab': return tab(x.t, go(x.at));
      case 'not': return not(go(x.a));
      case 'sel': return sel(go(x.c), go(x.a), go(x.b));
      case 'fn': return go(x.fn.body(...x.args)); // conditions print shared expressions in place anyway
      case 'op': {
        const a = go(x.a), b = go(x.b);
        switch (x.op) {
          case '==': return eq(a, b);
          case '!=': return ne(a, b);
          case '<': return lt(a, b);
          case '>': return gt(a, b);
          case '+': return add(a, b);
          case '-': return sub(a, b);
          case '&&': return and(a, b);
          case '||': return or(a, b);
        }
      }
    }
  };
  return go(e);
}

/** The conditions of a step property for one event after its frame, those that became true dropped. */
export function framedAll(conds: readonly Expr[], written: ReadonlySet<number>): Expr[] {
  return conds.map((c) => framed(c, written)).filter((c) => !(c.k === 'n' && c.v !== 0));
}
