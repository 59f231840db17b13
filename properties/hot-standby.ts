import { hotTarget, eligibleFrom, referenceHot } from '../src/model/dist-view.js';
import { packedDist } from '../src/model/dist-twin.js';
import { addrPort } from '../src/model/dist.js';
import { stepProperty } from '../src/properties/api.js';

/**
 * SEMANTICS §10: a new connection to a HOTSTANDBY DVIPA:port lands on the target the hot-standby
 * rule names: the PREFERRED while eligible (NOAUTOSWITCHBACK: once the active target is not),
 * else the active target while eligible, else the eligible BACKUP of highest rank. Computed here
 * from the configuration and the state before the step, not by the rules. The rule is that of the
 * HOTSTANDBY VIPADISTRIBUTE of the first stack of the DVIPA's chain (D-117), so a backup
 * distributor that distributes otherwise, or not at all, is caught when it serves.
 */
export default stepProperty({
  name: 'hot-standby',
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
    const def = referenceHot(info, cl.port);
    if (!def) return true;
    const to = info.connStacks.find((t) => after.connections(c, t) > before.connections(c, t));
    if (to === undefined) return true;
    const o = before.owner(d);
    const want = hotTarget(sys.config, def, (t) => eligibleFrom(sys.config, before, d, cl.port, o, t), before.activeTarget(d, cl.port));
    if (want === to) return true;
    const name = (t: number): string => sys.config.stacks[t]!.name;
    const rule = `${def.text} (${def.pos.file}:${def.pos.line})`;
    return `new connection of client '${cl.name}' to ${addrPort(cl.dvipa, cl.port)} went to ${name(to)}, but ${want < 0 ? 'no HOTSTANDBY target is eligible' : `the HOTSTANDBY rule names ${name(want)}`} (distributor ${o < 0 ? 'none' : name(o)}; rule: ${rule})`;
  },
  packed({ layout: L, sysplex: sys, events }) {
    const per = events.map((e) => {
      if (e.kind !== 'connect') return null;
      const d = sys.clientDvipa[e.client]!;
      const info = L.dvipas[d]!;
      const cl = sys.config.clients[e.client]!;
      const def = info.dist ? referenceHot(info, cl.port) : null;
      if (!def) return null;
      const p = packedDist(sys.config, L, d, cl.port);
      const offs = info.connStacks.map((t) => [t, L.connOffset[e.client * L.nStacks + t]!] as const);
      const slot = L.dist.hot.find((h) => h.dvipa === d && h.port === cl.port);
      return (b: Uint8Array, s: Uint8Array): boolean => {
        const to = offs.find(([, x]) => s[x]! > b[x]!);
        if (!to) return true;
        const o = p.owner(b);
        const active = slot ? b[slot.offset]! - 1 : -1;
        return hotTarget(sys.config, def, (t) => o >= 0 && p.eligible(b, o, t, false), active) === to[0];
      };
    });
    return (b, a, s) => { const f = per[a]; return !f || f(b, s); };
  },
});
