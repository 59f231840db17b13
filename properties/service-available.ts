import { distributionOf } from '../src/model/dist-view.js';
import { packedDist } from '../src/model/dist-twin.js';
import { compileTwin, ownerExpr } from '../src/model/twin.js';
import { invariant } from '../src/properties/api.js';

/**
 * For every client, its DVIPA, where Active, is on a stack with an application on the client's
 * port; for a distributed DVIPA, some eligible target exists (SEMANTICS §10).
 */
export default invariant({
  name: 'service-available',
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
  packed({ layout: L, sysplex: sys }) {
    // Per client: where its DVIPA is Active, some application of that stack serving it is up.
    const body = sys.config.clients.map((cl, c) => {
      const d = sys.clientDvipa[c]!;
      if (L.dvipas[d]!.dist) return `if (!dist${c}(s)) return false;`;
      const cases = L.dvipas[d]!.stacks.map((j) => {
        const apps = sys.config.stacks[j]!.applications.flatMap((a, k) => (a.port === cl.port && (a.bind === null || a.bind === cl.dvipa) ? [`s[${L.appOffset[j]! + k}] === 1`] : []));
        return `case ${j}: if (!(${apps.join(' || ') || 'false'})) return false; break;`;
      });
      return `switch (${ownerExpr(L, 's', d)}) { ${cases.join(' ')} }`;
    });
    // Distributed clients: some target of the definition in use is eligible (bytes read directly).
    const env: Record<string, unknown> = {};
    sys.config.clients.forEach((cl, c) => {
      const d = sys.clientDvipa[c]!;
      if (!L.dvipas[d]!.dist) return;
      const p = packedDist(sys.config, L, d, cl.port);
      env[`dist${c}`] = (s: Uint8Array): boolean => {
        const o = p.owner(s);
        if (o < 0) return true;
        const def = p.def(s, o);
        return def ? p.targets(def).some((t) => p.eligible(s, o, t, false)) : p.eligible(s, o, o, true);
      };
    });
    return compileTwin('s', `${body.join(' ')} return true;`, env);
  },
});
