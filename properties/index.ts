import type { Property } from '../src/properties/api.js';
import available from './available.js';
import hotStandby from './hot-standby.js';
import connectionsPreserved from './connections-preserved.js';
import noBlackHole from './no-black-hole.js';
import present from './present.js';
import routingReady from './routing-ready.js';
import serviceAvailable from './service-available.js';
import singleOwner from './single-owner.js';
import takeback from './takeback.js';
import takeover from './takeover.js';

/** The built-in properties of SEMANTICS.md §5 and §9, in the order reports list them (new ones last). */
export const BUILTIN_PROPERTIES: readonly Property[] = [
  singleOwner, takeover, available, routingReady, noBlackHole, serviceAvailable, connectionsPreserved, takeback, present, hotStandby,
];
