import { compileTwin, ownerExpr } from '../src/model/twin.js';
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
        return `client '${cl.name}' reaches ${cl.dvipa.includes(':') ? `[${cl.dvipa}]` : cl.dvipa}:${cl.port} on ${sys.config.stacks[o]!.name}, where no application listens on port ${cl.port}`;
      }
    }
    return true;
  },
  packed({ layout: L, sysplex: sys }) {
    // Per client: where its DVIPA is Active, some application of that stack serving it is up.
    const body = sys.config.clients.map((cl, c) => {
      const d = sys.clientDvipa[c]!;
      const cases = L.dvipas[d]!.stacks.map((j) => {
        const apps = sys.config.stacks[j]!.applications.flatMap((a, k) => (a.port === cl.port && (a.bind === null || a.bind === cl.dvipa) ? [`s[${L.appOffset[j]! + k}] === 1`] : []));
        return `case ${j}: if (!(${apps.join(' || ') || 'false'})) return false; break;`;
      });
      return `switch (${ownerExpr(L, 's', d)}) { ${cases.join(' ')} }`;
    });
    return compileTwin('s', `${body.join(' ')} return true;`);
  },
});
