import { ACTIVE, BACKUP, DEACTIVATED, JOINED, MOVING, QUIESCING, WAITING } from '../src/model/codes.js';
import { compileTwin, ownerExpr } from '../src/model/twin.js';
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
  packed({ layout: L, sysplex: sys }) {
    // The check above written out for this configuration, offsets and ranks folded in (as
    // model/lower-js.ts does for the rules): per DVIPA, the holder before (h) and after (o); if h
    // departed, the best chain rank among the candidates, and o's rank.
    const so = (d: number, j: number): number => L.statusOffset[d * L.nStacks + j]!;
    const body = L.dvipas.filter((d) => d.kind !== 'range').map((d) => {
      const departed = d.stacks.map((h) => {
        const cands = d.stacks.filter((j) => j !== h && (!d.cpcScoped || sys.config.stacks[j]!.cpc === sys.config.stacks[h]!.cpc)).map((j) => {
          const r = d.defs[j]!.kind === 'define' ? 1000 : d.defs[j]!.rank;
          const x = `s[${so(d.index, j)}]`;
          return `if (s[${j}] === ${JOINED} && (${x} === ${BACKUP} || ${x} === ${WAITING} || ${x} === ${MOVING} || ${x} === ${ACTIVE})) { if (${r} > best) best = ${r}; if (o === ${j}) oRank = ${r}; }`;
        });
        return `case ${h}: { if (s[${h}] === ${JOINED} && s[${so(d.index, h)}] !== ${DEACTIVATED} && s[${so(d.index, h)}] !== ${QUIESCING}) break; let best = -1, oRank = -1; ${cands.join(' ')} if (best >= 0 && !(o >= 0 && oRank === best)) return false; break; }`;
      });
      return `h = ${ownerExpr(L, 'b', d.index)}; if (h >= 0) { o = ${ownerExpr(L, 's', d.index)}; if (o !== h) switch (h) { ${departed.join(' ')} } }`;
    });
    return compileTwin('b, _a, s', `let h = -1, o = -1; ${body.join(' ')} return true;`);
  },
});
