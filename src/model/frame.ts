import type { Expr, Stmt } from './ir.js';
import { callKey } from './lower.js';
import type { Description } from './rules.js';

/**
 * D-290: the frame of an event. A step starts as a copy of the state before it, so every field
 * its effect cannot write (no `set` of it, in any branch, in any procedure it calls) reads the
 * same before and after: a step property's condition that reads before the step only such fields
 * has, for that event, its value on a step that changes nothing (properties/fast.ts
 * stepConditions). The conditions a search evaluates and the Promela assertions per event shrink
 * to those about fields the event can change.
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
  const rules = new Map(desc.events.map((r) => [r.action.index, r] as const));
  return (a) => {
    let w = byEvent.get(a);
    if (!w) {
      const r = rules.get(a);
      const m = new Set<number>();
      if (r) walk(r.effect, m);
      byEvent.set(a, (w = m));
    }
    return w;
  };
}

/** The fields e reads before the step (`pre`), memoized per expression. */
export function preReads(e: Expr): ReadonlySet<number> {
  let r = reads.get(e);
  if (r) return r;
  const out = new Set<number>();
  const go = (x: Expr): void => {
    switch (x.k) {
      case 'pre': out.add(x.o); return;
      case 'n': case 'f': case 'v': return;
      case 'fx': case 'tab': go(x.at); return;
      case 'not': go(x.a); return;
      case 'op': go(x.a); go(x.b); return;
      case 'sel': go(x.c); go(x.a); go(x.b); return;
      case 'fn': go(x.fn.body(...x.args)); return;
    }
  };
  go(e);
  reads.set(e, (r = out));
  return r;
}
const reads = new WeakMap<Expr, ReadonlySet<number>>();
