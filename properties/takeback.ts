import { DEACTIVATED, JOINED, QUIESCING } from '../src/model/codes.js';
import { compileTwin, ownerExpr } from '../src/model/twin.js';
import { invariant } from '../src/properties/api.js';

/**
 * A DVIPA's VIPADEFINE stack, when joined and not Deactivated or Quiescing, owns the DVIPA, unless
 * its VIPADEFINE is WHENIDLE and the owner still has connections to it (D-33).
 */
export default invariant({
  name: 'takeback',
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
  packed({ layout: L }) {
    const so = (d: number, j: number): number => L.statusOffset[d * L.nStacks + j]!;
    const conns = (d: number, o: number): string => L.dvipas[d]!.clients.map((c) => `s[${L.connOffset[c * L.nStacks + o]!}]`).join(' + ') || '0';
    const body = L.dvipas.filter((d) => d.kind !== 'range').map((d) => {
      const defines = d.stacks.filter((v) => d.defs[v]!.kind === 'define').map((v) => {
        const all = d.dist ? `(${d.connStacks.map((o) => conns(d.index, o)).join(' + ')})` : null; // D-113
        const idle = d.defs[v]!.moveable === 'WHENIDLE'
          ? ` && !(o >= 0 && (${all ?? `(${d.stacks.map((o) => `o === ${o} ? ${conns(d.index, o)} : `).join('')}0)`}) > 0)` : '';
        return `if (s[${v}] === ${JOINED} && o !== ${v} && s[${so(d.index, v)}] !== ${DEACTIVATED} && s[${so(d.index, v)}] !== ${QUIESCING}${idle}) return false;`;
      });
      return defines.length ? `o = ${ownerExpr(L, 's', d.index)}; ${defines.join(' ')}` : '';
    });
    return compileTwin('s', `let o = -1; ${body.join(' ')} return true;`);
  },
});
