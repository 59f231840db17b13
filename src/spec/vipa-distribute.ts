import type { DestTarget, DistMethod } from './config.js';
import { isInterfaceName, isIPv4, parseIPv6Prefixed } from './ipv4.js';
import { kw, matches, type Keyword, type Token } from './profile-tokens.js';
import { fail, mixesFamilies, type ParseOutcome } from './vipa-statement.js';

/**
 * `VIPADISTribute {options, DEFINE|DELEte among them} (ipv4_addr | ipv6_intfname) [PORT {n | n-m}] DESTIP
 * (ALL | {dynxcfip [WEIGHT w | PREFERRED | BACKUP [rank]]})` (IBM's diagram; SEMANTICS §8, §10).
 * A syntax error, a HOTSTANDBY-only keyword under another DISTMETHOD included (EZZ0831I), ends
 * the block; a breach of IBM's HOTSTANDBY rules rejects this statement alone (`rejected`).
 */
export interface DistributeStatement {
  readonly op: 'define' | 'delete';
  readonly family: 'ipv4' | 'ipv6';
  /** IPv4: the DVIPA's address token; IPv6: its interface name token. */
  readonly target: Token;
  readonly method: DistMethod;
  readonly ports: readonly (readonly [number, number])[];
  readonly destip: 'ALL' | readonly DestTarget[];
  readonly autoSwitchBack: boolean;
  readonly healthSwitch: boolean;
  /** SYSPLEXPORTS and TIMEDAFFINITY seconds (not modelled; kept for NETSTAT VIPADCFG comparison). */
  readonly sysplexPorts: boolean;
  readonly timedAff: number | null;
  /** Which of DISTMETHOD, AUTOSWITCHBACK / HEALTHSWITCH the statement writes (the fields above hold the defaults otherwise). */
  readonly written: { readonly method: boolean; readonly autoSwitchBack: boolean; readonly healthSwitch: boolean };
  readonly ignored: readonly Token[];
  /** Operands z/OS ignores with a message while keeping the statement (EZZ0799I: WEIGHT under another DISTMETHOD). */
  readonly warnings: readonly { readonly at: Token; readonly code: string; readonly message: string; readonly hint: string }[];
  /** A HOTSTANDBY rule this statement breaks: z/OS ignores the statement alone. */
  readonly rejected: { readonly at: Token; readonly message: string } | null;
}

const DEFINE = kw('DEFINE'), DELETE = kw('DELETE', 'DELE'), DISTMETHOD = kw('DISTMETHOD', 'DISTM');
const METHODS: readonly [Keyword, DistMethod][] = [
  [kw('BASEWLM'), 'BASEWLM'], [kw('ROUNDROBIN'), 'ROUNDROBIN'], [kw('SERVERWLM'), 'SERVERWLM'],
  [kw('WEIGHTEDACTIVE', 'WEIGHTEDA'), 'WEIGHTEDACTIVE'], [kw('HOTSTANDBY'), 'HOTSTANDBY'], [kw('TARGCONTROLLED'), 'TARGCONTROLLED'],
];
const SYSPLEXPORTS = kw('SYSPLEXPORTS', 'SYSPLEXP'), TIMEDAFF = kw('TIMEDAFFINITY', 'TIMEDAFF'), OPTLOCAL = kw('OPTLOCAL'), NOOPTLOCAL = kw('NOOPTLOCAL');
/**
 * Tier 1/2 and GRE/ENCAP operands: accepted, not modelled; those followed by a value take it.
 * TIER1 and TIER2 take the group name IBM requires ("a required value on the TIER1 parameter",
 * `TIER2 GROUP1` in IBM's multitier examples; D-187).
 */
const TIER_FLAGS = new Set(['GRE', 'ENCAP']);
const TIER_GROUPED = new Set(['TIER1', 'TIER2']);
const TIER_VALUED = new Set(['CONTROLPORT', 'GROUP']);
/** Words that open an option of the statement: written after the address, they are out of IBM's order (D-188). */
const OPTION_WORDS = ['DEFINE', 'DELETE', 'DISTMETHOD', 'PROCTYPE', 'PROCXCOST', 'ILWEIGHTING', 'SYSPLEXPORTS', 'TIMEDAFFINITY', 'OPTLOCAL', 'NOOPTLOCAL', 'TIER1', 'TIER2', 'GRE', 'ENCAP', 'CONTROLPORT'];
const optionWord = (t: Token | undefined): string | null => {
  if (!t || !/^[A-Z]+$/.test(t.upper)) return null;
  const abbrev: Record<string, number> = { DELETE: 4, DISTMETHOD: 5, SYSPLEXPORTS: 8, TIMEDAFFINITY: 8 };
  return OPTION_WORDS.find((w) => w === t.upper || (abbrev[w] !== undefined && t.upper.length >= abbrev[w]! && w.startsWith(t.upper))) ?? null;
};
const outOfOrder = (t: Token): string => {
  const w = optionWord(t);
  return w ? ` (${w} is an option of VIPADISTRIBUTE: IBM's order puts the options before the DVIPA's address)` : '';
};
const HOTSTANDBY_ONLY = new Set(['AUTOSWITCHBACK', 'NOAUTOSWITCHBACK', 'HEALTHSWITCH', 'NOHEALTHSWITCH', 'PREFERRED', 'BACKUP']);
const PROCTYPES = new Set(['CP', 'ZAAP', 'ZIIP']);
const XCOSTS = new Set(['ZAAP', 'ZIIP']);

const int = (t: Token | undefined, lo: number, hi: number): number | null =>
  t && /^\d+$/.test(t.text) && Number(t.text) >= lo && Number(t.text) <= hi ? Number(t.text) : null;

/** PROCTYPE's `CP n ZAAP n ZIIP n` weights after ops[k] (PROCTYPE): the index of its last word, or the failure. */
function procWeights(ops: readonly Token[], k: number): number | ParseOutcome<never> {
  let i = k;
  while (ops[i + 1] && PROCTYPES.has(ops[i + 1]!.upper)) { i += 2; if (int(ops[i], 0, 99) === null) return fail(ops[i] ?? ops[i - 1]!, `${ops[i - 1]!.text} needs a weight 0..99`); }
  return i;
}

export function parseDistribute(head: Token, allOps: readonly Token[]): ParseOutcome<DistributeStatement> {
  let ops = allOps;
  const mixed = mixesFamilies(ops);
  if (mixed) return fail(mixed, 'a statement holds IPv4 or IPv6 addresses, not both');
  let i = 0;
  let op: 'define' | 'delete' = 'define';
  let opTok: Token | null = null;
  let method: DistMethod = 'BASEWLM';
  let methodTok: Token | null = null;
  let autoSwitchBack = true, healthSwitch = true;
  let sysplexPorts = false, timedAff: number | null = null;
  const written = { method: false, autoSwitchBack: false, healthSwitch: false };
  const ignored: Token[] = [];
  const warnings: { at: Token; code: string; message: string; hint: string }[] = [];
  const hotOnly = (t: Token): ParseOutcome<never> => fail(t, `${t.text} belongs to DISTMETHOD HOTSTANDBY, not ${methodTok ? `DISTMETHOD ${method}` : 'the default DISTMETHOD BASEWLM'} (EZZ0831I)`);
  // Options before the address, in any order.
  for (; i < ops.length; i++) {
    const t = ops[i]!, u = t.upper;
    if (matches(u, DISTMETHOD)) {
      const m = ops[i + 1];
      const found = m && METHODS.find(([k]) => matches(m.upper, k));
      if (!found) return fail(m ?? t, `${t.text} needs BASEWLM, ROUNDROBIN, SERVERWLM, WEIGHTEDACTIVE, HOTSTANDBY or TARGCONTROLLED`);
      method = found[1]; methodTok = m!; written.method = true; i++;
      if (method === 'BASEWLM' || method === 'SERVERWLM') {
        while (ops[i + 1]?.upper === 'PROCTYPE' || (method === 'SERVERWLM' && (ops[i + 1]?.upper === 'ILWEIGHTING' || ops[i + 1]?.upper === 'PROCXCOST'))) {
          const k = ops[++i]!;
          ignored.push(k);
          if (k.upper === 'ILWEIGHTING') { if (int(ops[++i], 0, 3) === null) return fail(ops[i] ?? k, 'ILWEIGHTING needs a value 0..3'); continue; }
          if (k.upper === 'PROCXCOST') { // D-268: SERVERWLM's crossover costs, ZAAP n ZIIP n, each 1..100
            while (ops[i + 1] && XCOSTS.has(ops[i + 1]!.upper)) { i += 2; if (int(ops[i], 1, 100) === null) return fail(ops[i] ?? ops[i - 1]!, `${ops[i - 1]!.text} of PROCXCOST needs a crossover cost 1..100`); }
            continue;
          }
          const e = procWeights(ops, i);
          if (typeof e !== 'number') return e;
          i = e;
        }
      }
    } else if (u === 'PROCTYPE' && method === 'BASEWLM') { // D-195: the default BASEWLM takes PROCTYPE too
      ignored.push(t);
      const e = procWeights(ops, i);
      if (typeof e !== 'number') return e;
      i = e;
    } else if (HOTSTANDBY_ONLY.has(u) && u !== 'PREFERRED' && u !== 'BACKUP') {
      if (method !== 'HOTSTANDBY') return hotOnly(t);
      if (u.endsWith('AUTOSWITCHBACK')) { autoSwitchBack = u === 'AUTOSWITCHBACK'; written.autoSwitchBack = true; } else { healthSwitch = u === 'HEALTHSWITCH'; written.healthSwitch = true; }
    } else if (matches(u, SYSPLEXPORTS)) { ignored.push(t); sysplexPorts = true; }
    else if (matches(u, TIMEDAFF)) { ignored.push(t); timedAff = int(ops[++i], 0, 65535); if (timedAff === null) return fail(ops[i] ?? t, `${t.text} needs a number of seconds`); }
    else if (matches(u, OPTLOCAL)) { ignored.push(t); if (int(ops[i + 1], 0, 16) !== null) i++; }
    else if (matches(u, NOOPTLOCAL)) ignored.push(t);
    else if (TIER_FLAGS.has(u)) ignored.push(t);
    else if (TIER_GROUPED.has(u)) {
      ignored.push(t);
      const g = ops[++i];
      if (!g || isIPv4(g.text) || optionWord(g) || ['PORT', 'DESTIP'].includes(g.upper) || !/^[A-Z0-9@#$]+$/.test(g.upper)) return fail(g ?? t, `${t.text} needs the name of its group of server applications${g ? `, not '${g.text}'` : ''} (IBM: ${t.upper} groupname)`);
    }
    else if (TIER_VALUED.has(u)) { ignored.push(t); if (!ops[++i]) return fail(t, `${t.text} needs a value`); }
    else if (matches(u, DEFINE) || matches(u, DELETE)) {
      // IBM's Base Options, DEFINE|DELETE among them, "can be specified in any order" (D-237)
      if (opTok) return fail(t, `${head.text} takes DEFINE or DELETE once, not both ${opTok.text} and ${t.text}`);
      op = matches(u, DEFINE) ? 'define' : 'delete'; opTok = t;
    }
    else break;
  }
  const target = ops[i];
  if (!target) return fail(ops[i - 1] ?? head, `${head.text} needs the DVIPA's IPv4 address or IPv6 interface name`);
  let family: 'ipv4' | 'ipv6';
  if (isIPv4(target.text)) family = 'ipv4';
  else if (isInterfaceName(target.text) && !['PORT', 'DESTIP'].includes(target.upper)) family = 'ipv6';
  else return fail(target, `'${target.text}' is not an option of ${head.text}, nor an IPv4 address or IPv6 interface name`);
  i++;
  const ports: [number, number][] = [];
  if (ops[i]?.upper === 'PORT') {
    for (i++; ops[i] && /^\d+(-\d+)?$/.test(ops[i]!.text); i++) {
      const [lo, hi = lo] = ops[i]!.text.split('-').map(Number) as [number, number?];
      if (lo < 1 || hi! > 65535) return fail(ops[i]!, `port ${ops[i]!.text} is outside 1..65535`);
      if (hi! < lo) return fail(ops[i]!, `port range ${ops[i]!.text} is reversed (write ${hi}-${lo})`);
      ports.push([lo, hi!]);
    }
    if (ports.length === 0) return fail(ops[i] ?? ops[i - 1]!, 'PORT needs at least one port');
  }
  if (ops[i]?.upper !== 'DESTIP') return fail(ops[i] ?? ops[i - 1]!, `${head.text} needs DESTIP (ALL or the targets' DYNAMICXCF addresses)${ops[i] ? `, not '${ops[i]!.text}'` : ''}`);
  const destTok = ops[i]!;
  i++;
  let destip: 'ALL' | DestTarget[];
  // D-195: IBM's configuration example writes PROCTYPE after DESTIP ALL; taken there as before the address
  const pt = method === 'BASEWLM' || method === 'SERVERWLM' ? ops.findIndex((t, k) => k >= i && t.upper === 'PROCTYPE') : -1;
  if (pt >= 0 && procWeights(ops, pt) === ops.length - 1) { ignored.push(ops[pt]!); ops = ops.slice(0, pt); }
  if (ops[i]?.upper === 'ALL') {
    destip = 'ALL';
    if (ops[i + 1]) return fail(ops[i + 1]!, `'${ops[i + 1]!.text}' is extra after DESTIP ALL${outOfOrder(ops[i + 1]!)}`);
  } else {
    const list: DestTarget[] = [];
    for (; i < ops.length; i++) {
      const t = ops[i]!;
      const xcf = family === 'ipv4' ? (isIPv4(t.text) ? t.text : null) : (parseIPv6Prefixed(t.text)?.prefix === null ? parseIPv6Prefixed(t.text)!.address : null);
      if (xcf === null) return fail(t, `'${t.text}' is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} DYNAMICXCF address${outOfOrder(t)}`);
      const next = ops[i + 1]?.upper;
      if (next === 'PREFERRED' || next === 'BACKUP') {
        if (method !== 'HOTSTANDBY') return hotOnly(ops[i + 1]!);
        i++;
        let rank: number | null = null;
        if (next === 'BACKUP' && ops[i + 1] && /^\d+$/.test(ops[i + 1]!.text)) {
          rank = int(ops[++i], 1, 254);
          if (rank === null) return fail(ops[i]!, `BACKUP rank ${ops[i]!.text} is outside 1..254`);
        }
        list.push({ xcf, role: next === 'PREFERRED' ? 'preferred' : 'backup', rank: next === 'BACKUP' ? rank ?? 1 : null, weight: null });
      } else if (next === 'WEIGHT') {
        const w = int(ops[i + 2], 1, 100);
        if (w === null) return fail(ops[i + 2] ?? ops[i + 1]!, 'WEIGHT needs a value 1..100');
        // EZZ0799I: under another DISTMETHOD, z/OS ignores WEIGHT and keeps the statement (D-189).
        if (method !== 'WEIGHTEDACTIVE') warnings.push({ at: ops[i + 1]!, code: 'weight-ignored', message: `WEIGHT ${w} of DESTIP ${xcf} is ignored: WEIGHT belongs to DISTMETHOD WEIGHTEDACTIVE, not ${method} (z/OS: EZZ0799I, the statement stands)`, hint: `remove WEIGHT ${w}, or write DISTMETHOD WEIGHTEDACTIVE` });
        else ignored.push(ops[i + 1]!);
        i += 2;
        list.push({ xcf, role: null, rank: null, weight: method === 'WEIGHTEDACTIVE' ? w : null });
      } else list.push({ xcf, role: null, rank: null, weight: null });
    }
    if (list.length === 0) return fail(destTok, 'DESTIP needs ALL or at least one DYNAMICXCF address');
    destip = list;
  }
  const rejected = method === 'HOTSTANDBY' ? hotStandbyRule(destTok, destip) : null;
  return { ok: true, value: { op, family, target, method, ports, destip, autoSwitchBack, healthSwitch, sysplexPorts, timedAff, written, ignored, warnings, rejected } };
}

/** IBM's HOTSTANDBY rules: no DESTIP ALL; exactly one PREFERRED; 1-31 BACKUPs; each target once and with a role. */
function hotStandbyRule(at: Token, destip: 'ALL' | readonly DestTarget[]): { at: Token; message: string } | null {
  const bad = (message: string): { at: Token; message: string } => ({ at, message: `HOTSTANDBY: ${message}; z/OS ignores this VIPADISTRIBUTE (EZZ0826I/EZZ0827I/EZZ0829I, EZZ0165I)` });
  if (destip === 'ALL') return bad('DESTIP ALL is not allowed');
  const preferred = destip.filter((t) => t.role === 'preferred').length;
  const backups = destip.filter((t) => t.role === 'backup').length;
  const untyped = destip.find((t) => t.role === null);
  if (untyped) return bad(`target ${untyped.xcf} needs PREFERRED or BACKUP`);
  if (preferred !== 1) return bad(`exactly one PREFERRED target is needed, not ${preferred}`);
  if (backups < 1 || backups > 31) return bad(`1 to 31 BACKUP targets are needed, not ${backups}`);
  const seen = new Set<string>();
  for (const t of destip) { if (seen.has(t.xcf)) return bad(`target ${t.xcf} is named twice`); seen.add(t.xcf); }
  return null;
}
