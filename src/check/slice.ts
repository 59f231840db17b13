import { distInfo } from '../model/dist.js';
import type { AppConfig, ClientConfig, Config, StackConfig } from '../spec/config.js';
import { coveringRange, rangeDvipas } from '../model/range-layout.js';

/**
 * The slice of a sysplex for a set of DVIPAs (usually one): exactly the part of the full model
 * that can influence them (issue 14; the argument is in docs/DECISIONS.md, D-53..D-57).
 *
 * - D-stacks (stacks with a definition of one of the DVIPAs) keep their whole life cycle (status,
 *   routing, group membership), only those definitions, and only the applications that serve one
 *   of the DVIPAs' clients (same port; INADDR_ANY or bound to the client's DVIPA). An application
 *   that serves none of them is never read by the DVIPAs' rules or properties (D-54).
 * - Other stacks influence the DVIPAs only through the group membership count that a RECOVERY
 *   stack reads at routing-stop ("unless it is the only member", D-28). They are kept, as bare
 *   life cycles (no definitions, no applications), only when some D-stack can trigger RECOVERY;
 *   with a finite failure budget f at most f of each kind of such stack are kept (D-55).
 * - Clients: those of the DVIPAs; the environment (events, failure budget, connections) is the
 *   spec's. Stacks, definitions, applications and clients keep their order, so every event of
 *   the slice is an event of the full model and the canonical event order (D-42) is preserved.
 */
export interface Slice {
  /** The DVIPAs the slice is for, in the order asked. */
  readonly dvipas: readonly string[];
  readonly cfg: Config;
  /** Index in the full configuration of each stack of the slice. */
  readonly stacks: readonly number[];
  /**
   * Equal keys mean isomorphic slices (the same transition system up to the order and names of
   * stacks, applications and addresses): the same verdicts, shortest trace lengths and counts.
   */
  readonly key: string;
  /**
   * Equal ordered keys mean the same slice up to names with stacks, DVIPAs and clients in the same
   * positions: the same events and tie candidates by index, so the same paths in the same BFS order.
   */
  readonly orderedKey: string;
}

/**
 * The group-membership life cycle of a stack: what a bare stack of a slice keeps (D-55). With
 * `start: { netstat }` stacks of one kind start apart (down without a report, joined, or out of
 * the group), so where it starts is part of its kind: only stacks that also start alike are
 * interchangeable (D-238).
 */
function lifeCycle(cfg: Config, st: StackConfig): string {
  const start = cfg.environment.netstat ? (st.start ? (st.start.joined ? 'joined' : 'out') : 'down') : null;
  return JSON.stringify([st.routing, st.join, st.recovery, st.autorejoin, start]);
}

/** True when stack st can leave the group by RECOVERY in this environment (D-28). */
function recoveryPossible(cfg: Config, st: StackConfig): boolean {
  return st.recovery && st.routing === 'omproute' && cfg.environment.events.has('routing');
}

function serves(app: AppConfig, c: ClientConfig): boolean {
  return app.port === c.port && (app.bind === null || app.bind === c.dvipa);
}

/** The ranges a slice keeps: the most specific covering range of each VIPARANGE DVIPA of the slice (what the rules read). */
function rangesFor(st: StackConfig, want: ReadonlySet<string>, ranged: ReadonlySet<string>): { ranges: StackConfig['ranges'] } | object {
  if (st.ranges.length === 0) return {};
  const keep = new Set([...want].filter((a) => ranged.has(a)).map((a) => coveringRange(st, a)).filter((r) => r !== null));
  return { ranges: st.ranges.filter((r) => keep.has(r)) };
}

/** What the rules read of a stack for the slice's VIPARANGE DVIPAs: per DVIPA its range mode, per application binding one its index, create, initially. */
function rangeKey(st: StackConfig, addresses: readonly string[]): unknown {
  if (st.ranges.length === 0 && st.applications.every((a) => a.initially === undefined && a.create === undefined)) return null;
  return [addresses.map((a) => coveringRange(st, a)?.moveable ?? null), st.applications.map((a) => [a.bind === null ? -1 : addresses.indexOf(a.bind), a.create ?? 'bind', a.initially ?? 'up']),
    st.dynamicXcf6];
}

export function sliceConfig(cfg: Config, addresses: readonly string[]): Slice {
  const want = new Set(addresses);
  const clients = cfg.clients.filter((c) => want.has(c.dvipa));
  // issue 18: a VIPARANGE DVIPA's stacks are those where an application binds it (D-139)
  const binds = (a: AppConfig): boolean => a.bind !== null && want.has(a.bind) && ranged.has(a.bind);
  const ranged = new Set(rangeDvipas(cfg).map((r) => r.address));
  const ix = indexOf(cfg);
  const isD = cfg.stacks.map(() => false);
  for (const a of want) for (const i of [...(ix.defs.get(a) ?? []), ...(ranged.has(a) ? ix.binds.get(a) ?? [] : [])]) isD[i] = true;
  // A distributed DVIPA's targets are part of its slice, with their whole life cycle (SEMANTICS §10, D-119).
  const targets = distTargets(cfg, want, ix);
  targets.forEach((t) => { isD[t] = true; });
  const needMembers = cfg.stacks.some((st, i) => isD[i] && recoveryPossible(cfg, st));
  const f = cfg.environment.maxFailures;
  const keptOfKind = new Map<string, number>();
  const keep = cfg.stacks.map((st, i) => {
    if (isD[i]) return true;
    if (!needMembers) return false;
    const kind = lifeCycle(cfg, st);
    const n = keptOfKind.get(kind) ?? 0;
    if (f !== null && n >= f) return false; // D-55
    keptOfKind.set(kind, n + 1);
    return true;
  });
  const stacks: number[] = [];
  const sliced: StackConfig[] = [];
  cfg.stacks.forEach((full, i) => {
    if (!keep[i]) return;
    stacks.push(i);
    // without the stack's processed VIPA statements (`vipa`, read only where a profile is compared
    // with a NETSTAT report, for the full configuration): a site's are large, and every slice
    // would carry them to the pool's threads
    const { vipa: _profile, ...st } = full;
    sliced.push(isD[i]
      ? { ...st, defs: defsFor(ix, i, st, [...want]), distributes: st.distributes.filter((d) => want.has(d.address)), applications: st.applications.filter((a) => binds(a) || clients.some((c) => serves(a, c))), ...rangesFor(st, want, ranged) }
      : { ...st, defs: [], distributes: [], applications: [] });
  });
  const sub: Config = { ...cfg, stacks: sliced, clients, findings: [] };
  // A slice with distribution is keyed by its full text here (no structural isomorphism is claimed, D-119); planUnits keys it by its rules' code (D-280).
  const distributed = targets.size > 0 || sliced.some((st) => st.distributes.length > 0);
  const key = distributed ? `dist:${JSON.stringify([addresses, stacks, sliceKey(sub, addresses)])}` : sliceKey(sub, addresses);
  return { dvipas: [...addresses], cfg: sub, stacks, key, orderedKey: distributed ? key : sliceKey(sub, addresses, true) };
}

/**
 * Per address, the stacks that define it and the stacks with an application binding it, in stack
 * order; per stack, the positions of its definitions of each address (a site's stack may hold a
 * thousand definitions, and a slice per DVIPA would filter them all each time).
 */
interface Index {
  readonly defs: ReadonlyMap<string, readonly number[]>; readonly binds: ReadonlyMap<string, readonly number[]>;
  readonly defAt: readonly ReadonlyMap<string, readonly number[]>[];
}
const indexes = new WeakMap<Config, Index>();

/** The Index of a configuration, made once (a slice per DVIPA would scan every stack each time). */
function indexOf(cfg: Config): Index {
  let ix = indexes.get(cfg);
  if (ix) return ix;
  const defs = new Map<string, number[]>(), binds = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, a: string, i: number): void => { const l = m.get(a); if (!l) m.set(a, [i]); else if (l[l.length - 1] !== i) l.push(i); };
  const defAt = cfg.stacks.map((st, i) => {
    const at = new Map<string, number[]>();
    st.defs.forEach((d, k) => { add(defs, d.address, i); add(at, d.address, k); });
    for (const a of st.applications) if (a.bind !== null) add(binds, a.bind, i);
    return at;
  });
  indexes.set(cfg, (ix = { defs, binds, defAt }));
  return ix;
}

/** Stack i's definitions of the addresses, in profile order. */
function defsFor(ix: Index, i: number, st: StackConfig, addresses: readonly string[]): StackConfig['defs'] {
  const at = addresses.flatMap((a) => ix.defAt[i]!.get(a) ?? []);
  if (addresses.length > 1) at.sort((x, y) => x - y);
  return at.map((k) => st.defs[k]!);
}

/** The stacks that can serve connections of the wanted distributed DVIPAs (their DESTIP targets). */
function distTargets(cfg: Config, want: ReadonlySet<string>, ix: Index): Set<number> {
  const out = new Set<number>();
  for (const address of want) {
    const defStacks = [...(ix.defs.get(address) ?? [])];
    for (const t of distInfo(cfg, address, defStacks)?.targetStacks ?? []) out.add(t);
  }
  return out;
}

/**
 * A key that is equal for slices that differ only in names, addresses, ports and the order of
 * their stacks: each stack is described by what the rules read of it, with addresses and ports
 * replaced by their index among the slice's DVIPAs and clients, and the descriptions are sorted.
 */
function sliceKey(cfg: Config, addresses: readonly string[], ordered = false): string {
  const dv = (a: string | null): number => (a === null ? -1 : addresses.indexOf(a));
  const cpcScoped = new Set(cfg.stacks.flatMap((st) => st.defs.filter((d) => d.cpcscope).map((d) => d.address)));
  const stacks = cfg.stacks.map((st) => JSON.stringify([
    st.routing, st.join, st.recovery, st.autorejoin, st.dynamicXcf,
    st.defs.some((d) => cpcScoped.has(d.address)) ? st.cpc : null,
    st.defs.map((d) => [dv(d.address), d.kind, d.moveable, d.rank, ...(d.family === 'ipv6' ? [st.dynamicXcf6] : [])]), // IPv6: its own DYNAMICXCF (D-147)
    st.applications.map((a) => cfg.clients.flatMap((c, ci) => (serves(a, c) ? [ci] : []))),
    rangeKey(st, addresses), // issue 18: VIPARANGE DVIPAs (D-139)
    cfg.environment.netstat ? [st.start?.joined ?? null, st.defs.map((d) => st.start?.statuses[d.address] ?? null)] : null, // start: { netstat }
  ]));
  if (!ordered) stacks.sort();
  const env = cfg.environment;
  return JSON.stringify([stacks, cfg.clients.map((c) => dv(c.dvipa)), env.start, [...env.events].sort(), env.maxFailures, env.maxConnections]);
}
