import { n, or } from '../src/model/ir.js';
import { stepProperty } from '../src/properties/api.js';

/** No DVIPA becomes Active on a stack whose OMPROUTE is down (SEMANTICS §5, D-36). */
export default stepProperty({
  name: 'routing-ready',
  description: 'no DVIPA becomes Active on a stack whose OMPROUTE is down (no advertisement before routing readiness)',
  // connect never changes an owner (app-start does for a VIPARANGE DVIPA, SEMANTICS §11).
  events: ['start', 'terminate', 'routing-start', 'routing-stop', 'leavegroup', 'joingroup', 'deactivate', 'reactivate', 'app-stop', 'close', 'app-start'],
  // Only a step that changes a DVIPA status can violate it.
  changes: ['dvipas'],
  check(before, _event, after, sys) {
    for (const d of sys.dvipas) {
      const o = after.owner(d.index);
      if (o >= 0 && o !== before.owner(d.index) && after.routing(o) === 'down') {
        return `${d.address} became Active on ${sys.config.stacks[o]!.name} while its OMPROUTE is down (no GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN?)`;
      }
    }
    return true;
  },
  fast: ({ layout: L, sysplex: sys, before, now }) => {
    // Where d is Active after the step on an OMPROUTE stack: it was its owner before, or OMPROUTE is up.
    const up = (d: number, j: number) => (sys.config.stacks[j]!.routing === 'static' ? n(1) : or(before.ownerIs(d, j), now.routingUp(j)));
    const conds = L.dvipas.map((d) => now.atOwner(d.index, (j) => up(d.index, j), n(1)));
    return () => conds;
  },
});
