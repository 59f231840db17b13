import type { DestTarget, Dvipa6Def, DistributeDef, DvipaDef, RangeDef, RouteDef, Severity, SourcePos } from './config.js';
import { ipv6HostBitsZero, ipv6Restriction, isContiguousMask, isUnicastIPv4 } from './ipv4.js';
import type { Token } from './profile-tokens.js';
import type { DistributeStatement, RangeStatement } from './vipa-other.js';
import type { Vipa6Statement, VipaStatement } from './vipa-statement.js';
import { ZOS } from './zos-limits.js';

/** One accepted statement of a VIPADYNAMIC block, in profile order. */
export type VipaItem =
  | { op: 'def'; stmt: VipaStatement; head: Token; text: string }
  | { op: 'def6'; stmt: Vipa6Statement; head: Token; text: string }
  | { op: 'delete'; addresses: readonly Token[]; intf: Token | null; head: Token }
  | { op: 'range'; stmt: RangeStatement; head: Token; text: string }
  | { op: 'distribute'; stmt: DistributeStatement; head: Token; text: string }
  | { op: 'route'; stmt: { op: 'define' | 'delete'; family: 'ipv4' | 'ipv6'; xcf: string; target: string }; head: Token; text: string };

export interface ResolvedDefinitions {
  readonly defs: readonly DvipaDef[];
  readonly ipv6Defs: readonly Dvipa6Def[];
  readonly ranges: readonly RangeDef[];
  readonly distributes: readonly DistributeDef[];
  readonly routes: readonly RouteDef[];
}

type Note = (severity: Severity, code: string, pos: SourcePos, message: string, hint?: string) => void;

const sameDef = (a: DvipaDef, b: DvipaDef): boolean =>
  a.kind === b.kind && a.moveable === b.moveable && a.rank === b.rank && a.cpcscope === b.cpcscope && a.mask === b.mask;
type Ports = readonly (readonly [number, number])[];
/** The ports a PORT list names (a range is one entry per port, at most 1024 a statement, D-151). */
const portList = (p: Ports): number[] => [...new Set(p.flatMap(([l, h]) => Array.from({ length: h - l + 1 }, (_, k) => l + k)))].sort((x, y) => x - y);
/** Ports back to a PORT list of ranges. */
const portRanges = (ns: readonly number[]): [number, number][] => {
  const out: [number, number][] = [];
  for (const n of ns) { const last = out[out.length - 1]; if (last && last[1] === n - 1) last[1] = n; else out.push([n, n]); }
  return out;
};
/** The same ports, however written (`80 81`, `81 80`, `80-81`: D-237); no PORT (every port) equals only itself. */
const samePorts = (a: Ports, b: Ports): boolean => portList(a).join() === portList(b).join();
const portsOverlap = (a: Ports, b: Ports): boolean =>
  a.length === 0 || b.length === 0 || a.some(([l, h]) => b.some(([l2, h2]) => l <= h2 && l2 <= h));
const portsText = (p: Ports): string => (p.length === 0 ? '' : ` PORT ${p.map(([l, h]) => (l === h ? `${l}` : `${l}-${h}`)).join(' ')}`);
const MASK_HINT = 'a plain VIPABACKUP has no mask; did you mean MOVEABLE IMMEDIATE mask addr?';

/**
 * Applies the accepted statements in order, as z/OS processes them at join: D-47 repeats, D-48
 * HOME/DYNAMICXCF conflicts, non-unicast addresses, VIPADELETE (IPv4 address or IPv6 interface
 * name), VIPARANGE/VIPAROUTE DELETE, and a VIPADISTRIBUTE only for a DVIPA this stack defines.
 */
export function resolveDefinitions(items: readonly VipaItem[], reserved: ReadonlySet<string>, note: Note): ResolvedDefinitions {
  const defs = new Map<string, DvipaDef>();
  const defs6 = new Map<string, Dvipa6Def>(); // by interface name
  let ranges: RangeDef[] = [];
  let distributes: DistributeDef[] = [];
  let routes: RouteDef[] = [];
  // D-90, D-331: z/OS rejects the VIPADEFINE and VIPABACKUP DVIPAs past its limit and goes on
  const full = (): boolean => defs.size + defs6.size >= ZOS.dvipasPerStack;
  const tooMany = (head: Token, over: readonly Token[]): void => {
    const rest = over.length > 1 ? ` and the ${over.length - 1} address(es) after it (up to ${over.at(-1)!.text})` : '';
    note('error', 'too-many-vipas', over[0]!.pos, `${over[0]!.text}${rest} of this ${head.upper}: the stack has ${ZOS.dvipasPerStack} DVIPAs (VIPADEFINE and VIPABACKUP) already, as many as z/OS allows: rejected (EZZ8309I TOO MANY VIPAS)`, 'define fewer DVIPAs on this stack (a VIPARANGE does not count), or VIPADELETE some first');
  };
  for (const item of items) {
    switch (item.op) {
      case 'delete': {
        const gone: string[] = [];
        for (const a of item.addresses) {
          if (!defs.delete(a.text)) note('warning', 'delete-undefined', a.pos, `VIPADELETE ${a.text}: no earlier definition in this profile`);
          else gone.push(a.text);
        }
        const six = item.intf ? defs6.get(item.intf.upper) : undefined;
        if (item.intf && !defs6.delete(item.intf.upper)) note('warning', 'delete-undefined', item.intf.pos, `VIPADELETE ${item.intf.text}: no earlier IPv6 definition with this interface name in this profile`);
        if (six) gone.push(six.address);
        // D-185: a VIPADISTRIBUTE belongs to a DVIPA of its own stack; deleting the DVIPA ends its distribution
        const orphans = distributes.filter((d) => gone.includes(d.address));
        if (orphans.length) {
          note('info', 'delete-distribution', item.head.pos, `VIPADELETE ${[...new Set(orphans.map((d) => d.address))].join(' ')} also ends the VIPADISTRIBUTE of line ${orphans.map((d) => d.pos.line).join(', ')}: a distribution needs its DVIPA defined on the stack`);
          distributes = distributes.filter((d) => !gone.includes(d.address));
        }
        break;
      }
      case 'def': {
        const s = item.stmt;
        if (s.mask === '0.0.0.0') note('warning', 'mask-zero', item.head.pos, `${item.head.text.toUpperCase()} with mask 0.0.0.0: the subnet of ${s.addresses.map((a) => a.text).join(' ')} is every IPv4 address, so its route is advertised as a default route (accepted, assumed; D-225)`, 'give the DVIPA\'s own subnet mask (255.255.255.255 for a host route)');
        const over: Token[] = [];
        s.addresses.forEach((a, k) => {
          if (reserved.has(a.text)) {
            note('error', 'home-conflict', a.pos, `${a.text} is already a HOME or DYNAMICXCF address of this stack: rejected from the statement (EZZ8307I)`, 'give the DVIPA an address of its own (none of the stack\'s HOME addresses, nor its DYNAMICXCF address)');
            return;
          }
          if (!isUnicastIPv4(a.text)) {
            const maskLike = s.kind === 'backup' && s.moveable === null && k === 0 && isContiguousMask(a.text);
            note('error', 'not-unicast', a.pos, `${a.text} is not a unicast address a DVIPA can have: rejected from the statement`, maskLike ? MASK_HINT : undefined);
            return;
          }
          const def: DvipaDef = { kind: s.kind, address: a.text, moveable: s.moveable, rank: s.rank, cpcscope: s.cpcscope, mask: s.mask, text: item.text, pos: item.head.pos };
          const old = defs.get(a.text);
          if (!old && full()) over.push(a);
          else if (!old) defs.set(a.text, def);
          else if (!sameDef(old, def)) {
            note('error', 'duplicate-definition', a.pos, `${a.text} is already defined in this profile (line ${old.pos.line}) differently and no VIPADELETE came first: rejected`);
          }
        });
        if (over.length > 0) tooMany(item.head, over);
        break;
      }
      case 'def6': {
        const s = item.stmt;
        if (reserved.has(s.address)) { // SEMANTICS §6, §12: as D-48 for IPv4
          note('error', 'home-conflict', s.at.pos, `${s.address} is already the IPCONFIG6 DYNAMICXCF address of this stack: rejected from the statement (EZZ8307I)`, 'give the DVIPA an address of its own (not the stack\'s IPCONFIG6 DYNAMICXCF address)');
          break;
        }
        const why = ipv6Restriction(s.address);
        if (why) { // D-155: the IPv6 side of D-64
          note('error', 'not-unicast', s.at.pos, `${s.address} is ${why}, not an address a DVIPA can have (z/OS accepts no such IPv6 address in the profile): rejected from the statement`);
          break;
        }
        if (s.prefix !== null && ipv6HostBitsZero(s.address, s.prefix)) {
          note('warning', 'prefix-as-address', s.at.pos, `${s.address}/${s.prefix} names its prefix, not a host: the DVIPA is ${s.address}, the prefix's subnet-router anycast address (RFC 4291 §2.6.1)`, `write the DVIPA's own address before /${s.prefix}${s.address.endsWith('::') ? ` (${s.address}1/${s.prefix}, say)` : ''}`);
        }
        const old = defs6.get(s.intf.upper) ?? [...defs6.values()].find((d) => d.address === s.address);
        const def: Dvipa6Def = { kind: s.kind, intf: s.intf.text, address: s.address, prefix: s.prefix, moveable: s.moveable, rank: s.rank, cpcscope: s.cpcscope, text: item.text, pos: item.head.pos };
        if (!old && full()) tooMany(item.head, [s.at]);
        else if (!old) defs6.set(s.intf.upper, def);
        else if (old.address !== def.address || old.intf.toUpperCase() !== def.intf.toUpperCase() || old.kind !== def.kind || old.rank !== def.rank) {
          note('error', 'duplicate-definition', s.at.pos, `IPv6 ${s.intf.text} ${s.address} clashes with the definition on line ${old.pos.line} and no VIPADELETE came first: rejected`);
        }
        break;
      }
      case 'range': {
        const s = item.stmt;
        const same = (r: RangeDef): boolean => r.address === s.address && r.mask === s.mask && r.prefix === s.prefix;
        if (s.op === 'delete') {
          if (!ranges.some(same)) note('warning', 'delete-undefined', item.head.pos, `VIPARANGE DELETE ${s.address}: no earlier VIPARANGE of it in this profile`);
          ranges = ranges.filter((r) => !same(r));
          break;
        }
        if (s.mask === '0.0.0.0' || s.prefix === 0) note('warning', 'mask-zero', item.head.pos, `VIPARANGE ${s.mask ?? `/${s.prefix}`} ${s.address}: the range is every ${s.family === 'ipv6' ? 'IPv6' : 'IPv4'} address, so any application bind can create a DVIPA on this stack (accepted, assumed; D-225)`, 'give the range\'s own subnet');
        const def: RangeDef = { family: s.family, moveable: s.moveable, mask: s.mask, prefix: s.prefix, address: s.address, intf: s.intf, saf: s.saf, text: item.text, pos: item.head.pos };
        // D-182: a VIPARANGE DEFINE of a subnet already defined modifies that range (the new
        // MOVEABLE and SAF values count), as z/OS does; it is not a second range of the subnet.
        const k = ranges.findIndex(same);
        if (k < 0) { ranges.push(def); break; }
        const old = ranges[k]!;
        if (old.moveable !== def.moveable || old.saf !== def.saf || old.intf !== def.intf) {
          note('info', 'range-replaced', item.head.pos, `VIPARANGE of ${s.address}${s.mask ? ` ${s.mask}` : `/${s.prefix}`} again: it replaces the one on line ${old.pos.line} (z/OS modifies the existing range)`);
        }
        ranges = ranges.map((r, j) => (j === k ? def : r));
        break;
      }
      case 'distribute': {
        const s = item.stmt;
        const address = s.family === 'ipv4' ? (defs.has(s.target.text) ? s.target.text : null) : defs6.get(s.target.upper)?.address ?? null;
        if (address === null) {
          note('error', 'distribute-undefined', s.target.pos, `VIPADISTRIBUTE for ${s.target.text}: this stack defines no such DVIPA (VIPADEFINE or VIPABACKUP before it): rejected`, `define ${s.target.text} on this stack first, or remove the VIPADISTRIBUTE`);
          break;
        }
        // D-237: DELETE removes, for the ports it names (every port of the statement when it names
        // none), the named targets (DESTIP ALL, or a statement of DESTIP ALL: every target); the
        // statement's other ports keep every target; a port left with no target is not distributed.
        // A statement without PORT (every port) is changed only by a DELETE without PORT.
        if (s.op === 'delete') {
          const del = s.ports.length ? new Set(portList(s.ports)) : null;
          const hit = (d: DistributeDef): boolean => d.address === address && (del === null || (d.ports.length > 0 && portList(d.ports).some((p) => del.has(p))));
          if (!distributes.some(hit)) {
            const every = del === null ? undefined : distributes.find((d) => d.address === address && d.ports.length === 0);
            note('warning', 'delete-undefined', item.head.pos, every
              ? `VIPADISTRIBUTE DELETE ${s.target.text}${portsText(s.ports)}: the VIPADISTRIBUTE of line ${every.pos.line} distributes every port (no PORT), which a DELETE naming ports does not change (D-237)`
              : `VIPADISTRIBUTE DELETE ${s.target.text}: no earlier VIPADISTRIBUTE of it${s.ports.length ? ' for these ports' : ''} in this profile`);
          }
          const gone = s.destip === 'ALL' ? null : new Set(s.destip.map((t) => t.xcf));
          distributes = distributes.flatMap((d) => {
            if (!hit(d)) return [d];
            const all = portList(d.ports);
            const rest = del === null ? [] : all.filter((p) => !del.has(p));
            const kept: DistributeDef[] = rest.length ? [{ ...d, ports: portRanges(rest) }] : [];
            if (gone === null || d.destip === 'ALL') return kept;
            const left = d.destip.filter((t) => !gone.has(t.xcf));
            return left.length ? [...kept, { ...d, ports: del === null ? d.ports : portRanges(all.filter((p) => del.has(p))), destip: left }] : kept;
          });
          break;
        }
        const def: DistributeDef = {
          family: s.family, address, intf: s.family === 'ipv6' ? s.target.text : null, method: s.method, ports: s.ports, destip: s.destip,
          autoSwitchBack: s.autoSwitchBack, healthSwitch: s.healthSwitch, text: item.text, pos: item.head.pos,
        };
        // D-224: a DVIPA's port is distributed by one definition; a repeat for the same ports adds targets
        const same = distributes.findIndex((d) => d.address === address && samePorts(d.ports, def.ports));
        const old = same >= 0 ? distributes[same]! : undefined;
        if (old && old.method === def.method && def.method !== 'HOTSTANDBY') {
          const merged = old.destip === 'ALL' || def.destip === 'ALL' ? 'ALL' as const : [...old.destip, ...def.destip.filter((t) => !(old.destip as readonly DestTarget[]).some((o) => o.xcf === t.xcf))];
          distributes = distributes.map((d, j) => (j === same ? { ...old, destip: merged } : d));
          note('info', 'distribute-merged', item.head.pos, `VIPADISTRIBUTE of ${s.target.text}${portsText(def.ports)} again: its DESTIP targets are added to those of line ${old.pos.line} (one distribution per DVIPA and port, D-224)`);
          break;
        }
        const first = distributes.find((d) => d.address === address && portsOverlap(d.ports, def.ports));
        if (first) note('warning', 'distribute-repeated', item.head.pos, `VIPADISTRIBUTE of ${s.target.text}${portsText(def.ports)}: ${first.ports.length === 0 ? 'every port' : 'a port'} of it is already distributed by line ${first.pos.line}${old ? (def.method === 'HOTSTANDBY' ? ' (HOTSTANDBY targets are not added to)' : ` with DISTMETHOD ${old.method}`) : ''}: that statement is used for ${first.ports.length === 0 || samePorts(first.ports, def.ports) ? 'them' : 'the ports both name'} (assumed, D-224)`, `VIPADISTRIBUTE DELETE ${s.target.text}${portsText(first.ports)} before it, or give one statement per DVIPA and port`);
        distributes.push(def);
        break;
      }
      case 'route': {
        const s = item.stmt;
        if (s.op === 'delete') routes = routes.filter((r) => r.xcf !== s.xcf);
        else {
          // D-182: one VIPAROUTE per target stack (DYNAMICXCF address, as DELETE names it): a later one replaces it.
          const old = routes.find((r) => r.xcf === s.xcf);
          if (old && old.target !== s.target) note('info', 'route-replaced', item.head.pos, `VIPAROUTE for ${s.xcf} again: target ${s.target} replaces ${old.target} of line ${old.pos.line}`);
          routes = [...routes.filter((r) => r.xcf !== s.xcf), { family: s.family, xcf: s.xcf, target: s.target, text: item.text, pos: item.head.pos }];
        }
        break;
      }
    }
  }
  return { defs: [...defs.values()], ipv6Defs: [...defs6.values()], ranges, distributes, routes };
}
