import type { JoinMode, Severity, SourcePos } from './config.js';
import { canonicalIPv6, isIPv4, looksIPv6, parseIPv6Prefixed } from './ipv4.js';
import { SYSPLEXMONITOR } from './profile-keywords.js';
import { matches, type Token } from './profile-tokens.js';

/** The top-level statements the model reads: GLOBALCONFIG SYSPLEXMONITOR and IPCONFIG DYNAMICXCF. */
export interface TopSettings {
  join: JoinMode;
  recovery: boolean;
  autorejoin: boolean;
  dynamicXcf: boolean;
  readonly xcfAddresses: string[];
  /** IPCONFIG6 DYNAMICXCF (SEMANTICS §12): on/off and the last address given. */
  dynamicXcf6: boolean;
  readonly xcf6Addresses: string[];
}

type Note = (severity: Severity, code: string, pos: SourcePos, message: string) => void;

const SYSPLEX_SUBOPTIONS = new Set(['DELAYJOIN', 'NODELAYJOIN', 'NOJOIN', 'RECOVERY', 'NORECOVERY', 'AUTOREJOIN',
  'NOAUTOREJOIN', 'TIMERSECS', 'MONINTERFACE', 'NOMONINTERFACE', 'DYNROUTE', 'NODYNROUTE']);

export function globalConfig(p: TopSettings, ops: readonly Token[]): void {
  for (let j = 0; j < ops.length; j++) {
    if (!matches(ops[j]!.upper, SYSPLEXMONITOR)) continue;
    for (j++; j < ops.length && SYSPLEX_SUBOPTIONS.has(ops[j]!.upper); j++) {
      const u = ops[j]!.upper;
      if (u === 'DELAYJOIN' || u === 'NODELAYJOIN' || u === 'NOJOIN') p.join = u; // D-49: last wins
      else if (u === 'RECOVERY' || u === 'NORECOVERY') p.recovery = u === 'RECOVERY';
      else if (u === 'AUTOREJOIN' || u === 'NOAUTOREJOIN') p.autorejoin = u === 'AUTOREJOIN';
      else if (u === 'TIMERSECS' && /^\d+$/.test(ops[j + 1]?.text ?? '')) j++;
    }
    j--;
  }
}

/** One DYNAMICXCF operand: the address (IPv4 or canonical IPv6) and how many operands it used, or an error message. */
type XcfOperand = { addr: string; used: number } | { error: string };

function xcf4(ops: readonly Token[], j: number): XcfOperand {
  const a = ops[j]!;
  const [ip, bits] = a.text.split('/');
  if (looksIPv6(a.text)) return { error: 'DYNAMICXCF needs an IPv4 address; IPCONFIG statement rejected' };
  if (!isIPv4(ip!) || (bits !== undefined && !/^\d+$/.test(bits))) return { error: `'${a.text}' is not an IPv4 address; IPCONFIG statement rejected` };
  let used = 1;
  if (bits === undefined && ops[j + used] && (isIPv4(ops[j + used]!.text) || /^\/\d+$/.test(ops[j + used]!.text))) used++; // mask
  if (ops[j + used] && /^\d+$/.test(ops[j + used]!.text)) used++; // cost
  return { addr: ip!, used };
}

function xcf6(ops: readonly Token[], j: number): XcfOperand {
  const parsed = parseIPv6Prefixed(ops[j]!.text);
  const addr = parsed ? canonicalIPv6(parsed.address) : null;
  if (!addr) return { error: `DYNAMICXCF needs an IPv6 address, not '${ops[j]!.text}'; IPCONFIG6 statement rejected` };
  return { addr, used: ops[j + 1]?.upper === 'INTFID' && ops[j + 2] ? 3 : 1 };
}

/**
 * IPCONFIG ... DYNAMICXCF ip (mask | /bits) cost | NODYNAMICXCF, and IPCONFIG6 ... DYNAMICXCF
 * addr[/prefix] [INTFID id] | NODYNAMICXCF (SEMANTICS §12); a bad operand rejects the statement;
 * the last statement wins (D-16).
 */
export function ipConfig(p: TopSettings, ops: readonly Token[], note: Note, family: 'ipv4' | 'ipv6' = 'ipv4'): void {
  let xcf: boolean | null = null;
  let addr: string | null = null;
  for (let j = 0; j < ops.length; j++) {
    const u = ops[j]!.upper;
    if (u === 'NODYNAMICXCF') { xcf = false; continue; }
    if (u !== 'DYNAMICXCF') continue;
    const r: XcfOperand = !ops[j + 1]
      ? { error: `DYNAMICXCF needs an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address; ${family === 'ipv4' ? 'IPCONFIG' : 'IPCONFIG6'} statement rejected` }
      : (family === 'ipv4' ? xcf4 : xcf6)(ops, j + 1);
    if ('error' in r) { note('error', 'bad-statement', (ops[j + 1] ?? ops[j]!).pos, r.error); return; }
    j += r.used;
    xcf = true;
    addr = r.addr;
  }
  if (family === 'ipv4') {
    if (addr) p.xcfAddresses.push(addr);
    if (xcf !== null) p.dynamicXcf = xcf;
  } else {
    if (addr) p.xcf6Addresses.push(addr);
    if (xcf !== null) p.dynamicXcf6 = xcf;
  }
}
