import type { DvipaDef, Finding, JoinMode, Severity, SourcePos } from './config.js';
import { isIPv4, looksIPv6 } from './ipv4.js';
import {
  BLOCK_OPERANDS, ENDVIPADYNAMIC, GLOBALCONFIG, HOME, IPCONFIG, SKIPPED_BLOCKS, SYSPLEXMONITOR, TOP_STATEMENTS,
  VIPABACKUP, VIPADEFINE, VIPADELETE, VIPADYNAMIC, VIPA_BLOCK_STATEMENTS,
} from './profile-keywords.js';
import { findKeyword, matches, tokenize, type PosMapper, type Token } from './profile-tokens.js';
import { parseVipaStatement, type VipaStatement } from './vipa-statement.js';

/** What a stack's TCP/IP profile means to the model, as z/OS would take it. */
export interface ProfileResult {
  readonly join: JoinMode;
  readonly recovery: boolean;
  readonly autorejoin: boolean;
  readonly dynamicXcf: boolean;
  readonly defs: readonly DvipaDef[];
  readonly homes: readonly string[];
  readonly findings: readonly Finding[];
}

type VipaItem =
  | { op: 'def'; stmt: VipaStatement; head: Token; text: string }
  | { op: 'delete'; addresses: readonly Token[]; head: Token };

const SYSPLEX_SUBOPTIONS = new Set(['DELAYJOIN', 'NODELAYJOIN', 'NOJOIN', 'RECOVERY', 'NORECOVERY', 'AUTOREJOIN',
  'NOAUTOREJOIN', 'TIMERSECS', 'MONINTERFACE', 'NOMONINTERFACE', 'DYNROUTE', 'NODYNROUTE']);

class ProfileParser {
  private i = 0;
  readonly findings: Finding[] = [];
  private readonly notModelled = new Set<string>();
  readonly vipa: VipaItem[] = [];
  readonly homes: string[] = [];
  readonly xcfAddresses: string[] = [];
  join: JoinMode = 'NODELAYJOIN';
  recovery = false;
  autorejoin = false;
  dynamicXcf = false;

  constructor(private readonly toks: readonly Token[], private readonly stack: string) {}

  note(severity: Severity, code: string, pos: SourcePos, message: string): void {
    this.findings.push({ severity, code, pos, stack: this.stack, message });
  }

  private isTop(t: Token): boolean { return findKeyword(t.upper, TOP_STATEMENTS) !== undefined; }

  /** Operands of a statement: every token up to the next statement keyword (D-44). */
  private operands(isEnd: (t: Token) => boolean): Token[] {
    const ops: Token[] = [];
    while (this.i < this.toks.length && !isEnd(this.toks[this.i]!)) ops.push(this.toks[this.i++]!);
    return ops;
  }

  private notModelledOnce(t: Token, what: string): void {
    if (this.notModelled.has(what)) return;
    this.notModelled.add(what);
    this.note('info', 'not-modelled', t.pos, `${what} is accepted but not modelled`);
  }

  run(): void {
    const toks = this.toks;
    while (this.i < toks.length) {
      const t = toks[this.i]!;
      const k = findKeyword(t.upper, TOP_STATEMENTS);
      this.i++;
      if (!k) {
        this.note('warning', 'unknown-statement', t.pos, `'${t.text}' is not a statement keyword; skipped to the next statement`);
        this.operands((x) => this.isTop(x));
      } else if (k === VIPADYNAMIC) this.vipaBlock(t);
      else if (k === ENDVIPADYNAMIC) this.note('warning', 'stray-end', t.pos, `${t.text} without VIPADYNAMIC`);
      else if (SKIPPED_BLOCKS.has(k.full)) this.skipBlock(t, SKIPPED_BLOCKS.get(k.full)!);
      else {
        const ops = this.operands((x) => this.isTop(x));
        if (k === GLOBALCONFIG) this.globalConfig(ops);
        else if (k === IPCONFIG) this.ipConfig(t, ops);
        else if (k === HOME) this.home(ops);
        else this.notModelledOnce(t, k.full);
      }
    }
  }

  private skipBlock(start: Token, end: string): void {
    this.notModelledOnce(start, `${start.upper}...${end}`);
    while (this.i < this.toks.length && this.toks[this.i]!.upper !== end) this.i++;
    if (this.i >= this.toks.length) this.note('error', 'no-end', start.pos, `${start.text} has no ${end}`);
    else this.i++;
  }

  private globalConfig(ops: Token[]): void {
    for (let j = 0; j < ops.length; j++) {
      if (!matches(ops[j]!.upper, SYSPLEXMONITOR)) continue;
      for (j++; j < ops.length && SYSPLEX_SUBOPTIONS.has(ops[j]!.upper); j++) {
        const u = ops[j]!.upper;
        if (u === 'DELAYJOIN' || u === 'NODELAYJOIN' || u === 'NOJOIN') this.join = u; // D-49: last wins
        else if (u === 'RECOVERY' || u === 'NORECOVERY') this.recovery = u === 'RECOVERY';
        else if (u === 'AUTOREJOIN' || u === 'NOAUTOREJOIN') this.autorejoin = u === 'AUTOREJOIN';
        else if (u === 'TIMERSECS' && /^\d+$/.test(ops[j + 1]?.text ?? '')) j++;
      }
      j--;
    }
  }

  /** IPCONFIG ... DYNAMICXCF ip (mask | /bits) cost | NODYNAMICXCF; a bad operand rejects the statement. */
  private ipConfig(head: Token, ops: Token[]): void {
    let xcf: boolean | null = null;
    let addr: string | null = null;
    for (let j = 0; j < ops.length; j++) {
      const u = ops[j]!.upper;
      if (u === 'NODYNAMICXCF') { xcf = false; continue; }
      if (u !== 'DYNAMICXCF') continue;
      const a = ops[j + 1];
      const [ip, bits] = (a?.text ?? '').split('/');
      if (!a || looksIPv6(a.text)) { this.note('error', 'bad-statement', (a ?? ops[j]!).pos, 'DYNAMICXCF needs an IPv4 address; IPCONFIG statement rejected'); return; }
      if (!isIPv4(ip!) || (bits !== undefined && !/^\d+$/.test(bits))) {
        this.note('error', 'bad-statement', a.pos, `'${a.text}' is not an IPv4 address; IPCONFIG statement rejected`);
        return;
      }
      j++;
      if (bits === undefined && ops[j + 1] && (isIPv4(ops[j + 1]!.text) || /^\/\d+$/.test(ops[j + 1]!.text))) j++;
      if (ops[j + 1] && /^\d+$/.test(ops[j + 1]!.text)) j++;
      xcf = true;
      addr = ip!;
    }
    if (addr) this.xcfAddresses.push(addr);
    if (xcf !== null) this.dynamicXcf = xcf; // D-16: last IPCONFIG wins
    void head;
  }

  private home(ops: Token[]): void {
    for (const t of ops) if (isIPv4(t.text)) this.homes.push(t.text);
  }

  private isBlockEnd(t: Token): boolean {
    if (matches(t.upper, ENDVIPADYNAMIC) || findKeyword(t.upper, VIPA_BLOCK_STATEMENTS)) return true;
    return !BLOCK_OPERANDS.has(t.upper) && this.isTop(t);
  }

  private vipaBlock(start: Token): void {
    const toks = this.toks;
    while (this.i < toks.length) {
      const t = toks[this.i]!;
      if (matches(t.upper, ENDVIPADYNAMIC)) { this.i++; return; }
      if (!BLOCK_OPERANDS.has(t.upper) && this.isTop(t) && !findKeyword(t.upper, VIPA_BLOCK_STATEMENTS)) {
        this.note('error', 'block-interrupted', t.pos, `${t.text} inside VIPADYNAMIC: the block ends here without ENDVIPADYNAMIC`);
        return; // D-45
      }
      this.i++;
      const k = findKeyword(t.upper, VIPA_BLOCK_STATEMENTS);
      const ops = this.operands((x) => this.isBlockEnd(x));
      if (!k) {
        this.note('warning', 'unknown-statement', t.pos, `'${t.text}' is not a VIPADYNAMIC statement; skipped`);
        continue;
      }
      if (!this.vipaStatement(t, k.full, ops)) {
        while (this.i < toks.length && !matches(toks[this.i]!.upper, ENDVIPADYNAMIC)) {
          if (this.isTop(toks[this.i]!) && !BLOCK_OPERANDS.has(toks[this.i]!.upper) && !findKeyword(toks[this.i]!.upper, VIPA_BLOCK_STATEMENTS)) return;
          this.i++;
        }
        if (this.i < toks.length) this.i++;
        return;
      }
    }
    this.note('error', 'no-end', start.pos, `${start.text} has no ENDVIPADYNAMIC: the block runs to the end of the profile`);
  }

  /** One statement of the block; false on a syntax error (the rest of the block is ignored). */
  private vipaStatement(head: Token, full: string, ops: Token[]): boolean {
    const text = [head, ...ops].map((t) => t.text).join(' ');
    if (full === VIPADEFINE.full || full === VIPABACKUP.full) {
      const r = parseVipaStatement(full === VIPADEFINE.full ? 'define' : 'backup', head, ops);
      if (r.ok) { this.vipa.push({ op: 'def', stmt: r.value, head, text }); return true; }
      if (r.ipv6) { this.note('info', 'ipv6-not-modelled', head.pos, `IPv6 ${full} is accepted but not modelled in this version`); return true; }
      this.note('error', 'syntax', (r.at ?? head).pos, `syntax error in ${full}: ${r.message}; the rest of the VIPADYNAMIC block is ignored`);
      return false;
    }
    if (full === VIPADELETE.full) {
      if (ops.length > 0 && ops.every((t) => looksIPv6(t.text))) return true;
      const bad = ops.find((t) => !isIPv4(t.text) && !looksIPv6(t.text));
      if (ops.length === 0 || bad) {
        this.note('error', 'syntax', (bad ?? head).pos, `syntax error in VIPADELETE: ${bad ? `'${bad.text}' is not an IPv4 address` : 'an address is needed'}; the rest of the VIPADYNAMIC block is ignored`);
        return false;
      }
      this.vipa.push({ op: 'delete', addresses: ops.filter((t) => isIPv4(t.text)), head });
      return true;
    }
    this.notModelledOnce(head, full);
    return true;
  }
}

const sameDef = (a: DvipaDef, b: DvipaDef): boolean =>
  a.kind === b.kind && a.moveable === b.moveable && a.rank === b.rank && a.cpcscope === b.cpcscope && a.mask === b.mask;

/** Applies the VIPADYNAMIC statements in order: D-47 repeats, D-48 HOME/DYNAMICXCF conflicts, VIPADELETE. */
function resolveDefinitions(p: ProfileParser): DvipaDef[] {
  const reserved = new Set([...p.homes, ...p.xcfAddresses]);
  const defs = new Map<string, DvipaDef>();
  for (const item of p.vipa) {
    if (item.op === 'delete') {
      for (const a of item.addresses) {
        if (!defs.delete(a.text)) p.note('warning', 'delete-undefined', a.pos, `VIPADELETE ${a.text}: no earlier definition in this profile`);
      }
      continue;
    }
    const s = item.stmt;
    for (const a of s.addresses) {
      if (reserved.has(a.text)) {
        p.note('error', 'home-conflict', a.pos, `${a.text} is already a HOME or DYNAMICXCF address of this stack: rejected from the statement (EZZ8307I)`);
        continue;
      }
      const def: DvipaDef = { kind: s.kind, address: a.text, moveable: s.moveable, rank: s.rank, cpcscope: s.cpcscope, mask: s.mask, text: item.text, pos: item.head.pos };
      const old = defs.get(a.text);
      if (!old) defs.set(a.text, def);
      else if (!sameDef(old, def)) {
        p.note('error', 'duplicate-definition', a.pos, `${a.text} is already defined in this profile (line ${old.pos.line}) differently and no VIPADELETE came first: rejected`);
      }
    }
  }
  return [...defs.values()];
}

export function parseProfile(text: string, map: PosMapper, stack: string): ProfileResult {
  const p = new ProfileParser(tokenize(text, map), stack);
  p.run();
  const defs = resolveDefinitions(p);
  return { join: p.join, recovery: p.recovery, autorejoin: p.autorejoin, dynamicXcf: p.dynamicXcf, defs, homes: p.homes, findings: p.findings };
}
