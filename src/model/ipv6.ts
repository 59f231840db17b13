import type { DvipaDef } from '../spec/config.js';
import { familyOf } from '../spec/ipv6-dvipas.js';

/**
 * What the model keeps of an IPv6 DVIPA beyond the rules of IPv4 (SEMANTICS §12, issue 18): its
 * family and interface name (that of its first definition in stack order: the accepted ones name
 * one pair, D-145), shown in the state JSON, traces and the Promela comments.
 */
export function ipv6Info(defs: readonly (DvipaDef | null)[]): { family?: 'ipv6'; intf?: string | null } {
  const first = defs.find((d) => d !== null);
  return first && familyOf(first) === 'ipv6' ? { family: 'ipv6', intf: first.intf ?? null } : {}; // IPv4: nothing added
}
