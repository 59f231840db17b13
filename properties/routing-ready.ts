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
});
