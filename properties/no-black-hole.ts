import { and, n } from '../src/model/ir.js';
import { invariant } from '../src/properties/api.js';

/** Every Active DVIPA is advertised: its owner is joined and its routing is up or static. */
export default invariant({
  name: 'no-black-hole',
  description: 'every Active DVIPA is advertised to the routers',
  check(s, sys) {
    for (const d of sys.dvipas) {
      const o = s.owner(d.index);
      if (o >= 0 && !s.advertised(d.index)) {
        return `${d.address} is Active on ${sys.config.stacks[o]!.name} but not advertised: OMPROUTE on ${sys.config.stacks[o]!.name} is down`;
      }
    }
    return true;
  },
  // Where d is Active, its owner is joined with OMPROUTE up (StateView.advertised).
  fast: ({ layout: L, now }) => L.dvipas.map((d) => now.atOwner(d.index, (j) => and(now.joined(j), now.routingUp(j)), n(1))),
});
