import type { StackConfig } from './config.js';
import { canonicalIPv6, ipv4ToInt, isIPv4 } from './ipv4.js';

/**
 * A client's DVIPA of a kind this version parses but does not model (SEMANTICS §11-12, the
 * superseded D-38): an IPv6 DVIPA some stack defines, or an IPv4 address an application binds
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
  const v6 = canonicalIPv6(dvipa);
  if (v6 && stacks.some((s) => s.ipv6Defs.some((d) => d.address === v6))) return { address: v6, kind: 'an IPv6 DVIPA' };
  return null;
}
