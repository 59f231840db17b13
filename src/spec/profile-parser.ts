// Long because a profile is processed in one pass, as z/OS processes it (SEMANTICS §8): the top-level
// statements and every VIPADYNAMIC statement share the parser's position, findings and block state.
import type { Finding, GroupSettings, JoinMode, Severity, SourcePos, StatementRef } from './config.js';
import { isInterfaceName, isIPv4, looksIPv6, zeroPaddedIPv4 } from './ipv4.js';
import { globalConfig, ipConfig, type TopSettings } from './profile-toplevel.js';
import {
  BLOCK_OPERANDS, ENDVIPADYNAMIC, GLOBALCONFIG, HOME, IPCONFIG, IPCONFIG6, SKIPPED_BLOCKS, TOP_STATEMENTS,
  VIPABACKUP, VIPADEFINE, VIPADELETE, VIPADISTRIBUTE, VIPADYNAMIC, VIPARANGE, VIPAROUTE, VIPASMPARMS, VIPA_BLOCK_STATEMENTS,
} from './profile-keywords.js';
import { findKeyword, matches, tokenize, type PosMapper, type Token } from './profile-tokens.js';
import type { Symbols } from './symbols.js';
import { parseDelete, parseDistribute, parseRange, parseRoute, parseSmParms } from './vipa-other.js';
import { resolveDefinitions, type ResolvedDefinitions, type VipaItem } from './vipa-resolve.js';
import { parseVipaStatement, type ParseOutcome } from './vipa-statement.js';

/** What a stack's TCP/IP profile means to the model, as z/OS would take it. */
export interface ProfileResult extends ResolvedDefinitions, GroupSettings {
  readonly homes: readonly string[];
  readonly findings: readonly Finding[];
  /** The VIPADYNAMIC statements accepted, in profile order (what resolveDefinitions applied). */
  readonly vipaItems: readonly VipaItem[];
}

/** The words of every finding of an error that ends its VIPADYNAMIC block (D-60), as `load` tells them from errors that reject one statement. */
export const BLOCK_IGNORED = 'the rest of the VIPADYNAMIC block is ignored';
const UNNUMBER = 'unnumber the member: columns 73-80 hold sequence numbers (ISPF: UNNUM, then NUMBER OFF)';

export class ProfileParser implements TopSettings {
  private i = 0;
  readonly findings: Finding[] = [];
  private readonly notModelled = new Set<string>();
  readonly vipa: VipaItem[] = [];
  readonly homes: string[] = [];
  readonly xcfAddresses: string[] = [];
  readonly xcf6Addresses: string[] = [];
  dynamicXcf6 = false;
  join: JoinMode = 'NODELAYJOIN';
  recovery = false;
  autorejoin = false;
  joinAt: StatementRef | null = null;
  recoveryAt: StatementRef | null = null;
  dynamicXcf = false;
  /** The statement being processed reaches into sequence-number columns (its errors get the hint). */
  private numbered = false;
  private readonly toks: readonly Token[];

  constructor(toks: readonly Token[], private readonly stack: string) {
    // D-63: an octet written with a leading zero is read as decimal; warned where it is used.
    this.toks = toks.map((t) => { const d = zeroPaddedIPv4(t.text); return d ? { ...t, text: d, upper: d, padded: t.text } : t; });
  }

  note(severity: Severity, code: string, pos: SourcePos, message: string, hint?: string): void {
    const h = hint ?? (severity !== 'info' && this.numbered ? UNNUMBER : undefined);
    this.findings.push({ severity, code, pos, stack: this.stack, message, ...(h ? { hint: h } : {}) });
  }

  private isTop(t: Token): boolean { return findKeyword(t.upper, TOP_STATEMENTS) !== undefined; }
  private isBlockStatement(t: Token): boolean { return findKeyword(t.upper, VIPA_BLOCK_STATEMENTS) !== undefined; }

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

  /** Defects z/OS rejects in any statement: a ';' glued to a word, an unresolved system symbol (SEMANTICS §8). */
  private defect(ops: readonly Token[]): { at: Token; message: string; hint?: string } | null {
    const sym = ops.find((t) => t.unresolved);
    const dbl = sym?.unresolved?.startsWith('&&') ? sym.unresolved : null;
    if (sym && dbl) return { at: sym, message: `'${dbl}' in '${sym.text}' is MVS's double-ampersand notation, which defers the symbol: z/OS does not substitute it in a profile, so the word keeps '${dbl.slice(1)}' and is not valid (D-265)`, hint: `write ${dbl.slice(1)} (one ampersand) to use the symbol's value` };
    if (sym) return { at: sym, message: `system symbol ${sym.unresolved} in '${sym.text}' is not defined for this stack${sym.unresolved!.includes('(') ? ', or its substring is outside its value' : ''}`, hint: `add it to the stack's symbols: (SYSNAME defaults to system, SYSCLONE to the last two characters of SYSNAME)` };
    const glued = ops.find((t) => t.glued);
    if (glued) return { at: glued, message: `';' right after '${glued.text}': a comment needs a blank before it, so the word is not valid`, hint: `put a blank before ';'` };
    return null;
  }

  /** What a ';' right after a statement keyword does to it (SEMANTICS §8: a syntax error of its statement). */
  private gluedWord(t: Token): string {
    return `';' right after '${t.text}': a comment needs a blank before it, so the word is no statement keyword`;
  }

  /** Warns once per word where a zero-padded address is used by a modelled statement. */
  private padded(ops: readonly Token[]): void {
    for (const t of ops) if (t.padded) this.note('warning', 'leading-zero', t.pos, `'${t.padded}'${t.written ? ` (${t.written} after symbol substitution)` : ''} has an octet with a leading zero: read as decimal ${t.text} (assumed: z/OS does not document its reading)`, t.written ? undefined : `write ${t.text} (where a system symbol gives the zero, give its value without it)`);
  }

  run(): void {
    const toks = this.toks;
    const topEnd = (x: Token): boolean => this.isTop(x) || this.isBlockStatement(x);
    while (this.i < toks.length) {
      const t = toks[this.i]!;
      const k = findKeyword(t.upper, TOP_STATEMENTS);
      this.i++;
      this.numbered = !!t.seq;
      if (!k) {
        const ops = this.operands(topEnd);
        this.numbered ||= ops.some((x) => x.seq);
        const block = findKeyword(t.upper, VIPA_BLOCK_STATEMENTS);
        if (block) this.note('error', 'outside-block', t.pos, `${t.text} is a VIPADYNAMIC statement: outside a VIPADYNAMIC block z/OS rejects it`, `put it between VIPADYNAMIC and ENDVIPADYNAMIC`);
        else this.note('warning', 'unknown-statement', t.pos, `'${t.text}' is not a statement keyword; skipped to the next statement`);
      } else if (k === VIPADYNAMIC && t.glued) {
        // D-156: z/OS does not see the block start, so none of the block's statements exist
        this.note('error', 'syntax', t.pos, `${this.gluedWord(t)} and no VIPADYNAMIC block starts here: z/OS takes none of the statements up to ENDVIPADYNAMIC`, `put a blank before ';'`);
        this.abandonBlock();
      } else if (k === VIPADYNAMIC) this.vipaBlock(t);
      else if (k === ENDVIPADYNAMIC) this.note('warning', 'stray-end', t.pos, `${t.text} without VIPADYNAMIC`);
      else if (SKIPPED_BLOCKS.has(k.full)) {
        if (t.glued) this.note('error', 'syntax', t.pos, `${k.full} statement rejected: ${this.gluedWord(t)} (the block up to ${SKIPPED_BLOCKS.get(k.full)!} is skipped all the same)`, `put a blank before ';'`);
        this.skipBlock(t, SKIPPED_BLOCKS.get(k.full)!);
      }
      else {
        const ops = this.operands(topEnd);
        this.numbered ||= ops.some((x) => x.seq);
        const bad = this.defect([t, ...ops]);
        if (bad) { this.note('error', 'syntax', bad.at.pos, `${k.full} statement rejected: ${bad.message}`, bad.hint); continue; }
        if (k === GLOBALCONFIG) globalConfig(this, ops, (...a) => this.note(...a), t);
        else if (k === IPCONFIG) { this.padded(ops); ipConfig(this, ops, (...a) => this.note(...a)); }
        else if (k === IPCONFIG6) ipConfig(this, ops, (...a) => this.note(...a), 'ipv6');
        else if (k === HOME) { this.padded(ops); for (const x of ops) if (isIPv4(x.text)) this.homes.push(x.text); }
        else this.notModelledOnce(t, k.full);
      }
    }
    this.numbered = false;
  }

  private skipBlock(start: Token, end: string): void {
    this.notModelledOnce(start, `${start.upper}...${end}`);
    while (this.i < this.toks.length && this.toks[this.i]!.upper !== end) this.i++;
    if (this.i >= this.toks.length) this.note('error', 'no-end', start.pos, `${start.text} has no ${end}`);
    else this.i++;
  }

  private isBlockEnd(t: Token): boolean {
    // D-60: a VIPA... word that is no block statement (VIPASERVICEMGR) starts a statement, to be rejected as such.
    if (matches(t.upper, ENDVIPADYNAMIC) || this.isBlockStatement(t) || (/^VIPA[A-Z]+$/.test(t.upper) && !this.isInterfaceNameHere())) return true;
    return !BLOCK_OPERANDS.has(t.upper) && this.isTop(t);
  }

  /**
   * D-192: an IPv6 interface name may be a VIPA... word (VIPAX, VIPAONE): at toks[i] it is one,
   * not the start of a statement (D-60), when an IPv6 address follows it (VIPADEFINE, VIPABACKUP,
   * VIPARANGE: `intfname addr[/prefix]`), when PORT or DESTIP follows it (an IPv6 VIPADISTRIBUTE
   * names its DVIPA by interface name), or when it is VIPADELETE's operand.
   */
  private isInterfaceNameHere(): boolean {
    const t = this.toks[this.i]!, next = this.toks[this.i + 1], prev = this.toks[this.i - 1];
    if (!isInterfaceName(t.text)) return false;
    if (next && (looksIPv6(next.text) || next.upper === 'PORT' || next.upper === 'DESTIP')) return true;
    return !!prev && findKeyword(prev.upper, VIPA_BLOCK_STATEMENTS)?.full === VIPADELETE.full;
  }

  /** Ends the block after a syntax error: z/OS ignores the rest of it (up to ENDVIPADYNAMIC). */
  private abandonBlock(): void {
    const toks = this.toks;
    while (this.i < toks.length && !matches(toks[this.i]!.upper, ENDVIPADYNAMIC)) {
      if (this.isTop(toks[this.i]!) && !BLOCK_OPERANDS.has(toks[this.i]!.upper) && !this.isBlockStatement(toks[this.i]!)) return;
      this.i++;
    }
    if (this.i < toks.length) this.i++;
  }

  private vipaBlock(start: Token): void {
    const toks = this.toks;
    while (this.i < toks.length) {
      const t = toks[this.i]!;
      this.numbered = !!t.seq;
      if (matches(t.upper, ENDVIPADYNAMIC) && t.glued) {
        // D-156: the end is not recognised: an unknown word of the block, a syntax error that ends it (D-60)
        this.note('error', 'syntax', t.pos, `syntax error in VIPADYNAMIC: ${this.gluedWord(t)} and the block does not end here; ${BLOCK_IGNORED}`, `put a blank before ';'`);
        this.i++;
        this.abandonBlock();
        return;
      }
      if (matches(t.upper, ENDVIPADYNAMIC)) { this.i++; return; }
      if (!BLOCK_OPERANDS.has(t.upper) && this.isTop(t) && !this.isBlockStatement(t)) {
        this.note('error', 'block-interrupted', t.pos, `${t.text} inside VIPADYNAMIC: the block ends here without ENDVIPADYNAMIC`);
        return; // D-45
      }
      this.i++;
      const k = findKeyword(t.upper, VIPA_BLOCK_STATEMENTS);
      const ops = this.operands((x) => this.isBlockEnd(x));
      this.numbered ||= ops.some((x) => x.seq);
      if (!k) {
        // D-60: VIPADYNAMIC admits only IBM's seven statements; anything else is a syntax error of the block.
        const hint = /SERVICEMGR/.test(t.upper) ? 'SERVICEMGR is an operand of VIPADEFINE / VIPABACKUP MOVEABLE; its parameters go on VIPASMPARMS' : undefined;
        this.note('error', 'syntax', t.pos, `'${t.text}' is not a VIPADYNAMIC statement (VIPADEFINE, VIPABACKUP, VIPADELETE, VIPADISTRIBUTE, VIPARANGE, VIPAROUTE, VIPASMPARMS); ${BLOCK_IGNORED}`, hint);
        this.abandonBlock();
        return;
      }
      if (!this.vipaStatement(t, k.full, ops)) { this.abandonBlock(); return; }
    }
    this.note('error', 'no-end', start.pos, `${start.text} has no ENDVIPADYNAMIC: the block runs to the end of the profile`);
  }

  private syntax(full: string, head: Token, at: Token | null, message: string, hint?: string): false {
    this.note('error', 'syntax', (at ?? head).pos, `syntax error in ${full}: ${message}; ${BLOCK_IGNORED}`, hint);
    return false;
  }

  /** One statement of the block; false on a syntax error (the rest of the block is ignored). */
  private vipaStatement(head: Token, full: string, ops: Token[]): boolean {
    const text = [head, ...ops].map((t) => t.text).join(' ');
    const bad = this.defect([head, ...ops]); // a ';' glued to the keyword too (D-156)
    if (bad) return this.syntax(full, head, bad.at, bad.message, bad.hint);
    this.padded(ops);
    const take = <T>(r: ParseOutcome<T>, then: (v: T) => void): boolean => {
      if (!r.ok) return this.syntax(full, head, r.at, r.message);
      then(r.value);
      return true;
    };
    switch (full) {
      case VIPADEFINE.full: case VIPABACKUP.full:
        return take(parseVipaStatement(full === VIPADEFINE.full ? 'define' : 'backup', head, ops), (stmt) => {
          for (const x of stmt.ignored) this.notModelledOnce(x, `${x.upper} on ${full}`);
          if (stmt.family === 'ipv6') this.vipa.push({ op: 'def6', stmt, head, text }); // modelled (SEMANTICS §12)
          else this.vipa.push({ op: 'def', stmt, head, text });
        });
      case VIPADELETE.full:
        return take(parseDelete(head, ops), (v) => this.vipa.push({ op: 'delete', addresses: v.addresses, intf: v.intf, head }));
      case VIPARANGE.full:
        return take(parseRange(head, ops), (stmt) => { // modelled: SEMANTICS §11, issue 18
          for (const x of stmt.ignored) this.notModelledOnce(x, `${x.upper} on ${full}`);
          this.vipa.push({ op: 'range', stmt, head, text });
        });
      case VIPADISTRIBUTE.full:
        return take(parseDistribute(head, ops), (stmt) => {
          // both families are modelled (SEMANTICS §10, §12; D-123)
          for (const x of stmt.ignored) this.notModelledOnce(x, `${x.upper} on ${full}`);
          for (const w of stmt.warnings) this.note('warning', w.code, w.at.pos, w.message, w.hint);
          if (stmt.rejected) this.note('error', 'distribute-rejected', stmt.rejected.at.pos, stmt.rejected.message);
          else this.vipa.push({ op: 'distribute', stmt, head, text });
        });
      case VIPAROUTE.full:
        return take(parseRoute(head, ops), (stmt) => { this.vipa.push({ op: 'route', stmt, head, text }); }); // IPv6 too (D-123)
      case VIPASMPARMS.full:
        return take(parseSmParms(head, ops), () => this.notModelledOnce(head, full));
    }
    return true;
  }
}

export function parseProfile(text: string, map: PosMapper, stack: string, symbols?: Symbols): ProfileResult {
  const p = new ProfileParser(tokenize(text, map, symbols), stack);
  p.run();
  const resolved = resolveDefinitions(p.vipa, new Set([...p.homes, ...p.xcfAddresses, ...p.xcf6Addresses]), (...a) => p.note(...a));
  return {
    join: p.join, recovery: p.recovery, autorejoin: p.autorejoin, ...(p.joinAt ? { joinAt: p.joinAt } : {}), ...(p.recoveryAt ? { recoveryAt: p.recoveryAt } : {}), dynamicXcf: p.dynamicXcf, homes: p.homes, findings: p.findings, vipaItems: p.vipa,
    xcfAddress: p.dynamicXcf ? p.xcfAddresses.at(-1) ?? null : null, dynamicXcf6: p.dynamicXcf6, xcf6Address: p.dynamicXcf6 ? p.xcf6Addresses.at(-1) ?? null : null,
    ...resolved,
  };
}
