import type { Config, DistributeDef, StackConfig } from '../spec/config.js';

/**
 * What the configuration says about one distributed DVIPA (SEMANTICS §10), settled once for the
 * rules (rules-distribute.ts), the layout, the properties, the state JSON, slicing and lint. A
 * DVIPA is distributed when some stack that defines it has a VIPADISTRIBUTE of it (D-110); it is
 * then handled by §10 on every stack, also while its owner distributes nothing (the owner is then
 * its only target). Only IPv4 is modelled here (the family is carried through where it is cheap).
 */
export interface DistInfo {
  /** own[j]: stack j's own VIPADISTRIBUTE statements of the DVIPA (profile order; [] for none). */
  readonly own: readonly (readonly DistributeDef[])[];
  /** Some defining stack has none while another has one: the state holds the inherited definition (D-112). */
  readonly inheritable: boolean;
  /** Every stack that can hold connections of it: its defining stacks and every DESTIP target. */
  readonly connStacks: readonly number[];
  /** Every stack some VIPADISTRIBUTE of it names as a target (DESTIP ALL: every stack with DYNAMICXCF). */
  readonly targetStacks: readonly number[];
}

/** One HOTSTANDBY DVIPA:port: a state byte holds its active target (D-115). */
export interface HotSlot { readonly dvipa: number; readonly port: number }

const covers = (def: DistributeDef, port: number): boolean => def.ports.length === 0 || def.ports.some(([lo, hi]) => port >= lo && port <= hi);

/** The VIPADISTRIBUTE of stack j's own statements that covers the port (the first), or null. */
export function defFor(own: readonly DistributeDef[], port: number): DistributeDef | null {
  return own.find((d) => covers(d, port)) ?? null;
}

/** The stacks a DESTIP names, in DESTIP order; a DYNAMICXCF address of no stack names none (lint: destip-unknown). */
export function targetsOf(cfg: Config, def: DistributeDef): number[] {
  const xcfOf = (s: StackConfig): string | null => (def.family === 'ipv4' ? s.xcfAddress : s.xcf6Address);
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
  const x = def.family === 'ipv4' ? cfg.stacks[t]!.xcfAddress : cfg.stacks[t]!.xcf6Address;
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
 * DYNAMICXCF of the family, or o has a VIPAROUTE to t's DYNAMICXCF address.
 */
export function reaches(cfg: Config, o: number, t: number): boolean {
  if (o === t) return true;
  const a = cfg.stacks[o]!, b = cfg.stacks[t]!;
  if (a.dynamicXcf && b.dynamicXcf) return true;
  return b.xcfAddress !== null && a.routes.some((r) => r.family === 'ipv4' && r.xcf === b.xcfAddress);
}

/** Why o cannot reach t, in words (traces, lint). */
export function whyUnreachable(cfg: Config, o: number, t: number): string {
  const a = cfg.stacks[o]!, b = cfg.stacks[t]!;
  const no = [!a.dynamicXcf ? `${a.name} has no IPCONFIG DYNAMICXCF` : '', !b.dynamicXcf ? `${b.name} has no IPCONFIG DYNAMICXCF` : ''].filter(Boolean).join(', ');
  return `${no || 'no DYNAMICXCF path'}, and ${a.name} has no VIPAROUTE to ${b.name}${b.xcfAddress ? ` (${b.xcfAddress})` : ''}`;
}

/** The distribution of a DVIPA address in cfg, or null when no defining stack distributes it. */
export function distInfo(cfg: Config, address: string, defStacks: readonly number[]): DistInfo | null {
  const own = cfg.stacks.map((s, j) => (defStacks.includes(j) ? s.distributes.filter((d) => d.address === address && d.family === 'ipv4') : []));
  if (!own.some((x) => x.length > 0)) return null;
  const targets = new Set<number>();
  for (const defs of own) for (const d of defs) for (const t of targetsOf(cfg, d)) targets.add(t);
  const targetStacks = [...targets].sort((a, b) => a - b);
  return {
    own,
    inheritable: defStacks.some((j) => own[j]!.length === 0),
    connStacks: [...new Set([...defStacks, ...targetStacks])].sort((a, b) => a - b),
    targetStacks,
  };
}

/** Does the configuration distribute any DVIPA (a cheap test for the feature's code paths)? */
export const anyDistribution = (cfg: Config): boolean => cfg.stacks.some((s) => s.distributes.some((d) => d.family === 'ipv4' && s.defs.some((x) => x.address === d.address)));
