import { isContiguousMask, isInterfaceName, isIPv4, looksIPv6, parseIPv6Prefixed } from './ipv4.js';
import { CPCSCOPE, IMMEDIATE, MOVEABLE, SERVICEMGR, TIER1, TIER2, WHENIDLE } from './profile-keywords.js';
import { matches, type Token } from './profile-tokens.js';
import type { Moveable } from './config.js';

/** A parsed IPv4 VIPADEFINE or VIPABACKUP (before the per-address checks of D-47/D-48). */
export interface VipaStatement {
  readonly family: 'ipv4';
  readonly kind: 'define' | 'backup';
  readonly moveable: Moveable | null;
  readonly rank: number;
  readonly cpcscope: boolean;
  readonly mask: string | null;
  readonly addresses: readonly Token[];
  /** SERVICEMGR was written (kept for NETSTAT VIPADCFG comparison; not modelled). */
  readonly servicemgr: boolean;
  /** TIER1 / TIER2 / SERVICEMGR as written: accepted, not modelled (info). */
  readonly ignored: readonly Token[];
}

/** A parsed IPv6 VIPADEFINE or VIPABACKUP (SEMANTICS §12): one interface name, one address. */
export interface Vipa6Statement {
  readonly family: 'ipv6';
  readonly kind: 'define' | 'backup';
  readonly moveable: 'IMMEDIATE' | null;
  readonly rank: number;
  readonly cpcscope: boolean;
  readonly intf: Token;
  readonly address: string;
  readonly prefix: number | null;
  readonly at: Token;
  readonly ignored: readonly Token[];
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; at: Token | null; message: string };

export const fail = (at: Token | null, message: string): ParseOutcome<never> => ({ ok: false, at, message });

/** IBM: "a single statement must contain either IPv4 addresses or IPv6 addresses, but not both". */
export function mixesFamilies(ops: readonly Token[]): Token | null {
  const v6 = ops.find((t) => looksIPv6(t.text));
  const v4 = ops.find((t) => isIPv4(t.text));
  return v6 && v4 ? (ops.indexOf(v6) > ops.indexOf(v4) ? v6 : v4) : null;
}

/**
 * Options in the order of the syntax diagram (SEMANTICS §7, §12); an option met after a later one
 * is "out of order" (D-46). The IPv6 form follows MOVEABLE IMMEDIATE (or nothing) with an
 * interface name; IPv6 has no WHENIDLE, no mask, no SERVICEMGR.
 */
export function parseVipaStatement(kind: 'define' | 'backup', head: Token, ops: readonly Token[]): ParseOutcome<VipaStatement | Vipa6Statement> {
  const mixed = mixesFamilies(ops);
  const v4 = ops.find((t) => isIPv4(t.text));
  if (mixed && v4 && mixed !== v4 && isContiguousMask(v4.text) && ops.filter((t) => isIPv4(t.text)).length === 1) return fail(v4, `'${v4.text}' looks like a mask: an IPv6 DVIPA has no mask, it has an interface name (SEMANTICS §12)`);
  if (mixed) return fail(mixed, 'a statement holds IPv4 or IPv6 addresses, not both');
  let i = 0;
  let rank = kind === 'backup' ? 1 : 0;
  if (kind === 'backup' && ops[0] && /^[+-]?\d+$/.test(ops[0].text)) {
    rank = Number(ops[0].text);
    if (!(rank >= 1 && rank <= 254)) return fail(ops[0], `rank ${ops[0].text} is outside 1..254`);
    i = 1;
  }
  let slot = 0; // 1 tier, 2 cpcscope, 3 moveable, 4 servicemgr
  let cpcscope = false;
  let moveable: Moveable | null = null;
  let moveTok: Token | null = null;
  const ignored: Token[] = [];
  const order = (t: Token, s: number): string | null => (s <= slot ? `option ${t.text} is out of order` : ((slot = s), null));
  for (; i < ops.length; i++) {
    const t = ops[i]!;
    const u = t.upper;
    let err: string | null;
    if (matches(u, TIER1) || matches(u, TIER2)) { err = order(t, 1); ignored.push(t); }
    else if (matches(u, CPCSCOPE)) { err = order(t, 2); cpcscope = true; }
    else if (matches(u, MOVEABLE)) {
      err = order(t, 3);
      const next = ops[i + 1];
      if (!err) {
        if (next && matches(next.upper, IMMEDIATE)) moveable = 'IMMEDIATE';
        else if (next && matches(next.upper, WHENIDLE)) moveable = 'WHENIDLE';
        else return fail(next ?? t, `${t.text} must be followed by IMMEDIATE or WHENIDLE${ops.some((x) => looksIPv6(x.text)) ? ' (an IPv6 DVIPA: IMMEDIATE only)' : ''}`);
        moveTok = next;
        i++;
      }
    } else if (matches(u, SERVICEMGR)) {
      err = order(t, 4);
      if (!err && kind === 'backup' && moveable === null) return fail(t, 'SERVICEMGR is allowed on VIPABACKUP only with MOVEABLE');
      ignored.push(t);
    } else break;
    if (err) return fail(t, err);
  }
  if (ops.slice(i).some((t) => looksIPv6(t.text))) return ipv6Form(kind, head, ops.slice(i), { rank, cpcscope, moveable, moveTok, ignored, servicemgr: slot === 4 });
  const needsMask = kind === 'define' || moveable !== null;
  let mask: string | null = null;
  if (needsMask) {
    const m = ops[i];
    if (!m) return fail(head, `${head.text} needs an address mask and at least one address`);
    if (!isIPv4(m.text)) return fail(m, `'${m.text}' is not an IPv4 address mask`);
    if (!isContiguousMask(m.text)) return fail(m, `mask ${m.text} is not contiguous`);
    mask = m.text;
    i++;
  }
  const addresses = ops.slice(i);
  if (addresses.length === 0) return fail(ops[i - 1] ?? head, `${head.text} needs at least one address`);
  for (const a of addresses) if (!isIPv4(a.text)) return fail(a, `'${a.text}' is not an IPv4 address`);
  return { ok: true, value: { family: 'ipv4', kind, moveable: kind === 'define' ? moveable ?? 'IMMEDIATE' : moveable, rank, cpcscope, mask, addresses, servicemgr: slot === 4, ignored } };
}

interface Head { rank: number; cpcscope: boolean; moveable: Moveable | null; moveTok: Token | null; ignored: Token[]; servicemgr: boolean }

/** `intfname addr[/prefix]` after the options (SEMANTICS §12). */
function ipv6Form(kind: 'define' | 'backup', head: Token, rest: readonly Token[], h: Head): ParseOutcome<Vipa6Statement> {
  if (h.moveable === 'WHENIDLE') return fail(h.moveTok, 'an IPv6 DVIPA is only MOVEABLE IMMEDIATE (no WHENIDLE)');
  if (h.servicemgr) return fail(h.ignored[h.ignored.length - 1]!, 'SERVICEMGR is IPv4 only');
  const [intf, addr, ...more] = rest;
  if (!intf || !isInterfaceName(intf.text)) return fail(intf ?? head, intf && isIPv4(intf.text) ? `'${intf.text}' looks like a mask: an IPv6 DVIPA has no mask, it has an interface name` : `${head.text} needs an interface name before an IPv6 address`);
  if (!addr) return fail(intf, `${head.text} needs an IPv6 address after the interface name ${intf.text}`);
  const parsed = parseIPv6Prefixed(addr.text);
  if (!parsed) return fail(addr, `'${addr.text}' is not an IPv6 address${addr.text.includes('/') ? ' with a prefix length 1..128' : ''}`);
  if (kind === 'backup' && h.moveable === null && parsed.prefix !== null) return fail(addr, 'a plain IPv6 VIPABACKUP has no prefix length');
  if (more.length > 0) return fail(more[0]!, `one IPv6 address per ${head.text}; '${more[0]!.text}' is extra`);
  return {
    ok: true,
    value: {
      family: 'ipv6', kind, moveable: kind === 'define' || h.moveable ? 'IMMEDIATE' : null, rank: h.rank, cpcscope: h.cpcscope,
      intf, address: parsed.address, prefix: parsed.prefix, at: addr, ignored: h.ignored,
    },
  };
}
