// A site property: the web DVIPA must never be Active on a test system (z/OS system name TST*).
// Run: dvipa-verify check specs/test-lpar-backup.yaml --properties examples/site-properties
import { invariant } from 'dvipa-verify';

const WEB_DVIPA = '201.2.10.11';

export default invariant({
  name: 'web-not-on-test-system',
  description: `the web DVIPA ${WEB_DVIPA} is never Active on a test system (system name TST*)`,
  check(state, sysplex) {
    const d = sysplex.dvipaIndex(WEB_DVIPA);
    if (d < 0) return true;
    const owner = state.owner(d);
    if (owner < 0) return true;
    const stack = sysplex.config.stacks[owner]!;
    if (stack.system?.startsWith('TST')) return `${WEB_DVIPA} is Active on ${stack.name}, which runs on test system ${stack.system}`;
    return true;
  },
});
