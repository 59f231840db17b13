/** Small integer codes of the packed state (D-01). */
export const DOWN = 0, UP = 1, JOINED = 2;
export const STACK_STATUS = ['down', 'up', 'joined'] as const;

/** Why an up stack is out of the group. */
export const OUT_NONE = 0, OUT_OPERATOR = 1, OUT_RECOVERY = 2, OUT_NOJOIN = 3;
export const OUT_REASON = ['none', 'operator LEAVEGROUP', 'SYSPLEXMONITOR RECOVERY', 'NOJOIN (waits for JOINGROUP)'] as const;

/** DVIPA status on a configured stack (SEMANTICS §3); WAITING = Backup with a WHENIDLE takeback waiting. */
export const INACTIVE = 0, BACKUP = 1, WAITING = 2, ACTIVE = 3, MOVING = 4, QUIESCING = 5, DEACTIVATED = 6;
export const DVIPA_STATUS = ['Inactive', 'Backup', 'Backup', 'Active', 'Moving', 'Quiescing', 'Deactivated'] as const;
export type DvipaStatusName = typeof DVIPA_STATUS[number];
/** Eligible for takeover (D-23). */
export const isEligible = (s: number): boolean => s === BACKUP || s === WAITING || s === MOVING;
