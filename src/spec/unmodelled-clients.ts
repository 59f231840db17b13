import type { StackConfig } from './config.js';
import { canonicalIPv6, isIPv4 } from './ipv4.js';
import { rangeDvipas } from '../model/range-layout.js';

/** A client's DVIPA that is an application-specific DVIPA (SEMANTICS §11): its canonical address, else null. */
export function rangeClientAddress(dvipa: string, stacks: readonly StackConfig[], known?: ReadonlySet<string>): string | null {
  const a = isIPv4(dvipa) ? dvipa : canonicalIPv6(dvipa);
  const all = known ?? new Set(rangeDvipas({ stacks }).map((r) => r.address));
  return a !== null && all.has(a) ? a : null;
}
