import type { SourcePos } from './config.js';
import { substitute, type Symbols } from './symbols.js';

/** One blank-delimited word of a TCP/IP profile, with where it stands in the user's file. */
export interface Token {
  readonly text: string;
  readonly upper: string;
  readonly pos: SourcePos;
  /** A ';' follows without a blank: z/OS needs a blank before a comment (SEMANTICS §8). */
  readonly glued?: boolean;
  /** The word reaches into columns 73-80 of a line that holds a sequence number there. */
  readonly seq?: boolean;
  /** An `&NAME.` the stack's symbols do not resolve. */
  readonly unresolved?: string;
  /** The word as written, when it was an IPv4 address with a zero-padded octet (read as decimal). */
  readonly padded?: string;
  /** The word as written in the file, when system symbols were replaced in it. */
  readonly written?: string;
}

/** Maps a 0-based (line, column) of the profile text to a position in the user's file. */
export type PosMapper = (line0: number, col0: number) => SourcePos;

/** Columns 73-80 hold an ISPF/IEBUPDTE sequence number (a numbered member). */
export const numbered = (line: string): boolean => /^\d{8}$/.test(line.slice(72, 80)) && line.slice(80).trim() === '';

/**
 * Splits a profile into tokens: blanks separate, ';' starts a comment to end of line (SEMANTICS
 * §7), statements may continue over lines (line ends are ordinary blanks). MVS system symbols are
 * replaced word by word, so every word keeps the position it has in the user's file.
 */
export function tokenize(text: string, map: PosMapper, symbols: Symbols = new Map()): Token[] {
  const out: Token[] = [];
  const lines = text.split(/\r?\n/);
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const semi = line.indexOf(';');
    const body = semi >= 0 ? line.slice(0, semi) : line;
    const seqLine = numbered(line);
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body)) !== null) {
      const end = m.index + m[0].length;
      const flags = {
        ...(semi >= 0 && end === semi ? { glued: true } : {}),
        ...(seqLine && end > 72 ? { seq: true } : {}),
      };
      const sub = substitute(m[0], symbols);
      const pos = map(l, m.index);
      if (sub.unresolved) { out.push({ text: m[0], upper: m[0].toUpperCase(), pos, ...flags, unresolved: sub.unresolved }); continue; }
      const written = sub.text === m[0] ? {} : { written: m[0] };
      for (const w of sub.text.split(/\s+/).filter((x) => x !== '')) out.push({ text: w, upper: w.toUpperCase(), pos, ...flags, ...written });
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
