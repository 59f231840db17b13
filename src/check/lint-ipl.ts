import type { Config, DvipaDef, Finding } from '../spec/config.js';

/**
 * IBM's IPL incident (Q&A "backup sysplex distributor is not creating the DVIPA"): in a
 * sysplex-wide IPL (`start: down`) a stack with a plain VIPABACKUP that joins before every stack
 * that could create the DVIPA never creates it, and binds to it fail (`present`, SEMANTICS §9).
 */
export function iplFirst(cfg: Config, addr: string, backups: readonly { stack: number; def: DvipaDef }[]): Finding[] {
  if (cfg.environment.start !== 'down' || !cfg.environment.events.has('start')) return [];
  return backups.filter((b) => b.def.moveable === null && cfg.stacks[b.stack]!.join !== 'NOJOIN').map((b) => ({
    severity: 'warning' as const, code: 'plain-backup-first', pos: b.def.pos, stack: cfg.stacks[b.stack]!.name, property: 'present',
    message: `${cfg.stacks[b.stack]!.name} can come up first in an IPL; its plain VIPABACKUP never creates ${addr}, so ${addr} stays down until a stack that creates it joins`,
    hint: `VIPABACKUP ${b.def.rank} MOVEABLE IMMEDIATE ${b.def.family === 'ipv6' ? b.def.intf : '255.255.255.255'} ${addr} creates it when no other stack has it`,
  }));
}
