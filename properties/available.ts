import { not, or } from '../src/model/ir.js';
import { stepProperty } from '../src/properties/api.js';
import { NOTHING } from '../src/properties/nothing.js';

/** No step leaves a DVIPA that was Active somewhere Active nowhere (SEMANTICS §5). */
export default stepProperty({
  name: 'available',
  nothingToCheck: NOTHING.available,
  description: 'no step leaves a DVIPA that was Active somewhere Active nowhere',
  // Only a departing holder can leave a DVIPA without an owner.
  events: ['terminate', 'leavegroup', 'routing-stop', 'deactivate'],
  // Only a step that changes a DVIPA status can violate it.
  changes: ['dvipas'],
  check(before, _event, after, sys) {
    for (const d of sys.dvipas) {
      if (d.kind === 'range') continue; // no chain, no takeover (SEMANTICS §11)
      const h = before.owner(d.index);
      if (h >= 0 && after.owner(d.index) < 0) {
        return `${d.address} was Active on ${sys.config.stacks[h]!.name} and is now Active nowhere: no joined, eligible stack could take it over`;
      }
    }
    return true;
  },
  fast: ({ layout: L, before, now }) => {
    const conds = L.dvipas.filter((d) => d.kind !== 'range').map((d) => or(not(before.held(d.index)), now.held(d.index)));
    return () => conds;
  },
});
