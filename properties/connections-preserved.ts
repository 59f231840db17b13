import { addrPort, whyUnreachable } from '../src/model/dist.js';
import type { DvipaInfo } from '../src/model/layout.js';
import { xcfFor } from '../src/spec/ipv6-dvipas.js';
import { and, gt, not, or, type Expr } from '../src/model/ir.js';
import { stepProperty, type EventView, type StateView, type Sysplex } from '../src/properties/api.js';
import { NOTHING } from '../src/properties/nothing.js';

/** May the event lower the (client, stack) connection count? (D-35) */
function allowedDrop(before: StateView, e: EventView, after: StateView, sys: Sysplex, c: number, i: number): boolean {
  if (e.stack !== i) return false;
  if (e.kind === 'close') return e.client === c;
  if (e.kind === 'terminate') return true;
  if (before.joined(i) && !after.joined(i)) return true; // LEAVEGROUP or RECOVERY leave in this step
  if (e.kind === 'app-stop') {
    const app = sys.config.stacks[i]!.applications[e.app]!;
    const cl = sys.config.clients[c]!;
    return app.port === cl.port && (app.bind === null || app.bind === cl.dvipa);
  }
  return false;
}

/** The DYNAMICXCF statement of d's family (SEMANTICS §12: IPCONFIG6 for an IPv6 DVIPA). */
const ipconfig = (d: DvipaInfo): string => (d.address.includes(':') ? 'IPCONFIG6' : 'IPCONFIG');

/**
 * Why a step broke connections to an application-specific DVIPA on stack i (SEMANTICS §11, D-134,
 * D-136): its last binder there stopped, or an application elsewhere created it.
 */
function rangeWhy(sys: Sysplex, d: DvipaInfo, e: EventView, i: number): string {
  const r = d.range!, name = (j: number): string => sys.config.stacks[j]!.name;
  if (e.kind === 'app-stop') return `a bind DVIPA is deleted when the last application that binds it on ${name(i)} stops`;
  if (e.kind !== 'app-start' || e.stack === i) return `${d.address} was deleted on ${name(i)}`;
  const s = e.stack;
  if (r.create[s] === 'ioctl' && r.create[i] !== 'ioctl') return `an ioctl (SIOCSVIPA) creation of ${d.address} on ${name(s)} deletes the bind DVIPA on ${name(i)}, even under a NONDISRUPTIVE range`;
  if (r.range[i]?.moveable === 'DISRUPTIVE') return `the DISRUPTIVE VIPARANGE of ${name(i)}: an ioctl creation on ${name(s)} deletes its DVIPA`;
  const lack = [i, s].filter((j) => !xcfFor(sys.config.stacks[j]!, d.address.includes(':') ? 'ipv6' : 'ipv4')).map(name);
  return `a NONDISRUPTIVE move to ${name(s)} keeps them only with ${ipconfig(d)} DYNAMICXCF on both stacks${lack.length ? `; ${lack.join(' and ')} ${lack.length > 1 ? 'have' : 'has'} none` : ''}`;
}

export default stepProperty({
  name: 'connections-preserved',
  nothingToCheck: NOTHING.clients,
  description: 'no connection is broken except by the failure of what serves it (stack, group membership, application)',
  // connect never lowers a connection count (app-start does when it moves a VIPARANGE DVIPA, SEMANTICS §11).
  events: ['start', 'terminate', 'routing-start', 'routing-stop', 'leavegroup', 'joingroup', 'deactivate', 'reactivate', 'app-stop', 'close', 'app-start'],
  // Only a step that changes a connection count can violate it.
  changes: ['connections'],
  check(before, event, after, sys) {
    const clients = sys.config.clients;
    for (let c = 0; c < clients.length; c++) {
      const stacks = sys.dvipas[sys.clientDvipa[c]!]!.connStacks; // a distributed DVIPA's targets too (SEMANTICS §10)
      for (let k = 0; k < stacks.length; k++) {
        const i = stacks[k]!;
        const lost = before.connections(c, i) - after.connections(c, i);
        if (lost > 0 && !allowedDrop(before, event, after, sys, c, i)) {
          const cl = clients[c]!;
          const d = sys.dvipas[sys.clientDvipa[c]!]!;
          const o = after.owner(d.index);
          const why = d.range ? rangeWhy(sys, d, event, i)
            : !d.dist ? `a takeback keeps them only with ${ipconfig(d)} DYNAMICXCF on both stacks`
            : o < 0 ? `${cl.dvipa} is Active nowhere: the distributor's connection routing table is lost`
            : `the new distributor ${sys.config.stacks[o]!.name} cannot reach ${sys.config.stacks[i]!.name}: ${whyUnreachable(sys.config, o, i, d.dist.family)}`;
          return `${lost} connection(s) of client '${cl.name}' to ${addrPort(cl.dvipa, cl.port)} on ${sys.config.stacks[i]!.name} broken by '${event.text}' (${why})`;
        }
      }
    }
    return true;
  },
  // Per (client, stack that can hold its connections): no count lower after the step, unless the
  // event may lower it (allowedDrop above: always, never, or when the stack leaves the group now).
  // The conditions are made once and shared by every event (a site has thousands of each). With
  // the rules at hand, an event is given only the pairs of its stack and those whose count it can
  // write (its frame, D-290): any other condition reads before the step only a count the event
  // cannot change, and stepConditions would drop it.
  fast: ({ layout: L, sysplex: sys, before, now, written }) => {
    const pairs = sys.config.clients.flatMap((cl, c) => sys.dvipas[sys.clientDvipa[c]!]!.connStacks.map((i) => {
      const kept = not(gt(before.cn(c, i), now.cn(c, i)));
      return { cl, c, i, kept: [kept], leaving: [or(kept, and(before.joined(i), not(now.joined(i))))] };
    }));
    type Pair = (typeof pairs)[number];
    const rule = (e: EventView, { cl, c, i, kept, leaving }: Pair): readonly Expr[] => {
      if (e.stack !== i || (e.kind === 'close' && e.client !== c)) return kept;
      const app = e.kind === 'app-stop' ? sys.config.stacks[i]!.applications[e.app]! : null;
      if (e.kind === 'close' || e.kind === 'terminate' || (app && app.port === cl.port && (app.bind === null || app.bind === cl.dvipa))) return [];
      return leaving;
    };
    if (!written) return (e) => pairs.flatMap((p) => rule(e, p));
    const byOffset = new Map(pairs.map((p, k) => [L.connOffset[p.c * L.nStacks + p.i]!, k]));
    const byStack = new Map<number, number[]>();
    pairs.forEach((p, k) => { const l = byStack.get(p.i); if (l) l.push(k); else byStack.set(p.i, [k]); });
    return (e, a) => {
      const ks = new Set(byStack.get(e.stack));
      for (const o of written(a)) { const k = byOffset.get(o); if (k !== undefined) ks.add(k); }
      return [...ks].sort((x, y) => x - y).flatMap((k) => rule(e, pairs[k]!));
    };
  },
});
