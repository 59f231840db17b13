// Long because the rules of SEMANTICS §4 stay in one file, each written once (join, takeback, takeover,
// leaving, after-drop, every event), so a reader finds each rule once next to its D-nn; §10-12 are in rules-*.ts.
import type { Config } from '../spec/config.js';
import type { Action } from './actions.js';
import { LEAVE_DROPS, NO_PREEMPTION, RANK_TIE, RECOVERY_TRIGGER } from './assumptions.js';
import {
  ACTIVE, BACKUP, DEACTIVATED, DOWN, INACTIVE, JOINED, MOVING, OUT_NOJOIN, OUT_NONE, OUT_OPERATOR, OUT_RECOVERY,
  QUIESCING, UP, WAITING,
} from './codes.js';
import {
  add, and, assume, call, cases, eq, f, fx, gt, Library, local, lt, n, ne, NONE, oneOf, or, run, sel, set, sub, sum,
  tab, v, when, type Cand, type Expr, type Stmt, type Table,
} from './ir.js';
import type { Layout } from './layout.js';
import { familyOf, xcfFor } from '../spec/ipv6-dvipas.js';
import { connectAssumptions, servedAssumptions } from './rules-ipv6.js';
import { rangeRules } from './rules-range.js';
import { distRules } from './rules-distribute.js';
import { netstatInitial } from './start-state.js';

/** A conjunct of an event's enabledness; `code` says why it is disabled (check/events.ts). */
export interface Guard { readonly when: Expr; readonly code: number }

/** One event instance: names bound over the state before the step, its guard, its effect. */
export interface EventRule {
  readonly action: Action;
  readonly lets: readonly (readonly [string, Expr])[];
  readonly guard: readonly Guard[];
  /** Failure events: failures left (D-04); the effect counts the failure itself. */
  readonly budget: Expr | null;
  readonly effect: readonly Stmt[];
}

export interface Description { readonly events: readonly EventRule[]; readonly initial: readonly Stmt[] }

/**
 * The rules of SEMANTICS.md §4 with DETAILS.md, written once for one configuration. Search,
 * traces, simulate and replay run the JavaScript printed from it (lower-js.ts); `export --to
 * promela` prints the same rules as Promela. A new event is one case of `rule()`, its guard and
 * its effect (and a line in actions.ts); a new status a code in codes.ts used here.
 */
export function describe(cfg: Config, L: Layout, actions: readonly Action[]): Description {
  const S = L.nStacks;
  const lib = new Library();
  const stack = (i: number) => cfg.stacks[i]!;
  const dv = (d: number) => L.dvipas[d]!;
  const table = (name: string, vals: number[]): Table => ({ name, v: vals });

  // ---- fields ------------------------------------------------------------------------------
  const stIx = table('ST', Array.from({ length: S }, (_, j) => j));
  const rtIx = table('RT', Array.from({ length: S }, (_, j) => S + j));
  const st = (i: Expr | number): Expr => fx(stIx, typeof i === 'number' ? n(i) : i); // down, up, joined
  const rt = (i: Expr | number): Expr => fx(rtIx, typeof i === 'number' ? n(i) : i); // OMPROUTE up (1)
  const out = (i: number): Expr => f(2 * S + i);                                    // why out of the group
  const app = (i: number, k: number): Expr => f(L.appOffset[i]! + k);
  const dsIx = L.dvipas.map((d) => table(`DS${d.index}`, Array.from({ length: S }, (_, j) => L.statusOffset[d.index * S + j]!)));
  const ds = (d: number, i: Expr | number): Expr => fx(dsIx[d]!, typeof i === 'number' ? n(i) : i); // status of d on i
  const cnIx = cfg.clients.map((_, c) => table(`CN${c}`, Array.from({ length: S }, (_, j) => L.connOffset[c * S + j]!)));
  const cn = (c: number, i: Expr | number): Expr => fx(cnIx[c]!, typeof i === 'number' ? n(i) : i); // connections
  const fails = L.failuresOffset >= 0 ? f(L.failuresOffset) : null;
  const xcf = table('XCF', cfg.stacks.map((s) => (s.dynamicXcf ? 1 : 0)));
  const xcf6 = table('XCF6', cfg.stacks.map((s) => (s.dynamicXcf6 ? 1 : 0))); // IPv6 DVIPAs: IPCONFIG6 DYNAMICXCF (D-147)
  const cpcNames = [...new Set(cfg.stacks.map((s) => s.cpc))];
  const cpc = table('CPC', cfg.stacks.map((s) => cpcNames.indexOf(s.cpc)));
  const setAll = (xs: Expr[], x: number): Stmt[] => xs.map((e) => set(e, x));
  const apps = (i: number): Expr[] => stack(i).applications.map((_, k) => app(i, k));

  /** The owner of d: the first stack in stack order where d is Active, or NONE. */
  const owner = (d: number): Expr => call(lib.fn(`owner${d}`, [], () => dv(d).stacks.reduceRight((e, j) => sel(eq(ds(d, j), ACTIVE), n(j), e), n(NONE))));
  /** Connections of stack i to DVIPA d, all its clients together. */
  const conns = (d: number, i: Expr): Expr => call(lib.fn(`conns${d}`, ['i'], (at) =>
    cases(at, dv(d).stacks.map((j) => [j, sum(dv(d).clients.map((c) => cn(c, j)))]))), i);
  const dropConns = (d: number, i: Expr): Stmt[] => dv(d).clients.map((c) => set(cn(c, i), 0));
  /** An application of stack i is up and listens on the port for the address (BIND, D-31). */
  const serves = (i: number, port: number, address: string): Expr =>
    or(...stack(i).applications.flatMap((a, k) => (a.port === port && (a.bind === null || a.bind === address) ? [eq(app(i, k), 1)] : [])));
  // issue 18: application-specific DVIPAs (VIPARANGE, SEMANTICS §11) in rules-range.ts
  const R = rangeRules({ cfg, L, lib, st, app, ds, owner, conns, dropConns });
  const dropped = (d: number, i: number): Stmt[] => (dv(d).kind === 'range' ? R.afterDrop(d, n(i)) : [afterDrop(d, i)]);
  const joinBind = (i: number): Stmt[] => [join(i), ...R.bindAll(i)];
  // Sysplex distributor (SEMANTICS §10): its rules are in rules-distribute.ts; used only for distributed DVIPAs.
  const dist = distRules({ cfg, L, lib, st, rt, ds, cn, owner: (d) => owner(d), serves, dropWaits: (d) => dropWaits(d) });
  const eligible = (d: number, j: Expr | number): Expr => and(eq(st(j), JOINED), oneOf(ds(d, j), [BACKUP, WAITING, MOVING])); // D-23

  // ---- join and takeback (SEMANTICS §4.1-4.2, D-14..D-19) -----------------------------------
  /** DELAYJOIN: a stack with OMPROUTE joins only once OMPROUTE is up. */
  const joinCondition = (i: number): Expr => (stack(i).join === 'DELAYJOIN' && stack(i).routing !== 'static' ? eq(rt(i), 1) : n(1));

  /** A WHENIDLE takeback waits for the holder's connections to end (D-20, D-22). */
  const dropWaits = (d: number): Stmt => run(lib.proc(`dropWaits${d}`, [], () =>
    dv(d).stacks.flatMap((j) => when(eq(ds(d, j), WAITING), [set(ds(d, j), BACKUP)]))));

  /**
   * takeback: VIPADEFINE stack i (joining or reactivated) takes d back from holder h (D-14..D-17).
   * The holder keeps its connections, as Moving, only with DYNAMICXCF on both stacks (D-15,
   * D-16); waiting takebacks elsewhere are dropped: the DVIPA went to i (D-22).
   */
  const takeback = (d: number, i: number, h: Expr): Stmt => run(lib.proc(`takeback${d}_${i}`, ['h'], (hv) => {
    if (dist.is(d)) return dist.takeback(d, i, hv);
    const v6 = familyOf(dv(d).defs[i]!) === 'ipv6';
    const keep = and(gt(conns(d, hv), 0), n(xcfFor(stack(i), v6 ? 'ipv6' : 'ipv4')), eq(tab(v6 ? xcf6 : xcf, hv), 1));
    const take = [set(ds(d, i), ACTIVE), ...when(keep, [set(ds(d, hv), MOVING)], [...dropConns(d, hv), set(ds(d, hv), BACKUP)]), dropWaits(d)];
    return dv(d).defs[i]!.moveable === 'WHENIDLE' ? when(gt(conns(d, hv), 0), [set(ds(d, i), WAITING)], take) : take;
  }), h);

  /** The backup rank of d's holder h (VIPADEFINE or none: above every rank). */
  const holderRank = (d: number) => lib.fn(`holderRank${d}`, ['h'], (h) => {
    const ranks = table(`BR${d}`, cfg.stacks.map((_, j) => (dv(d).defs[j]?.kind === 'backup' ? dv(d).defs[j]!.rank : 1000)));
    return sel(eq(h, NONE), n(1000), tab(ranks, h));
  });

  /** A stack joins the group: each definition, in profile order, finds the DVIPA's holder. */
  const join = (i: number): Stmt => run(lib.proc(`join${i}`, [], () => [
    set(st(i), JOINED), set(out(i), OUT_NONE),
    ...stack(i).defs.flatMap((def, k): Stmt[] => {
      const d = L.defDvipa[i]![k]!;
      const h = `h${d}`;
      const unowned = eq(v(h), NONE);
      if (def.kind === 'define') return [local(h, owner(d)), ...when(unowned, [set(ds(d, i), ACTIVE)], [takeback(d, i, v(h))])];
      // A backup outranking the backup that holds d does not take it (D-17).
      const backup = [set(ds(d, i), BACKUP), ...when(lt(call(holderRank(d), owner(d)), def.rank), [assume(NO_PREEMPTION)])];
      if (def.moveable !== null) return [local(h, owner(d)), ...when(unowned, [set(ds(d, i), ACTIVE)], backup)]; // D-18
      return backup;
    }),
  ]));

  // ---- takeover (SEMANTICS §4.3, D-22..D-27) ------------------------------------------------
  /**
   * takeover: holder h of d departed (its status already changed). d goes to the first eligible
   * stack of its chain: VIPADEFINE stacks, then backups by rank, high to low (D-25); with
   * CPCSCOPE only stacks on h's CPC (D-27); an equal best rank is a tie (D-24).
   */
  const takeover = (d: number, h: number): Stmt => run(lib.proc(`takeover${d}`, ['h'], (hv) => {
    const info = dv(d);
    const rank = (j: number): number => (info.defs[j]!.kind === 'define' ? 1000 : info.defs[j]!.rank);
    const ranks = [...new Set(info.stacks.map(rank))].sort((a, b) => b - a);
    const cand = (j: number): Cand => ({ j, when: and(ne(hv, j), info.cpcScoped ? eq(tab(cpc, hv), cpc.v[j]!) : n(1), eligible(d, j)) });
    const tiers = ranks.map((r) => info.stacks.filter((j) => rank(j) === r).map(cand));
    return [{ k: 'pick', d, tiers, as: 'j', tie: RANK_TIE }, dropWaits(d), ...when(ne(v('j'), NONE), [set(ds(d, v('j')), ACTIVE)]),
      ...(dist.is(d) ? dist.afterTakeover(d, hv, v('j')) : [])];
  }), n(h));

  // ---- leaving (SEMANTICS §4.4, D-11, D-12) --------------------------------------------------
  /** Every status of stack i becomes Inactive and its connections are lost; `then` runs before the takeovers. */
  const vacate = (i: number, then: Stmt[]): Stmt[] => {
    const mine = L.dvipas.filter((x) => x.defs[i] !== null).map((x) => x.index);
    return [
      ...mine.flatMap((d) => [local(`held${d}`, eq(ds(d, i), ACTIVE)), set(ds(d, i), INACTIVE), ...dropConns(d, n(i))]),
      ...then,
      ...mine.flatMap((d) => when(v(`held${d}`), [takeover(d, i)])),
      ...(dist.any ? dist.vacated(i) : []),
    ];
  };
  /** The assumption of §4.4 is shown where it mattered: the leaving stack had connections on the DVIPAs it deletes (D-227). */
  const leave = (i: number, reason: number): Stmt[] => [
    ...when(gt(sum(L.dvipas.filter((x) => x.defs[i] !== null || (x.kind === 'range' && x.stacks.includes(i))).map((x) => conns(x.index, n(i)))), 0), [assume(LEAVE_DROPS)]),
    ...vacate(i, [set(st(i), UP), set(out(i), reason), ...R.vacate(i, true)]),
  ];

  // ---- after connections drop (SEMANTICS §4.7, D-20..D-22) -----------------------------------
  /** The last connection of stack i to d ended: Moving and Quiescing finish; the first WHENIDLE waiter takes d. */
  const afterDrop = (d: number, i: number): Stmt => (dist.is(d) ? dist.afterDrop(d) : run(lib.proc(`afterDrop${d}`, ['i'], (iv) => when(eq(conns(d, iv), 0), [
    local('x', ds(d, iv)),
    ...when(eq(v('x'), MOVING), [set(ds(d, iv), BACKUP)], when(eq(v('x'), QUIESCING), [set(ds(d, iv), DEACTIVATED)], when(eq(v('x'), ACTIVE), [
      { k: 'pick', d, tiers: dv(d).stacks.map((j) => [{ j, when: eq(ds(d, j), WAITING) }]), as: 'w', tie: 0 },
      ...when(ne(v('w'), NONE), [set(ds(d, v('w')), ACTIVE), set(ds(d, iv), BACKUP), dropWaits(d)]),
    ]))),
  ])), n(i)));

  /** Stack i starts (SEMANTICS §2, D-09..D-11): routing down unless static, applications up. */
  const startStack = (i: number, routing: number): Stmt[] => [
    set(st(i), UP), set(rt(i), routing), ...apps(i).map((e, k) => set(e, R.startValue(i, k))), set(out(i), stack(i).join === 'NOJOIN' ? OUT_NOJOIN : OUT_NONE),
  ];
  const staticRt = (i: number): number => (stack(i).routing === 'static' ? 1 : 0);

  // ---- events: each its guard (conjuncts, each with the code check/events.ts words) and its effect -------------
  const g = (when: Expr, code: number): Guard => ({ when, code });
  function rule(a: Action): [Guard[], Stmt[]] {
    const i = a.stack;
    switch (a.kind) {
      case 'start': return [[g(eq(st(i), DOWN), 1)], [...startStack(i, staticRt(i)), ...(stack(i).join !== 'NOJOIN' ? when(joinCondition(i), joinBind(i)) : [])]];
      case 'terminate': return [[g(ne(st(i), DOWN), 2)], vacate(i, [set(st(i), DOWN), set(rt(i), staticRt(i)), set(out(i), OUT_NONE), ...setAll(apps(i), 0), ...R.vacate(i, false)])];
      case 'routing-start': return [[g(ne(st(i), DOWN), 2), g(eq(rt(i), 0), 3)], [set(rt(i), 1), ...when(eq(st(i), UP), [ // D-28: AUTOREJOIN after RECOVERY
        ...(stack(i).autorejoin ? when(eq(out(i), OUT_RECOVERY), [set(out(i), OUT_NONE)]) : []),
        ...when(and(eq(out(i), OUT_NONE), joinCondition(i)), joinBind(i)),
      ])]];
      case 'routing-stop': { // D-28: SYSPLEXMONITOR RECOVERY leaves the group unless i is its only member
        const members = call(lib.fn('members', [], () => sum(cfg.stacks.map((_, j) => sel(eq(st(j), JOINED), n(1), n(0))))));
        return [[g(ne(st(i), DOWN), 2), g(eq(rt(i), 1), 4)],
          [set(rt(i), 0), ...(stack(i).recovery ? when(and(eq(st(i), JOINED), gt(members, 1)), [assume(RECOVERY_TRIGGER), ...leave(i, OUT_RECOVERY)]) : [])]];
      }
      case 'leavegroup': return [[g(eq(st(i), JOINED), 5)], leave(i, OUT_OPERATOR)];
      case 'joingroup': return [[g(and(eq(st(i), UP), ne(out(i), OUT_NONE)), 6)], [set(out(i), OUT_NONE), ...when(joinCondition(i), joinBind(i))]];
      case 'deactivate': { // SEMANTICS §4.6, D-29: Quiescing while connections last
        const d = a.dvipa;
        const guard = [g(and(eq(st(i), JOINED), oneOf(ds(d, i), [ACTIVE, BACKUP, WAITING])), 7)];
        if (dist.is(d)) return [guard, when(eq(ds(d, i), ACTIVE), dist.deactivateOwner(d, i, takeover(d, i)), [set(ds(d, i), DEACTIVATED)])];
        return [guard, when(eq(ds(d, i), ACTIVE), [set(ds(d, i), sel(gt(conns(d, n(i)), 0), n(QUIESCING), n(DEACTIVATED))), takeover(d, i)], [set(ds(d, i), DEACTIVATED)])];
      }
      case 'reactivate': { // D-14, D-29, D-30
        const d = a.dvipa;
        const guard = [g(eq(ds(d, i), DEACTIVATED), 8)];
        if (dv(d).defs[i]!.kind !== 'define') return [guard, [set(ds(d, i), BACKUP)]];
        return [guard, [local('h', owner(d)), ...when(eq(v('h'), NONE), [set(ds(d, i), ACTIVE)], [takeback(d, i, v('h'))])]];
      }
      case 'app-stop': { // D-31: the application's connections end (a bind DVIPA it was the last binder of first: §11, not D-135)
        const ap = stack(i).applications[a.app]!;
        return [[g(ne(st(i), DOWN), 2), g(R.dvipaOf(i, a.app) >= 0 ? ne(app(i, a.app), 0) : eq(app(i, a.app), 1), 9)],
          [set(app(i, a.app), 0), ...R.appStop(i, a.app), ...cfg.clients.flatMap((c, ci) => {
            if (L.connOffset[ci * S + i]! < 0 || c.port !== ap.port || (ap.bind !== null && ap.bind !== c.dvipa)) return [];
            return when(ne(cn(ci, i), 0), [set(cn(ci, i), 0), ...dropped(L.clientDvipa[ci]!, i)]);
          })]];
      }
      case 'app-start': return [[g(ne(st(i), DOWN), 2), g(eq(app(i, a.app), 0), 10)], R.appStart(i, a.app)];
      case 'connect': { // the owner o, read before the step (SEMANTICS §4.7)
        if (dist.is(a.dvipa)) return [dist.connectGuard(a), [...dist.connectEffect(a), ...servedAssumptions(cfg, L, a.client, v('tg'), app, L.dvipas[a.dvipa]!.connStacks)]];
        const c = cfg.clients[a.client]!;
        const o = v('o');
        return [[g(ne(o, NONE), 11), g(and(eq(st(o), JOINED), eq(rt(o), 1)), 12), g(lt(cn(a.client, o), cfg.environment.maxConnections), 13),
          g(cases(o, dv(a.dvipa).stacks.map((j) => [j, serves(j, c.port, c.dvipa)])), 14)],
        [set(cn(a.client, o), add(cn(a.client, o), 1)), ...connectAssumptions(cfg, L, a.client, o, app)]];
      }
      case 'close': return [[g(gt(cn(a.client, i), 0), 15)], [set(cn(a.client, i), sub(cn(a.client, i), 1)), ...dropped(a.dvipa, i)]];
      case 'quiesce-target': return [dist.quiesceGuard(i), dist.quiesce(i)];
      case 'resume-target': return [dist.resumeGuard(i), dist.resume(i)];
    }
  }

  const budget = cfg.environment.maxFailures;
  // HOTSTANDBY: the active target follows every event that can change eligibility (D-115). A close
  // changes it only when it empties a distributed DVIPA's routing table and a WHENIDLE takeback then
  // moves the distributor (D-113, D-236); connect never does.
  const closeMoves = (a: Action): boolean => a.kind === 'close' && dist.is(a.dvipa)
    && dv(a.dvipa).stacks.some((j) => dv(a.dvipa).defs[j]!.kind === 'define' && dv(a.dvipa).defs[j]!.moveable === 'WHENIDLE');
  const epilogue = (a: Action): Stmt[] => (a.kind === 'connect' || (a.kind === 'close' && !closeMoves(a)) ? [] : dist.hotStandby());
  const events = actions.map((a): EventRule => {
    const lets: EventRule['lets'] = a.kind === 'connect' ? (dist.is(a.dvipa) ? dist.connectLets(a) : [['o', owner(a.dvipa)]]) : [];
    const [guard, effect] = rule(a);
    const budgeted = a.failure && fails;
    return {
      action: a, lets, guard,
      budget: budgeted && budget !== null ? lt(fails, budget) : null,
      effect: [...effect, ...(budgeted ? when(lt(fails, 255), [set(fails, add(fails, 1))]) : []), ...epilogue(a)], // D-04, D-05
    };
  });

  // Initial states (SEMANTICS §2, D-07, D-08): static routing is always up; `running` starts and joins every stack in order;
  // NETSTAT reports give the fields (start-state.ts, D-105). Then, as after every event, the HOTSTANDBY active targets (D-115).
  const reported = cfg.environment.netstat ? [...netstatInitial(cfg, L)].flatMap((x, o) => (x ? [set(f(o), x)] : [])) : null;
  const initial: Stmt[] = reported ? [...reported, ...dist.hotStandby()] : [
    ...cfg.stacks.flatMap((s, i) => (s.routing === 'static' ? [set(rt(i), 1)] : [])),
    ...(cfg.environment.start === 'running' ? cfg.stacks.flatMap((s, i) => [...startStack(i, 1), ...(s.join !== 'NOJOIN' ? [join(i)] : [])]) : []),
    // SEMANTICS §11: at a `running` start every stack joins first, then applications bind in stack order.
    ...(cfg.environment.start === 'running' ? cfg.stacks.flatMap((_, i) => R.bindAll(i)) : []),
    ...dist.hotStandby(),
  ];
  return { events, initial };
}
