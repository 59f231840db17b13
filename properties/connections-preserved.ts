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
  // connect and app-start never lower a connection count.
  events: ['start', 'terminate', 'routing-start', 'routing-stop', 'leavegroup', 'joingroup', 'deactivate', 'reactivate', 'app-stop', 'close'],
  check(before, event, after, sys) {
    if (after.sameConnections(before)) return true;
    const clients = sys.config.clients;
    for (let c = 0; c < clients.length; c++) {
      const stacks = sys.dvipas[sys.clientDvipa[c]!]!.stacks;
      for (let k = 0; k < stacks.length; k++) {
        const i = stacks[k]!;
        const lost = before.connections(c, i) - after.connections(c, i);
        if (lost > 0 && !allowedDrop(before, event, after, sys, c, i)) {
          const cl = clients[c]!;
          return `${lost} connection(s) of client '${cl.name}' to ${cl.dvipa}:${cl.port} on ${sys.config.stacks[i]!.name} broken by '${event.text}' (a takeback keeps them only with IPCONFIG DYNAMICXCF on both stacks)`;
        }
      }
    }
    return true;
  },
});
