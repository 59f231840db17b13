import { hotTarget, eligibleFrom, distributionOf, referenceHot } from '../src/model/dist-view.js';
import { eq, gt, n, not, or, type Expr } from '../src/model/ir.js';
import { distFields, hotWant } from '../src/properties/fast-dist.js';
import { addrPort, defFor } from '../src/model/dist.js';
import { stepProperty } from '../src/properties/api.js';
import { NOTHING } from '../src/properties/nothing.js';

/**
 * SEMANTICS §10: a new connection to a HOTSTANDBY DVIPA:port lands on the target the hot-standby
 * rule names: the PREFERRED while eligible (NOAUTOSWITCHBACK: once the active target is not),
 * else the active target while eligible, else the eligible BACKUP of highest rank. Computed here
 * from the configuration and the state before the step, not by the rules. The rule is that of the
 * HOTSTANDBY VIPADISTRIBUTE of the first stack of the DVIPA's chain (D-117), so a backup
 * distributor that distributes otherwise, or not at all, is caught when it serves. When that
 * first stack does not distribute the port with HOTSTANDBY, only a HOTSTANDBY connection is
 * judged, by the HOTSTANDBY definition in use (D-300): a connection a ROUNDROBIN primary, or a
 * primary serving alone, takes is no HOTSTANDBY connection (SEMANTICS §10).
 */

export default stepProperty({
  name: 'hot-standby',
  nothingToCheck: NOTHING.hotStandby,
  description: 'a new connection to a HOTSTANDBY DVIPA:port lands on the target the hot-standby rule names (PREFERRED, else the active or highest-ranked eligible BACKUP)',
  events: ['connect'],
  changes: ['connections'],
  check(before, event, after, sys) {
    if (event.kind !== 'connect') return true;
    const c = event.client;
    const d = sys.clientDvipa[c]!;
    const info = sys.dvipas[d]!;
    const cl = sys.config.clients[c]!;
    if (!info.dist) return true;
    const inUse = distributionOf(sys.config, sys.dvipas, before, d, cl.port).def;
    const def = referenceHot(info, cl.port) ?? (inUse?.method === 'HOTSTANDBY' ? inUse : null);
    if (!def) return true;
    const to = info.connStacks.find((t) => after.connections(c, t) > before.connections(c, t));
    if (to === undefined) return true;
    const o = before.owner(d);
    const want = hotTarget(sys.config, def, (t) => eligibleFrom(sys.config, before, d, cl.port, o, t), before.activeTarget(d, cl.port));
    if (want === to) return true;
    const name = (t: number): string => sys.config.stacks[t]!.name;
    const rule = `${def.text} (${def.pos.file}:${def.pos.line}:${def.pos.column})`;
    return `new connection of client '${cl.name}' to ${addrPort(cl.dvipa, cl.port)} went to ${name(to)}, but ${want < 0 ? 'no HOTSTANDBY target is eligible' : `the HOTSTANDBY rule names ${name(want)}`} (distributor ${o < 0 ? 'none' : name(o)}; rule: ${rule})`;
  },
  // Per connect event of a HOTSTANDBY DVIPA:port: the first target whose count grew is the one the
  // rule of the reference definition names, over the state before the step (distributor: its owner).
  fast: ({ layout: L, sysplex: sys, before, now }) => (e) => {
    if (e.kind !== 'connect') return [];
    const d = sys.clientDvipa[e.client]!, info = L.dvipas[d]!, cl = sys.config.clients[e.client]!;
    if (!info.dist || !info.dist.own.some((o) => defFor(o, cl.port)?.method === 'HOTSTANDBY')) return [];
    const D = distFields(sys.config, L, before, d, cl.port);
    const slot = L.dist.hot.find((h) => h.dvipa === d && h.port === cl.port);
    const active = slot ? before.byte(slot.offset) : n(0);
    const grew = (t: number): Expr => gt(now.cn(e.client, t), before.cn(e.client, t));
    const head = referenceHot(info, cl.port);
    // The chain head's HOTSTANDBY rule judges every connect (D-117), as before; else the owner's
    // HOTSTANDBY definition in use, if any, judges it with eligibility from that owner (D-300).
    const want = head ? hotWant(sys.config, head, (x) => before.atOwner(d, (o) => D.eligible(o, x), n(0)), active) : null;
    const ok = (t: number): Expr => (want
      ? eq(want, t)
      : before.atOwner(d, (o) => D.inUse(o, (def) => (def?.method === 'HOTSTANDBY' ? eq(hotWant(sys.config, def, (x) => D.eligible(o, x), active), t) : n(1))), n(1)));
    return info.connStacks.map((t, k) => or(not(grew(t)), ...info.connStacks.slice(0, k).map(grew), ok(t)));
  },
});
