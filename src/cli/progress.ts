/** Progress on stderr: one line rewritten in place on a terminal, a new line each time elsewhere. */

/** 1234567 -> "1,234,567" whatever the locale (output is reproducible). */
export const thousands = (n: number): string => Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export class ProgressLine {
  private shown = false;
  /** `tty`: rewrite one line in place (carriage return, erase to end of line); `width`: its columns. */
  constructor(private readonly write: (s: string) => void, private readonly tty: boolean, private readonly width = 80) {}

  update(text: string): void {
    if (!this.tty) { this.write(`${text}\n`); return; }
    const max = Math.max(20, Math.min(this.width, 80) - 1); // never wraps, so \r returns to its start
    const line = text.length > max ? `${text.slice(0, max - 1)}…` : text;
    this.write(`\r${line}\u001b[K`);
    this.shown = true;
  }

  /** Erases the line in place before other output (the summary, a message). */
  clear(): void {
    if (this.shown) this.write('\r\u001b[K');
    this.shown = false;
  }
}

export function bfsProgress(p: { seconds: number; depth: number; states: number; queue: number }): string {
  return `  ${p.seconds.toFixed(0)} s  depth ${p.depth}  ${thousands(p.states)} states  ${thousands(p.queue)} queued  ${thousands(p.states / Math.max(p.seconds, 1e-3))}/s`;
}

export function randomProgress(p: { runs: number; steps: number; states: number; seconds: number }): string {
  return `  ${p.seconds.toFixed(0)} s  random walks: ${thousands(p.runs)} runs  ${thousands(p.steps)} steps  ${thousands(p.states)} states seen`;
}
