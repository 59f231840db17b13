import type { Config, DvipaDef, Finding, Severity } from '../spec/config.js';
import { emptyReason } from './empty.js';
import { distributesPort, isDistributed, lintDistribution } from './lint-dist.js';
import { iplFirst } from './lint-ipl.js';
import { familyOf, xcfFor } from '../spec/ipv6-dvipas.js';
import { lintRanges } from './lint-range.js';

/**
 * Static findings of SEMANTICS.md §6, each naming the profile line and the property it
 * endangers; the profile's own findings (rejections, not-modelled notes) come first.
 */
export function lint(cfg: Config): Finding[] {
  const out: Finding[] = [...cfg.findings];
  const empty = emptyReason(cfg); // SPEC §5: said by lint too (a warning: `check` is the verdict, exit 1)
  if (empty) out.push({ severity: 'warning', code: 'nothing-to-verify', pos: { file: cfg.file, line: 1, column: 1 }, message: empty });
  const add = (severity: Severity, code: string, def: { pos: DvipaDef['pos'] }, stack: string, property: string, message: string, hint?: string): void => {
    out.push({ severity, code, pos: def.pos, stack, property, message, ...(hint ? { hint } : {}) });
  };
  const byAddr = new Map<string, { stack: number; def: DvipaDef }[]>();
  cfg.stacks.forEach((st, i) => st.defs.forEach((def) => {
    const list = byAddr.get(def.address) ?? [];
    list.push({ stack: i, def });
    byAddr.set(def.address, list);
  }));
  const name = (i: number): string => cfg.stacks[i]!.name;
  for (const [addr, defs] of byAddr) {
    const defines = defs.filter((d) => d.def.kind === 'define');
    const backups = defs.filter((d) => d.def.kind === 'backup');
    const first = defs[0]!;
    const creates = defs.some((d) => d.def.kind === 'define' || d.def.moveable !== null);
    // A lone plain VIPABACKUP never holds the DVIPA, so "lost when it fails" would be false: "never created" below says it.
    if (defs.length === 1 && creates) add('error', 'no-backup', first.def, name(first.stack), 'available', `${addr} has no backup: it is lost when ${name(first.stack)} fails`, `VIPABACKUP rank ${familyOf(first.def) === 'ipv6' ? `${first.def.intf} ${addr}` : addr} in another stack's VIPADYNAMIC block`);
    if (defines.length > 1) {
      for (const d of defines.slice(1)) add('error', 'duplicate-vipadefine', d.def, name(d.stack), 'takeback', `${addr} is VIPADEFINEd on ${defines.map((x) => name(x.stack)).join(' and ')}: they take it back from each other`, `VIPADEFINE it on its home stack only; here, back it up (VIPABACKUP rank ${familyOf(d.def) === 'ipv6' ? `${d.def.intf} ${addr}` : addr})`);
    }
    if (!creates) {
      add('error', 'backup-without-define', first.def, name(first.stack), 'present', `${addr} has only plain VIPABACKUPs and no VIPADEFINE (nor MOVEABLE VIPABACKUP): it is never created`, `make one of them VIPABACKUP rank MOVEABLE IMMEDIATE ${familyOf(first.def) === 'ipv6' ? `${first.def.intf} ${addr}` : 'mask addr'}, or VIPADEFINE it on its home stack`);
    } else out.push(...iplFirst(cfg, addr, backups));
    // D-210: a CPCSCOPE DVIPA's candidates share the departing holder's CPC (D-27), so equal ranks on two CPCs never tie
    const scoped = defs.some((d) => d.def.cpcscope);
    const ranks = new Map<string, number[]>();
    for (const b of backups) {
      const key = scoped ? `${b.def.rank} ${cfg.stacks[b.stack]!.cpc ?? ''}` : String(b.def.rank);
      ranks.set(key, [...(ranks.get(key) ?? []), b.stack]);
    }
    for (const [key, stacks] of ranks) {
      const rank = Number(key.split(' ')[0]);
      if (stacks.length > 1) {
        const d = backups.find((b) => b.stack === stacks[1])!;
        add('warning', 'equal-ranks', d.def, name(d.stack), 'takeover', `${addr} is backed up with the same rank ${rank} on ${stacks.map(name).join(' and ')}: the takeover target is undetermined`, `give each backup its own rank (the highest takes over first)`);
      }
    }
    if (defs.some((d) => d.def.cpcscope)) {
      const homeCpcs = new Set((defines.length ? defines : defs).map((d) => cfg.stacks[d.stack]!.cpc));
      for (const b of backups) {
        if (!homeCpcs.has(cfg.stacks[b.stack]!.cpc)) add('warning', 'cpcscope-other-cpc', b.def, name(b.stack), 'available', `${addr} is CPCSCOPE but ${name(b.stack)} is on another CPC (${cfg.stacks[b.stack]!.cpc ?? 'none'}): it can never take it over`, `back it up on a stack of CPC ${[...homeCpcs].map((c) => c ?? 'none').join(' or ')}, or drop CPCSCOPE`);
      }
    }
    // D-211: only a MOVEABLE IMMEDIATE takeback resets connections; a WHENIDLE one waits until the holder is idle
    const immediate = defines.some((d) => d.def.moveable !== 'WHENIDLE');
    if (immediate && defs.length > 1 && !isDistributed(cfg, addr)) { // distributed: distributor-unreachable (lint-dist.ts)
      for (const d of defs) {
        const v6 = familyOf(d.def) === 'ipv6'; // D-147: IPCONFIG6 DYNAMICXCF for an IPv6 DVIPA
        if (!xcfFor(cfg.stacks[d.stack]!, familyOf(d.def))) add('error', 'no-dynamicxcf', d.def, name(d.stack), 'connections-preserved', `${name(d.stack)} may hold or take back ${addr} but has no ${v6 ? 'IPCONFIG6' : 'IPCONFIG'} DYNAMICXCF: connections are reset on takeback`, v6 ? `an IPv6 DVIPA keeps its connections on takeback only with IPCONFIG6 DYNAMICXCF on both stacks (IPCONFIG DYNAMICXCF is for IPv4)` : `IPCONFIG DYNAMICXCF ip mask cost in ${name(d.stack)}'s profile`);
      }
    }
    for (const c of cfg.clients.filter((x) => x.dvipa === addr)) {
      for (const d of defs) {
        const apps = cfg.stacks[d.stack]!.applications;
        if (!apps.some((a) => a.port === c.port && (a.bind === null || a.bind === addr)) && !distributesPort(cfg, d.stack, addr, c.port)) {
          add('error', 'no-application', d.def, name(d.stack), 'service-available', `${name(d.stack)} may hold ${addr} but no application there listens on port ${c.port} for client '${c.name}'`, `list the application serving port ${c.port} under ${name(d.stack)}'s applications (bind INADDR_ANY or ${addr})`);
        }
      }
    }
  }
  cfg.stacks.forEach((st, i) => {
    if (st.routing === 'omproute' && st.join !== 'DELAYJOIN' && st.defs.length > 0) {
      // D-181: where a GLOBALCONFIG sets the join rule, the finding stands on it (the fix goes there)
      if (st.joinAt) add('error', 'no-delayjoin', st.joinAt, name(i), 'routing-ready', `${name(i)} uses OMPROUTE with GLOBALCONFIG SYSPLEXMONITOR ${st.join}, not DELAYJOIN: it can take DVIPAs before OMPROUTE can advertise them`, 'write DELAYJOIN there');
      else add('error', 'no-delayjoin', st.defs[0]!, name(i), 'routing-ready', `${name(i)} uses OMPROUTE without GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN: it can take DVIPAs before OMPROUTE can advertise them`, `GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN in ${name(i)}'s profile (or routing: static in the spec, if it has no OMPROUTE)`);
    }
  });
  out.push(...lintRanges(cfg)); // issue 18: VIPARANGE DVIPAs
  out.push(...lintDistribution(cfg)); // SEMANTICS §10
  return out;
}
