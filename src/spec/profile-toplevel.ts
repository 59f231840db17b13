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

/** IPCONFIG ... DYNAMICXCF ip (mask | /bits) cost | NODYNAMICXCF; a bad operand rejects the statement. */
export function ipConfig(p: TopSettings, ops: readonly Token[], note: Note): void {
  let xcf: boolean | null = null;
  let addr: string | null = null;
  for (let j = 0; j < ops.length; j++) {
    const u = ops[j]!.upper;
    if (u === 'NODYNAMICXCF') { xcf = false; continue; }
    if (u !== 'DYNAMICXCF') continue;
    const a = ops[j + 1];
    const [ip, bits] = (a?.text ?? '').split('/');
    if (!a || looksIPv6(a.text)) { note('error', 'bad-statement', (a ?? ops[j]!).pos, 'DYNAMICXCF needs an IPv4 address; IPCONFIG statement rejected'); return; }
    if (!isIPv4(ip!) || (bits !== undefined && !/^\d+$/.test(bits))) {
      note('error', 'bad-statement', a.pos, `'${a.text}' is not an IPv4 address; IPCONFIG statement rejected`);
      return;
    }
    j++;
    if (bits === undefined && ops[j + 1] && (isIPv4(ops[j + 1]!.text) || /^\/\d+$/.test(ops[j + 1]!.text))) j++;
    if (ops[j + 1] && /^\d+$/.test(ops[j + 1]!.text)) j++;
    xcf = true;
    addr = ip!;
  }
  if (addr) p.xcfAddresses.push(addr);
  if (xcf !== null) p.dynamicXcf = xcf; // D-16: last IPCONFIG wins
}

/** IPCONFIG6 ... DYNAMICXCF addr[/prefix] [INTFID id] | NODYNAMICXCF; a bad operand rejects the statement. */
export function ipConfig6(p: TopSettings, ops: readonly Token[], note: Note): void {
  let xcf: boolean | null = null;
  let addr: string | null = null;
  for (let j = 0; j < ops.length; j++) {
    const u = ops[j]!.upper;
    if (u === 'NODYNAMICXCF') { xcf = false; continue; }
    if (u !== 'DYNAMICXCF') continue;
    const a = ops[j + 1];
    const parsed = a ? parseIPv6Prefixed(a.text) : null;
    const canon = parsed ? canonicalIPv6(parsed.address) : null;
    if (!a || !canon) { note('error', 'bad-statement', (a ?? ops[j]!).pos, `DYNAMICXCF needs an IPv6 address${a ? `, not '${a.text}'` : ''}; IPCONFIG6 statement rejected`); return; }
    j++;
    if (ops[j + 1]?.upper === 'INTFID' && ops[j + 2]) j += 2;
    xcf = true;
    addr = canon;
  }
  if (addr) p.xcf6Addresses.push(addr);
  if (xcf !== null) p.dynamicXcf6 = xcf; // last IPCONFIG6 wins, as D-16 for IPCONFIG
}
