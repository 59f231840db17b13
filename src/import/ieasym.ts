import type { SourcePos } from '../spec/config.js';
import { MAX_SYMBOL_TABLE } from '../spec/line-symbols.js';

/**
 * IEASYMxx parmlib members: where a site defines its system symbols. A SYSDEF statement with a
 * filter parameter (HWNAME, LPARNAME, VMUSERID) is local: its value parameters (SYSNAME,
 * SYSCLONE, SYMDEF(&NAME='value')) apply to the system the filters select; one without is global
 * and applies to every system (z/OS MVS Initialization and Tuning Reference, IEASYMxx).
 */
export interface SymbolValue {
  readonly name: string;
  readonly value: string;
  readonly at: SourcePos;
  /** How the value was found, for the comment of the line written (absent: a SYMDEF or SYSDEF of the system). */
  readonly how?: string;
}

export interface SysDef {
  readonly at: SourcePos;
  readonly hwname: string | null;
  readonly lparname: string | null;
  readonly vmuserid: string | null;
  readonly sysname: SymbolValue | null;
  readonly sysclone: SymbolValue | null;
  readonly symdefs: readonly SymbolValue[];
}

/** A global SYSDEF: no filter parameter, so its values apply to every system (D-172). */
export const isGlobal = (d: SysDef): boolean => !d.hwname && !d.lparname && !d.vmuserid;

export function parseIeasym(text: string, file: string): SysDef[] {
  // blank out /* comments */, keeping line and column positions
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const lineStarts = [0];
  for (let k = 0; k < clean.length; k++) if (clean[k] === '\n') lineStarts.push(k + 1);
  const posOf = (off: number): SourcePos => {
    let l = 0;
    while (l + 1 < lineStarts.length && lineStarts[l + 1]! <= off) l++;
    return { file, line: l + 1, column: off - lineStarts[l]! + 1 };
  };
  const out: SysDef[] = [];
  const stmts = [...clean.matchAll(/(?<![&\w@#$])SYSDEF\b/gi)];
  stmts.forEach((m, k) => {
    const start = m.index!;
    const end = stmts[k + 1]?.index ?? clean.length;
    const body = clean.slice(start, end);
    // quoted texts (SYMDEF values) blanked out where parameters are looked for, keeping offsets
    const bare = body.replace(/'[^']*'/g, (q) => `'${' '.repeat(q.length - 2)}'`);
    /** A parameter KEY(value) of the statement: KEY not part of a symbol (`&SYSNAME(3:2)` is a value, D-172), value up to its closing parenthesis. */
    const get = (key: string): SymbolValue | null => {
      const r = new RegExp(`(?<![&\\w@#$])${key}\\s*\\(`, 'i').exec(bare);
      if (!r) return null;
      let depth = 1, j = r.index + r[0].length;
      const from = j;
      for (; j < bare.length && depth > 0; j++) { if (bare[j] === '(') depth++; else if (bare[j] === ')') depth--; }
      if (depth > 0) return null;
      const value = body.slice(from, j - 1).trim().replace(/^'(.*)'$/s, '$1').trim();
      return { name: key, value, at: posOf(start + r.index) };
    };
    const symdefs: SymbolValue[] = [];
    for (const s of body.matchAll(/(?<![&\w@#$])SYMDEF\s*\(\s*&([A-Za-z@#$][A-Za-z0-9@#$_]{0,15})\.?\s*=\s*'([^']*)'\s*\)/gi)) {
      symdefs.push({ name: s[1]!.toUpperCase(), value: s[2]!, at: posOf(start + s.index!) });
    }
    out.push({ at: posOf(start), hwname: get('HWNAME')?.value ?? null, lparname: get('LPARNAME')?.value ?? null, vmuserid: get('VMUSERID')?.value ?? null, sysname: get('SYSNAME'), sysclone: get('SYSCLONE'), symdefs });
  });
  return out;
}

/**
 * The SYSDEF of the system a profile member belongs to: one naming a SYSNAME that the member's
 * name contains, else one whose SYSCLONE the member's name ends with (D-109). Ambiguity: none.
 */
export function systemOf(member: string, defs: readonly SysDef[]): SysDef | null {
  const m = member.toUpperCase();
  const byName = defs.filter((d) => d.sysname && d.sysname.value !== '' && !d.sysname.value.includes('&') && m.includes(d.sysname.value.toUpperCase()));
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    const longest = Math.max(...byName.map((d) => d.sysname!.value.length));
    const best = byName.filter((d) => d.sysname!.value.length === longest);
    return best.length === 1 ? best[0]! : null;
  }
  const byClone = defs.filter((d) => d.sysclone && d.sysclone.value !== '' && !d.sysclone.value.includes('&') && m.endsWith(d.sysclone.value.toUpperCase()));
  return byClone.length === 1 ? byClone[0]! : null;
}

/**
 * `&NAME.`, `&NAME`, `&NAME(start:length).` in a value, replaced from the symbols known (IBM's
 * substring notation: start counts from 1, a negative start from the end, the length defaults to
 * 1, `()` is the whole text); a symbol not known stays as written. Null when nothing resolves.
 */
export function resolveValue(value: string, known: ReadonlyMap<string, { value: string }>): string | null {
  const r = resolveWithin(value, known, Infinity);
  return r === 'over' ? null : r;
}

/**
 * resolveValue, stopping as soon as the text built would be longer than `max` ('over'), so that
 * values doubling one another (&A1='&A0.&A0.', &A2='&A1.&A1.' ...) cost no more than `max` (D-324).
 */
function resolveWithin(value: string, known: ReadonlyMap<string, { value: string }>, max: number): string | null | 'over' {
  let unresolved = false;
  let out = '';
  let last = 0;
  for (const m of value.matchAll(/&([A-Za-z@#$][A-Za-z0-9@#$_]{0,15})(\((-?\d*)(?::(\d+))?\))?\.?/g)) {
    const [all, name, sub, s, l] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
    const v = known.get(name.toUpperCase())?.value;
    let piece: string;
    if (v === undefined) { unresolved = true; piece = all; } else if (!sub || s === '') piece = v;
    else {
      const st = Number(s);
      const from = st < 0 ? v.length + st : st - 1;
      if (st === 0 || from < 0 || from >= v.length) { unresolved = true; piece = all; } else piece = v.slice(from, from + (l === undefined ? 1 : Number(l)));
    }
    if (out.length + (m.index! - last) + piece.length > max) return 'over';
    out += value.slice(last, m.index!) + piece;
    last = m.index! + all.length;
  }
  if (out.length + value.length - last > max) return 'over';
  out += value.slice(last);
  return unresolved ? null : out;
}

/** D-324: a SYMDEF that would take a system's symbols past the symbol table's maximum. */
export interface TableFull {
  readonly at: SourcePos;
  readonly name: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * Symbols a system sees (D-109, D-172): the values of every SYSDEF that applies to it, the global
 * ones and those with the filters of its own SYSDEF, in member order, a later one replacing an
 * earlier (IBM: the last statement processed overrides). SYSNAME and SYSCLONE are settled first,
 * so a value may use them: SYSCLONE(&SYSNAME(3:2)) is the 3rd and 4th characters of the system's
 * SYSNAME; without a SYSCLONE, the last two characters of SYSNAME (z/OS's default). A SYMDEF value
 * that uses symbols is resolved from those already known, else kept as written. With no SYSDEF of
 * its own (sys null), a system sees the global values only.
 */
export function symbolsOf(sys: SysDef | null, defs: readonly SysDef[], full?: (f: TableFull) => void): Map<string, SymbolValue> {
  const same = (d: SysDef): boolean => d === sys || (sys !== null && !isGlobal(sys) && d.hwname === sys.hwname && d.lparname === sys.lparname && d.vmuserid === sys.vmuserid);
  const applies = defs.filter((d) => isGlobal(d) || same(d));
  const global = (d: SysDef): boolean => isGlobal(d) && d !== sys;
  const out = new Map<string, SymbolValue>();
  // SYSNAME and SYSCLONE first: a value may use them wherever they are set (IBM's own sample has
  // SYSCLONE(&SYSNAME(3:2)) in a global SYSDEF before the local ones that set SYSNAME)
  let sysname: SymbolValue | null = null;
  for (const d of applies) if (d.sysname && d.sysname.value !== '' && !d.sysname.value.includes('&')) sysname = d.sysname;
  if (sysname) out.set('SYSNAME', global(applies.find((d) => d.sysname === sysname)!) ? { ...sysname, how: `SYSNAME(${sysname.value}) of a SYSDEF without filters (every system)` } : sysname);
  let sysclone: SymbolValue | null = null;
  for (const d of applies) {
    if (!d.sysclone) continue;
    const v = resolveValue(d.sysclone.value, out);
    if (v === null || v === '') continue;
    const resolved = v === d.sysclone.value ? '' : `: ${v}${sysname ? ` for SYSNAME ${sysname.value}` : ''}`;
    const how = `SYSCLONE(${d.sysclone.value})${global(d) ? ' of a SYSDEF without filters (every system)' : ''}${resolved}`;
    sysclone = { ...d.sysclone, value: v, ...(global(d) || resolved ? { how } : {}) };
  }
  if (!sysclone && sysname) sysclone = { name: 'SYSCLONE', value: sysname.value.slice(-2), at: sysname.at, how: `no SYSCLONE: the last two characters of SYSNAME ${sysname.value} (z/OS's default)` };
  if (sysclone) out.set('SYSCLONE', sysclone);
  // D-324: the values together stay within the symbol table's maximum; the SYMDEF that would pass
  // it is where z/OS stops (IEA012E): neither it nor a later one is defined
  let size = 0;
  for (const v of out.values()) size += v.value.length;
  for (const d of applies) {
    for (const s of d.symdefs) {
      if (s.name === 'SYSNAME' || s.name === 'SYSCLONE') continue; // set by their own parameters
      const left = MAX_SYMBOL_TABLE - size + (out.get(s.name)?.value.length ?? 0);
      const r = resolveWithin(s.value, out, left);
      const v = r === 'over' ? null : r ?? (s.value.length <= left ? s.value : null);
      if (v === null) {
        full?.({
          at: s.at, name: s.name,
          message: `SYMDEF &${s.name}.: its value, resolved, takes the system's symbols past ${MAX_SYMBOL_TABLE} bytes, the most a z/OS symbol table holds: z/OS stops at this SYMDEF (IEA012E, then IEA011A asks for a valid IEASYMxx), so &${s.name}. and the SYMDEFs after it are not defined here`,
          hint: `make each value, resolved, no longer than its symbol's name with the & (IBM; else IEA012E 006 DATA LENGTH ERROR FOR SYMBOL) (D-324)`,
        });
        return out;
      }
      size += v.length - (out.get(s.name)?.value.length ?? 0);
      out.set(s.name, { ...s, value: v, ...(global(d) ? { how: `SYMDEF(&${s.name}='${s.value}') of a SYSDEF without filters (every system)` } : {}) });
    }
  }
  return out;
}
