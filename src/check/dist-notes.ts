import type { Action } from '../model/actions.js';
import { distributionOf, hotReason } from '../model/dist-view.js';
import { addrPort, reaches, whyUnreachable } from '../model/dist.js';
import type { DvipaModel } from '../model/model.js';

/**
 * What a trace step says about the sysplex distributor (SEMANTICS §10): which target a new
 * connection went to and why, a distributor move and the definition the new distributor uses,
 * the connections it could not take over, a change of the HOTSTANDBY active target.
 */
export function distNotes(model: DvipaModel, before: Uint8Array, act: Action, after: Uint8Array): string[] {
  const L = model.layout, cfg = model.cfg;
  if (!L.dvipas.some((d) => d.dist)) return [];
  const b = model.view().at(before), a = model.view().at(after);
  const name = (i: number): string => cfg.stacks[i]!.name;
  const out: string[] = [];
  if (act.kind === 'connect' && L.dvipas[act.dvipa]!.dist) {
    const d = act.dvipa, cl = cfg.clients[act.client]!;
    const to = L.dvipas[d]!.connStacks.find((t) => a.connections(act.client, t) > b.connections(act.client, t));
    const dist = distributionOf(cfg, L.dvipas, b, d, cl.port);
    if (to !== undefined) {
      const at = `${addrPort(cl.dvipa, cl.port)} to ${name(to)}`;
      if (!dist.def) out.push(`${at}: ${name(dist.distributor)} distributes nothing for port ${cl.port} (no VIPADISTRIBUTE of its own${L.dist.inherited[d]! >= 0 ? ' and none inherited' : ''}): it serves the connection itself`);
      else if (dist.def.method === 'HOTSTANDBY') out.push(`${at}: ${hotReason(cfg, dist, to, b.activeTarget(d, cl.port))}`);
      else {
        const el = dist.targets.filter((t) => t.eligible).map((t) => name(t.stack));
        const not = dist.targets.filter((t) => !t.eligible).map((t) => `${name(t.stack)} (${t.why})`);
        out.push(`${at}: ${dist.def.method} by ${name(dist.distributor)}${dist.source !== dist.distributor ? ` with the VIPADISTRIBUTE inherited from ${name(dist.source)}` : ''}; eligible: ${el.join(', ')}${not.length ? `; not eligible: ${not.join(', ')}` : ''}${el.length > 1 ? ' (any eligible target may be chosen: weights and WLM are not modelled)' : ''}`);
      }
    }
    return out;
  }
  for (const d of L.dvipas) {
    if (!d.dist) continue;
    const o1 = b.owner(d.index), o2 = a.owner(d.index);
    if (o1 !== o2 && o2 >= 0) {
      const src = d.dist.own[o2]!.length > 0 ? 'its own VIPADISTRIBUTE' : a.inherited(d.index) >= 0 ? `the VIPADISTRIBUTE inherited from ${name(a.inherited(d.index))} (D-112)` : 'no VIPADISTRIBUTE (none of its own, none inherited: D-112): it serves the DVIPA alone';
      out.push(`${d.address}: distributor ${o1 < 0 ? 'none' : name(o1)} -> ${name(o2)}, with ${src}`);
    }
    if (o1 !== o2) {
      const lost = d.connStacks.filter((t) => a.dvipaConnections(d.index, t) < b.dvipaConnections(d.index, t) && (o2 < 0 || !reaches(cfg, o2, t, d.dist!.family)));
      for (const t of lost) out.push(`${d.address}: connections on ${name(t)} lost: ${o2 < 0 ? 'the DVIPA is Active nowhere' : `${name(o2)} cannot reach ${name(t)} (${whyUnreachable(cfg, o2, t, d.dist!.family)})`}`);
    }
  }
  for (const h of L.dist.hot) {
    const x = b.activeTarget(h.dvipa, h.port), y = a.activeTarget(h.dvipa, h.port);
    if (x !== y) out.push(`${addrPort(L.dvipas[h.dvipa]!.address, h.port)}: HOTSTANDBY active target ${x < 0 ? 'none' : name(x)} -> ${y < 0 ? 'none' : name(y)}`);
  }
  return out;
}
