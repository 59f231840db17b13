// A site step property in plain JavaScript: a takeover never moves more than one DVIPA at once.
import { stepProperty } from 'dvipa-verify';

export const oneMoveAtATime = stepProperty({
  name: 'one-move-at-a-time',
  description: 'no step changes the owner of more than one DVIPA',
  check(before, event, after, sysplex) {
    const moved = sysplex.dvipas.filter((d) => before.owner(d.index) !== after.owner(d.index)).map((d) => d.address);
    return moved.length <= 1 || `'${event.text}' moves ${moved.join(' and ')} at once`;
  },
});
