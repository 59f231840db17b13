import type { Config, DistributeDef } from '../spec/config.js';
import { defFor, hotOrder, reaches, roleOf, targetsOf, whyUnreachable } from './dist.js';
import type { DvipaInfo } from './layout.js';
import type { StateView } from './view.js';

/**
 * The sysplex distributor as seen in one state (SEMANTICS §10), read from the state by the view,
 * the properties, the state JSON and trace notes; computed from the configuration and the state,
 * never by the rules (rules-distribute.ts), so the properties check the rules independently.
 */
export interface TargetState { readonly stack: number; readonly eligible: boolean; readonly why: string | null }
export interface Distribution {
  /** The distributor (owner), or -1. */
  readonly distributor: number;
  /** The stack whose own VIPADISTRIBUTE is in use, or -1 (then the owner serves alone, as an ordinary DVIPA). */
  readonly source: number;
  readonly def: DistributeDef | null;
  readonly targets: readonly TargetState[];
}

/** The distribution of DVIPA d for a port in state s (d must be distributed). */
export function distributionOf(cfg: Config, dvipas: readonly DvipaInfo[], s: StateView, d: number, port: number): Distribution {
  const info = dvipas[d]!;
  const o = s.owner(d);
  const src = o < 0 ? -1 : info.dist!.own[o]!.length > 0 ? o : s.inherited(d);
  const def = src < 0 ? null : defFor(info.dist!.own[src]!, port);
  if (!def) return { distributor: o, source: src, def: null, targets: o < 0 ? [] : [targetState(cfg, s, d, port, o, o, true)] };
  return { distributor: o, source: src, def, targets: targetsOf(cfg, def).map((t) => targetState(cfg, s, d, port, o, t, false)) };
}

/** Is t an eligible target of DVIPA d:port from distributor o in state s (SEMANTICS §10)? */
export function eligibleFrom(cfg: Config, s: StateView, d: number, port: number, o: number, t: number): boolean {
  return o >= 0 && targetState(cfg, s, d, port, o, t, false).eligible;
}

/**
 * The HOTSTANDBY definition every connection to a DVIPA:port is judged by (the `hot-standby`
 * property, D-117, D-300; lint's `hot-standby-order-differs`): that of the first stack of its
 * takeover chain (VIPADEFINE stacks, then backups by rank, stack order) when it distributes the
 * port with HOTSTANDBY, else none (each HOTSTANDBY connection is then judged by the definition in use).
 */
export function referenceHot(info: DvipaInfo, port: number): DistributeDef | null {
  const rank = (j: number): number => (info.defs[j]!.kind === 'define' ? 1000 : info.defs[j]!.rank);
  const head = [...info.stacks].sort((a, b) => rank(b) - rank(a) || a - b)[0]!;
  const def = defFor(info.dist!.own[head]!, port);
  return def?.method === 'HOTSTANDBY' ? def : null;
}

const fam = (address: string): 'ipv4' | 'ipv6' => (address.includes(':') ? 'ipv6' : 'ipv4');

/** plain: the owner serving alone (no definition in use): only its listener counts (SEMANTICS §4.7). */
function targetState(cfg: Config, s: StateView, d: number, port: number, o: number, t: number, plain: boolean): TargetState {
  const name = cfg.stacks[t]!.name;
  const address = s.dvipaAddress(d);
  const why = !plain && !s.joined(t) ? `${name} is not joined`
    : !s.listens(t, port, address) ? `no listener on ${port} on ${name}`
    : plain ? null
    : s.quiesced(t) ? `${name} is quiesced`
    : !reaches(cfg, o, t, fam(address)) ? `not reachable from ${cfg.stacks[o]!.name}: ${whyUnreachable(cfg, o, t, fam(address))}`
    : null;
  return { stack: t, eligible: why === null, why };
}

/**
 * The HOTSTANDBY target a new connection must go to under definition `def`, given the eligibility
 * of each target and the active target before the step (SEMANTICS §10): the PREFERRED while
 * eligible (with NOAUTOSWITCHBACK only once the active one is no longer eligible), else the
 * active target while eligible, else the eligible BACKUP of highest rank (D-116). -1: none.
 */
export function hotTarget(cfg: Config, def: DistributeDef, eligible: (t: number) => boolean, active: number): number {
  const order = hotOrder(cfg, def);
  const pref = order.find((t) => roleOf(cfg, def, t)!.preferred);
  const activeOk = active >= 0 && order.includes(active) && eligible(active);
  if (pref !== undefined && eligible(pref) && (def.autoSwitchBack || !activeOk)) return pref;
  if (activeOk) return active;
  return order.find((t) => eligible(t)) ?? -1;
}

/** Why the HOTSTANDBY rule names `to`, in words (trace notes): "HOTSTANDBY: TCPCS2 preferred, not eligible: ...". */
export function hotReason(cfg: Config, dist: Distribution, to: number, active: number): string {
  const def = dist.def!;
  const name = (t: number): string => cfg.stacks[t]!.name;
  const parts = hotOrder(cfg, def).map((t) => {
    const r = roleOf(cfg, def, t)!;
    const ts = dist.targets.find((x) => x.stack === t)!;
    const role = r.preferred ? 'preferred' : `BACKUP ${r.rank}`;
    if (t === to) return `${name(t)} ${role}${t === active ? ', active target' : ''}: taken`;
    const order = hotOrder(cfg, def);
    const standby = r.preferred ? 'eligible, not taken: NOAUTOSWITCHBACK keeps the active target' : order.indexOf(t) < order.indexOf(to) ? 'eligible, does not preempt the active target' : 'eligible, standby';
    return `${name(t)} ${role}, ${ts.eligible ? standby : `not eligible: ${ts.why}`}`;
  });
  return `HOTSTANDBY: ${parts.join('; ')}`;
}
