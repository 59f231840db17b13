import type { AppConfig, Config, RangeDef, StackConfig } from '../spec/config.js';
import { ipv4ToInt, ipv6Words, isIPv4 } from '../spec/ipv4.js';

/**
 * Application-specific DVIPAs (SEMANTICS §11, issue 18): an address that no VIPADEFINE/VIPABACKUP
 * defines and that an application binds on a stack with a VIPARANGE covering it. The Layout
 * lists each as a DVIPA of kind 'range' (D-130) whose stacks are those where an application
 * binds it; only those exist, so specs without VIPARANGE keep their layout byte for byte.
 */
export interface RangeInfo {
  /** Per stack: the most specific range of the stack covering the address, or null. */
  readonly range: readonly (RangeDef | null)[];
  /** Per stack: how its applications create the DVIPA (one way per stack, D-131), or null. */
  readonly create: readonly ('bind' | 'ioctl' | null)[];
  /** Per stack: the indices of its applications that bind the address. */
  readonly binders: readonly (readonly number[])[];
}

/** The prefix length a range covers with, when it covers the address; -1 otherwise. */
export function coverage(r: RangeDef, address: string): number {
  if (isIPv4(address)) {
    if (r.family !== 'ipv4' || r.mask === null) return -1;
    const m = ipv4ToInt(r.mask);
    const bits = m.toString(2).replace(/0+$/, '').length * (m === 0 ? 0 : 1);
    return ((ipv4ToInt(address) & m) >>> 0) === ((ipv4ToInt(r.address) & m) >>> 0) ? bits : -1;
  }
  if (r.family !== 'ipv6') return -1;
  const a = ipv6Words(address), b = ipv6Words(r.address);
  if (!a || !b) return -1;
  const p = r.prefix ?? 128;
  for (let k = 0; k < 8; k++) {
    const bits = Math.max(0, Math.min(16, p - 16 * k));
    const m = bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    if ((a[k]! & m) !== (b[k]! & m)) return -1;
  }
  return p;
}

/** The most specific range of a stack covering the address (SEMANTICS §11), or null. */
export function coveringRange(st: StackConfig, address: string): RangeDef | null {
  let best: RangeDef | null = null, bits = -1;
  for (const r of st.ranges) { const c = coverage(r, address); if (c > bits) { best = r; bits = c; } }
  return best;
}

/** Addresses defined by a VIPADEFINE/VIPABACKUP (either family) on some stack. */
export function definedAddresses(cfg: Pick<Config, 'stacks'>): Set<string> {
  return new Set(cfg.stacks.flatMap((s) => [...s.defs.map((d) => d.address), ...s.ipv6Defs.map((d) => d.address)]));
}

/**
 * rangeDvipas per stack list, so a configuration is read once (slicing asks for every DVIPA's
 * slice: 1000 DVIPAs on 32 stacks took 80 s). Kept with the stacks it was found for: a list whose
 * elements were replaced since (load.ts adds NETSTAT starts) is read again.
 */
const rangesOf = new WeakMap<readonly StackConfig[], { stacks: readonly StackConfig[]; found: { address: string; info: RangeInfo }[] }>();

/** The application-specific DVIPAs of a configuration, in order of first binding application. */
export function rangeDvipas(cfg: Pick<Config, 'stacks'>): { address: string; info: RangeInfo }[] {
  if (!cfg.stacks.some((st) => st.ranges.length > 0)) return []; // the common case, cheaply
  const known = rangesOf.get(cfg.stacks);
  if (known && known.stacks.length === cfg.stacks.length && known.stacks.every((st, i) => st === cfg.stacks[i])) return known.found;
  const found = findRangeDvipas(cfg.stacks);
  rangesOf.set(cfg.stacks, { stacks: [...cfg.stacks], found });
  return found;
}

function findRangeDvipas(stacks: readonly StackConfig[]): { address: string; info: RangeInfo }[] {
  const defined = definedAddresses({ stacks });
  const seen = new Set<string>();
  for (const st of stacks) for (const a of st.applications) if (a.bind !== null && !defined.has(a.bind)) seen.add(a.bind);
  const bound = stacks.map((st) => new Set(st.applications.map((a) => a.bind)));
  // D-130: some stack both covers it with a range and has an application binding it
  return [...seen].filter((x) => stacks.some((st, i) => bound[i]!.has(x) && coveringRange(st, x) !== null)).map((address) => {
    const binders = stacks.map((st) => st.applications.flatMap((a, k) => (a.bind === address ? [k] : [])));
    return {
      address,
      info: {
        range: stacks.map((st) => coveringRange(st, address)),
        create: stacks.map((st, i) => (binders[i]!.length === 0 ? null : createOf(st.applications[binders[i]![0]!]!))),
        binders,
      },
    };
  });
}

export const createOf = (a: AppConfig): 'bind' | 'ioctl' => a.create ?? 'bind';
