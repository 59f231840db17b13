import { ACTIVE, BACKUP, DEACTIVATED, MOVING, QUIESCING, WAITING } from '../src/model/codes.js';
import { and, eq, n, ne, not, oneOf, or, sel, type Expr } from '../src/model/ir.js';
import { stepProperty, type StateView, type Sysplex } from '../src/properties/api.js';
import { NOTHING } from '../src/properties/nothing.js';

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
  nothingToCheck: NOTHING.takeover,
  description: 'when the holder of a DVIPA departs, the DVIPA moves to a stack first in its backup chain',
  // A holder departs (leaves the group, or is Deactivated/Quiescing) only on these events.
  events: ['terminate', 'leavegroup', 'routing-stop', 'deactivate'],
  // Only a step that changes a DVIPA status can violate it.
  changes: ['dvipas'],
  check(before, _event, after, sys) {
    for (const d of sys.dvipas) {
      if (d.kind === 'range') continue; // no chain, no takeover (SEMANTICS §11)
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
  fast: ({ layout: L, sysplex: sys, before, now }) => {
    // The check above for this configuration: per DVIPA, if its holder h before the step departed
    // (another owner after, and not joined with d neither Deactivated nor Quiescing), the owner
    // after has the best chain rank among the candidates, or there is none (best = -1). Found by
    // a chain over h, then one over the ranks and one over the owners (rank -2: no candidate), so
    // a step costs time linear in the stacks, as the check does.
    const conds = L.dvipas.filter((d) => d.kind !== 'range').map((d) => before.atOwner(d.index, (h) => {
      const s = now.ds(d.index, h);
      const departed = and(not(now.ownerIs(d.index, h)), not(and(now.joined(h), ne(s, DEACTIVATED), ne(s, QUIESCING))));
      const cands = d.stacks.filter((j) => j !== h && (!d.cpcScoped || sys.config.stacks[j]!.cpc === sys.config.stacks[h]!.cpc));
      const isCand = new Set(cands);
      const cand = (j: number): Expr => and(now.joined(j), oneOf(now.ds(d.index, j), [BACKUP, WAITING, MOVING, ACTIVE]));
      const rank = (j: number): number => (d.defs[j]!.kind === 'define' ? 1000 : d.defs[j]!.rank);
      const ranks = [...new Set(cands.map(rank))].sort((a, b) => a - b);
      const best = ranks.reduce((e: Expr, r) => sel(or(...cands.filter((j) => rank(j) === r).map(cand)), n(r), e), n(-1));
      const ownerRank = now.atOwner(d.index, (o) => (isCand.has(o) ? sel(cand(o), n(rank(o)), n(-2)) : n(-2)), n(-2));
      return or(not(departed), eq(best, -1), eq(ownerRank, best));
    }, n(1)));
    return () => conds;
  },
});
