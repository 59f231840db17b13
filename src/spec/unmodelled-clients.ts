import type { StackConfig } from './config.js';
import { ipv4ToInt, isIPv4 } from './ipv4.js';

/**
 * A client's DVIPA of a kind this version parses but does not model (SEMANTICS §11-12, the
 * superseded D-38): an IPv4 address an application binds
 * under a VIPARANGE that covers it. Such a client is not a spec error; it is left out of the
 * exploration with an info finding (and a spec left with nothing else is `empty`).
 */
export function unmodelledDvipa(dvipa: string, stacks: readonly StackConfig[]): { address: string; kind: string } | null {
  if (isIPv4(dvipa)) {
    const a = ipv4ToInt(dvipa);
    const covered = stacks.some((s) => s.ranges.some((r) => {
      if (r.family !== 'ipv4' || r.mask === null) return false;
      const m = ipv4ToInt(r.mask);
      return ((a & m) >>> 0) === ((ipv4ToInt(r.address) & m) >>> 0);
    }));
    const bound = stacks.some((s) => s.applications.some((ap) => ap.bind === dvipa));
    return covered && bound ? { address: dvipa, kind: 'a DVIPA an application creates under a VIPARANGE' } : null;
  }
  // IPv6 VIPADEFINE/VIPABACKUP DVIPAs are modelled (SEMANTICS §12, src/spec/ipv6-dvipas.ts): they are in `defs`.
  return null;
}
