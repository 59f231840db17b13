// Long because a profile's VIPADYNAMIC statements and a NETSTAT VIPADCFG report meet here in one shape,
// with the writer back to statements and the comparison of the two (SPEC §5, D-100..D-109).
import type { SourcePos } from '../spec/config.js';
import { isContiguousMask, isIPv4, looksIPv6 } from '../spec/ipv4.js';
import {
  ENDVIPADYNAMIC, VIPABACKUP, VIPADEFINE, VIPADELETE, VIPADISTRIBUTE, VIPADYNAMIC, VIPARANGE, VIPAROUTE, VIPA_BLOCK_STATEMENTS,
} from '../spec/profile-keywords.js';
import { findKeyword, matches, type Token } from '../spec/profile-tokens.js';
import { parseVipaStatement } from '../spec/vipa-statement.js';
import { maskOf, prefixOfMask, splitPrefix } from './report-text.js';

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

const isAddr = (s: string): boolean => isIPv4(splitPrefix(s).address) || looksIPv6(s);

/** The VIPADYNAMIC statements of a tokenised (expanded) profile, as one VipaConfig. */
export function scanProfileVipa(toks: readonly Token[]): VipaConfig {
  const c = { backups: [] as BackupEntry[], defines: [] as DefineEntry[], ranges: [] as RangeEntry[], distributes: [] as DistributeEntry[], routes: [] as RouteEntry[] };
  let i = 0;
  const blockEnd = (t: Token): boolean => matches(t.upper, ENDVIPADYNAMIC) || findKeyword(t.upper, VIPA_BLOCK_STATEMENTS) !== undefined;
  while (i < toks.length) {
    if (!matches(toks[i]!.upper, VIPADYNAMIC)) { i++; continue; }
    for (i++; i < toks.length && !matches(toks[i]!.upper, ENDVIPADYNAMIC);) {
      const head = toks[i++]!;
      const ops: Token[] = [];
      while (i < toks.length && !blockEnd(toks[i]!)) ops.push(toks[i++]!);
      const k = findKeyword(head.upper, VIPA_BLOCK_STATEMENTS);
      if (k === VIPADEFINE || k === VIPABACKUP) definition(c, k === VIPADEFINE ? 'define' : 'backup', head, ops);
      else if (k === VIPADELETE) {
        const gone = new Set(ops.map((t) => t.upper));
        const keep = <T extends Addr>(l: T[]): T[] => l.filter((d) => !gone.has(d.address.toUpperCase()) && !gone.has((d.intf ?? '#').toUpperCase()));
        c.defines = keep(c.defines); c.backups = keep(c.backups);
      } else if (k === VIPARANGE) range(c, head, ops);
      else if (k === VIPADISTRIBUTE) distribute(c, head, ops);
      else if (k === VIPAROUTE) {
        const a = ops.filter((t) => isAddr(t.text));
        const del = ops.some((t) => matches(t.upper, { full: 'DELETE', min: 'DELE' }));
        if (a.length >= 2) {
          c.routes = c.routes.filter((r) => r.xcf !== a[0]!.text);
          if (!del) c.routes.push({ xcf: a[0]!.text, target: a[1]!.text, at: head.pos });
        }
      }
    }
    i++;
  }
  return c;
}

function definition(c: { defines: DefineEntry[]; backups: BackupEntry[] }, kind: 'define' | 'backup', head: Token, ops: readonly Token[]): void {
  const r = parseVipaStatement(kind, head, ops);
  if (r.ok && r.value.family === 'ipv4') { // the IPv6 form (family 'ipv6') is read below
    const s = r.value;
    for (const a of s.addresses) {
      const base = { address: a.text, intf: null, prefix: s.mask ? prefixOfMask(s.mask) : null, mask: s.mask, at: head.pos };
      if (kind === 'define') c.defines.push({ ...base, moveable: s.moveable ?? 'IMMEDIATE', srvmgr: ops.some((t) => t.upper === 'SERVICEMGR'), cpcscope: s.cpcscope });
      else c.backups.push({ ...base, rank: s.rank, moveable: s.moveable, srvmgr: ops.some((t) => t.upper === 'SERVICEMGR') });
    }
    return;
  }
  // IPv6: [rank] [TIER1|TIER2] [CPCSCOPE] [MOVEABLE IMMEDIATE] intfname addr[/prefix]
  const v6 = ops.findIndex((t) => looksIPv6(t.text));
  if (v6 < 1) return;
  const { address, prefix } = splitPrefix(ops[v6]!.text);
  const intf = ops[v6 - 1]!.text;
  const rank = kind === 'backup' && /^\d+$/.test(ops[0]!.text) ? Number(ops[0]!.text) : 1;
  const moveable = ops.some((t) => matches(t.upper, { full: 'MOVEABLE', min: 'MOVE' })) ? 'IMMEDIATE' : null;
  const base = { address, intf, prefix, mask: null, at: head.pos };
  if (kind === 'define') c.defines.push({ ...base, moveable: 'IMMEDIATE', srvmgr: false, cpcscope: ops.some((t) => t.upper === 'CPCSCOPE') });
  else c.backups.push({ ...base, rank, moveable, srvmgr: false });
}

function range(c: { ranges: RangeEntry[] }, head: Token, ops: readonly Token[]): void {
  const del = ops.some((t) => matches(t.upper, { full: 'DELETE', min: 'DELE' }));
  const disruptive = ops.some((t) => matches(t.upper, { full: 'DISRUPTIVE', min: 'DISRUPT' }));
  const v6 = ops.findIndex((t) => looksIPv6(t.text));
  let entry: RangeEntry | null = null;
  if (v6 >= 1) {
    const { address, prefix } = splitPrefix(ops[v6]!.text);
    entry = { address, intf: ops[v6 - 1]!.text, prefix, mask: null, disruptive, at: head.pos };
  } else {
    const a = ops.filter((t) => isIPv4(t.text));
    if (a.length >= 2 && isContiguousMask(a[0]!.text)) entry = { address: a[1]!.text, intf: null, prefix: prefixOfMask(a[0]!.text), mask: a[0]!.text, disruptive, at: head.pos };
  }
  if (!entry) return;
  c.ranges = c.ranges.filter((r) => r.address !== entry!.address);
  if (!del) c.ranges.push(entry);
}

function distribute(c: { distributes: DistributeEntry[] }, head: Token, ops: readonly Token[]): void {
  let j = 0;
  let del = false, sysplexPorts = false, timedAff: number | null = null, distMethod: string | null = null;
  let autoSwitchBack: boolean | null = null, healthSwitch: boolean | null = null;
  for (; j < ops.length && !isAddr(ops[j]!.text); j++) {
    const u = ops[j]!.upper;
    if (matches(u, { full: 'DELETE', min: 'DELE' })) del = true;
    else if (u === 'SYSPLEXPORTS') sysplexPorts = true;
    else if (u === 'TIMEDAFF' && /^\d+$/.test(ops[j + 1]?.text ?? '')) timedAff = Number(ops[++j]!.text);
    else if (matches(u, { full: 'DISTMETHOD', min: 'DISTM' }) && ops[j + 1]) distMethod = distMethodName(ops[++j]!.upper);
    else if (u === 'AUTOSWITCHBACK' || u === 'NOAUTOSWITCHBACK') autoSwitchBack = u === 'AUTOSWITCHBACK';
    else if (u === 'HEALTHSWITCH' || u === 'NOHEALTHSWITCH') healthSwitch = u === 'HEALTHSWITCH';
  }
  const dv = ops[j];
  if (!dv) return;
  const address = splitPrefix(dv.text).address;
  const ports: (number | null)[] = [];
  const dests: { xcf: string; srvType: 'PREFERRED' | 'BACKUP' | null; rank: number | null }[] = [];
  let mode: 'none' | 'port' | 'dest' = 'none';
  for (j++; j < ops.length; j++) {
    const t = ops[j]!;
    if (t.upper === 'PORT') { mode = 'port'; continue; }
    if (t.upper === 'DESTIP') { mode = 'dest'; continue; }
    if (t.upper === 'PROCTYPE' || t.upper === 'GRE' || t.upper === 'ENCAP' || t.upper === 'CONTROLPORT') mode = 'none';
    if (mode === 'port' && /^\d+$/.test(t.text)) ports.push(Number(t.text));
    else if (mode === 'dest') {
      if (t.upper === 'ALL') dests.push({ xcf: 'ALL', srvType: null, rank: null });
      else if (isAddr(t.text)) dests.push({ xcf: t.text, srvType: null, rank: null });
      else if (t.upper === 'PREFERRED' && dests.length) dests[dests.length - 1]!.srvType = 'PREFERRED';
      else if (t.upper === 'BACKUP' && dests.length) {
        dests[dests.length - 1]!.srvType = 'BACKUP';
        if (/^\d+$/.test(ops[j + 1]?.text ?? '')) dests[dests.length - 1]!.rank = Number(ops[++j]!.text);
      } else if (t.upper === 'WEIGHT') j++;
    }
  }
  if (ports.length === 0) ports.push(null);
  c.distributes = c.distributes.filter((d) => !(d.address === address && ports.includes(d.port)));
  if (del) return;
  for (const port of ports) {
    for (const d of dests) c.distributes.push({ address, intf: null, port, xcf: d.xcf, sysplexPorts, timedAff, distMethod, srvType: d.srvType, rank: d.rank, autoSwitchBack, healthSwitch, at: head.pos });
  }
}

const DIST_METHODS = ['BASEWLM', 'SERVERWLM', 'ROUNDROBIN', 'WEIGHTEDACTIVE', 'HOTSTANDBY', 'TARGCONTROLLED'];
function distMethodName(u: string): string {
  return DIST_METHODS.find((m) => m === u) ?? DIST_METHODS.find((m) => m.startsWith(u) && u.length >= 5) ?? u;
}

/** The mask of an entry: its own, or from its prefix length (a host mask when the report shows none, D-103). */
const maskFor = (e: Addr): string => e.mask ?? maskOf(e.prefix ?? 32);

/**
 * The profile statements equivalent to a configuration, each with a `;` comment naming where its
 * entry came from; DESTIPs of the same DVIPA, options and targets share a statement over ports.
 */
export function toStatements(c: VipaConfig, where: (at: SourcePos) => string): string[] {
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
  for (const s of distributeStatements(c.distributes)) line(s.text, s.at);
  for (const r of c.routes) line(`VIPAROUTE DEFINE ${r.xcf} ${r.target}`, r.at);
  out.push('ENDVIPADYNAMIC');
  return out;
}

function distributeStatements(list: readonly DistributeEntry[]): { text: string; at: SourcePos }[] {
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
    return { text: `VIPADISTRIBUTE DEFINE ${opts ? `${opts} ` : ''}${head.address}${portText} DESTIP ${targets}`, at: head.at };
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
      ...c.defines.map((e): [string, { kind: string; e: DefineEntry }] => [e.address.toLowerCase(), { kind: 'define', e }]),
      ...c.backups.map((e): [string, { kind: string; e: BackupEntry }] => [e.address.toLowerCase(), { kind: 'backup', e }]),
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
    ['VIPAROUTE', keyed(profile.routes, (x) => `${x.xcf} -> ${x.target}`), keyed(running.routes, (x) => `${x.xcf} -> ${x.target}`)],
  ];
  for (const [what, pm, rm] of pairs) {
    for (const [k, v] of rm) if (!pm.has(k)) out.push({ at: v.at, message: `running ${what} ${k}, not in the profile` });
    for (const [k, v] of pm) if (!rm.has(k)) out.push({ at: v.at, message: `the profile has ${what} ${k}, the running configuration does not` });
  }
  return out;
}

const rangeKey = (x: RangeEntry): string => `${x.address.toLowerCase()}/${x.prefix ?? '?'} ${x.disruptive ? 'DISRUPTIVE' : 'NONDISRUPTIVE'}`;
const distKey = (x: DistributeEntry, withMethod: boolean): string =>
  `${x.address.toLowerCase()} port ${x.port ?? 'any'} to ${x.xcf}${withMethod ? ` ${x.distMethod ?? 'BASEWLM'}` : ''}${x.srvType ? ` ${x.srvType}${x.rank !== null ? ` ${x.rank}` : ''}` : ''}`;

/**
 * How much of two configurations agrees: the DVIPAs defined with the same kind (VIPADEFINE or
 * VIPABACKUP) on both; 0 unless that is more than half of the larger (a running configuration may
 * differ a little from its profile, but two systems' swapped define/backup pairs do not agree).
 */
export function agreement(a: VipaConfig, b: VipaConfig): number {
  const key = (c: VipaConfig): Set<string> => new Set([...c.defines.map((d) => `D ${d.address.toLowerCase()}`), ...c.backups.map((d) => `B ${d.address.toLowerCase()}`)]);
  const ka = key(a), kb = key(b);
  const common = [...ka].filter((x) => kb.has(x)).length;
  return common * 2 > Math.max(ka.size, kb.size) ? common : 0;
}

