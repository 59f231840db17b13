import type { Config } from '../spec/config.js';

/**
 * Why a built-in property has nothing to check in a configuration (it then holds vacuously, and
 * the report says so: D-179), or null. Read off the spec as profile processing left it, the whole
 * spec whatever the slice share. One function per shape of "nothing": no definition of the kind
 * the property speaks of, no client, no HOTSTANDBY distribution.
 */
const chained = (cfg: Config): string | null =>
  (cfg.stacks.some((s) => s.defs.length > 0) ? null : 'no VIPADEFINE or VIPABACKUP DVIPA; a VIPARANGE DVIPA has no backup chain (SEMANTICS §11)');

export const NOTHING = {
  /** takeover: some DVIPA must be configured on two stacks for it to have somewhere to go. */
  takeover(cfg: Config): string | null {
    const stacks = new Map<string, Set<number>>();
    cfg.stacks.forEach((s, i) => { for (const d of s.defs) (stacks.get(d.address) ?? stacks.set(d.address, new Set()).get(d.address)!).add(i); });
    if (stacks.size === 0) return chained(cfg);
    return [...stacks.values()].some((x) => x.size > 1) ? null : 'no VIPADEFINE or VIPABACKUP DVIPA is configured on a second stack; none has a stack to move to';
  },
  available: chained,
  takeback: (cfg: Config): string | null =>
    (cfg.stacks.some((s) => s.defs.some((d) => d.kind === 'define')) ? null : 'no VIPADEFINE; only a VIPADEFINE stack takes a DVIPA back'),
  clients: (cfg: Config): string | null => (cfg.clients.length > 0 ? null : 'the spec lists no clients'),
  hotStandby: (cfg: Config): string | null =>
    (cfg.stacks.some((s) => s.distributes.some((d) => d.method === 'HOTSTANDBY')) ? null : 'no VIPADISTRIBUTE DISTMETHOD HOTSTANDBY'),
};
