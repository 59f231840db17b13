import { stepProperty, type StateView, type Sysplex } from '../src/properties/api.js';

/**
 * When the holder of a DVIPA departs and some joined stack is eligible, the DVIPA lands first in
 * the chain: VIPADEFINE stacks, then VIPABACKUP stacks by rank (SEMANTICS §4.3, D-34). The chain
 * is recomputed here from the configuration, not taken from the model's rules.
 */
function firstTier(after: StateView, sys: Sysplex, d: number, holder: number): number[] {
  const info = sys.dvipas[d]!;
  const cpcOf = (i: number): string | null => sys.config.stacks[i]!.cpc;
  let best = -1;
  let tier: number[] = [];
  for (const j of info.stacks) {
    if (j === holder || !after.joined(j)) continue;
    const st = after.dvipaStatus(d, j);
    if (st !== 'Backup' && st !== 'Moving' && st !== 'Active') continue;
    if (info.cpcScoped && cpcOf(j) !== cpcOf(holder)) continue;
    const def = info.defs[j]!;
    const rank = def.kind === 'define' ? 1000 : def.rank;
    if (rank > best) { best = rank; tier = []; }
    if (rank === best) tier.push(j);
  }
  return tier;
}

export default stepProperty({
  name: 'takeover',
  description: 'when the holder of a DVIPA departs, the DVIPA moves to a stack first in its backup chain',
  // A holder departs (leaves the group, or is Deactivated/Quiescing) only on these events.
  events: ['terminate', 'leavegroup', 'routing-stop', 'deactivate'],
  check(before, _event, after, sys) {
    if (after.sameDvipaStatuses(before)) return true; // no owner changed, no holder departed
    for (const d of sys.dvipas) {
      const h = before.owner(d.index);
      if (h < 0 || after.owner(d.index) === h) continue;
      const st = after.dvipaStatus(d.index, h);
      if (after.joined(h) && st !== 'Deactivated' && st !== 'Quiescing') continue;
      const tier = firstTier(after, sys, d.index, h);
      if (tier.length === 0) continue;
      const o = after.owner(d.index);
      if (!tier.includes(o)) {
        const names = tier.map((i) => sys.config.stacks[i]!.name).join(' or ');
        return `${d.address} left ${sys.config.stacks[h]!.name}; first in its backup chain is ${names}, but it is Active on ${o < 0 ? 'no stack' : sys.config.stacks[o]!.name}`;
      }
    }
    return true;
  },
});
