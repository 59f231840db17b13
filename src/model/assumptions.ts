/**
 * Every rule the model applies that IBM's text does not settle (SEMANTICS.md "assumed"), in one
 * place. A step that applies one carries its bit, and traces say so.
 */
export interface Assumption { readonly bit: number; readonly id: string; readonly text: string }

export const ASSUMPTIONS: readonly Assumption[] = [
  { bit: 1, id: 'rank-tie', text: 'equal backup ranks (or several eligible VIPADEFINE stacks) leave the successor undetermined: every tied stack is explored (SEMANTICS §4.3, D-24)' },
  { bit: 2, id: 'no-preemption', text: 'a higher-ranked backup that joins later does not take the DVIPA from the backup that holds it (SEMANTICS §4.3, D-17)' },
  { bit: 4, id: 'leave-drops-connections', text: 'a stack that leaves the group deletes its DVIPAs and its connections on them are lost (SEMANTICS §4.4)' },
  { bit: 8, id: 'recovery-trigger', text: 'with SYSPLEXMONITOR RECOVERY an OMPROUTE failure makes the stack leave the group unless it is the only member (SEMANTICS §4.5, D-28)' },
  // IPv6 DVIPAs (issue 18)
  { bit: 4096, id: 'inaddr-any-ipv6', text: 'an application bound to INADDR_ANY also listens on IPv6 DVIPAs (SEMANTICS §12, D-149)' },
  // issue 18, application-specific DVIPAs (SEMANTICS §11)
  { bit: 256, id: 'range-moving-ends', text: 'the old holder of a NONDISRUPTIVE move stops being Moving when its last connection to the DVIPA closes, as §4.7 does for a takeback (D-135)' },
  { bit: 512, id: 'range-leave-unbound', text: 'an application whose DVIPA its stack deleted on leaving the group stays up without a listener and binds again right after the next join (D-136)' },
  // Sysplex distributor (SEMANTICS §10, docs/DECISIONS.md D-110..D-129)
  { bit: 16, id: 'target-choice', text: 'a new connection to a distributed DVIPA may go to any eligible target: weights, WLM and round-robin state are not modelled, so every eligible target is explored (SEMANTICS §10, D-114)' },
  { bit: 32, id: 'hot-standby-rank-order', text: 'HOTSTANDBY BACKUP targets of equal rank are tried in DESTIP order (D-116)' },
  { bit: 64, id: 'inherited-definition', text: 'a stack without a VIPADISTRIBUTE of its own that takes a distributed DVIPA over uses the departing distributor\'s own definition; an inherited definition is not passed on, and a takeback inherits nothing (SEMANTICS §10, D-112)' },
  { bit: 128, id: 'quiesce-reset', text: 'a quiesced target that terminates or leaves the group is no longer quiesced when it comes back (SEMANTICS §10, D-118)' },
];

export const RANGE_MOVING_ENDS = 256, RANGE_LEAVE_UNBOUND = 512;
export const DIST_CHOICE = 16, HOT_RANK_ORDER = 32, INHERITED_DEF = 64, QUIESCE_RESET = 128;

export const RANK_TIE = 1, NO_PREEMPTION = 2, LEAVE_DROPS = 4, RECOVERY_TRIGGER = 8;
export const INADDR_ANY_V6 = 4096;

export function assumptionsOf(mask: number): Assumption[] {
  return ASSUMPTIONS.filter((a) => (mask & a.bit) !== 0);
}
