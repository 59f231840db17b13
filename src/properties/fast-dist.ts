import type { Config, DistributeDef } from '../spec/config.js';
import { defFor, hotOrder, reaches, roleOf, targetsOf } from '../model/dist.js';
import { and, cases, eq, n, NONE, not, or, sel, sub, type Expr } from '../model/ir.js';
import type { Layout } from '../model/layout.js';
import type { Fields } from './fast.js';

/**
 * The distribution of one DVIPA:port (SEMANTICS §10) over the fields of one state, for the fast
 * paths of `service-available` and `hot-standby`: written from the configuration, as their
 * checks do with dist-view.ts, never from the rules (test/packed.test.ts compares them).
 */
export interface DistFields {
  /** An application of stack t listens on the port for the DVIPA. */
  listens(t: number): Expr;
  /** Target t is eligible from distributor o (joined, listening, not quiesced, reached). */
  eligible(o: number, t: number): Expr;
  /** x(definition in use by owner o): its own VIPADISTRIBUTE, else the inherited one; null: none. */
  inUse(o: number, x: (def: DistributeDef | null) => Expr): Expr;
}

export function distFields(cfg: Config, L: Layout, F: Fields, d: number, port: number): DistFields {
  const info = L.dvipas[d]!;
  const own = info.dist?.own ?? []; // not distributed: only `listens` is asked
  const listens = (t: number): Expr => or(...cfg.stacks[t]!.applications.flatMap((a, k) => (a.port === port && (a.bind === null || a.bind === info.address) ? [eq(F.app(t, k), 1)] : [])));
  const quiet = (t: number): Expr => (L.dist.quiesced[t]! < 0 ? n(1) : eq(F.byte(L.dist.quiesced[t]!), 0));
  const inh = L.dist.inherited[d]!;
  return {
    listens,
    eligible: (o, t) => (reaches(cfg, o, t, info.dist!.family) ? and(F.joined(t), listens(t), quiet(t)) : n(0)),
    inUse: (o, x) => {
      if (own[o]!.length > 0) return x(defFor(own[o]!, port));
      if (inh < 0) return x(null);
      return cases(F.byte(inh), cfg.stacks.map((_, k) => [k + 1, x(defFor(own[k]!, port))]), x(null));
    },
  };
}

/** Some target of the definition in use by owner o is eligible (none in use: o itself listens). */
export function served(cfg: Config, D: DistFields, o: number): Expr {
  return D.inUse(o, (def) => (def ? or(...targetsOf(cfg, def).map((t) => D.eligible(o, t))) : D.listens(o)));
}

/**
 * The target the HOTSTANDBY rule of `def` names (dist-view.ts hotTarget), NONE when none: the
 * PREFERRED while eligible (NOAUTOSWITCHBACK: unless the active target is), else the active
 * target while eligible, else the first eligible in hotOrder. `el(t)`: t eligible; `active`:
 * the active-target byte (t + 1, 0: none).
 */
export function hotWant(cfg: Config, def: DistributeDef, el: (t: number) => Expr, active: Expr): Expr {
  const order = hotOrder(cfg, def);
  const pref = order.find((t) => roleOf(cfg, def, t)!.preferred);
  const activeOk = or(...order.map((t) => and(eq(active, t + 1), el(t))));
  const first = order.reduceRight((e: Expr, t) => sel(el(t), n(t), e), n(NONE));
  const rest = sel(activeOk, sub(active, 1), first);
  return pref === undefined ? rest : sel(and(el(pref), def.autoSwitchBack ? n(1) : not(activeOk)), n(pref), rest);
}
