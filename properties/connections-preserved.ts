import { whyUnreachable } from '../src/model/dist.js';
import { and, gt, not, or } from '../src/model/ir.js';
import { stepProperty, type EventView, type StateView, type Sysplex } from '../src/properties/api.js';

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

export default stepProperty({
  name: 'connections-preserved',
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
          const v6 = d.family === 'ipv6'; // SEMANTICS §12: [addr]:port, IPCONFIG6
          const o = after.owner(d.index);
          const why = !d.dist ? `a takeback keeps them only with ${v6 ? 'IPCONFIG6' : 'IPCONFIG'} DYNAMICXCF on both stacks`
            : o < 0 ? `${cl.dvipa} is Active nowhere: the distributor's connection routing table is lost`
            : `the new distributor ${sys.config.stacks[o]!.name} cannot reach ${sys.config.stacks[i]!.name}: ${whyUnreachable(sys.config, o, i, d.dist.family)}`;
          return `${lost} connection(s) of client '${cl.name}' to ${v6 ? `[${cl.dvipa}]` : cl.dvipa}:${cl.port} on ${sys.config.stacks[i]!.name} broken by '${event.text}' (${why})`;
        }
      }
    }
    return true;
  },
  // Per (client, stack that can hold its connections): no count lower after the step, unless the
  // event may lower it (allowedDrop above: always, never, or when the stack leaves the group now).
  fast: ({ sysplex: sys, before, now }) => (e) => sys.config.clients.flatMap((cl, c) => sys.dvipas[sys.clientDvipa[c]!]!.connStacks.flatMap((i) => {
    const kept = not(gt(before.cn(c, i), now.cn(c, i)));
    if (e.stack !== i || (e.kind === 'close' && e.client !== c)) return [kept];
    const app = e.kind === 'app-stop' ? sys.config.stacks[i]!.applications[e.app]! : null;
    if (e.kind === 'close' || e.kind === 'terminate' || (app && app.port === cl.port && (app.bind === null || app.bind === cl.dvipa))) return [];
    return [or(kept, and(before.joined(i), not(now.joined(i))))];
  })),
});
