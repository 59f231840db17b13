import type { SourcePos } from '../spec/config.js';

/**
 * IEASYMxx parmlib members: where a site defines its system symbols. Each SYSDEF statement may
 * filter by HWNAME (the CPC) and LPARNAME and then set SYSNAME, SYSCLONE and SYMDEF(&NAME='value');
 * a SYSDEF without filters holds symbols of every system.
 */
export interface SymbolValue { readonly name: string; readonly value: string; readonly at: SourcePos }

export interface SysDef {
  readonly at: SourcePos;
  readonly hwname: string | null;
  readonly lparname: string | null;
  readonly sysname: SymbolValue | null;
  readonly sysclone: SymbolValue | null;
  readonly symdefs: readonly SymbolValue[];
}

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
  const stmts = [...clean.matchAll(/\bSYSDEF\b/gi)];
  stmts.forEach((m, k) => {
    const start = m.index!;
    const end = stmts[k + 1]?.index ?? clean.length;
    const body = clean.slice(start, end);
    const get = (key: string): SymbolValue | null => {
      const r = new RegExp(`\\b${key}\\s*\\(\\s*'?([^)']*)'?\\s*\\)`, 'i').exec(body);
      return r ? { name: key, value: r[1]!.trim(), at: posOf(start + r.index) } : null;
    };
    const symdefs: SymbolValue[] = [];
    for (const s of body.matchAll(/\bSYMDEF\s*\(\s*&([A-Za-z@#$][A-Za-z0-9@#$_]{0,15})\.?\s*=\s*'([^']*)'\s*\)/gi)) {
      symdefs.push({ name: s[1]!.toUpperCase(), value: s[2]!, at: posOf(start + s.index!) });
    }
    out.push({ at: posOf(start), hwname: get('HWNAME')?.value ?? null, lparname: get('LPARNAME')?.value ?? null, sysname: get('SYSNAME'), sysclone: get('SYSCLONE'), symdefs });
  });
  return out;
}

/**
 * The SYSDEF of the system a profile member belongs to: one naming a SYSNAME that the member's
 * name contains, else one whose SYSCLONE the member's name ends with (D-109). Ambiguity: none.
 */
export function systemOf(member: string, defs: readonly SysDef[]): SysDef | null {
  const m = member.toUpperCase();
  const byName = defs.filter((d) => d.sysname && d.sysname.value !== '' && m.includes(d.sysname.value.toUpperCase()));
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    const longest = Math.max(...byName.map((d) => d.sysname!.value.length));
    const best = byName.filter((d) => d.sysname!.value.length === longest);
    return best.length === 1 ? best[0]! : null;
  }
  const byClone = defs.filter((d) => d.sysclone && d.sysclone.value !== '' && m.endsWith(d.sysclone.value.toUpperCase()));
  return byClone.length === 1 ? byClone[0]! : null;
}

/** Symbols a system sees: every unfiltered SYSDEF's, then its own, then SYSNAME and SYSCLONE. */
export function symbolsOf(sys: SysDef, defs: readonly SysDef[]): Map<string, SymbolValue> {
  const out = new Map<string, SymbolValue>();
  for (const d of defs) if (!d.hwname && !d.lparname && !d.sysname) for (const s of d.symdefs) out.set(s.name, s);
  for (const s of sys.symdefs) out.set(s.name, s);
  if (sys.sysname) out.set('SYSNAME', sys.sysname);
  if (sys.sysclone) out.set('SYSCLONE', sys.sysclone);
  else if (sys.sysname) out.set('SYSCLONE', { name: 'SYSCLONE', value: sys.sysname.value.slice(-2), at: sys.sysname.at });
  return out;
}
