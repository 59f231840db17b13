/**
 * MVS system symbols in a TCP/IP profile (SEMANTICS §8, SPEC §5 `symbols`), word by word: the
 * loader substitutes the stack's symbols line by line first (include.ts, line-symbols.ts, with
 * SYSNAME and SYSCLONE defaulted by stackSymbols); here the tokenizer marks a word that still holds
 * an `&NAME.`, so that the parser makes its statement a syntax error naming it (D-61). Given a
 * table directly (parseProfile's own callers), it substitutes too.
 */
import { substring } from './line-symbols.js';

export type Symbols = ReadonlyMap<string, string>;

const SYMBOL = /&([A-Za-z@#$][A-Za-z0-9@#$_]{0,15})(\((-?\d*)(?::(\d+))?\))?\.?/g; // with IBM's substring notation (D-184)

/** One word with its symbols replaced; `unresolved` names the first symbol the table lacks. */
export function substitute(word: string, symbols: Symbols): { text: string; unresolved: string | null } {
  if (!word.includes('&')) return { text: word, unresolved: null };
  let unresolved: string | null = null;
  const text = word.replace(SYMBOL, (all, name: string, sub: string | undefined, s: string | undefined, l: string | undefined, at: number) => {
    // D-265: `&&NAME.` is MVS's double-ampersand notation: the symbol is deferred, not substituted
    if (at > 0 && word[at - 1] === '&') { unresolved ??= `&${all.endsWith('.') ? all : `${all}.`}`; return all; }
    const whole = symbols.get(name.toUpperCase());
    const v = whole !== undefined && sub ? substring(whole, s, l) ?? undefined : whole;
    if (v === undefined) { unresolved ??= all.endsWith('.') ? all : `${all}.`; return all; }
    return v;
  });
  return { text, unresolved };
}
