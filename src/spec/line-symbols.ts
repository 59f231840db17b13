/**
 * MVS system symbols in TCPPARMS members (SEMANTICS §8): `&NAME.` (or `&NAME` before a character
 * that cannot continue a name) is replaced by the stack's value. Issue 21 needs this before issue
 * 15's loader work lands; kept in its own file so the two can be merged (D-104).
 */

/**
 * D-324: the most a system's symbols may hold, their values together: IBM's maximum symbol table
 * size (z/OS MVS Initialization and Tuning Reference, IEASYMxx: "so long as the resulting symbol
 * table would not exceed the maximum symbol table size of 32512 bytes"). Only the values are
 * counted (the table holds names and a header per symbol too), so no table z/OS takes is refused.
 */
export const MAX_SYMBOL_TABLE = 32512;

/** Symbol names: 1-16 letters, digits, @ # $ _, not a digit first (as issue 15's symbols.ts reads them). */
const SYMBOL = /&([A-Za-z@#$][A-Za-z0-9@#$_]{0,15})(\.?)/g;
/** The same with IBM's substring notation `&NAME(start:length).` (D-184, as D-172 reads it). */
const SYMBOL_SUB = /&([A-Za-z@#$][A-Za-z0-9@#$_]{0,15})(?:\((-?\d*)(?::(\d+))?\))?(\.?)/g;

/** `value(start:length)`: start from 1, negative from the end, length 1 by default, `()` the whole; null when out of range. */
export function substring(v: string, s: string | undefined, l: string | undefined): string | null {
  if (s === undefined || s === '') return v;
  const st = Number(s);
  const from = st < 0 ? v.length + st : st - 1;
  if (st === 0 || from < 0 || from >= v.length) return null;
  return v.slice(from, from + (l === undefined ? 1 : Number(l)));
}

/** The symbols a stack's profile sees: SYSNAME defaults to the system, SYSCLONE to its last two characters. */
export function stackSymbols(given: Readonly<Record<string, string>>, system: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) out[k.toUpperCase()] = v;
  const sysname = out.SYSNAME ?? system ?? undefined;
  if (sysname !== undefined && out.SYSNAME === undefined) out.SYSNAME = sysname;
  if (sysname !== undefined && out.SYSCLONE === undefined) out.SYSCLONE = sysname.slice(-2);
  return out;
}

/** Every symbol a text uses, upper-cased, in order of first use. */
export function symbolsUsed(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const body = line.includes(';') ? line.slice(0, line.indexOf(';')) : line;
    for (const m of body.matchAll(SYMBOL)) if (m.index === 0 || body[m.index! - 1] !== '&') seen.add(m[1]!.toUpperCase()); // D-265: `&&NAME.` uses none
  }
  return [...seen];
}

const NONE: SubstitutedLine['unresolved'] = [];
const SAME = (col: number): number => col;

export interface SubstitutedLine {
  readonly text: string;
  /** 0-based column of the original line for each column of the new one. */
  readonly column: (col: number) => number;
  /** Symbols used on the line and not known (left as written). */
  readonly unresolved: readonly { name: string; column: number }[];
  /**
   * D-325: with `maxLength`, the symbol whose value would make the line longer than that (its
   * 0-based column in the original line): the substitution stops there and `text` is the line as
   * far as it got, so no more than `maxLength` characters are ever built.
   */
  readonly overflow?: { readonly name: string; readonly column: number; readonly length: number };
}

/**
 * Substitutes the known symbols of one line (comments after ';' are left alone). `maxLength`
 * (D-325): the longest line the caller can take; a symbol that would pass it ends the
 * substitution (`overflow`), so the work is bounded by the output, whatever the values.
 */
export function substituteLine(line: string, symbols: Readonly<Record<string, string>>, maxLength = Infinity): SubstitutedLine {
  const amp = line.indexOf('&');
  if (amp < 0 || (line.indexOf(';') >= 0 && line.indexOf(';') < amp)) return { text: line, unresolved: NONE, column: SAME }; // no symbol: nothing built (D-326)
  const semi = line.indexOf(';');
  const body = semi >= 0 ? line.slice(0, semi) : line;
  const rest = semi >= 0 ? line.slice(semi) : '';
  const unresolved: { name: string; column: number }[] = [];
  let out = '';
  const origin: number[] = [];
  let last = 0;
  for (const m of body.matchAll(SYMBOL_SUB)) {
    const at = m.index!;
    const name = m[1]!.toUpperCase();
    if (at > 0 && body[at - 1] === '&') { unresolved.push({ name: `&${name}`, column: at - 1 }); continue; } // D-265: deferred, left as written
    const whole = symbols[name];
    const value = whole === undefined ? undefined : m[0].includes('(') ? substring(whole, m[2], m[3]) ?? undefined : whole;
    if (value === undefined) { unresolved.push({ name, column: at }); continue; }
    // D-325: what is built so far, the value and the rest of the line as written
    if (out.length + (at - last) + value.length + (line.length - at - m[0].length) > maxLength) {
      return { text: out, unresolved, column: (col) => origin[col] ?? at, overflow: { name, column: at, length: value.length } };
    }
    for (let c = last; c < at; c++) origin.push(c);
    out += body.slice(last, at);
    for (let k = 0; k < value.length; k++) origin.push(at);
    out += value;
    last = at + m[0].length;
  }
  for (let c = last; c < body.length; c++) origin.push(c);
  out += body.slice(last);
  for (let c = 0; c < rest.length; c++) origin.push(body.length + c);
  out += rest;
  return { text: out, unresolved, column: (col) => origin[col] ?? col - out.length + line.length };
}
