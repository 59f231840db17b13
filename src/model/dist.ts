import type { Config, DistributeDef, StackConfig } from '../spec/config.js';

/**
 * What the configuration says about one distributed DVIPA (SEMANTICS §10), settled once for the
 * rules (rules-distribute.ts), the layout, the properties, the state JSON, slicing and lint. A
 * DVIPA is distributed when some stack that defines it has a VIPADISTRIBUTE of it (D-110); it is
 * then handled by §10 on every stack, also while its owner distributes nothing (the owner is then
 * its only target). Both families (D-123): an IPv6 DVIPA's targets are named by their IPCONFIG6
 * DYNAMICXCF addresses and reached over IPCONFIG6 DYNAMICXCF or an IPv6 VIPAROUTE.
 */
export interface DistInfo {
  /** The DVIPA's family (SEMANTICS §12): its DESTIP addresses and reach are of that family (D-123). */
  readonly family: Family;
  /** own[j]: stack j's own VIPADISTRIBUTE statements of the DVIPA (profile order; [] for none). */
  readonly own: readonly (readonly DistributeDef[])[];
  /** Some defining stack has none while another has one: the state holds the inherited definition (D-112). */
  readonly inheritable: boolean;
  /** Every stack that can hold connections of it: its defining stacks and every DESTIP target. */
  readonly connStacks: readonly number[];
  /** Every stack some VIPADISTRIBUTE of it names as a target (DESTIP ALL: every stack with DYNAMICXCF). */
  readonly targetStacks: readonly number[];
}

export type Family = 'ipv4' | 'ipv6';

/** A stack's DYNAMICXCF address of the family (IPCONFIG or IPCONFIG6 DYNAMICXCF), or null. */
export const xcfAddr = (s: StackConfig, family: Family): string | null => (family === 'ipv4' ? s.xcfAddress : s.xcf6Address);
/** IPCONFIG or IPCONFIG6, for messages. */
export const ipconfig = (family: Family): string => (family === 'ipv4' ? 'IPCONFIG' : 'IPCONFIG6');
/** address:port, [address]:port for IPv6. */
export const addrPort = (address: string, port: number): string => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

/** One HOTSTANDBY DVIPA:port: a state byte holds its active target (D-115). */
export interface HotSlot { readonly dvipa: number; readonly port: number }

const covers = (def: DistributeDef, port: number): boolean => def.ports.length === 0 || def.ports.some(([lo, hi]) => port >= lo && port <= hi);

/** The VIPADISTRIBUTE of stack j's own statements that covers the port (the first), or null. */
export function defFor(own: readonly DistributeDef[], port: number): DistributeDef | null {
  return own.find((d) => covers(d, port)) ?? null;
}

/** The stacks a DESTIP names, in DESTIP order; a DYNAMICXCF address of no stack names none (lint: destip-unknown). */
export function targetsOf(cfg: Config, def: DistributeDef): number[] {
  const xcfOf = (s: StackConfig): string | null => xcfAddr(s, def.family);
  if (def.destip === 'ALL') return cfg.stacks.flatMap((s, i) => (xcfOf(s) !== null ? [i] : []));
  const out: number[] = [];
  for (const t of def.destip) {
    const i = cfg.stacks.findIndex((s) => xcfOf(s) === t.xcf);
    if (i >= 0 && !out.includes(i)) out.push(i);
  }
  return out;
}

/** The HOTSTANDBY role of a target: preferred, or a backup with its rank (else null). */
export function roleOf(cfg: Config, def: DistributeDef, t: number): { preferred: boolean; rank: number } | null {
  if (def.method !== 'HOTSTANDBY' || def.destip === 'ALL') return null;
  const x = xcfAddr(cfg.stacks[t]!, def.family);
  const e = def.destip.find((d) => d.xcf === x);
  return e ? { preferred: e.role === 'preferred', rank: e.rank ?? 0 } : null;
}

/** HOTSTANDBY order: the preferred first, then backups by rank high to low, DESTIP order among equal ranks (D-116). */
export function hotOrder(cfg: Config, def: DistributeDef): number[] {
  const ts = targetsOf(cfg, def);
  const key = (t: number): number => { const r = roleOf(cfg, def, t)!; return r.preferred ? 1000 : r.rank; };
  return ts.map((t, k) => [t, k] as const).sort((a, b) => key(b[0]) - key(a[0]) || a[1] - b[1]).map(([t]) => t);
}

/**
 * Can distributor o reach target t (SEMANTICS §10)? Itself; another stack when both have
 * DYNAMICXCF of the family (IPCONFIG / IPCONFIG6), or o has a VIPAROUTE of the family to t's
 * DYNAMICXCF address of the family (D-123).
 */
export function reaches(cfg: Config, o: number, t: number, family: Family = 'ipv4'): boolean {
  if (o === t) return true;
  const a = cfg.stacks[o]!, b = cfg.stacks[t]!;
  const on = (s: StackConfig): boolean => (family === 'ipv4' ? s.dynamicXcf : s.dynamicXcf6);
  if (on(a) && on(b)) return true;
  const bx = xcfAddr(b, family);
  return bx !== null && a.routes.some((r) => r.family === family && r.xcf === bx);
}

/** Why o cannot reach t, in words (traces, lint). */
export function whyUnreachable(cfg: Config, o: number, t: number, family: Family = 'ipv4'): string {
  const a = cfg.stacks[o]!, b = cfg.stacks[t]!;
  const on = (s: StackConfig): boolean => (family === 'ipv4' ? s.dynamicXcf : s.dynamicXcf6);
  const w = ipconfig(family), bx = xcfAddr(b, family);
  const no = [!on(a) ? `${a.name} has no ${w} DYNAMICXCF` : '', !on(b) ? `${b.name} has no ${w} DYNAMICXCF` : ''].filter(Boolean).join(', ');
  return `${no || 'no DYNAMICXCF path'}, and ${a.name} has no ${family === 'ipv6' ? 'IPv6 ' : ''}VIPAROUTE to ${b.name}${bx ? ` (${bx})` : ''}`;
}

/** The distribution of a DVIPA address in cfg, or null when no defining stack distributes it. */
export function distInfo(cfg: Config, address: string, defStacks: readonly number[]): DistInfo | null {
  const own = cfg.stacks.map((s, j) => (defStacks.includes(j) ? s.distributes.filter((d) => d.address === address) : []));
  if (!own.some((x) => x.length > 0)) return null;
  const targets = new Set<number>();
  for (const defs of own) for (const d of defs) for (const t of targetsOf(cfg, d)) targets.add(t);
  const targetStacks = [...targets].sort((a, b) => a - b);
  return {
    family: address.includes(':') ? 'ipv6' : 'ipv4',
    own,
    inheritable: defStacks.some((j) => own[j]!.length === 0),
    connStacks: [...new Set([...defStacks, ...targetStacks])].sort((a, b) => a - b),
    targetStacks,
  };
}

/** Does the configuration distribute any DVIPA (a cheap test for the feature's code paths)? */
export const anyDistribution = (cfg: Config): boolean => cfg.stacks.some((s) => s.distributes.some((d) => s.defs.some((x) => x.address === d.address)));
