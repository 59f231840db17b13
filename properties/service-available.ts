import { distributionOf } from '../src/model/dist-view.js';
import { n } from '../src/model/ir.js';
import { distFields, served } from '../src/properties/fast-dist.js';
import { invariant } from '../src/properties/api.js';
import { NOTHING } from '../src/properties/nothing.js';

/**
 * For every client, its DVIPA, where Active, is on a stack with an application on the client's
 * port; for a distributed DVIPA, some eligible target exists (SEMANTICS §10).
 */
export default invariant({
  name: 'service-available',
  nothingToCheck: NOTHING.clients,
  description: "every client's DVIPA, where Active, is on a stack where an application listens on the client's port (distributed: some target is eligible)",
  check(s, sys) {
    const clients = sys.config.clients;
    for (let c = 0; c < clients.length; c++) {
      const cl = clients[c]!;
      const d = sys.clientDvipa[c]!;
      const addr = cl.dvipa.includes(':') ? `[${cl.dvipa}]` : cl.dvipa; // SEMANTICS §12
      const o = s.owner(d);
      if (o < 0) continue;
      if (sys.dvipas[d]!.dist) {
        const dist = distributionOf(sys.config, sys.dvipas, s, d, cl.port);
        if (!dist.targets.some((t) => t.eligible)) {
          const how = dist.def ? `distributed by ${sys.config.stacks[o]!.name} (${dist.def.method}), no target is eligible: ${dist.targets.map((t) => t.why).join('; ') || 'DESTIP names no stack'}` : `on ${sys.config.stacks[o]!.name}, which distributes nothing for port ${cl.port}: ${dist.targets[0]!.why}`;
          return `client '${cl.name}' reaches ${addr}:${cl.port} ${how}`;
        }
      } else if (!s.listens(o, cl.port, cl.dvipa)) {
        return `client '${cl.name}' reaches ${addr}:${cl.port} on ${sys.config.stacks[o]!.name}, where no application listens on port ${cl.port}`;
      }
    }
    return true;
  },
  // Per client, where its DVIPA is Active: an application of the owner serving it is up; for a
  // distributed DVIPA some target of the definition in use is eligible.
  fast: ({ layout: L, sysplex: sys, now }) => sys.config.clients.map((cl, c) => {
    const d = sys.clientDvipa[c]!;
    const D = distFields(sys.config, L, now, d, cl.port);
    return now.atOwner(d, (o) => (L.dvipas[d]!.dist ? served(sys.config, D, o) : D.listens(o)), n(1));
  }),
});
