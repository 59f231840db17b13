import { ACTIVE, BACKUP, DEACTIVATED, JOINED, MOVING, QUIESCING, WAITING } from '../src/model/codes.js';
import { stepProperty, type StateView, type Sysplex } from '../src/properties/api.js';

/** Rank of stack j in the chain of DVIPA d (VIPADEFINE first, D-25), or -1 when not a candidate. */
function chainRank(after: StateView, sys: Sysplex, d: number, holder: number, j: number): number {
  const info = sys.dvipas[d]!;
  if (j === holder || !after.joined(j)) return -1;
  const st = after.dvipaStatus(d, j);
  if (st !== 'Backup' && st !== 'Moving' && st !== 'Active') return -1; // D-23 (Active: the new owner)
  if (info.cpcScoped && sys.config.stacks[j]!.cpc !== sys.config.stacks[holder]!.cpc) return -1; // D-27
  const def = info.defs[j]!;
  return def.kind === 'define' ? 1000 : def.rank;
}

/**
 * When the holder of a DVIPA departs and some joined stack is eligible, the DVIPA lands first in
 * the chain: VIPADEFINE stacks, then VIPABACKUP stacks by rank (SEMANTICS §4.3, D-34). The chain
 * is recomputed here from the configuration, not taken from the model's rules.
 */
export default stepProperty({
  name: 'takeover',
  description: 'when the holder of a DVIPA departs, the DVIPA moves to a stack first in its backup chain',
  // A holder departs (leaves the group, or is Deactivated/Quiescing) only on these events.
  events: ['terminate', 'leavegroup', 'routing-stop', 'deactivate'],
  // Only a step that changes a DVIPA status can violate it.
  changes: ['dvipas'],
  check(before, _event, after, sys) {
    for (const d of sys.dvipas) {
      const h = before.owner(d.index);
      if (h < 0) continue;
      const o = after.owner(d.index);
      if (o === h) continue;
      const st = after.dvipaStatus(d.index, h);
      if (after.joined(h) && st !== 'Deactivated' && st !== 'Quiescing') continue; // gave it back, did not depart (D-34)
      let best = -1;
      for (const j of d.stacks) best = Math.max(best, chainRank(after, sys, d.index, h, j));
      if (best < 0 || (o >= 0 && chainRank(after, sys, d.index, h, o) === best)) continue;
      const first = d.stacks.filter((j) => chainRank(after, sys, d.index, h, j) === best).map((j) => sys.config.stacks[j]!.name);
      return `${d.address} left ${sys.config.stacks[h]!.name}; first in its backup chain is ${first.join(' or ')}, but it is Active on ${o < 0 ? 'no stack' : sys.config.stacks[o]!.name}`;
    }
    return true;
  },
  packed({ layout: L, sysplex: sys }) {
    // Per DVIPA d, its configured stacks in order at [first[d], first[d + 1]): stack, status
    // offset, chain rank (VIPADEFINE 1000, else the backup rank) and CPC number.
    const S = L.nStacks;
    const cpcs = sys.config.stacks.map((st) => st.cpc);
    const first = new Int32Array(L.dvipas.length + 1);
    const stack: number[] = [], off: number[] = [], rank: number[] = [];
    const scoped = Uint8Array.from(L.dvipas, (d) => (d.cpcScoped ? 1 : 0));
    for (const d of L.dvipas) {
      for (const j of d.stacks) { stack.push(j); off.push(L.statusOffset[d.index * S + j]!); rank.push(d.defs[j]!.kind === 'define' ? 1000 : d.defs[j]!.rank); }
      first[d.index + 1] = stack.length;
    }
    const st = Int32Array.from(stack), of = Int32Array.from(off), rk = Int32Array.from(rank);
    const cpc = Int32Array.from(cpcs, (c) => cpcs.indexOf(c));
    const D = L.dvipas.length;
    return (b, _a, s) => {
      for (let d = 0; d < D; d++) {
        const lo = first[d]!, hi = first[d + 1]!;
        let hk = -1, ok = -1;
        for (let k = lo; k < hi; k++) { if (hk < 0 && b[of[k]!] === ACTIVE) hk = k; if (ok < 0 && s[of[k]!] === ACTIVE) ok = k; }
        if (hk < 0 || ok === hk) continue;
        const h = st[hk]!;
        const hs = s[of[hk]!];
        if (s[h] === JOINED && hs !== DEACTIVATED && hs !== QUIESCING) continue;
        let best = -1, oRank = -1;
        for (let k = lo; k < hi; k++) {
          const j = st[k]!;
          if (j === h || s[j] !== JOINED) continue;
          const x = s[of[k]!];
          if (x !== BACKUP && x !== WAITING && x !== MOVING && x !== ACTIVE) continue;
          if (scoped[d] === 1 && cpc[j] !== cpc[h]) continue;
          if (rk[k]! > best) best = rk[k]!;
          if (k === ok) oRank = rk[k]!;
        }
        if (best < 0 || (ok >= 0 && oRank === best)) continue;
        return false;
      }
      return true;
    };
  },
});
