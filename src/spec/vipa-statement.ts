import { isContiguousMask, isIPv4, looksIPv6 } from './ipv4.js';
import { CPCSCOPE, IMMEDIATE, MOVEABLE, SERVICEMGR, TIER1, TIER2, WHENIDLE } from './profile-keywords.js';
import { matches, type Token } from './profile-tokens.js';
import type { Moveable } from './config.js';

/** A parsed VIPADEFINE or VIPABACKUP (before the per-address checks of D-47/D-48). */
export interface VipaStatement {
  readonly kind: 'define' | 'backup';
  readonly moveable: Moveable | null;
  readonly rank: number;
  readonly cpcscope: boolean;
  readonly mask: string | null;
  readonly addresses: readonly Token[];
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; ipv6: true } | { ok: false; ipv6?: false; at: Token | null; message: string };

const fail = (at: Token | null, message: string): ParseOutcome<never> => ({ ok: false, at, message });

/**
 * Options in the order of the syntax diagram (SEMANTICS §7); an option met after a later one is
 * "out of order" (D-46).
 */
export function parseVipaStatement(kind: 'define' | 'backup', head: Token, ops: readonly Token[]): ParseOutcome<VipaStatement> {
  if (ops.some((t) => looksIPv6(t.text))) return { ok: false, ipv6: true };
  let i = 0;
  let rank = kind === 'backup' ? 1 : 0;
  if (kind === 'backup' && ops[0] && /^[+-]?\d+$/.test(ops[0].text) && !isIPv4(ops[0].text)) {
    rank = Number(ops[0].text);
    if (!(rank >= 1 && rank <= 254)) return fail(ops[0], `rank ${ops[0].text} is outside 1..254`);
    i = 1;
  }
  let slot = 0; // 1 tier, 2 cpcscope, 3 moveable, 4 servicemgr
  let cpcscope = false;
  let moveable: Moveable | null = null;
  const order = (t: Token, s: number): string | null => (s <= slot ? `option ${t.text} is out of order` : ((slot = s), null));
  for (; i < ops.length; i++) {
    const t = ops[i]!;
    const u = t.upper;
    let err: string | null;
    if (matches(u, TIER1) || matches(u, TIER2)) err = order(t, 1);
    else if (matches(u, CPCSCOPE)) { err = order(t, 2); cpcscope = true; }
    else if (matches(u, MOVEABLE)) {
      err = order(t, 3);
      const next = ops[i + 1];
      if (!err) {
        if (next && matches(next.upper, IMMEDIATE)) moveable = 'IMMEDIATE';
        else if (next && matches(next.upper, WHENIDLE)) moveable = 'WHENIDLE';
        else return fail(next ?? t, `${t.text} must be followed by IMMEDIATE or WHENIDLE`);
        i++;
      }
    } else if (matches(u, SERVICEMGR)) {
      err = order(t, 4);
      if (!err && kind === 'backup' && moveable === null) return fail(t, 'SERVICEMGR is allowed on VIPABACKUP only with MOVEABLE');
    } else break;
    if (err) return fail(t, err);
  }
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
  return { ok: true, value: { kind, moveable: kind === 'define' ? moveable ?? 'IMMEDIATE' : moveable, rank, cpcscope, mask, addresses } };
}
