import type { SourcePos } from './config.js';

/** A spec error: stops the run with exit 2. Errors are values, never thrown at the user. */
export interface SpecError {
  readonly code: string;
  readonly pos: SourcePos;
  readonly message: string;
  readonly hint?: string;
}

/** A diagnostic is one line: every control character of what it echoes is escaped (D-164). */
export function formatSpecError(e: SpecError): string {
  const where = `${e.pos.file}:${e.pos.line}:${e.pos.column}`;
  return printable(`${where}: error ${e.code}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
}

/** C0 controls (NUL .. US, tab and newline included), DEL and the C1 controls (U+0080 .. U+009F). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * D-164: text for a terminal or a log, with each control character a user gave (a NUL, an ESC
 * that would start a colour or a title sequence, a CR that would overwrite the line) shown as a
 * `\u001b` escape. The one escaper: applied where diagnostics are formatted (formatSpecError,
 * formatFinding) and written (`err`, commander's own messages), and to the replay's stop line.
 * `keepNewlines`: for a whole message of ours that may span lines (the newlines are ours).
 */
export function printable(s: string, keepNewlines = false): string {
  return s.replace(keepNewlines ? CONTROLS_BUT_NEWLINE : CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The first control character of a name and its index (D-164), or null. */
export function controlIn(s: string): { char: string; index: number } | null {
  const m = CONTROL.exec(s);
  return m ? { char: m[0], index: m.index } : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** "did you mean 'x'?" for a misspelt name, or undefined when nothing is close. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) { bestD = d; best = k; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? `did you mean '${best}'?` : undefined;
}
