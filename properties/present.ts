import { DEACTIVATED, QUIESCING } from '../src/model/codes.js';
import { and, ne, not, or, type Expr } from '../src/model/ir.js';
import { invariant, type DvipaInfo, type StateView, type Sysplex } from '../src/properties/api.js';
import type { Config } from '../src/spec/config.js';

/** Stacks that may own d as far as CPCSCOPE goes: on the CPC of one of d's VIPADEFINE stacks (any, with none). */
export function cpcAllowed(d: DvipaInfo, cfg: Config): (j: number) => boolean {
  if (!d.cpcScoped) return () => true;
  const homes = d.stacks.filter((v) => d.defs[v]!.kind === 'define').map((v) => cfg.stacks[v]!.cpc);
  return homes.length === 0 ? () => true : (j) => homes.includes(cfg.stacks[j]!.cpc);
}

/** The mask to suggest: that of a VIPADEFINE or MOVEABLE VIPABACKUP of d, else a host mask; IPv6: the interface name. */
const maskOf = (d: DvipaInfo): string => (d.family === 'ipv6' ? d.intf ?? '' : d.stacks.map((v) => d.defs[v]!.mask).find((m) => m !== null) ?? '255.255.255.255'); // IPv6: the interface name (SEMANTICS §12)

/** A joined stack that could own d: it defines d, d is not Deactivated or Quiescing there, CPCSCOPE allows it. */
function couldOwn(s: StateView, d: DvipaInfo, j: number, sys: Sysplex): boolean {
  if (!s.joined(j)) return false;
  const st = s.dvipaStatus(d.index, j);
  return st !== 'Deactivated' && st !== 'Quiescing' && cpcAllowed(d, sys.config)(j);
}

/** SEMANTICS §9 for a VIPARANGE DVIPA (§11): Active nowhere while an application that binds it is up on a joined stack. */
function rangeMissing(s: StateView, d: DvipaInfo, sys: Sysplex): string | null {
  for (const j of d.stacks) {
    if (!s.joined(j)) continue;
    const k = d.range!.binders[j]!.find((b) => s.applicationUp(j, b));
    if (k === undefined) continue;
    const st = sys.config.stacks[j]!;
    const a = st.applications[k]!;
    const why = d.range!.range[j] === null ? `no VIPARANGE of ${st.name} covers it, so its bind fails (EADDRNOTAVAIL)` : s.bindFailed(j, k) ? 'its bind failed' : 'it does not hold it';
    return `${d.address} is Active nowhere: ${a.name} on ${st.name} is up and binds it, but ${why}`;
  }
  return null;
}

/**
 * SEMANTICS §9: whenever a joined stack could own a DVIPA and the DVIPA is Active nowhere, it is
 * missing: applications' binds to it fail (EADDRNOTAVAIL). IBM's incident: in a sysplex-wide IPL the
 * plain-VIPABACKUP stack comes up first and never creates the DVIPA (D-19). A DVIPA whose possible
 * owners are all down or out of the group is `available`'s business. Reads existing state only.
 */
export default invariant({
  name: 'present',
  description: 'a DVIPA that a joined stack could own is Active somewhere (it was created)',
  check(s, sys) {
    for (const d of sys.dvipas) {
      if (s.owner(d.index) >= 0) continue;
      if (d.kind === 'range') { const why = rangeMissing(s, d, sys); if (why) return why; continue; }
      const j = d.stacks.find((v) => couldOwn(s, d, v, sys));
      if (j === undefined) continue;
      const def = d.defs[j]!;
      const name = sys.config.stacks[j]!.name;
      const why = def.kind === 'backup' && def.moveable === null
        ? `${name} is joined with a plain VIPABACKUP, which never creates it (binds to it fail); VIPABACKUP ${def.rank} MOVEABLE IMMEDIATE ${maskOf(d)} ${d.address} would create it`
        : `${name} is joined and could own it`;
      return `${d.address} is Active nowhere: ${why}`;
    }
    return true;
  },
  fast: ({ layout: L, sysplex: sys, now }) => L.dvipas.flatMap((d) => {
    // Per DVIPA: Active somewhere, or no stack that could own it (CPCSCOPE folded in) is joined
    // with d neither Deactivated nor Quiescing there; a VIPARANGE DVIPA: no joined stack where an
    // application that binds it is up (SEMANTICS §9, §11).
    const s = (j: number): Expr => now.ds(d.index, j);
    const wants = d.kind === 'range'
      ? d.stacks.flatMap((j) => d.range!.binders[j]!.map((k) => and(now.joined(j), ne(now.app(j, k), 0))))
      : d.stacks.filter(cpcAllowed(d, sys.config)).map((j) => and(now.joined(j), ne(s(j), DEACTIVATED), ne(s(j), QUIESCING)));
    return wants.length ? [or(now.held(d.index), not(or(...wants)))] : [];
  }),
});
