import { invariant } from '../src/properties/api.js';

/** For every client, its DVIPA, where Active, is on a stack with an application on the client's port. */
export default invariant({
  name: 'service-available',
  description: "every client's DVIPA, where Active, is on a stack where an application listens on the client's port",
  check(s, sys) {
    const clients = sys.config.clients;
    for (let c = 0; c < clients.length; c++) {
      const cl = clients[c]!;
      const o = s.owner(sys.clientDvipa[c]!);
      if (o >= 0 && !s.listens(o, cl.port, cl.dvipa)) {
        return `client '${cl.name}' reaches ${cl.dvipa}:${cl.port} on ${sys.config.stacks[o]!.name}, where no application listens on port ${cl.port}`;
      }
    }
    return true;
  },
});
