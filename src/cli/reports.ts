import { InvalidArgumentError } from 'commander';
import type { CheckReport } from '../check/check.js';
import { renderHtml } from '../render/html.js';
import { itfLines } from '../render/itf.js';
import { renderJunit, type NotLoaded } from '../render/junit.js';
import { renderMarkdown } from '../render/markdown.js';
import { PLAIN, renderCheckText } from '../render/text.js';
import type { Config } from '../spec/config.js';
import { err, jsonReport, out, style } from './shared.js';
import { pathKey, writeAtomic, writeRefusal } from './write-file.js';

export const FORMATS = ['text', 'json', 'itf', 'markdown', 'html', 'junit'] as const;
export type ReportFormat = (typeof FORMATS)[number];
/** One `--report FORMAT[=FILE]`; file '-' is standard output. */
export interface ReportTarget { format: ReportFormat; file: string }

/** commander parser of the repeatable `--report FORMAT[=FILE]` (FILE omitted or '-': stdout). */
export function reportOption(value: string, prev: ReportTarget[] | undefined): ReportTarget[] {
  const eq = value.indexOf('=');
  const format = (eq < 0 ? value : value.slice(0, eq)).trim();
  const file = eq < 0 ? '-' : value.slice(eq + 1);
  if (!(FORMATS as readonly string[]).includes(format)) throw new InvalidArgumentError(`--report takes FORMAT[=FILE] with FORMAT one of ${FORMATS.join(', ')}, not '${value}'`);
  if (file === '') throw new InvalidArgumentError(`--report ${format}=: the file name is missing (use '-' for standard output)`);
  return [...(prev ?? []), { format: format as ReportFormat, file }];
}

/** The reports of a run: `--report` targets, else the one `--format` (D-80). Null: a usage error was printed. */
export function reportTargets(reports: ReportTarget[] | undefined, format: ReportFormat, formatGiven = false, inputs: readonly string[] = []): ReportTarget[] | null {
  // `--format F` is `--report F` (standard output); the default text only when no --report is given
  const targets = [...(reports ?? []), ...(formatGiven || !reports?.length ? [{ format, file: '-' }] : [])];
  if (targets.filter((t) => t.file === '-').length > 1) {
    err(`dvipa-verify: at most one report can go to standard output; give the others a file (--report FORMAT=FILE)`);
    return null;
  }
  const files = targets.map((t) => t.file).filter((f) => f !== '-');
  const keys = files.map(pathKey);
  const twice = files.find((_, i) => keys.indexOf(keys[i]!) !== i);
  if (twice) { err(`dvipa-verify: two reports would be written to ${twice}`); return null; }
  const ins = new Set(inputs.map(pathKey));
  const input = files.find((_, i) => ins.has(keys[i]!));
  if (input) { err(`dvipa-verify: --report ...=${input} would replace an input of this run; not written (give another file)`); return null; }
  // D-208: a file that cannot be written (a folder, a device, under a file) is refused before the search, not after it
  const refused = files.map((f) => writeRefusal(f, true)).find((x) => x !== null);
  if (refused) { err(`dvipa-verify: --report: ${refused}`); return null; }
  return targets;
}

export interface Run { cfg: Config; report: CheckReport }

/**
 * Writes every report of one run. Text and Markdown on standard output are printed spec by spec
 * as the specs finish; everything else is written whole at the end, files atomically (D-80).
 */
export class Reports {
  private readonly runs: Run[] = [];
  /** The loaded and the not loaded specs, in the run's order (JUnit, D-202). */
  private readonly entries: (Run | NotLoaded)[] = [];
  private readonly chunks = new Map<ReportTarget, string[]>();
  private bad = 0;

  constructor(private readonly targets: ReportTarget[], private readonly opts: { quiet?: boolean; full?: boolean }) {
    for (const t of targets) this.chunks.set(t, []);
  }

  /** Whether stdout carries a machine-read report (then profile findings go to stderr, D-39). */
  get stdoutIsText(): boolean { return this.targets.some((t) => t.file === '-' && t.format === 'text'); }

  /**
   * A spec that could not be loaded (exit 2): counted in the closing line; a test case in error in
   * JUnit and a section in Markdown, so neither reads as if the spec were not there (D-202).
   */
  notLoaded(spec: string, errors: NotLoaded['errors']): void {
    this.bad++;
    this.entries.push({ spec, errors });
    for (const t of this.targets) if (t.format === 'markdown') this.emit(t, notLoadedMarkdown(spec, errors));
  }

  spec(cfg: Config, r: CheckReport): void {
    this.runs.push({ cfg, report: r });
    this.entries.push({ cfg, report: r });
    for (const t of this.targets) {
      const st = t.file === '-' ? style() : PLAIN;
      if (t.format === 'text') this.emit(t, this.opts.quiet ? `${r.spec}: ${r.result}\n` : `${renderCheckText(cfg, r, st, this.opts.full)}\n`);
      if (t.format === 'markdown') this.emit(t, renderMarkdown(cfg, r));
    }
  }

  /** The whole-run documents and the closing line; returns false when a file could not be written. */
  finish(specCount: number): boolean {
    let ok = true;
    for (const t of this.targets) {
      if (t.format === 'text' && specCount > 1) this.emit(t, `${closingLine(this.runs, this.bad)}\n`);
      if (t.format === 'junit' && this.entries.length > 0) this.emit(t, renderJunit(this.entries));
      // D-275: no spec loaded is still one JSON document (an empty list), never an empty file
      if (t.format === 'json' && this.runs.length === 0) this.emit(t, '[]\n');
      if (this.runs.length > 0) {
        if (t.format === 'json') this.emit(t, `${JSON.stringify(this.runs.length === 1 && specCount === 1 ? jsonReport(this.runs[0]!.report) : this.runs.map((x) => jsonReport(x.report)), null, 2)}\n`);
        if (t.format === 'itf') this.emit(t, itfLines(this.runs.map((x) => x.report)));
      }
      const bad = this.entries.filter((e): e is NotLoaded => !('report' in e));
      if (t.format === 'html' && (this.runs.length > 0 || bad.length > 0)) this.emit(t, renderHtml(this.runs, bad));
      if (t.file !== '-') {
        try {
          const refused = writeAtomic(t.file, this.chunks.get(t)!.join(''), true); // a named report file is replaced (D-80)
          if (refused) { err(`dvipa-verify: ${refused}`); ok = false; }
        } catch (e) {
          err(`dvipa-verify: cannot write the ${t.format} report to ${t.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          ok = false;
        }
      }
    }
    return ok;
  }

  private emit(t: ReportTarget, s: string): void {
    if (t.file === '-') { if (s) out(s); } else this.chunks.get(t)!.push(s);
  }
}

/** A Markdown section for a spec that could not be loaded: its errors as printed. */
function notLoadedMarkdown(spec: string, errors: NotLoaded['errors']): string {
  const text = errors.map((e) => e.text).join('\n');
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `## ❌ dvipa-verify: \`${spec}\`: bad input (exit 2), nothing checked\n\n${fence}\n${text}\n${fence}\n`;
}

/** "5 specs: 4 pass, 1 fail" (+ incomplete, empty, bad input where there are any). */
export function closingLine(runs: readonly Run[], bad: number): string {
  const count = (res: string): number => runs.filter((x) => x.report.result === res).length;
  const parts = [`${count('pass')} pass`, `${count('fail')} fail`];
  for (const res of ['incomplete', 'empty']) if (count(res) > 0) parts.push(`${count(res)} ${res}`);
  if (bad > 0) parts.push(`${bad} bad input`);
  return `${runs.length + bad} specs: ${parts.join(', ')}`;
}
