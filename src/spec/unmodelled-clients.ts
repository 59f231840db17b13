import type { StackConfig } from './config.js';
import { canonicalIPv6, isIPv4 } from './ipv4.js';
import { rangeDvipas } from '../model/range-layout.js';

/** A client's DVIPA that is an application-specific DVIPA (SEMANTICS §11): its canonical address, else null. */
export function rangeClientAddress(dvipa: string, stacks: readonly StackConfig[], known?: ReadonlySet<string>): string | null {
  const a = isIPv4(dvipa) ? dvipa : canonicalIPv6(dvipa);
  const all = known ?? new Set(rangeDvipas({ stacks }).map((r) => r.address));
  return a !== null && all.has(a) ? a : null;
}

/**
 * A client's DVIPA of a kind this version parses but does not model (SEMANTICS §11-12, the
 * superseded D-38): an IPv6 DVIPA some stack defines. (A DVIPA an application binds under a
 * covering VIPARANGE is modelled, issue 18.) Such a client is not a spec error; it is left out of the
 * exploration with an info finding (and a spec left with nothing else is `empty`).
 */
export function unmodelledDvipa(dvipa: string, stacks: readonly StackConfig[]): { address: string; kind: string } | null {
  if (isIPv4(dvipa)) return null; // VIPARANGE DVIPAs are modelled (issue 18: rangeClientAddress)
  const v6 = canonicalIPv6(dvipa);
  if (v6 && stacks.some((s) => s.ipv6Defs.some((d) => d.address === v6))) return { address: v6, kind: 'an IPv6 DVIPA' };
  return null;
}
