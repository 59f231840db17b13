import { JOINED } from '../src/model/codes.js';
import { compileTwin, ownerExpr } from '../src/model/twin.js';
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
  packed({ layout: L }) {
    const body = L.dvipas.map((d) => `o = ${ownerExpr(L, 's', d.index)}; if (o >= 0 && !(s[o] === ${JOINED} && s[${L.nStacks} + o] === 1)) return false;`);
    return compileTwin('s', `let o = -1; ${body.join(' ')} return true;`);
  },
});
