import type { Config } from '../spec/config.js';
import { RANGE_LEAVE_UNBOUND, RANGE_MOVING_ENDS } from './assumptions.js';
import { ACTIVE, INACTIVE, JOINED, MOVING } from './codes.js';
import {
  and, assume, eq, gt, type Expr, type Library, local, n, ne, NONE, not, oneOf, or, set, type Stmt, tab, type Table, v, when,
} from './ir.js';
import type { Layout } from './layout.js';

/**
 * Application-specific DVIPAs (SEMANTICS §11, issue 18), written once in the IR like rules.ts,
 * which calls these hooks at join, leave/terminate, start, app-start, app-stop and after a
 * connection drops. Only DVIPAs of kind 'range' (layout.ts, D-130) are touched: a configuration
 * without them gets no statement from here.
 *
 * Application byte of a binding application: 0 down, 1 up and listening (its bind/ioctl
 * succeeded), 2 up without a listener (bind failed, or its DVIPA was deleted by a leave) (D-132).
 * Status byte per (range DVIPA, stack where an application binds it): Inactive (absent), Active,
 * Moving (D-130).
 */
export const APP_UNBOUND = 2;

export interface RangeCtx {
  readonly cfg: Config;
  readonly L: Layout;
  readonly lib: Library;
  readonly st: (i: Expr | number) => Expr;
  readonly app: (i: number, k: number) => Expr;
  readonly ds: (d: number, i: Expr | number) => Expr;
  readonly owner: (d: number) => Expr;
  readonly conns: (d: number, i: Expr) => Expr;
  readonly dropConns: (d: number, i: Expr) => Stmt[];
}

export interface RangeHooks {
  /** True when the configuration has application-specific DVIPAs. */
  readonly any: boolean;
  /** The range DVIPA application k of stack i binds, or -1. */
  dvipaOf(i: number, k: number): number;
  /** Start value of application k of stack i at `start` (D-133): 0 standby, 2 binder pending, 1 else. */
  startValue(i: number, k: number): number;
  /** Right after stack i joined: its applications already up bind (SEMANTICS §11). */
  bindAll(i: number): Stmt[];
  /** app-start of application k of stack i. */
  appStart(i: number, k: number): Stmt[];
  /** app-stop of application k of stack i (its DVIPA deleted, its connections with it), before its other connections end. */
  appStop(i: number, k: number): Stmt[];
  /** Stack i terminates or leaves: its range DVIPAs are deleted (no takeover). `leaving`: it stays up. */
  vacate(i: number, leaving: boolean): Stmt[];
  /** The last connection of stack i to range DVIPA d ended: a Moving old holder is gone (D-135). */
  afterDrop(d: number, i: Expr): Stmt[];
}

export function rangeRules(x: RangeCtx): RangeHooks {
  const { cfg, L, lib, st, app, ds, owner, conns, dropConns } = x;
  const ranged = L.dvipas.filter((d) => d.kind === 'range');
  const dvOf = new Map<string, number>(ranged.map((d) => [d.address, d.index]));
  const dvipaOf = (i: number, k: number): number => {
    const b = cfg.stacks[i]!.applications[k]!.bind;
    return b === null ? -1 : dvOf.get(b) ?? -1;
  };
  const info = (d: number) => L.dvipas[d]!.range!;
  const table = (name: string, vals: number[]): Table => ({ name, v: vals });
  // Per range DVIPA and stack: range mode (0 none, 1 NONDISRUPTIVE, 2 DISRUPTIVE), creation (0 bind, 1 ioctl).
  const mode = (d: number) => table(`RM${d}`, info(d).range.map((r) => (r === null ? 0 : r.moveable === 'DISRUPTIVE' ? 2 : 1)));
  const ioctl = (d: number) => table(`CR${d}`, info(d).create.map((c) => (c === 'ioctl' ? 1 : 0)));
  /** DYNAMICXCF of the DVIPA's family on a stack (IPv4: IPCONFIG; IPv6: IPCONFIG6). */
  const v6 = (d: number): boolean => L.dvipas[d]!.address.includes(':');
  const xcfTab = (d: number) => table(v6(d) ? 'XCF6' : 'XCFR', cfg.stacks.map((s) => ((v6(d) ? s.dynamicXcf6 : s.dynamicXcf) ? 1 : 0)));
  const xcfOf = (d: number, i: number): boolean => (v6(d) ? cfg.stacks[i]!.dynamicXcf6 : cfg.stacks[i]!.dynamicXcf);

  /** The old holder o gives d away: Moving while it has connections and both stacks have DYNAMICXCF, else they are lost (SEMANTICS §11). */
  const moveAway = (d: number, i: number, o: Expr): Stmt[] => {
    const keep = and(gt(conns(d, o), 0), n(xcfOf(d, i)), eq(tab(xcfTab(d), o), 1));
    return when(keep, [set(ds(d, o), MOVING)], [...dropConns(d, o), set(ds(d, o), INACTIVE)]);
  };
  const remove = (d: number, o: Expr): Stmt[] => [...dropConns(d, o), set(ds(d, o), INACTIVE)];

  /**
   * Stack i's applications binding d try to create it (SEMANTICS §11): `ok` / `fail` are the
   * statements for success and failure. One procedure per (d, i): every binder of d on i creates
   * it the same way (D-131).
   */
  const create = (d: number, i: number, ok: Stmt[], fail: Stmt[]): Stmt[] => {
    if (info(d).range[i] === null) return fail; // EADDRNOTAVAIL: no range of i covers d
    const o = v(`ro${d}`);
    const byIoctl = info(d).create[i] === 'ioctl';
    const taken: Stmt[] = byIoctl
      // ioctl over a bind DVIPA deletes it; over an ioctl DVIPA: NONDISRUPTIVE moves it, else deletes it.
      ? [...when(and(eq(tab(ioctl(d), o), 1), eq(tab(mode(d), o), 1)), moveAway(d, i, o), remove(d, o)), set(ds(d, i), ACTIVE), ...ok]
      // bind over an ioctl DVIPA fails; over a bind DVIPA the holder's range decides.
      : when(and(eq(tab(ioctl(d), o), 0), eq(tab(mode(d), o), 1)), [...moveAway(d, i, o), set(ds(d, i), ACTIVE), ...ok], fail);
    return when(ne(st(i), JOINED), fail, when(eq(ds(d, i), ACTIVE), ok, [
      local(`ro${d}`, owner(d)),
      ...when(eq(o, NONE), [set(ds(d, i), ACTIVE), ...ok], taken),
    ]));
  };
  const bindApp = (i: number, k: number): Stmt[] => {
    const d = dvipaOf(i, k);
    return create(d, i, [set(app(i, k), 1)], [set(app(i, k), APP_UNBOUND)]);
  };

  return {
    any: ranged.length > 0,
    dvipaOf,
    startValue: (i, k) => (cfg.stacks[i]!.applications[k]!.initially === 'down' ? 0 : dvipaOf(i, k) >= 0 ? APP_UNBOUND : 1),
    bindAll(i) {
      const ks = cfg.stacks[i]!.applications.flatMap((_, k) => (dvipaOf(i, k) >= 0 ? [k] : []));
      return ks.flatMap((k) => when(ne(app(i, k), 0), bindApp(i, k)));
    },
    appStart(i, k) { return dvipaOf(i, k) >= 0 ? bindApp(i, k) : [set(app(i, k), 1)]; },
    appStop(i, k) {
      const d = dvipaOf(i, k);
      if (d < 0 || info(d).create[i] === 'ioctl') return []; // an ioctl DVIPA outlives its application (SEMANTICS §11)
      // A bind DVIPA is deleted when its (last listening) application stops.
      const others = or(...info(d).binders[i]!.filter((b) => b !== k).map((b) => eq(app(i, b), 1)));
      return when(and(not(others), oneOf(ds(d, i), [ACTIVE, MOVING])), remove(d, n(i)));
    },
    vacate(i, leaving) {
      const mine = ranged.filter((d) => d.stacks.includes(i));
      const unbind = leaving ? cfg.stacks[i]!.applications.flatMap((_, k) => (dvipaOf(i, k) >= 0
        ? when(eq(app(i, k), 1), [set(app(i, k), APP_UNBOUND), assume(RANGE_LEAVE_UNBOUND)]) : [])) : [];
      return [...mine.flatMap((d) => remove(d.index, n(i))), ...unbind];
    },
    afterDrop(d, i) {
      return [{ k: 'call', proc: lib.proc(`rangeDrop${d}`, ['i'], (iv) => when(and(eq(ds(d, iv), MOVING), eq(conns(d, iv), 0)),
        [set(ds(d, iv), INACTIVE), assume(RANGE_MOVING_ENDS)])), args: [i] }];
    },
  };
}

/** Why a binding application's bind failed in a state (z/OS words), for trace notes (D-137). */
export function bindFailure(cfg: Config, L: Layout, w: Uint8Array, i: number, k: number): string | null {
  const a = cfg.stacks[i]!.applications[k]!;
  const d = L.dvipas.find((x) => x.kind === 'range' && x.address === a.bind);
  if (!d) return null;
  const name = cfg.stacks[i]!.name;
  const r = d.range!;
  const verb = r.create[i] === 'ioctl' ? 'SIOCSVIPA' : 'bind';
  if (r.range[i] === null) return `${a.name} on ${name}: ${verb} to ${d.address} failed with EADDRNOTAVAIL: no VIPARANGE of ${name} covers it`;
  if (w[i] !== JOINED) return `${a.name} on ${name}: ${verb} to ${d.address} failed with EADDRNOTAVAIL: ${name} is not in the group, its VIPARANGE is not usable`;
  const S = L.nStacks;
  const o = d.stacks.find((j) => w[L.statusOffset[d.index * S + j]!] === ACTIVE);
  if (o === undefined) return null;
  const holder = cfg.stacks[o]!.name;
  if (r.create[o] === 'ioctl') return `${a.name} on ${name}: bind to ${d.address} failed: the DVIPA is in use on ${holder}, created by ioctl (SIOCSVIPA)`;
  // D-303: the holder's DISRUPTIVE range decided it; cite it as every trace citation is written (D-281).
  const hr = r.range[o];
  const cite = hr ? ` (${holder}: ${hr.text} at ${hr.pos.file}:${hr.pos.line}${hr.pos.column ? `:${hr.pos.column}` : ''})` : '';
  return `${a.name} on ${name}: ${verb} to ${d.address} failed: DISRUPTIVE range: the DVIPA is in use on ${holder}${cite}`;
}

/** Notes of one step: each binding application that is up without a listener after it and was not before (or retried). */
export function bindNotes(cfg: Config, L: Layout, before: Uint8Array | null, after: Uint8Array, joinedNow: boolean[] | null): string[] {
  const out: string[] = [];
  cfg.stacks.forEach((s, i) => s.applications.forEach((_, k) => {
    const o = L.appOffset[i]! + k;
    if (after[o] !== APP_UNBOUND) return;
    if (before && before[o] === APP_UNBOUND && !(joinedNow?.[i] ?? false)) return;
    const why = before && before[o] === 1 ? null : bindFailure(cfg, L, after, i, k);
    if (why) out.push(why);
    else if (before && before[o] === 1) out.push(`${s.applications[k]!.name} on ${s.name}: its DVIPA was deleted when ${s.name} left the group; it binds again at the next join`);
  }));
  return out;
}
