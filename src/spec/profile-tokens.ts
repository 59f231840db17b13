import type { SourcePos } from './config.js';

/** One blank-delimited word of a TCP/IP profile, with where it stands in the user's file. */
export interface Token { readonly text: string; readonly upper: string; readonly pos: SourcePos }

/** Maps a 0-based (line, column) of the profile text to a position in the user's file. */
export type PosMapper = (line0: number, col0: number) => SourcePos;

/**
 * Splits a profile into tokens: blanks separate, ';' starts a comment to end of line (SEMANTICS
 * §7), statements may continue over lines (line ends are ordinary blanks).
 */
export function tokenize(text: string, map: PosMapper): Token[] {
  const out: Token[] = [];
  const lines = text.split(/\r?\n/);
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const semi = line.indexOf(';');
    const body = semi >= 0 ? line.slice(0, semi) : line;
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body)) !== null) {
      out.push({ text: m[0], upper: m[0].toUpperCase(), pos: map(l, m.index) });
    }
  }
  return out;
}

/** Keyword with IBM's minimum abbreviation (D-43): `min` is the shortest accepted prefix. */
export interface Keyword { readonly full: string; readonly min: string }

export function kw(full: string, min = full): Keyword { return { full, min }; }

export function matches(upper: string, k: Keyword): boolean {
  return upper.length >= k.min.length && upper.length <= k.full.length && k.full.startsWith(upper);
}

export function findKeyword(upper: string, table: readonly Keyword[]): Keyword | undefined {
  return table.find((k) => upper === k.full) ?? table.find((k) => matches(upper, k));
}
