import type { SourcePos } from './config.js';

/** A spec error: stops the run with exit 2. Errors are values, never thrown at the user. */
export interface SpecError {
  readonly code: string;
  readonly pos: SourcePos;
  readonly message: string;
  readonly hint?: string;
}

export function formatSpecError(e: SpecError): string {
  const where = `${e.pos.file}:${e.pos.line}:${e.pos.column}`;
  return `${where}: error ${e.code}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`;
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
