import type { JoinMode, Severity, SourcePos, StatementRef } from './config.js';
import { canonicalIPv6, ipv6Restriction, isContiguousMask, isIPv4, isUnicastIPv4, looksIPv6 } from './ipv4.js';
import { SYSPLEXMONITOR } from './profile-keywords.js';
import { findKeyword, kw, type Keyword, type Token } from './profile-tokens.js';

/** The top-level statements the model reads: GLOBALCONFIG SYSPLEXMONITOR and IPCONFIG DYNAMICXCF. */
export interface TopSettings {
  join: JoinMode;
  recovery: boolean;
  autorejoin: boolean;
  /** D-181: the GLOBALCONFIG statements that set join and recovery last. */
  joinAt: StatementRef | null;
  recoveryAt: StatementRef | null;
  dynamicXcf: boolean;
  readonly xcfAddresses: string[];
  /** IPCONFIG6 DYNAMICXCF (SEMANTICS §12): on/off and the last address given. */
  dynamicXcf6: boolean;
  readonly xcf6Addresses: string[];
}

type Note = (severity: Severity, code: string, pos: SourcePos, message: string, hint?: string) => void;

const SYSPLEX_SUBOPTIONS = ['DELAYJOIN', 'NODELAYJOIN', 'NOJOIN', 'RECOVERY', 'NORECOVERY', 'AUTOREJOIN',
  'NOAUTOREJOIN', 'TIMERSECS', 'MONINTERFACE', 'NOMONINTERFACE', 'DYNROUTE', 'NODYNROUTE',
  'DELAYJOINIPSEC', 'MONIPSEC']; // the last two: in newer NMI records (dvipa-reference.md §8), accepted, not modelled
const SYSPLEX_SET: ReadonlySet<string> = new Set(SYSPLEX_SUBOPTIONS);

/**
 * GLOBALCONFIG's parameters (IBM's syntax diagrams, z/OS V2R1 to V3R2) with their minimum
 * abbreviations (D-43); only SYSPLEXMONITOR is modelled, the others' operands are not checked,
 * except that those in FLAGS take none (D-154).
 */
const GLOBAL_PARAMETERS: readonly Keyword[] = [
  kw('ADJUSTDVIPAMSS', 'ADJUSTDV'), kw('AIASSIST'), kw('AUTOIQDC'), kw('NOAUTOIQDC'), kw('AUTOIQDX'), kw('NOAUTOIQDX'),
  kw('ECSALIMIT', 'ECSAL'), kw('EXPLICITBINDPORTRANGE'), kw('NOEXPLICITBINDPORTRANGE'), kw('IKEDREQUIRED', 'IKEDREQ'),
  kw('IQDMULTIWRITE'), kw('NOIQDMULTIWRITE'), kw('IQDVLANID', 'IQDVLAN'), kw('MAXRECS'), kw('MLSCHKTERMINATE', 'MLSCHKTERM'),
  kw('NOMLSCHKTERMINATE', 'NOMLSCHKTERM'), kw('POLICYREQUIRED', 'POLICYREQ'), kw('POOLLIMIT', 'POOLL'),
  kw('SEGMENTATIONOFFLOAD', 'SEGMENTATIONOFFL'), kw('NOSEGMENTATIONOFFLOAD', 'NOSEGMENTATIONOFFL'), kw('SMCD'), kw('NOSMCD'),
  kw('SMCGLOBAL', 'SMCG'), kw('SMCR'), kw('NOSMCR'), SYSPLEXMONITOR, kw('SYSPLEXWLMPOLL', 'SYSPLEXWLMP'),
  kw('TCPIPSTATISTICS', 'TCPIPS'), kw('NOTCPIPSTATISTICS', 'NOTCPIPS'), kw('WLMPRIORITYQ'), kw('NOWLMPRIORITYQ'),
  kw('XCFGRPID', 'XCFGRP'), kw('ZERT'), kw('NOZERT'), kw('ZIIP'),
];
const FLAGS: ReadonlySet<string> = new Set(['NOAUTOIQDC', 'NOAUTOIQDX', 'NOEXPLICITBINDPORTRANGE', 'IQDMULTIWRITE', 'NOIQDMULTIWRITE',
  'MLSCHKTERMINATE', 'NOMLSCHKTERMINATE', 'SEGMENTATIONOFFLOAD', 'NOSEGMENTATIONOFFLOAD', 'NOSMCD', 'NOSMCR', 'TCPIPSTATISTICS',
  'NOTCPIPSTATISTICS', 'NOWLMPRIORITYQ', 'NOZERT']);

/**
 * GLOBALCONFIG ... SYSPLEXMONITOR { DELAYJOIN | NODELAYJOIN | NOJOIN | RECOVERY | ... } ...
 * (SEMANTICS §7; the last of a group wins, D-49). A word that is no parameter where one is due (in
 * SYSPLEXMONITOR's group: neither one of its parameters, spelled in full, nor a GLOBALCONFIG
 * parameter) is a syntax error at that word: what came before it counts, the rest of the
 * statement is ignored (D-154, IBM's rule for a syntax error in a list of parameters).
 */
export function globalConfig(p: TopSettings, ops: readonly Token[], note: Note, head: Token): void {
  const at: StatementRef = { text: [head, ...ops].map((x) => x.text).join(' '), pos: head.pos };
  const bad = (t: Token, message: string, hint?: string): void =>
    note('error', 'syntax', t.pos, `syntax error in GLOBALCONFIG: ${message}; the rest of the statement is ignored`, hint);
  let cur: Keyword | null = null; // the parameter whose operands follow
  for (let j = 0; j < ops.length; j++) {
    const t = ops[j]!;
    const u = t.upper;
    const k = findKeyword(u, GLOBAL_PARAMETERS);
    if (k) { cur = k; continue; }
    if (cur === SYSPLEXMONITOR && SYSPLEX_SET.has(u)) {
      if (u === 'DELAYJOIN' || u === 'NODELAYJOIN' || u === 'NOJOIN') { p.join = u; p.joinAt = at; } // D-49: last wins
      else if (u === 'RECOVERY' || u === 'NORECOVERY') { p.recovery = u === 'RECOVERY'; p.recoveryAt = at; }
      else if (u === 'AUTOREJOIN' || u === 'NOAUTOREJOIN') p.autorejoin = u === 'AUTOREJOIN';
      else if (u === 'TIMERSECS') {
        const n = ops[j + 1];
        if (!n || !/^\d+$/.test(n.text)) return bad(n ?? t, `TIMERSECS needs a number of seconds${n ? `, not '${n.text}'` : ''}`);
        j++;
      }
      continue;
    }
    if (cur === SYSPLEXMONITOR) {
      const meant = SYSPLEX_SUBOPTIONS.find((o) => o.startsWith(u));
      return bad(t, `'${t.text}' is neither a SYSPLEXMONITOR parameter (${SYSPLEX_SUBOPTIONS.slice(0, 12).join(', ')}) nor a GLOBALCONFIG parameter${meant ? `; SYSPLEXMONITOR's parameters have no abbreviations` : ''}`,
        meant ? `write ${meant}` : undefined);
    }
    if (SYSPLEX_SET.has(u)) return bad(t, `${t.text} is a parameter of SYSPLEXMONITOR, and ${cur ? `${cur.full} comes` : 'nothing comes'} before it`, `write SYSPLEXMONITOR ${t.text}`);
    if (cur === null) return bad(t, `'${t.text}' is not a GLOBALCONFIG parameter`);
    if (FLAGS.has(cur.full)) return bad(t, `${cur.full} takes no value, and '${t.text}' is not a GLOBALCONFIG parameter`);
    // otherwise an operand of a parameter the model does not read: not checked
  }
}

/** One DYNAMICXCF operand: the address (IPv4 or canonical IPv6) and how many operands it used, or an error at a token. */
type XcfOperand = { addr: string; used: number } | { error: string; at: Token };

/** `/n` (1..32) or a dotted mask: null when valid, else what is wrong. */
function maskError(text: string): string | null {
  if (text.startsWith('/')) {
    const bits = text.slice(1);
    return /^\d{1,2}$/.test(bits) && Number(bits) >= 1 && Number(bits) <= 32 ? null : `'${text}' is not a number of mask bits 1..32`;
  }
  if (!isIPv4(text)) return `'${text}' is not a subnet mask`;
  if (!isContiguousMask(text)) return `subnet mask ${text} is not contiguous (ones, then zeros)`;
  if (text === '0.0.0.0') return 'subnet mask 0.0.0.0 has no network bits';
  return null;
}

function xcf4(ops: readonly Token[], j: number): XcfOperand {
  const a = ops[j]!;
  const rejected = '; IPCONFIG statement rejected';
  const [ip, bits, extra] = a.text.split('/');
  if (looksIPv6(a.text)) return { error: `DYNAMICXCF needs an IPv4 address${rejected}`, at: a };
  if (!isIPv4(ip!) || extra !== undefined) return { error: `'${a.text}' is not an IPv4 address${rejected}`, at: a };
  if (!isUnicastIPv4(ip!)) return { error: `${ip} is not a unicast address (0.x, 127.x, 224 and up are not): DYNAMICXCF needs one${rejected}`, at: a };
  let used = 1;
  if (bits !== undefined) {
    const e = maskError(`/${bits}`);
    if (e) return { error: `${e}${rejected}`, at: a };
  } else {
    const m = ops[j + 1];
    if (m && (/^\d+(\.\d+){3}$/.test(m.text) || m.text.startsWith('/'))) { // the mask
      const e = maskError(m.text);
      if (e) return { error: `${e}${rejected}`, at: m };
      used++;
    }
  }
  if (ops[j + used] && /^\d+$/.test(ops[j + used]!.text)) used++; // cost
  return { addr: ip!, used };
}

/**
 * D-183: IPCONFIG's parameters (IBM's IPCONFIG syntax diagram, z/OS V2R4, and the older
 * VARSUBNETTING, CLAWUSEDOUBLENOP, STOPONCLAWERROR) with their minimum abbreviations (D-43), and
 * DYNAMICXCF's own SECCLASS, SMCD, NOSMCD; those in IPCONFIG_VALUED take one operand.
 */
const IPCONFIG_PARAMETERS: readonly Keyword[] = [
  kw('ARPTO'), kw('CHECKSUMOFFLOAD', 'CHECKSUMOFFL'), kw('NOCHECKSUMOFFLOAD', 'NOCHECKSUMOFFL'), kw('DATAGRAMFWD', 'DATAGR'),
  kw('NODATAGRAMFWD', 'NODATAGR'), kw('FWDMULTIPATH', 'FWDMULT'), kw('NOFWDMULTIPATH', 'NOFWDMULT'), kw('PERPACKET', 'PERP'),
  kw('PERCONNECTION', 'PERC'), kw('DEVRETRYDURATION', 'DEVRETRYDUR'), kw('SECCLASS'), kw('SMCD'), kw('NOSMCD'),
  kw('SOURCEVIPAINTERFACE', 'SOURCEVIPAINT'), kw('FORMAT', 'FORM'), kw('LONG'), kw('SHORT'), kw('IGNOREREDIRECT', 'IGNORER'),
  kw('IPSECURITY'), kw('IQDIOROUTING', 'IQDIOR'), kw('NOIQDIOROUTING', 'NOIQDIOR'), kw('QDIOPRIORITY', 'QDIOP'),
  kw('MULTIPATH'), kw('NOMULTIPATH'), kw('PATHMTUDISCOVERY', 'PATHMTUDISC'), kw('NOPATHMTUDISCOVERY', 'NOPATHMTUDISC'),
  kw('QDIOACCELERATOR', 'QDIOACCEL'), kw('NOQDIOACCELERATOR', 'NOQDIOACCEL'), kw('REASSEMBLYTIMEOUT', 'REASSEMBL'),
  kw('SEGMENTATIONOFFLOAD', 'SEGMENTATIONOFFL'), kw('NOSEGMENTATIONOFFLOAD', 'NOSEGMENTATIONOFFL'), kw('SOURCEVIPA'),
  kw('NOSOURCEVIPA'), kw('SYSPLEXROUTING', 'SYSPLEXR'), kw('NOSYSPLEXROUTING', 'NOSYSPLEXR'),
  kw('TCPSTACKSOURCEVIPA', 'TCPSTACKSOURCEV'), kw('NOTCPSTACKSOURCEVIPA', 'NOTCPSTACKSOURCEV'), kw('TTL'),
  kw('VARSUBNETTING'), kw('NOVARSUBNETTING'), kw('CLAWUSEDOUBLENOP'), kw('STOPONCLAWERROR'),
];
const IPCONFIG_VALUED: ReadonlySet<string> = new Set(['ARPTO', 'DEVRETRYDURATION', 'SECCLASS', 'SOURCEVIPAINTERFACE', 'QDIOPRIORITY',
  'REASSEMBLYTIMEOUT', 'TCPSTACKSOURCEVIPA', 'TTL']);

/**
 * D-226: IPCONFIG6's parameters (IBM's IPCONFIG6 syntax diagram, z/OS V2R5) with their minimum
 * abbreviations, DYNAMICXCF's own INTFID, SECCLASS, SMCD, NOSMCD and SOURCEVIPAINTERFACE, and
 * TEMPADDRS' PREFLIFETIME and VALIDLIFETIME; those in IPCONFIG6_VALUED take one operand.
 */
const IPCONFIG6_PARAMETERS: readonly Keyword[] = [
  kw('CHECKSUMOFFLOAD', 'CHECKSUMOFFL'), kw('NOCHECKSUMOFFLOAD', 'NOCHECKSUMOFFL'), kw('DATAGRAMFWD', 'DATAGR'), kw('NODATAGRAMFWD', 'NODATAGR'),
  kw('FWDMULTIPATH', 'FWDMULT'), kw('NOFWDMULTIPATH', 'NOFWDMULT'), kw('PERPACKET', 'PERP'), kw('PERCONNECTION', 'PERC'),
  kw('INTFID'), kw('SECCLASS'), kw('SMCD'), kw('NOSMCD'), kw('SOURCEVIPAINTERFACE', 'SOURCEVIPAINT'), kw('HOPLIMIT', 'HOPL'),
  kw('ICMPERRORLIMIT', 'ICMPE'), kw('IGNOREREDIRECT', 'IGNORER'), kw('IGNOREROUTERHOPLIMIT', 'IGNOREROUTERH'),
  kw('NOIGNOREROUTERHOPLIMIT', 'NOIGNOREROUTERH'), kw('IPSECURITY'), kw('OSMSECCLASS'), kw('MULTIPATH'), kw('NOMULTIPATH'),
  kw('SEGMENTATIONOFFLOAD', 'SEGMENTATIONOFFL'), kw('NOSEGMENTATIONOFFLOAD', 'NOSEGMENTATIONOFFL'), kw('SOURCEVIPA'), kw('NOSOURCEVIPA'),
  kw('TCPSTACKSOURCEVIPA', 'TCPSTACKSOURCEV'), kw('NOTCPSTACKSOURCEVIPA', 'NOTCPSTACKSOURCEV'), kw('TEMPADDRS'), kw('NOTEMPADDRS'),
  kw('PREFLIFETIME'), kw('VALIDLIFETIME'),
];
const IPCONFIG6_VALUED: ReadonlySet<string> = new Set(['INTFID', 'SECCLASS', 'SOURCEVIPAINTERFACE', 'HOPLIMIT', 'ICMPERRORLIMIT', 'OSMSECCLASS',
  'TCPSTACKSOURCEVIPA', 'PREFLIFETIME', 'VALIDLIFETIME']);

const INTFID_VALUE = /^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){3}$/i;

function xcf6(ops: readonly Token[], j: number): XcfOperand {
  const a = ops[j]!;
  const rejected = '; IPCONFIG6 statement rejected';
  // D-226: `ipv6_address/prefix_route_len` (1..128), as IBM's V2R5 diagram allows
  const [text, prefix, extra] = a.text.split('/');
  if (prefix !== undefined && canonicalIPv6(text!) && (extra !== undefined || !/^\d{1,3}$/.test(prefix) || Number(prefix) < 1 || Number(prefix) > 128)) {
    return { error: `DYNAMICXCF's prefix route length must be 1..128, not '${a.text.slice(text!.length + 1)}'${rejected}`, at: a };
  }
  const addr = canonicalIPv6(text!);
  if (!addr) return { error: `DYNAMICXCF needs an IPv6 address, not '${a.text}'${rejected}`, at: a };
  const why = ipv6Restriction(addr);
  if (why) return { error: `${addr} is ${why}: z/OS accepts no such address in the profile${rejected}`, at: a };
  if (ops[j + 1]?.upper !== 'INTFID') return { addr, used: 1 };
  const id = ops[j + 2];
  if (!id || !INTFID_VALUE.test(id.text)) return { error: `INTFID needs a 64-bit interface ID x:x:x:x${id ? `, not '${id.text}'` : ''}${rejected}`, at: id ?? ops[j + 1]! };
  return { addr, used: 3 };
}

/**
 * IPCONFIG ... DYNAMICXCF ip (mask | /bits) cost | NODYNAMICXCF, and IPCONFIG6 ... DYNAMICXCF
 * addr [INTFID id] | NODYNAMICXCF (SEMANTICS §12); a bad operand (address, mask, mask bits, an
 * address no DYNAMICXCF can have) rejects the statement (D-158); the last statement wins (D-16).
 */
export function ipConfig(p: TopSettings, ops: readonly Token[], note: Note, family: 'ipv4' | 'ipv6' = 'ipv4'): void {
  let xcf: boolean | null = null;
  let addr: string | null = null;
  for (let j = 0; j < ops.length; j++) {
    const u = ops[j]!.upper;
    if (u === 'NODYNAMICXCF') { xcf = false; continue; }
    if (u !== 'DYNAMICXCF') {
      // D-183, D-226: IPCONFIG's and IPCONFIG6's parameters, IBM's rule for a list of them (as D-154)
      const [list, valued, name] = family === 'ipv4' ? [IPCONFIG_PARAMETERS, IPCONFIG_VALUED, 'IPCONFIG'] : [IPCONFIG6_PARAMETERS, IPCONFIG6_VALUED, 'IPCONFIG6'];
      const k = findKeyword(u, list);
      if (!k) {
        const meant = ['DYNAMICXCF', 'NODYNAMICXCF', ...list.map((x) => x.full)].find((f) => u.length >= 3 && f.startsWith(u));
        note('error', 'syntax', ops[j]!.pos, `syntax error in ${name}: '${ops[j]!.text}' is not an ${name} parameter; the rest of the statement is ignored`, meant ? `write ${meant}` : undefined);
        break;
      }
      if (valued.has(k.full)) j++; // its value, not checked
      continue;
    }
    const r: XcfOperand = !ops[j + 1]
      ? { error: `DYNAMICXCF needs an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address; ${family === 'ipv4' ? 'IPCONFIG' : 'IPCONFIG6'} statement rejected`, at: ops[j]! }
      : (family === 'ipv4' ? xcf4 : xcf6)(ops, j + 1);
    if ('error' in r) { note('error', 'bad-statement', r.at.pos, r.error); return; }
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
