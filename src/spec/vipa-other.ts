import type { DestTarget, DistMethod } from './config.js';
import { isContiguousMask, isInterfaceName, isIPv4, looksIPv6, parseIPv6Prefixed } from './ipv4.js';
import { kw, matches, type Token } from './profile-tokens.js';
import { fail, mixesFamilies, type ParseOutcome } from './vipa-statement.js';

/** VIPARANGE, VIPADISTRIBUTE, VIPAROUTE, VIPASMPARMS and VIPADELETE, checked against IBM's diagrams (SEMANTICS §8). */

const DEFINE = kw('DEFINE'), DELETE = kw('DELETE', 'DELE'), MOVEABLE = kw('MOVEABLE', 'MOVE');
const NONDISRUPTIVE = kw('NONDISRUPTIVE', 'NONDISRUPT'), DISRUPTIVE = kw('DISRUPTIVE', 'DISRUPT'), SAF = kw('SAF');
const num = (t: Token | undefined, lo: number, hi: number): number | null =>
  t && /^\d+$/.test(t.text) && Number(t.text) >= lo && Number(t.text) <= hi ? Number(t.text) : null;

export interface RangeStatement {
  readonly op: 'define' | 'delete'; readonly family: 'ipv4' | 'ipv6'; readonly moveable: 'NONDISRUPTIVE' | 'DISRUPTIVE';
  readonly mask: string | null; readonly prefix: number | null; readonly address: string; readonly intf: string | null;
  readonly saf: string | null; readonly ignored: readonly Token[];
}

/** `VIPARange [DEFINE|DELEte] ([MOVEable NONDISRUPTive|DISRUPTive] mask addr | [MOVEable NONDISRUPTive] intfname addr[/prefix]) [SAF resname] [ZCX]`. */
export function parseRange(head: Token, ops: readonly Token[]): ParseOutcome<RangeStatement> {
  const mixed = mixesFamilies(ops);
  if (mixed) return fail(mixed, 'a statement holds IPv4 or IPv6 addresses, not both');
  let i = 0;
  let op: 'define' | 'delete' = 'define';
  if (ops[0] && (matches(ops[0].upper, DEFINE) || matches(ops[0].upper, DELETE))) { op = matches(ops[0].upper, DEFINE) ? 'define' : 'delete'; i++; }
  let moveable: 'NONDISRUPTIVE' | 'DISRUPTIVE' = 'NONDISRUPTIVE';
  let moveTok: Token | null = null;
  if (ops[i] && matches(ops[i]!.upper, MOVEABLE)) {
    const m = ops[i + 1];
    if (m && matches(m.upper, NONDISRUPTIVE)) moveable = 'NONDISRUPTIVE';
    else if (m && matches(m.upper, DISRUPTIVE)) moveable = 'DISRUPTIVE';
    else return fail(m ?? ops[i]!, `${ops[i]!.text} must be followed by NONDISRUPTIVE or DISRUPTIVE`);
    moveTok = m;
    i += 2;
  }
  const [a, b] = [ops[i], ops[i + 1]];
  if (!a || !b) return fail(a ?? ops[i - 1] ?? head, `${head.text} needs an address mask and an address (or an interface name and an IPv6 address)`);
  // Then [SAF resname] [ZCX] (ZCX: a range for z/OS Container Extensions, V2R4 and later).
  let saf: string | null = null;
  const rest = ops.slice(i + 2);
  const ignored: Token[] = [];
  if (rest[0] && matches(rest[0].upper, SAF)) {
    if (!rest[1]) return fail(rest[0], 'SAF needs a resource name');
    saf = rest[1].text;
    ignored.push(rest[0]);
    rest.splice(0, 2);
  }
  if (rest[0]?.upper === 'ZCX') ignored.push(rest.shift()!);
  if (rest.length > 0) return fail(rest[0]!, `'${rest[0]!.text}' is not expected here (only SAF resname and ZCX may follow the address)`);
  if (looksIPv6(b.text)) {
    if (!isInterfaceName(a.text)) return fail(a, `'${a.text}' is not an IPv6 interface name`);
    const p = parseIPv6Prefixed(b.text);
    if (!p) return fail(b, `'${b.text}' is not an IPv6 address with an optional prefix length 1..128`);
    if (moveable === 'DISRUPTIVE') return fail(moveTok, 'an IPv6 VIPARANGE is only MOVEABLE NONDISRUPTIVE');
    return { ok: true, value: { op, family: 'ipv6', moveable, mask: null, prefix: p.prefix, address: p.address, intf: a.text, saf, ignored } };
  }
  if (!isIPv4(a.text)) return fail(a, `'${a.text}' is not an IPv4 address mask (nor is '${b.text}' an IPv6 address after an interface name)`);
  if (!isContiguousMask(a.text)) return fail(a, `mask ${a.text} is not contiguous`);
  if (!isIPv4(b.text)) return fail(b, `'${b.text}' is not an IPv4 address`);
  return { ok: true, value: { op, family: 'ipv4', moveable, mask: a.text, prefix: null, address: b.text, intf: null, saf, ignored } };
}

/** `VIPAROUTE [DEFINE|DELEte] dynxcfip targetip`, both of one family. */
export function parseRoute(head: Token, ops: readonly Token[]): ParseOutcome<{ op: 'define' | 'delete'; family: 'ipv4' | 'ipv6'; xcf: string; target: string }> {
  const mixed = mixesFamilies(ops);
  if (mixed) return fail(mixed, 'a statement holds IPv4 or IPv6 addresses, not both');
  let i = 0;
  let op: 'define' | 'delete' = 'define';
  if (ops[0] && (matches(ops[0].upper, DEFINE) || matches(ops[0].upper, DELETE))) { op = matches(ops[0].upper, DEFINE) ? 'define' : 'delete'; i++; }
  const [x, t, extra] = ops.slice(i);
  if (!x || !t) return fail(x ?? head, `${head.text} needs a DYNAMICXCF address and a target address`);
  if (extra) return fail(extra, `'${extra.text}' is extra`);
  if (isIPv4(x.text) && isIPv4(t.text)) return { ok: true, value: { op, family: 'ipv4', xcf: x.text, target: t.text } };
  const px = parseIPv6Prefixed(x.text), pt = parseIPv6Prefixed(t.text);
  if (px && pt && px.prefix === null && pt.prefix === null) return { ok: true, value: { op, family: 'ipv6', xcf: px.address, target: pt.address } };
  const bad = isIPv4(x.text) || (px && px.prefix === null) ? t : x;
  return fail(bad, `'${bad.text}' is not an IP address`);
}

/** `VIPASMparms [SMMCAST mcastaddr] [SMPORT port] [SMPASSWORD password]` (MNLB service manager; IPv4 only). */
export function parseSmParms(head: Token, ops: readonly Token[]): ParseOutcome<null> {
  for (let i = 0; i < ops.length; i += 2) {
    const k = ops[i]!, v = ops[i + 1];
    if (k.upper === 'SMMCAST') { if (!v || !isIPv4(v.text) || Number(v.text.split('.')[0]) < 224 || Number(v.text.split('.')[0]) > 239) return fail(v ?? k, 'SMMCAST needs an IPv4 multicast address'); }
    else if (k.upper === 'SMPORT') { if (num(v, 1, 65535) === null) return fail(v ?? k, 'SMPORT needs a port 1..65535'); }
    else if (k.upper === 'SMPASSWORD') { if (!v) return fail(k, 'SMPASSWORD needs a password'); }
    else return fail(k, `'${k.text}' is not an operand of ${head.text} (SMMCAST, SMPORT, SMPASSWORD)`);
  }
  return { ok: true, value: null };
}

/** `VIPADELete ipv4_addr | ipv6_intfname` (several IPv4 addresses are accepted too, as before). */
export function parseDelete(head: Token, ops: readonly Token[]): ParseOutcome<{ addresses: readonly Token[]; intf: Token | null }> {
  if (ops.length === 0) return fail(head, `${head.text} needs an IPv4 address or an IPv6 interface name`);
  if (ops.some((t) => looksIPv6(t.text))) return fail(ops.find((t) => looksIPv6(t.text))!, 'VIPADELETE of an IPv6 DVIPA names its interface name, not its address');
  if (ops.length === 1 && !isIPv4(ops[0]!.text)) {
    if (isInterfaceName(ops[0]!.text)) return { ok: true, value: { addresses: [], intf: ops[0]! } };
    return fail(ops[0]!, `'${ops[0]!.text}' is neither an IPv4 address nor an interface name`);
  }
  const bad = ops.find((t) => !isIPv4(t.text));
  if (bad) return fail(bad, `'${bad.text}' is not an IPv4 address`);
  return { ok: true, value: { addresses: ops, intf: null } };
}

export { parseDistribute } from './vipa-distribute.js';
export type { DistributeStatement } from './vipa-distribute.js';
export type { DestTarget, DistMethod };
