import type { Config, DistributeDef } from '../spec/config.js';
import { ACTIVE, JOINED } from './codes.js';
import { defFor, reaches, targetsOf } from './dist.js';
import type { Layout } from './layout.js';

/**
 * The distribution of one DVIPA:port over packed states (D-01 bytes), for the properties' packed
 * twins (test/packed.test.ts compares them with the StateView code of dist-view.ts).
 */
export interface PackedDist {
  /** The owner, or -1. */
  owner(s: Uint8Array): number;
  /** The definition in use (null: the owner serves alone) for owner o. */
  def(s: Uint8Array, o: number): DistributeDef | null;
  /** Target t is eligible from distributor o (for a plain owner: it listens). */
  eligible(s: Uint8Array, o: number, t: number, plain: boolean): boolean;
  targets(def: DistributeDef): readonly number[];
}

export function packedDist(cfg: Config, L: Layout, d: number, port: number): PackedDist {
  const info = L.dvipas[d]!;
  const S = L.nStacks;
  const offs = L.dvOffsets[d]!, stacks = L.dvStacks[d]!;
  const inhOff = L.dist.inherited[d]!;
  const defs = cfg.stacks.map((_, j) => defFor(info.dist!.own[j]!, port));
  const has = cfg.stacks.map((_, j) => info.dist!.own[j]!.length > 0);
  const listen = cfg.stacks.map((st, t) => st.applications.flatMap((a, k) => (a.port === port && (a.bind === null || a.bind === info.address) ? [L.appOffset[t]! + k] : [])));
  const reach = cfg.stacks.map((_, o) => cfg.stacks.map((__, t) => reaches(cfg, o, t, info.dist!.family)));
  const tcache = new Map<DistributeDef, number[]>();
  return {
    owner(s) { for (let k = 0; k < offs.length; k++) if (s[offs[k]!] === ACTIVE) return stacks[k]!; return -1; },
    def(s, o) {
      if (o < 0) return null;
      if (has[o]) return defs[o]!;
      const h = inhOff < 0 ? 0 : s[inhOff]!;
      return h === 0 ? null : defs[h - 1]!;
    },
    eligible(s, o, t, plain) {
      if (!listen[t]!.some((x) => s[x] === 1)) return false;
      if (plain) return true;
      const q = L.dist.quiesced[t]!;
      return s[t] === JOINED && (q < 0 || s[q] === 0) && reach[o]![t]! && S > 0;
    },
    targets(def) { let x = tcache.get(def); if (!x) { x = targetsOf(cfg, def); tcache.set(def, x); } return x; },
  };
}
