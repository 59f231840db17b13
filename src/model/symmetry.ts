import type { Config, DistributeDef, StackConfig } from '../spec/config.js';
import { reaches, targetsOf } from './dist.js';
import type { Layout } from './layout.js';
import { type Canon, compileCanon } from './symmetry-canon.js';

/**
 * Symmetry reduction (opt-in, `--symmetry`): stacks with identical configuration are
 * interchangeable, so a state is stored as the representative with their blocks (every byte the
 * stack owns: status, routing, out-of-group reason, applications, DVIPA statuses, connections,
 * quiesced flag) sorted. With distributed DVIPAs, only groups that every VIPADISTRIBUTE and
 * VIPAROUTE treats alike and that no stack-index state field can name (distSymmetric, D-247). Built-in properties do not depend on which of two identical stacks is which, so verdicts
 * and shortest trace lengths are unchanged; state counts become orbit counts.
 */
export class Symmetry {
  /** Groups of interchangeable stacks (2 or more each), and each stack's byte offsets. */
  readonly groups: number[][];
  private readonly blocks: number[][];
  /** canon, compiled for these groups (symmetry-canon.ts). */
  private readonly fast: Canon;

  constructor(cfg: Config, L: Layout) {
    const S = L.nStacks;
    const sig = (st: StackConfig): string => JSON.stringify([st.routing, st.cpc, st.join, st.recovery, st.autorejoin, st.dynamicXcf,
      st.defs.map((d) => [d.kind, d.address, d.moveable, d.rank, d.cpcscope, d.mask, ...(d.family === 'ipv6' ? [st.dynamicXcf6] : [])]), st.applications.map((a) => [a.port, a.bind, a.create ?? null, a.initially ?? null]),
      st.ranges.length ? [st.ranges.map((r) => [r.text]), st.dynamicXcf6] : null]); // issue 18
    const distributed = L.dvipas.some((d) => d.dist);
    // D-247: with distribution, a stack's own VIPADISTRIBUTEs (DESTIP as written) and whether it has
    // DYNAMICXCF addresses (DESTIP ALL) are part of its configuration; its addresses are not.
    const dsig = (st: StackConfig): unknown => (distributed ? [st.xcfAddress !== null, st.xcf6Address !== null, st.dynamicXcf6,
      st.distributes.map((d: DistributeDef) => [d.family, d.address, d.intf, d.method, d.ports, d.destip, d.autoSwitchBack, d.healthSwitch])] : null);
    const bySig = new Map<string, number[]>();
    cfg.stacks.forEach((st, i) => { const k = JSON.stringify([sig(st), dsig(st)]); bySig.set(k, [...(bySig.get(k) ?? []), i]); });
    this.blocks = cfg.stacks.map((st, i) => {
      const offs = [i, S + i, 2 * S + i];
      for (let k = 0; k < st.applications.length; k++) offs.push(L.appOffset[i]! + k);
      for (const d of L.dvipas) { const o = L.statusOffset[d.index * S + i]!; if (o >= 0) offs.push(o); }
      for (let c = 0; c < cfg.clients.length; c++) { const o = L.connOffset[c * S + i]!; if (o >= 0) offs.push(o); }
      if (L.dist.quiesced[i]! >= 0) offs.push(L.dist.quiesced[i]!);
      return offs;
    });
    this.groups = [...bySig.values()].filter((g) => g.length > 1 && (!distributed || distSymmetric(cfg, L, g, this.blocks)));
    this.fast = compileCanon(this.groups.map((g) => {
      const B = this.blocks[g[0]!]!.length;
      return g.every((i) => this.blocks[i]!.length === B) ? { members: g, B, off: Int32Array.from(g.flatMap((i) => this.blocks[i]!)) } : null;
    }), (w, gi, perm) => this.canonRows(w, gi, perm));
  }

  get active(): boolean { return this.groups.length > 0; }

  /**
   * Rewrites w into its representative; returns, per group, which real stack each position now
   * holds (perm[g][p] = the stack whose block moved to group member p). The representative of
   * canonRows, found without allocation (symmetry-canon.ts).
   */
  canon(w: Uint8Array, perm?: number[][]): void { this.fast(w, perm); }

  /** The definition of the representative for group gi: its blocks sorted by their bytes, ties by stack index (also the reference for test/symmetry-canon.test.ts). */
  canonRows(w: Uint8Array, gi: number, perm?: number[][]): void {
    const g = this.groups[gi]!;
    const rows = g.map((i) => ({ i, bytes: this.blocks[i]!.map((o) => w[o]!) }));
    rows.sort((a, b) => { for (let k = 0; k < a.bytes.length; k++) if (a.bytes[k] !== b.bytes[k]) return a.bytes[k]! - b.bytes[k]!; return a.i - b.i; });
    rows.forEach((r, p) => { const offs = this.blocks[g[p]!]!; for (let k = 0; k < offs.length; k++) w[offs[k]!] = r.bytes[k]!; });
    if (perm) perm[gi] = rows.map((r) => r.i);
  }

  /** The real stack that plays canonical stack `i`, given the permutation of canon(). */
  realStack(i: number, perm: number[][]): number {
    for (let gi = 0; gi < this.groups.length; gi++) {
      const p = this.groups[gi]!.indexOf(i);
      if (p >= 0) return perm[gi]![p]!;
    }
    return i;
  }
}

/**
 * D-247: may the stacks of g (identical up to names and DYNAMICXCF addresses) be permuted in a
 * configuration that distributes? Every DESTIP names all of them or none, no HOTSTANDBY names any
 * (its active target is a stack index in the state, and its roles and DESTIP order tell them
 * apart), none can be the source of an inherited definition (another stack index in the state),
 * reach (DYNAMICXCF, VIPAROUTE) is invariant under swapping two of them, and their blocks have
 * the same shape (the same status, connection and quiesced bytes).
 */
function distSymmetric(cfg: Config, L: Layout, g: readonly number[], blocks: readonly (readonly number[])[]): boolean {
  const inG = new Set(g);
  if (g.some((i) => blocks[i]!.length !== blocks[g[0]!]!.length)) return false;
  for (const st of cfg.stacks) {
    for (const def of st.distributes) {
      const named = targetsOf(cfg, def).filter((t) => inG.has(t)).length;
      if (named !== 0 && (named !== g.length || def.method === 'HOTSTANDBY')) return false;
    }
  }
  for (const d of L.dvipas) {
    if (!d.dist) continue;
    if (d.dist.inheritable && g.some((j) => d.dist!.own[j]!.length > 0)) return false;
    const fam = d.dist.family;
    for (let o = 0; o < cfg.stacks.length; o++) {
      if (inG.has(o)) continue;
      // from an outsider to each member, and from each member to an outsider: all alike
      if (new Set(g.map((t) => reaches(cfg, o, t, fam))).size > 1) return false;
      if (new Set(g.map((m) => reaches(cfg, m, o, fam))).size > 1) return false;
    }
    // among members (o != t): all alike
    if (new Set(g.flatMap((m) => g.filter((t) => t !== m).map((t) => reaches(cfg, m, t, fam)))).size > 1) return false;
  }
  return true;
}

import type { Path } from '../engine/model.js';
import type { DvipaModel } from './model.js';

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, k) => v === b[k]);

/**
 * Turns a path of representatives (found with symmetry) into a real path of the plain model:
 * at each step the event is renamed to the stack that really plays the representative's role,
 * and the successor with the same representative is taken.
 */
export function realizePath(symModel: DvipaModel, plain: DvipaModel, path: Path): Path {
  const sym = symModel.symmetry!;
  const init = plain.initialStates()[0]!;
  let x = init;
  const steps: Path['steps'][number][] = [];
  for (const step of path.steps) {
    const perm: number[][] = [];
    sym.canon(x.slice(), perm);
    const a = symModel.actions[step.action]!;
    const stack = a.stack >= 0 ? sym.realStack(a.stack, perm) : -1;
    const ra = plain.actions.find((b) => b.kind === a.kind && b.stack === stack && b.dvipa === a.dvipa && b.app === a.app && b.client === a.client)!;
    let found: Path['steps'][number] | null = null;
    plain.successors(x, ra.index, (s, choice) => {
      if (found) return;
      const c = s.slice();
      sym.canon(c);
      if (same(c, step.state)) found = { action: ra.index, choice, state: s.slice() };
    });
    if (!found) throw new Error('internal error: a symmetric path has no real counterpart');
    steps.push(found);
    x = (found as Path['steps'][number]).state;
  }
  return { init, initIndex: 0, steps };
}
