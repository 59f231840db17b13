import { n, or } from '../src/model/ir.js';
import { stepProperty } from '../src/properties/api.js';
import type { StackConfig } from '../src/spec/config.js';

/**
 * What would have kept the stack out of the group while its OMPROUTE is down (SEMANTICS §4.5,
 * D-28): DELAYJOIN against joining before OMPROUTE is up; RECOVERY against staying in after it
 * stopped; with both, only the group's only member stays in.
 */
function hint(st: StackConfig): string {
  // D-181: where the profile says otherwise, the message says what it says (the trace cites the line)
  if (st.join !== 'DELAYJOIN') return st.joinAt ? `GLOBALCONFIG SYSPLEXMONITOR ${st.join}: DELAYJOIN?` : 'no GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN?';
  if (!st.recovery) return 'its OMPROUTE stopped after it joined: no GLOBALCONFIG SYSPLEXMONITOR RECOVERY to leave the group then?';
  return 'its OMPROUTE stopped while it was the only member of the group, which SYSPLEXMONITOR RECOVERY does not leave (D-28)';
}

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
        return `${d.address} became Active on ${sys.config.stacks[o]!.name} while its OMPROUTE is down (${hint(sys.config.stacks[o]!)})`;
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
