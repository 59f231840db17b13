import { DEACTIVATED, QUIESCING } from '../src/model/codes.js';
import { and, gt, n, ne, not, or, sum, type Expr } from '../src/model/ir.js';
import { invariant } from '../src/properties/api.js';
import { NOTHING } from '../src/properties/nothing.js';

/**
 * A DVIPA's VIPADEFINE stack, when joined and not Deactivated or Quiescing, owns the DVIPA, unless
 * its VIPADEFINE is WHENIDLE and the owner still has connections to it (D-33).
 */
export default invariant({
  name: 'takeback',
  nothingToCheck: NOTHING.takeback,
  description: 'a joined VIPADEFINE stack owns its DVIPA (unless a WHENIDLE takeback waits for connections to close)',
  check(s, sys) {
    for (const d of sys.dvipas) {
      if (d.kind === 'range') continue; // no VIPADEFINE (SEMANTICS §11)
      const o = s.owner(d.index);
      for (const v of d.stacks) {
        const def = d.defs[v]!;
        if (def.kind !== 'define' || !s.joined(v) || v === o) continue;
        const st = s.dvipaStatus(d.index, v);
        if (st === 'Deactivated' || st === 'Quiescing') continue;
        if (def.moveable === 'WHENIDLE' && o >= 0 && (d.dist ? s.totalConnections(d.index) : s.dvipaConnections(d.index, o)) > 0) continue; // distributed: the whole routing table (D-113)
        const holder = o < 0 ? 'no stack holds it' : `it is Active on ${sys.config.stacks[o]!.name}`;
        return `${d.address}: VIPADEFINE stack ${sys.config.stacks[v]!.name} is joined, but ${holder}`;
      }
    }
    return true;
  },
  fast: ({ layout: L, now }) => L.dvipas.filter((d) => d.kind !== 'range').flatMap((d) => {
    // Per VIPADEFINE stack v: not (joined, not the owner, neither Deactivated nor Quiescing), unless
    // WHENIDLE and the owner has connections (distributed: the whole routing table, D-113).
    const conns = (j: number): Expr => sum(d.clients.map((c) => now.cn(c, j)));
    const busy = d.dist ? and(now.held(d.index), gt(sum(d.connStacks.map(conns)), 0)) : now.atOwner(d.index, (j) => gt(conns(j), 0), n(0));
    return d.stacks.filter((v) => d.defs[v]!.kind === 'define').map((v) => {
      const s = now.ds(d.index, v);
      return or(not(and(now.joined(v), not(now.ownerIs(d.index, v)), ne(s, DEACTIVATED), ne(s, QUIESCING))), d.defs[v]!.moveable === 'WHENIDLE' ? busy : n(0));
    });
  }),
});
