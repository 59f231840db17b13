import { ACTIVE, JOINED } from '../model/codes.js';
import { and, eq, f, not, or, pre, sel, type Expr } from '../model/ir.js';
import type { Layout } from '../model/layout.js';
import { printConditions } from '../model/lower-js.js';
import { frames, preReads } from '../model/frame.js';
import type { Description } from '../model/rules.js';
import type { EventView, Invariant, StatePart, StepProperty, Sysplex } from './api.js';

/**
 * The fields of one state as expressions of the rule language (model/ir.ts), for the built-in
 * properties' fast paths (`fast` in properties/*.ts): the state after the step (`now`) or before
 * it (`before`). Written once, a fast path is printed as JavaScript for the search (below) and as
 * Promela assertions (export/promela.ts).
 */
export interface Fields {
  byte(o: number): Expr;
  joined(i: number): Expr;
  /** OMPROUTE up (static routing: the byte is 1 too). */
  routingUp(i: number): Expr;
  app(i: number, k: number): Expr;
  /** Status of DVIPA d on stack i. */
  ds(d: number, i: number): Expr;
  active(d: number, i: number): Expr;
  /** Connections of client c on stack i. */
  cn(c: number, i: number): Expr;
  /** The owner of d (the first stack in stack order where d is Active) is j. */
  ownerIs(d: number, j: number): Expr;
  /** x(owner of d), or `none` where d is Active nowhere. */
  atOwner(d: number, x: (j: number) => Expr, none: Expr): Expr;
  /** Some stack holds d Active. */
  held(d: number): Expr;
}

export function fieldsOf(L: Layout, before: boolean): Fields {
  const S = L.nStacks;
  const byte = before ? pre : f;
  const ds = (d: number, i: number): Expr => byte(L.statusOffset[d * S + i]!);
  const active = (d: number, i: number): Expr => eq(ds(d, i), ACTIVE);
  return {
    byte,
    joined: (i) => eq(byte(i), JOINED),
    routingUp: (i) => eq(byte(S + i), 1),
    app: (i, k) => byte(L.appOffset[i]! + k),
    ds, active,
    cn: (c, i) => byte(L.connOffset[c * S + i]!),
    ownerIs: (d, j) => and(active(d, j), ...L.dvipas[d]!.stacks.filter((k) => k < j).map((k) => not(active(d, k)))),
    atOwner: (d, x, none) => L.dvipas[d]!.stacks.reduceRight((e: Expr, j) => sel(active(d, j), x(j), e), none),
    held: (d) => or(...L.dvipas[d]!.stacks.map((j) => active(d, j))),
  };
}

/** What a fast path is written from: the layout (D-01), the sysplex, the event instances, the fields. */
export interface FastContext {
  readonly layout: Layout;
  readonly sysplex: Sysplex;
  readonly events: readonly EventView[];
  readonly now: Fields;
  readonly before: Fields;
  /** The fields event a can write (its frame, D-290), when the rules are at hand. */
  readonly written?: (a: number) => ReadonlySet<number>;
}

export function fastContext(layout: Layout, sysplex: Sysplex, events: readonly EventView[], rules?: Description): FastContext {
  return { layout, sysplex, events, now: fieldsOf(layout, false), before: fieldsOf(layout, true), ...(rules ? { written: frames(rules) } : {}) };
}

/** Offsets of the bytes of the packed state (D-01) that make up the given parts, ascending. */
export function partBytes(L: Layout, parts: readonly StatePart[]): Int32Array {
  const range = (part: StatePart): [number, number] => (part === 'stacks' ? [0, L.statusStart] : part === 'dvipas' ? [L.statusStart, L.connStart] : [L.connStart, L.connEnd]);
  const offsets = new Set<number>();
  for (const part of parts) { const [from, to] = range(part); for (let o = from; o < to; o++) offsets.add(o); }
  return Int32Array.from([...offsets].sort((a, b) => a - b));
}

/**
 * A step property's conditions for event a after the event's frame, where the rules are at hand
 * (D-290). A built-in step property declares the parts a violating step must change (`changes`):
 * an event that can write none of their bytes cannot violate it (no condition), and a condition
 * that reads before the step only fields the event cannot write has its value on a step that
 * changes nothing, which by that declaration holds (dropped). The list is kept as given when
 * nothing is dropped, and one list stands for every event that keeps the same conditions, so a
 * list is printed once.
 */
export function stepConditions(ctx: FastContext, p: StepProperty, conds: readonly Expr[], a: number): readonly Expr[] {
  if (!ctx.written || !p.changes) return conds;
  const w = ctx.written(a);
  let byProp = changedBytes.get(ctx.layout);
  if (!byProp) changedBytes.set(ctx.layout, (byProp = new WeakMap()));
  let parts = byProp.get(p.changes);
  if (!parts) byProp.set(p.changes, (parts = Array.from(partBytes(ctx.layout, p.changes))));
  if (!parts.some((o) => w.has(o))) return NONE;
  const keep = conds.map((c) => reads(preReads(c), w));
  if (keep.every(Boolean)) return conds;
  let known = kept.get(conds);
  if (!known) kept.set(conds, (known = new Map()));
  const sig = keep.map((k) => (k ? 1 : 0)).join('');
  let list = known.get(sig);
  if (!list) known.set(sig, (list = conds.filter((_, i) => keep[i])));
  return list;
}
const NONE: readonly Expr[] = [];
function reads(r: ReadonlySet<number>, w: ReadonlySet<number>): boolean {
  for (const o of r) if (w.has(o)) return true;
  return false;
}
/** The bytes of a property's `changes` parts, once per property and layout. */
const changedBytes = new WeakMap<Layout, WeakMap<readonly StatePart[], number[]>>();
const kept = new WeakMap<readonly Expr[], Map<string, readonly Expr[]>>();

/** A fast path as JavaScript: the parameters and body of its function, and the tables it reads by name. */
export interface FastSource { readonly params: string; readonly body: string; readonly tables: Record<string, Int32Array> }

/** An invariant's fast path: its conditions (true = holds) over the state, as one function. */
function invariantSource(p: Invariant & { fast: NonNullable<Invariant['fast']> }, ctx: FastContext): FastSource {
  const c = printConditions(p.fast(ctx));
  return { params: 's', body: `return !!(${c.texts.join(' && ') || 'true'});`, tables: c.tables };
}

/**
 * A step property's fast path: per event instance, its conditions over the states before (`b`)
 * and after (`s`) the step; events with the same conditions share a case. Events its `events`
 * hint leaves out are not asked.
 */
function stepSource(p: StepProperty & { fast: NonNullable<StepProperty['fast']> }, ctx: FastContext): FastSource {
  const per = p.fast(ctx);
  // Printed once per distinct list (most properties give every event the same one; D-290 keeps it), then once per distinct text.
  const printed = new Map<readonly Expr[], string>();
  const tables: Record<string, Int32Array> = {};
  const cases = new Map<string, number[]>();
  ctx.events.forEach((e, a) => {
    if (p.events && !p.events.includes(e.kind)) return;
    const cs = stepConditions(ctx, p, per(e, a), a);
    if (cs.length === 0) return;
    let text = printed.get(cs);
    if (text === undefined) {
      const c = printConditions(cs);
      Object.assign(tables, c.tables);
      printed.set(cs, (text = c.texts.join(' && ')));
    }
    cases.set(text, [...(cases.get(text) ?? []), a]);
  });
  const body = [...cases].map(([text, as]) => `${as.map((a) => `case ${a}:`).join(' ')} return !!(${text});`).join(' ');
  return { params: 'b, a, s', body: `switch (a) { ${body} } return true;`, tables };
}

/** A built-in property's fast path as JavaScript (what decides its verdict in the search), or null. */
export function fastSource(p: Invariant | StepProperty, ctx: FastContext): FastSource | null {
  if (!p.fast) return null;
  return p.kind === 'invariant' ? invariantSource(p as Parameters<typeof invariantSource>[0], ctx) : stepSource(p as Parameters<typeof stepSource>[0], ctx);
}

export function fastInvariant(p: Invariant, ctx: FastContext): ((s: Uint8Array) => boolean) | null {
  const src = fastSource(p, ctx);
  return src && compileTwin(src.params, src.body, src.tables);
}

export function fastStep(p: StepProperty, ctx: FastContext): ((b: Uint8Array, a: number, s: Uint8Array) => boolean) | null {
  const src = fastSource(p, ctx);
  return src && compileTwin(src.params, src.body, src.tables);
}

/** Compiles a fast path (or its wrapper in bind.ts) from its body, with `values` bound by name. */
export function compileTwin<F>(params: string, body: string, values: Record<string, unknown> = {}): F {
  return new Function(...Object.keys(values), `"use strict"; return (${params}) => { ${body} };`)(...Object.values(values)) as F;
}
