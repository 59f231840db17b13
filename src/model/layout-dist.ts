import type { Config } from '../spec/config.js';
import { defFor, type HotSlot } from './dist.js';
import type { DvipaInfo } from './layout.js';

/**
 * The state bytes of the sysplex distributor (SEMANTICS §13), after the connection counts and
 * only when the configuration distributes a DVIPA: per target stack quiesced (1) or not; per
 * distributed DVIPA whose definition can be inherited, the stack whose own VIPADISTRIBUTE is in
 * use + 1 (0: none inherited); per HOTSTANDBY DVIPA:port the active target + 1 (0: none).
 */
export interface DistFields {
  /** quiesced[stack] = offset, or -1 (the stack is no target of any VIPADISTRIBUTE). */
  readonly quiesced: readonly number[];
  /** inherited[dvipa] = offset, or -1. */
  readonly inherited: readonly number[];
  readonly hot: readonly (HotSlot & { readonly offset: number })[];
  readonly start: number;
  readonly end: number;
}

export function distFields(cfg: Config, dvipas: readonly DvipaInfo[], start: number): DistFields {
  let off = start;
  const targets = new Set(dvipas.flatMap((d) => d.dist?.targetStacks ?? []));
  const quiesced = cfg.stacks.map((_, i) => (targets.has(i) ? off++ : -1));
  const inherited = dvipas.map((d) => (d.dist?.inheritable ? off++ : -1));
  const hot: (HotSlot & { offset: number })[] = [];
  for (const d of dvipas) {
    if (!d.dist) continue;
    const ports = [...new Set(d.clients.map((c) => cfg.clients[c]!.port))];
    for (const port of ports) {
      if (d.dist.own.some((defs) => defFor(defs, port)?.method === 'HOTSTANDBY')) hot.push({ dvipa: d.index, port, offset: off++ });
    }
  }
  return { quiesced, inherited, hot, start, end: off };
}
