// A profile's VIPADYNAMIC statements (as the profile parser reads them) and a NETSTAT VIPADCFG report
// meet here in one shape, with the writer back to statements and the comparison of the two (SPEC §5, D-100..D-109).
import type { SourcePos } from '../spec/config.js';
import type { ProfileResult } from '../spec/profile-parser.js';
import type { VipaItem } from '../spec/vipa-resolve.js';
import { canonicalIPv6, isIPv4, zeroPaddedIPv4 } from '../spec/ipv4.js';
import { maskOf, prefixOfMask } from './report-text.js';

/**
 * The DVIPA configuration of one stack in one shape, whether it comes from a profile's
 * VIPADYNAMIC block or from a NETSTAT VIPADCFG report: so a report can be written back as
 * statements, and a report and a profile compared (SPEC §5).
 */
type Moveable = 'IMMEDIATE' | 'WHENIDLE';
interface Addr { readonly address: string; readonly intf: string | null; readonly prefix: number | null; readonly mask: string | null; readonly at: SourcePos }
export interface BackupEntry extends Addr { readonly rank: number; readonly moveable: Moveable | null; readonly srvmgr: boolean }
export interface DefineEntry extends Addr { readonly moveable: Moveable; readonly srvmgr: boolean; readonly cpcscope: boolean }
export interface RangeEntry extends Addr { readonly disruptive: boolean }
export interface DistributeEntry {
  readonly address: string; readonly intf: string | null; readonly port: number | null; readonly xcf: string;
  readonly sysplexPorts: boolean; readonly timedAff: number | null; readonly distMethod: string | null;
  readonly srvType: 'PREFERRED' | 'BACKUP' | null; readonly rank: number | null;
  readonly autoSwitchBack: boolean | null; readonly healthSwitch: boolean | null; readonly at: SourcePos;
}
export interface RouteEntry { readonly xcf: string; readonly target: string; readonly at: SourcePos }
export interface VipaConfig {
  readonly backups: readonly BackupEntry[];
  readonly defines: readonly DefineEntry[];
  readonly ranges: readonly RangeEntry[];
  readonly distributes: readonly DistributeEntry[];
  readonly routes: readonly RouteEntry[];
}

/** What profileVipaConfig reads: a parsed profile (profile-parser.ts), its definitions as resolveDefinitions left them. */
export type ParsedVipa = Pick<ProfileResult, 'defs' | 'ipv6Defs' | 'ranges' | 'distributes' | 'routes' | 'vipaItems'>;

/**
 * A profile's VIPADYNAMIC configuration as the parser reads it: the definitions, ranges,
 * distributions and routes that survive the accepted statements in profile order (VIPADELETE,
 * the DELETE forms, repeats: resolveDefinitions, vipa-resolve.ts), with the options the model does
 * not use (SERVICEMGR, SYSPLEXPORTS, TIMEDAFFINITY, ...) taken from each one's statement.
 */
export function profileVipaConfig(p: ParsedVipa): VipaConfig {
  // every resolved entry keeps its statement's head position, the same object (vipa-resolve.ts)
  const order = new Map<SourcePos, { item: VipaItem; i: number }>(p.vipaItems.map((item, i) => [item.head.pos, { item, i }]));
  const of = (at: SourcePos): VipaItem | undefined => order.get(at)?.item;
  const rank = (e: { at: SourcePos }): number => order.get(e.at)?.i ?? -1;
  const srvmgr = (at: SourcePos): boolean => { const it = of(at); return it?.op === 'def' && it.stmt.servicemgr; };
  const defines: DefineEntry[] = [];
  const backups: BackupEntry[] = [];
  for (const d of p.defs) {
    const base = { address: d.address, intf: null, prefix: d.mask ? prefixOfMask(d.mask) : null, mask: d.mask, at: d.pos };
    if (d.kind === 'define') defines.push({ ...base, moveable: d.moveable ?? 'IMMEDIATE', srvmgr: srvmgr(d.pos), cpcscope: d.cpcscope });
    else backups.push({ ...base, rank: d.rank, moveable: d.moveable, srvmgr: srvmgr(d.pos) });
  }
  for (const d of p.ipv6Defs) {
    const base = { address: d.address, intf: d.intf, prefix: d.prefix, mask: null, at: d.pos };
    if (d.kind === 'define') defines.push({ ...base, moveable: 'IMMEDIATE', srvmgr: false, cpcscope: d.cpcscope });
    else backups.push({ ...base, rank: d.rank, moveable: d.moveable, srvmgr: false });
  }
  // both families in profile order (a sort is stable: the addresses of one statement keep theirs)
  const inOrder = <T extends { at: SourcePos }>(l: T[]): T[] => l.sort((a, b) => rank(a) - rank(b));
  const distributes: DistributeEntry[] = [];
  for (const d of p.distributes) {
    const it = of(d.pos);
    const s = it?.op === 'distribute' ? it.stmt : null;
    const ports = d.ports.length ? portsOf(d.ports) : [null];
    const dests = d.destip === 'ALL' ? [{ xcf: 'ALL', role: null, rank: null }] : d.destip;
    for (const port of ports) {
      for (const t of dests) {
        distributes.push({
          address: d.address, intf: d.intf, port, xcf: t.xcf, sysplexPorts: s?.sysplexPorts ?? false, timedAff: s?.timedAff ?? null,
          distMethod: s?.written.method ? d.method : null, srvType: t.role === 'preferred' ? 'PREFERRED' : t.role === 'backup' ? 'BACKUP' : null, rank: t.rank,
          autoSwitchBack: s?.written.autoSwitchBack ? d.autoSwitchBack : null, healthSwitch: s?.written.healthSwitch ? d.healthSwitch : null, at: d.pos,
        });
      }
    }
  }
  return {
    backups: inOrder(backups), defines: inOrder(defines),
    ranges: p.ranges.map((r) => ({ address: r.address, intf: r.intf, prefix: r.mask ? prefixOfMask(r.mask) : r.prefix, mask: r.mask, disruptive: r.moveable === 'DISRUPTIVE', at: r.pos })),
    distributes, routes: p.routes.map((r) => ({ xcf: r.xcf, target: r.target, at: r.pos })),
  };
}

/**
 * The ports of a VIPADISTRIBUTE one by one, as VIPADCFG lists them; a bound against `PORT 1-65535`
 * with many targets (each port is an entry per target): past MAX_PORTS the rest is left out.
 */
const MAX_PORTS = 1024;
function portsOf(ranges: readonly (readonly [number, number])[]): number[] {
  const out: number[] = [];
  for (const [lo, hi] of ranges) for (let p = lo; p <= hi && out.length < MAX_PORTS; p++) out.push(p);
  return out;
}

/** The mask of an entry: its own, or from its prefix length (a host mask when the report shows none, D-103). */
const maskFor = (e: Addr): string => e.mask ?? maskOf(e.prefix ?? 32);

/**
 * The profile statements equivalent to a configuration, each with a `;` comment naming where its
 * entry came from; DESTIPs of the same DVIPA, options and targets share a statement over ports.
 * An IPv6 VIPADISTRIBUTE names its DVIPA by interface name (D-123, D-171): the entry's own, else
 * that of the configuration's IPv6 VIPADEFINE / VIPABACKUP of the address. One whose interface
 * name is nowhere is written as a comment, not as a statement the profile parser rejects, and
 * `skipped` is told why.
 */
export function toStatements(c: VipaConfig, where: (at: SourcePos) => string, skipped?: (at: SourcePos, message: string) => void): string[] {
  const out: string[] = ['VIPADYNAMIC'];
  const line = (s: string, at: SourcePos): void => { out.push(`  ${s}  ; ${where(at)}`); };
  for (const d of c.defines) {
    const mv = d.moveable === 'WHENIDLE' ? 'MOVEABLE WHENIDLE' : 'MOVEABLE IMMEDIATE';
    if (d.intf) line(`VIPADEFINE ${d.cpcscope ? 'CPCSCOPE ' : ''}MOVEABLE IMMEDIATE ${d.intf} ${d.address}${d.prefix !== null ? `/${d.prefix}` : ''}`, d.at);
    else line(`VIPADEFINE ${d.cpcscope ? 'CPCSCOPE ' : ''}${mv}${d.srvmgr ? ' SERVICEMGR' : ''} ${maskFor(d)} ${d.address}`, d.at);
  }
  for (const b of c.backups) {
    if (b.intf) line(`VIPABACKUP ${b.rank}${b.moveable ? ' MOVEABLE IMMEDIATE' : ''} ${b.intf} ${b.address}`, b.at);
    else if (b.moveable) line(`VIPABACKUP ${b.rank} MOVEABLE ${b.moveable}${b.srvmgr ? ' SERVICEMGR' : ''} ${maskFor(b)} ${b.address}`, b.at);
    else line(`VIPABACKUP ${b.rank} ${b.address}`, b.at);
  }
  for (const r of c.ranges) {
    const mv = `MOVEABLE ${r.disruptive ? 'DISRUPTIVE' : 'NONDISRUPTIVE'}`;
    if (r.intf) line(`VIPARANGE DEFINE ${mv} ${r.intf} ${r.address}/${r.prefix ?? 128}`, r.at);
    else line(`VIPARANGE DEFINE ${mv} ${maskFor(r)} ${r.address}`, r.at);
  }
  const key = (a: string): string => addrKey(a).toLowerCase();
  const intfs = new Map<string, string>();
  for (const d of [...c.defines, ...c.backups]) if (d.intf) intfs.set(key(d.address), d.intf);
  for (const s of distributeStatements(c.distributes, (d) => d.intf ?? intfs.get(key(d.address)) ?? null)) {
    if (s.text !== null) { line(s.text, s.at); continue; }
    const why = `IPv6 VIPADISTRIBUTE of ${s.address}: neither its entry nor an IPv6 VIPADEFINE / VIPABACKUP of the report gives the DVIPA's interface name, which the statement needs`;
    out.push(`  ; VIPADISTRIBUTE of ${s.address} not written: no interface name (give the IPv6 definition)  ; ${where(s.at)}`);
    skipped?.(s.at, `${why}: written as a comment (add the statement with the name)`);
  }
  for (const r of c.routes) line(`VIPAROUTE DEFINE ${r.xcf} ${r.target}`, r.at);
  out.push('ENDVIPADYNAMIC');
  return out;
}

function distributeStatements(list: readonly DistributeEntry[], intfOf: (d: DistributeEntry) => string | null): { text: string | null; address: string; at: SourcePos }[] {
  // per (DVIPA, port): options and targets; then ports with the same options and targets merge
  const byPort = new Map<string, DistributeEntry[]>();
  for (const d of list) { const k = `${d.address} ${d.port ?? '*'}`; byPort.set(k, [...(byPort.get(k) ?? []), d]); }
  const merged = new Map<string, { head: DistributeEntry; ports: (number | null)[]; dests: string }>();
  for (const entries of byPort.values()) {
    const h = entries[0]!;
    const dests = entries.map((e) => `${e.xcf}${e.srvType === 'PREFERRED' ? ' PREFERRED' : e.srvType === 'BACKUP' ? ` BACKUP ${e.rank ?? 1}` : ''}`).join(' ');
    const opts = [h.sysplexPorts ? 'SYSPLEXPORTS' : '', h.timedAff ? `TIMEDAFF ${h.timedAff}` : '',
      h.distMethod ? `DISTMETHOD ${h.distMethod}${h.autoSwitchBack === null ? '' : h.autoSwitchBack ? ' AUTOSWITCHBACK' : ' NOAUTOSWITCHBACK'}${h.healthSwitch === null ? '' : h.healthSwitch ? ' HEALTHSWITCH' : ' NOHEALTHSWITCH'}` : ''].filter(Boolean).join(' ');
    const k = `${h.address}|${opts}|${dests}|${h.port === null}`;
    const m = merged.get(k);
    if (m) m.ports.push(h.port); else merged.set(k, { head: h, ports: [h.port], dests: `${opts}\u0000${dests}` });
  }
  return [...merged.values()].map(({ head, ports, dests }) => {
    const [opts, targets] = dests.split('\u0000');
    const portText = ports[0] === null ? '' : ` PORT ${ports.join(' ')}`;
    const name = isIPv4Text(head.address) ? head.address : intfOf(head);
    return { text: name === null ? null : `VIPADISTRIBUTE DEFINE ${opts ? `${opts} ` : ''}${name}${portText} DESTIP ${targets}`, address: head.address, at: head.at };
  });
}

export interface ConfigDifference { readonly at: SourcePos; readonly message: string }

/** Where a running configuration (report) differs from a profile's, each named at the report's line or, for what only the profile has, the profile's. */
export function diffConfigs(profile: VipaConfig, running: VipaConfig): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  const describe = (kind: string, e: BackupEntry | DefineEntry): string => {
    const b = kind === 'backup' ? e as BackupEntry : null;
    return `${kind === 'define' ? 'VIPADEFINE' : `VIPABACKUP rank ${b!.rank}`}${e.moveable ? ` MOVEABLE ${e.moveable}` : ''}${e.prefix !== null && (kind === 'define' || e.moveable) ? ` /${e.prefix}` : ''}`;
  };
  const defs = (c: VipaConfig): Map<string, { kind: string; e: BackupEntry | DefineEntry }> =>
    new Map<string, { kind: string; e: BackupEntry | DefineEntry }>([
      ...c.defines.map((e): [string, { kind: string; e: DefineEntry }] => [addrKey(e.address), { kind: 'define', e }]),
      ...c.backups.map((e): [string, { kind: string; e: BackupEntry }] => [addrKey(e.address), { kind: 'backup', e }]),
    ]);
  const p = defs(profile), r = defs(running);
  for (const [a, x] of r) {
    const y = p.get(a);
    if (!y) out.push({ at: x.e.at, message: `${x.e.address}: running ${describe(x.kind, x.e)}, not in the profile` });
    else {
      const dx = describe(x.kind, x.e), dy = describe(y.kind, y.e);
      const masksDiffer = x.e.prefix !== null && y.e.prefix !== null && x.e.prefix !== y.e.prefix;
      if (dx.replace(/ \/\d+$/, '') !== dy.replace(/ \/\d+$/, '') || masksDiffer) out.push({ at: x.e.at, message: `${x.e.address}: running ${dx}, the profile has ${dy} (${y.e.at.file}:${y.e.at.line})` });
    }
  }
  for (const [a, y] of p) if (!r.has(a)) out.push({ at: y.e.at, message: `${y.e.address}: the profile has ${describe(y.kind, y.e)}, the running configuration does not` });
  // a short-format report shows no distribution method: compare methods only when it does
  const withMethod = running.distributes.some((d) => d.distMethod !== null);
  const keyed = <T>(l: readonly T[], key: (t: T) => string): Map<string, T> => new Map(l.map((t) => [key(t), t]));
  const pairs: [string, Map<string, { at: SourcePos }>, Map<string, { at: SourcePos }>][] = [
    ['VIPARANGE', keyed(profile.ranges, rangeKey), keyed(running.ranges, rangeKey)],
    ['VIPADISTRIBUTE', keyed(profile.distributes, (x) => distKey(x, withMethod)), keyed(running.distributes, (x) => distKey(x, withMethod))],
    ['VIPAROUTE', keyed(profile.routes, (x) => `${addrKey(x.xcf)} -> ${addrKey(x.target)}`), keyed(running.routes, (x) => `${addrKey(x.xcf)} -> ${addrKey(x.target)}`)],
  ];
  for (const [what, pm, rm] of pairs) {
    for (const [k, v] of rm) if (!pm.has(k)) out.push({ at: v.at, message: `running ${what} ${k}, not in the profile` });
    for (const [k, v] of pm) if (!rm.has(k)) out.push({ at: v.at, message: `the profile has ${what} ${k}, the running configuration does not` });
  }
  return out;
}

/** D-266: IPv4 as a report may print it, an octet with a leading zero too (IBM's `9.67.240.02`, D-63). */
const isIPv4Text = (a: string): boolean => isIPv4(a) || zeroPaddedIPv4(a) !== null;
/**
 * D-214: an address as compared: IPv6 in its canonical form (a report prints IBM's 2001:0DB8:1::1, a
 * profile may write it otherwise); D-266: IPv4 with a leading-zero octet in its decimal reading, as
 * the profile parser reads it (D-63).
 */
const addrKey = (a: string): string => zeroPaddedIPv4(a) ?? (isIPv4(a) ? a : canonicalIPv6(a) ?? a);
const rangeKey = (x: RangeEntry): string => `${addrKey(x.address)}/${x.prefix ?? '?'} ${x.disruptive ? 'DISRUPTIVE' : 'NONDISRUPTIVE'}`;
const distKey = (x: DistributeEntry, withMethod: boolean): string =>
  `${addrKey(x.address)} port ${x.port ?? 'any'} to ${addrKey(x.xcf)}${withMethod ? ` ${x.distMethod ?? 'BASEWLM'}` : ''}${x.srvType ? ` ${x.srvType}${x.rank !== null ? ` ${x.rank}` : ''}` : ''}`;

/**
 * How much of two configurations agrees: the DVIPAs defined with the same kind (VIPADEFINE or
 * VIPABACKUP) on both; 0 unless that is more than half of the larger (a running configuration may
 * differ a little from its profile, but two systems' swapped define/backup pairs do not agree).
 */
export function agreement(a: VipaConfig, b: VipaConfig): number {
  const key = (c: VipaConfig): Set<string> => new Set([...c.defines.map((d) => `D ${addrKey(d.address)}`), ...c.backups.map((d) => `B ${addrKey(d.address)}`)]);
  const ka = key(a), kb = key(b);
  const common = [...ka].filter((x) => kb.has(x)).length;
  return common * 2 > Math.max(ka.size, kb.size) ? common : 0;
}

