import { lt, n, sel, sum } from '../src/model/ir.js';
import { invariant } from '../src/properties/api.js';

/** Each DVIPA is Active on at most one stack (SEMANTICS §5). */
export default invariant({
  name: 'single-owner',
  description: 'each DVIPA is Active on at most one stack',
  check(s, sys) {
    for (const d of sys.dvipas) {
      let active = 0;
      for (const i of d.stacks) if (s.dvipaStatus(d.index, i) === 'Active') active++;
      if (active > 1) {
        const names = d.stacks.filter((i) => s.dvipaStatus(d.index, i) === 'Active').map((i) => sys.config.stacks[i]!.name);
        return `${d.address} is Active on ${names.join(' and ')} at once`;
      }
    }
    return true;
  },
  fast: ({ layout: L, now }) => L.dvipas.filter((d) => d.stacks.length > 1).map((d) => lt(sum(d.stacks.map((j) => sel(now.active(d.index, j), n(1), n(0)))), 2)),
});
