import type { Config, StackConfig } from '../spec/config.js';
import type { Layout } from './layout.js';

/**
 * Symmetry reduction (opt-in, `--symmetry`): stacks with identical configuration are
 * interchangeable, so a state is stored as the representative with their blocks (every byte the
 * stack owns: status, routing, out-of-group reason, applications, DVIPA statuses, connections)
 * sorted. Built-in properties do not depend on which of two identical stacks is which, so verdicts
 * and shortest trace lengths are unchanged; state counts become orbit counts.
 */
export class Symmetry {
  /** Groups of interchangeable stacks (2 or more each), and each stack's byte offsets. */
  readonly groups: number[][];
  private readonly blocks: number[][];

  constructor(cfg: Config, L: Layout) {
    const S = L.nStacks;
    const sig = (st: StackConfig): string => JSON.stringify([st.routing, st.cpc, st.join, st.recovery, st.autorejoin, st.dynamicXcf,
      st.defs.map((d) => [d.kind, d.address, d.moveable, d.rank, d.cpcscope, d.mask, ...(d.family === 'ipv6' ? [st.dynamicXcf6] : [])]), st.applications.map((a) => [a.port, a.bind, a.create ?? null, a.initially ?? null]),
      st.ranges.length ? [st.ranges.map((r) => [r.text]), st.dynamicXcf6] : null]); // issue 18
    const bySig = new Map<string, number[]>();
    cfg.stacks.forEach((st, i) => bySig.set(sig(st), [...(bySig.get(sig(st)) ?? []), i]));
    // A distributed DVIPA's targets are named by address in DESTIP: no symmetry is claimed then (D-119).
    this.groups = L.dvipas.some((d) => d.dist) ? [] : [...bySig.values()].filter((g) => g.length > 1);
    this.blocks = cfg.stacks.map((st, i) => {
      const offs = [i, S + i, 2 * S + i];
      for (let k = 0; k < st.applications.length; k++) offs.push(L.appOffset[i]! + k);
      for (const d of L.dvipas) { const o = L.statusOffset[d.index * S + i]!; if (o >= 0) offs.push(o); }
      for (let c = 0; c < cfg.clients.length; c++) { const o = L.connOffset[c * S + i]!; if (o >= 0) offs.push(o); }
      return offs;
    });
  }

  get active(): boolean { return this.groups.length > 0; }

  /**
   * Rewrites w into its representative; returns, per group, which real stack each position now
   * holds (perm[g][p] = the stack whose block moved to group member p).
   */
  canon(w: Uint8Array, perm?: number[][]): void {
    for (let gi = 0; gi < this.groups.length; gi++) {
      const g = this.groups[gi]!;
      const rows = g.map((i) => ({ i, bytes: this.blocks[i]!.map((o) => w[o]!) }));
      rows.sort((a, b) => { for (let k = 0; k < a.bytes.length; k++) if (a.bytes[k] !== b.bytes[k]) return a.bytes[k]! - b.bytes[k]!; return a.i - b.i; });
      rows.forEach((r, p) => { const offs = this.blocks[g[p]!]!; for (let k = 0; k < offs.length; k++) w[offs[k]!] = r.bytes[k]!; });
      if (perm) perm[gi] = rows.map((r) => r.i);
    }
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
