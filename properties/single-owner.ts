import { ACTIVE } from '../src/model/codes.js';
import { compileTwin } from '../src/model/twin.js';
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
  packed({ layout: L }) {
    const body = L.dvipas.map((d) => `if (${L.dvOffsets[d.index]!.length > 1 ? Array.from(L.dvOffsets[d.index]!, (o) => `(s[${o}] === ${ACTIVE} ? 1 : 0)`).join(' + ') : '0'} > 1) return false;`);
    return compileTwin('s', `${body.join(' ')} return true;`);
  },
});
