import { Layout } from '../model/layout.js';
import { addrPort, defFor, hotOrder, ipconfig, reaches, roleOf, targetsOf, whyUnreachable, xcfAddr } from '../model/dist.js';
import { referenceHot } from '../model/dist-view.js';
import type { Config, DistributeDef, Finding } from '../spec/config.js';

/**
 * Lint of the sysplex distributor (SEMANTICS §10): each finding names the VIPADISTRIBUTE (or
 * definition) line and column and the property it endangers. IBM's HOTSTANDBY rule breaches are
 * the profile's own findings (distribute-rejected, vipa-distribute.ts).
 */
export function lintDistribution(cfg: Config): Finding[] {
  const out: Finding[] = [];
  const L = new Layout(cfg);
  const name = (i: number): string => cfg.stacks[i]!.name;
  const add = (severity: Finding['severity'], code: string, pos: Finding['pos'], stack: number, property: string, message: string, hint?: string): void => {
    out.push({ severity, code, pos, stack: name(stack), property, message, ...(hint ? { hint } : {}) });
  };
  for (const d of L.dvipas) {
    const info = d.dist;
    if (!info) continue;
    const owners = d.stacks.filter((j) => info.own[j]!.length > 0);
    const clients = d.clients.map((c) => cfg.clients[c]!);
    const fam = info.family, w = ipconfig(fam); // per family (D-123)
    // Every definition a distributor may use, with the stacks that may use it (its own, and inheritors).
    const users = (j: number): number[] => [j, ...d.stacks.filter((k) => info.own[k]!.length === 0)];
    for (const j of d.stacks) {
      if (info.own[j]!.length > 0) continue;
      add('warning', 'distributor-no-vipadistribute', d.defs[j]!.pos, j, 'service-available',
        `${name(j)} may take ${d.address} over but has no VIPADISTRIBUTE of its own (${owners.map(name).join(', ')} ${owners.length > 1 ? 'distribute' : 'distributes'} it): it inherits the definition of the distributor it takes over from, but distributes nothing after a takeback, a reactivation, or a takeover from a stack that itself inherited (D-112)`,
        `code the VIPADISTRIBUTE of ${name(owners[0]!)} next to this definition`);
    }
    for (const j of owners) {
      for (const def of info.own[j]!) {
        const targets = targetsOf(cfg, def);
        if (def.destip !== 'ALL') {
          for (const t of def.destip) {
            if (!cfg.stacks.some((s) => xcfAddr(s, fam) === t.xcf)) add('error', 'destip-unknown', def.pos, j, 'service-available', `DESTIP ${t.xcf} of ${d.address} is no stack's ${w} DYNAMICXCF address: that target never gets a connection`, `name the target by its DYNAMICXCF address (${w} DYNAMICXCF of its profile)`);
          }
        }
        for (const u of users(j)) {
          for (const t of targets) {
            if (!reaches(cfg, u, t, fam)) add('error', 'distributor-unreachable', def.pos, j, 'connections-preserved', `${name(u)} may distribute ${d.address} with this VIPADISTRIBUTE but cannot reach target ${name(t)}: ${whyUnreachable(cfg, u, t, fam)}; its connections are lost when ${name(u)} becomes the distributor`, `${w} DYNAMICXCF on ${name(u)}, or VIPAROUTE DEFINE ${xcfAddr(cfg.stacks[t]!, fam) ?? '<xcf>'} <address of ${name(t)}> there`);
          }
        }
        for (const c of clients) {
          if (defFor(info.own[j]!, c.port) !== def) continue;
          const serving = targets.filter((t) => cfg.stacks[t]!.applications.some((a) => a.port === c.port && (a.bind === null || a.bind === d.address)));
          if (serving.length === 0) add('error', 'no-target-listener', def.pos, j, 'service-available', `no DESTIP target of ${addrPort(d.address, c.port)} has an application listening on port ${c.port} for client '${c.name}'`, `list the application serving port ${c.port} under the applications of a DESTIP target (bind INADDR_ANY or ${d.address})`);
          else if (def.destip !== 'ALL') {
            for (const t of targets.filter((x) => !serving.includes(x))) add('warning', 'target-no-application', def.pos, j, 'service-available', `DESTIP target ${name(t)} of ${addrPort(d.address, c.port)} has no application listening on port ${c.port} for client '${c.name}'`, `list the application serving port ${c.port} under ${name(t)}'s applications, or drop ${name(t)} from DESTIP`);
          }
        }
        if (def.method === 'HOTSTANDBY') out.push(...hotFindings(cfg, d.index, L, def, j, name));
      }
    }
  }
  return out;
}

/** Some defining stack distributes the DVIPA (SEMANTICS §10). */
export const isDistributed = (cfg: Config, address: string): boolean => distributedOf(cfg).has(address);
const distributed = new WeakMap<Config, ReadonlySet<string>>();
/** The addresses some defining stack distributes, made once per configuration (a site lints a thousand DVIPAs). */
function distributedOf(cfg: Config): ReadonlySet<string> {
  let set = distributed.get(cfg);
  if (!set) {
    set = new Set(cfg.stacks.flatMap((s) => s.distributes.map((d) => d.address).filter((a) => s.defs.some((d) => d.address === a))));
    distributed.set(cfg, set);
  }
  return set;
}

/** Stack i's own VIPADISTRIBUTE of the DVIPA covers the port: as its distributor it needs no listener of its own. */
export const distributesPort = (cfg: Config, i: number, address: string, port: number): boolean =>
  defFor(cfg.stacks[i]!.distributes.filter((d) => d.address === address), port) !== null;

function hotFindings(cfg: Config, d: number, L: Layout, def: DistributeDef, j: number, name: (i: number) => string): Finding[] {
  const out: Finding[] = [];
  const info = L.dvipas[d]!;
  const order = hotOrder(cfg, def);
  const ranks = order.map((t) => roleOf(cfg, def, t)!).filter((r) => !r.preferred).map((r) => r.rank);
  if (new Set(ranks).size < ranks.length) out.push({ severity: 'warning', code: 'hot-standby-equal-ranks', pos: def.pos, stack: name(j), property: 'hot-standby', message: `HOTSTANDBY BACKUP targets of ${info.address} share a rank: they are tried in DESTIP order (assumed, D-116)`, hint: 'give each BACKUP target its own rank' });
  for (const c of info.clients.map((x) => cfg.clients[x]!)) {
    const ref = referenceHot(info, c.port);
    if (!ref || ref === def || defFor(info.dist!.own[j]!, c.port) !== def) continue;
    const same = JSON.stringify(hotOrder(cfg, ref)) === JSON.stringify(order) && ref.autoSwitchBack === def.autoSwitchBack;
    if (!same) out.push({ severity: 'warning', code: 'hot-standby-order-differs', pos: def.pos, stack: name(j), property: 'hot-standby', message: `${name(j)}'s HOTSTANDBY order for ${addrPort(info.address, c.port)} (${order.map(name).join(', ')}) differs from that of ${ref.text} (line ${ref.pos.line}): new connections go elsewhere when ${name(j)} distributes`, hint: `code the same DESTIP PREFERRED/BACKUP ranks${ref.autoSwitchBack === def.autoSwitchBack ? '' : ' and AUTOSWITCHBACK setting'} as line ${ref.pos.line} here` });
  }
  return out;
}
