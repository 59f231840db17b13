import type { Config } from '../spec/config.js';
import type { Action } from './actions.js';
import { DIST_CHOICE, HOT_RANK_ORDER, INHERITED_DEF, QUIESCE_RESET } from './assumptions.js';
import { ACTIVE, BACKUP, DEACTIVATED, JOINED, WAITING } from './codes.js';
import { defFor, hotOrder, reaches, roleOf, targetsOf } from './dist.js';
import {
  add, and, assume, eq, f, gt, type Library, local, lt, n, ne, NONE, not, oneOf, or, run, sel, set, sub, sum, tab, v, when,
  type Cand, type Expr, type Stmt, type Table,
} from './ir.js';
import type { Layout } from './layout.js';
import type { Guard } from './rules.js';

/** What rules.ts lends the distributor's rules: its fields and shared expressions. */
export interface RuleCtx {
  readonly cfg: Config;
  readonly L: Layout;
  readonly lib: Library;
  st(i: Expr | number): Expr;
  rt(i: Expr | number): Expr;
  ds(d: number, i: Expr | number): Expr;
  cn(c: number, i: Expr | number): Expr;
  owner(d: number): Expr;
  serves(i: number, port: number, address: string): Expr;
  dropWaits(d: number): Stmt;
}

/**
 * The sysplex distributor (SEMANTICS §10, D-110..D-129), written once in the IR like rules.ts,
 * which calls these at its hook points: takeback, takeover, vacate, deactivate, the end of a
 * connection, connect, and after every other event (the HOTSTANDBY active target). Nothing here
 * is used for a DVIPA no stack distributes, so such specs keep their rules and counts.
 */
export function distRules(x: RuleCtx) {
  const { cfg, L, lib, st, ds, cn } = x;
  const dv = (d: number) => L.dvipas[d]!;
  const info = (d: number) => dv(d).dist!;
  const is = (d: number): boolean => d >= 0 && dv(d).dist !== null;
  const table = (name: string, vals: number[]): Table => ({ name, v: vals });
  const max = cfg.environment.maxConnections;

  // ---- fields ----
  const q = (i: number): Expr => (L.dist.quiesced[i]! >= 0 ? f(L.dist.quiesced[i]!) : n(0));
  const inh = (d: number): Expr | null => (L.dist.inherited[d]! >= 0 ? f(L.dist.inherited[d]!) : null);
  const hasOwn = (d: number) => table(`HO${d}`, cfg.stacks.map((_, j) => (info(d).own[j]!.length > 0 ? 1 : 0)));
  /** Distributor o reaches target t (itself; DYNAMICXCF on both; a VIPAROUTE), o may be NONE. */
  const reach = (d: number, o: Expr, t: number): Expr => {
    const from = cfg.stacks.flatMap((_, j) => (reaches(cfg, j, t, info(d).family) ? [j] : []));
    return o.k === 'n' ? n(from.includes(o.v)) : oneOf(o, from);
  };
  /** The stack whose own VIPADISTRIBUTE the distributor o uses: its own, else the inherited one (D-112), else NONE. */
  const source = (d: number, o: Expr): Expr => {
    const h = inh(d);
    const inherited = h ? sel(eq(h, 0), n(NONE), sub(h, 1)) : n(NONE);
    return sel(eq(o, NONE), n(NONE), sel(eq(tab(hasOwn(d), o), 1), o, inherited));
  };
  const owners = (d: number): number[] => dv(d).stacks.filter((j) => info(d).own[j]!.length > 0);
  const conns = (d: number, t: number): Expr[] => dv(d).clients.map((c) => cn(c, t));
  const total = (d: number): Expr => sum(info(d).connStacks.flatMap((t) => conns(d, t)));
  const drop = (d: number, t: number): Stmt[] => dv(d).clients.map((c) => set(cn(c, t), 0));
  /** A target t of d:port takes new connections from distributor o (SEMANTICS §10, without the bound). */
  const eligible = (d: number, port: number, o: Expr, t: number): Expr =>
    and(eq(st(t), JOINED), x.serves(t, port, dv(d).address), eq(q(t), 0), reach(d, o, t));

  /** The new distributor j (or NONE) takes over the routing table: connections on targets it cannot reach are lost. */
  const afterMove = (d: number, j: Expr): Stmt[] =>
    info(d).connStacks.flatMap((t) => when(not(reach(d, j, t)), drop(d, t)));

  const clearInh = (d: number): Stmt[] => { const h = inh(d); return h ? [set(h, 0)] : []; };

  /** VIPADEFINE stack i takes d back from holder h: h is Backup, the routing table moves to i (SEMANTICS §10; WHENIDLE: D-113). */
  function takeback(d: number, i: number, h: Expr): Stmt[] {
    const take = [set(ds(d, i), ACTIVE), set(ds(d, h), BACKUP), x.dropWaits(d), ...clearInh(d), ...afterMove(d, n(i))];
    return dv(d).defs[i]!.moveable === 'WHENIDLE' ? when(gt(total(d), 0), [set(ds(d, i), WAITING)], take) : take;
  }

  /** After a takeover from h to j (NONE: lost): j inherits h's own definition when it has none (D-112); the routing table moves. */
  function afterTakeover(d: number, h: Expr, j: Expr): Stmt[] {
    const hv = inh(d);
    const inherit = hv ? [set(hv, sel(eq(j, NONE), n(0), sel(eq(tab(hasOwn(d), j), 1), n(0), sel(eq(tab(hasOwn(d), h), 1), add(h, 1), n(0)))))] : [];
    const assumed = when(and(ne(j, NONE), eq(tab(hasOwn(d), sel(eq(j, NONE), n(0), j)), 0)), [assume(INHERITED_DEF)]);
    return [...inherit, ...assumed, ...afterMove(d, j)];
  }

  /** A WHENIDLE takeback waiting for the routing table to empty happens when it does (D-113). */
  function afterDrop(d: number): Stmt {
    return run(lib.proc(`afterDropD${d}`, [], () => {
      if (!dv(d).stacks.some((j) => dv(d).defs[j]!.kind === 'define' && dv(d).defs[j]!.moveable === 'WHENIDLE')) return [];
      return when(eq(total(d), 0), [local('ho', x.owner(d)), ...when(ne(v('ho'), NONE), [
        { k: 'pick', d, tiers: dv(d).stacks.map((j) => [{ j, when: eq(ds(d, j), WAITING) }]), as: 'w', tie: 0 },
        ...when(ne(v('w'), NONE), [set(ds(d, v('w')), ACTIVE), set(ds(d, v('ho')), BACKUP), x.dropWaits(d), ...clearInh(d)]),
      ])]);
    }));
  }

  /** Stack i terminates or leaves: its target connections end, it is no longer quiesced (assumed in §10). */
  function vacated(i: number): Stmt[] {
    const ds_ = L.dvipas.filter((d) => d.dist && d.connStacks.includes(i));
    return [
      ...(L.dist.quiesced[i]! >= 0 ? [...when(eq(q(i), 1), [assume(QUIESCE_RESET)]), set(q(i), 0)] : []),
      ...ds_.flatMap((d) => (d.stacks.includes(i) ? [] : drop(d.index, i))),
      ...ds_.map((d) => afterDrop(d.index)),
    ];
  }

  /** connect C to a distributed DVIPA: one candidate per stack that may serve it now (D-111, D-114). */
  function candidates(a: Action): Cand[] {
    const c = a.client, d = a.dvipa, cl = cfg.clients[c]!;
    const o = v('o'), u = v('u');
    const plainSources = owners(d).filter((j) => defFor(info(d).own[j]!, cl.port) === null);
    const plain = or(eq(u, NONE), ...plainSources.map((j) => eq(u, j)));
    const slot = L.dist.hot.find((h) => h.dvipa === d && h.port === cl.port);
    return info(d).connStacks.map((t) => {
      const ways: Expr[] = [and(plain, eq(o, t), x.serves(t, cl.port, cl.dvipa))];
      for (const j of owners(d)) {
        const def = defFor(info(d).own[j]!, cl.port);
        if (!def || !targetsOf(cfg, def).includes(t)) continue;
        ways.push(def.method === 'HOTSTANDBY' ? and(eq(u, j), eq(f(slot!.offset), t + 1)) : and(eq(u, j), eligible(d, cl.port, o, t)));
      }
      return { j: t, when: and(lt(cn(c, t), max), or(...ways)) };
    });
  }
  // (u is written over the owner itself, not over o: a let's value may not name another let, lower-promela.ts)
  const connectLets = (a: Action): [string, Expr][] => [['o', x.owner(a.dvipa)], ['u', source(a.dvipa, x.owner(a.dvipa))]];
  const connectGuard = (a: Action): Guard[] => {
    const o = v('o');
    return [{ when: ne(o, NONE), code: 11 }, { when: and(eq(st(o), JOINED), eq(x.rt(o), 1)), code: 12 }, { when: or(...candidates(a).map((k) => k.when)), code: 16 }];
  };
  const connectEffect = (a: Action): Stmt[] => [
    { k: 'pick', d: a.dvipa, tiers: [candidates(a)], as: 'tg', tie: DIST_CHOICE },
    set(cn(a.client, v('tg')), add(cn(a.client, v('tg')), 1)),
  ];

  /** The HOTSTANDBY active target of each DVIPA:port, kept up to date after every event but connect and close (D-115, D-116). */
  function hotStandby(): Stmt[] {
    return L.dist.hot.map((slot, k) => run(lib.proc(`hot${k}`, [], () => {
      const d = slot.dvipa, p = slot.port, A = f(slot.offset);
      const o = v(`hso${k}`), u = v(`hsu${k}`), a = v(`hsa${k}`), nw = v(`hsn${k}`);
      let body: Stmt[] = [set(A, 0)];
      for (const j of owners(d).reverse()) {
        const def = defFor(info(d).own[j]!, p);
        if (!def || def.method !== 'HOTSTANDBY') continue;
        const order = hotOrder(cfg, def);
        const el = (t: number): Expr => eligible(d, p, o, t);
        const pref = order.find((t) => roleOf(cfg, def, t)!.preferred);
        const activeEligible = or(...order.map((t) => and(eq(a, t + 1), el(t))));
        const keep = and(activeEligible, def.autoSwitchBack && pref !== undefined ? or(eq(a, pref + 1), not(el(pref))) : n(1));
        const tiesUsed = order.flatMap((t1, x1) => order.slice(x1 + 1).filter((t2) => t2 !== pref && t1 !== pref && roleOf(cfg, def, t1)!.rank === roleOf(cfg, def, t2)!.rank)
          .flatMap((t2) => when(and(eq(nw, t1), el(t2)), [assume(HOT_RANK_ORDER)])));
        body = when(eq(u, j), when(not(keep), [
          { k: 'pick', d, tiers: order.map((t) => [{ j: t, when: el(t) }]), as: `hsn${k}`, tie: 0 },
          set(A, sel(eq(nw, NONE), n(0), add(nw, 1))), ...tiesUsed,
        ]), body);
      }
      return [local(`hso${k}`, x.owner(d)), local(`hsu${k}`, source(d, o)), local(`hsa${k}`, A), ...body];
    })));
  }

  return {
    is, takeback, afterTakeover, afterDrop, vacated, connectLets, connectGuard, connectEffect, hotStandby,
    /** deactivate on the distributor: Deactivated at once, its connections are the new distributor's routing table's. */
    deactivateOwner: (d: number, i: number, takeover: Stmt): Stmt[] => [set(ds(d, i), DEACTIVATED), takeover],
    quiesceGuard: (i: number): Guard[] => [{ when: eq(st(i), JOINED), code: 5 }, { when: eq(q(i), 0), code: 17 }],
    resumeGuard: (i: number): Guard[] => [{ when: eq(q(i), 1), code: 18 }],
    quiesce: (i: number): Stmt[] => [set(q(i), 1)],
    resume: (i: number): Stmt[] => [set(q(i), 0)],
    any: L.dvipas.some((d) => d.dist !== null),
  };
}
