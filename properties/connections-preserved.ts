import { JOINED } from '../src/model/codes.js';
import { whyUnreachable } from '../src/model/dist.js';
import { compileTwin } from '../src/model/twin.js';
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
  packed({ layout: L, sysplex: sys, events }) {
    // Every (client, stack) connection byte, and per event whether a drop there is allowed:
    // 0 never, 1 always, 2 when the stack leaves the group in this step (allowedDrop above).
    const offs: number[] = [], stackOf: number[] = [], clientOf: number[] = [];
    sys.config.clients.forEach((_, c) => {
      for (const i of sys.dvipas[sys.clientDvipa[c]!]!.connStacks) { offs.push(L.connOffset[c * L.nStacks + i]!); stackOf.push(i); clientOf.push(c); }
    });
    const K = offs.length;
    const allow = new Uint8Array(events.length * K);
    events.forEach((e, a) => {
      for (let k = 0; k < K; k++) {
        const i = stackOf[k]!;
        const c = clientOf[k]!;
        if (e.stack !== i) continue;
        let x = 2;
        if (e.kind === 'close') x = e.client === c ? 1 : 0;
        else if (e.kind === 'terminate') x = 1;
        else if (e.kind === 'app-stop') {
          const app = sys.config.stacks[i]!.applications[e.app]!;
          const cl = sys.config.clients[c]!;
          if (app.port === cl.port && (app.bind === null || app.bind === cl.dvipa)) x = 1;
        }
        allow[a * K + k] = x;
      }
    });
    // Written out with the offsets folded in (as model/lower-js.ts does for the rules).
    const body = offs.map((o, k) => `if (b[${o}] > s[${o}]) { const x = allow[a * ${K} + ${k}]; if (x !== 1 && (x === 0 || !(b[${stackOf[k]}] === ${JOINED} && s[${stackOf[k]}] !== ${JOINED}))) return false; }`);
    return compileTwin('b, a, s', `${body.join(' ')} return true;`, { allow });
  },
});
