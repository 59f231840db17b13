import type { CheckReport } from '../check/check.js';
import type { Config, SourcePos } from '../spec/config.js';
import { involvedDefs, involvedSettings } from './text.js';

/**
 * GitHub Actions workflow commands, escaped as @actions/core escapes them (its command.ts):
 * data: % CR LF; property values also ':' and ','. Properties in @actions/core's order.
 */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function workflowCommand(kind: 'error' | 'warning' | 'notice', props: { title?: string; file?: string; line?: number; col?: number }, message: string): string {
  const parts = (['title', 'file', 'line', 'col'] as const).filter((k) => props[k] !== undefined && props[k] !== '').map((k) => `${k}=${escapeProperty(String(props[k]))}`);
  return `::${kind}${parts.length ? ` ${parts.join(',')}` : ''}::${escapeData(message)}`;
}

/** GitHub shows at most 10 annotations of each kind per step (D-83). */
export const ANNOTATIONS_PER_KIND = 10;

/**
 * Annotations on the profile lines a violation involves (the definitions of the DVIPA it names,
 * on the stacks it names, the first named first); an unexpected violation is an error, one an
 * `expect` block asks for a notice. Where the message names no definition: the spec's first line.
 */
export function githubAnnotations(cfg: Config, r: CheckReport): { kind: 'error' | 'notice'; text: string }[] {
  const out: { kind: 'error' | 'notice'; text: string }[] = [];
  for (const p of r.properties) {
    if (!p.trace) continue;
    const kind = r.expect?.violated.includes(p.name) ? 'notice' : 'error';
    const defs = [...involvedDefs(cfg, p.message ?? '').map((d) => d.def.pos), ...involvedSettings(cfg, p.message ?? '', p.name).map((s) => s.ref.pos)];
    const where: SourcePos[] = defs.length ? defs : [{ file: cfg.file, line: 1, column: 1 }];
    const events = p.trace.steps.slice(1).map((s) => s.event);
    const msg = `${p.name}: ${p.message ?? 'violated'} (after ${events.length} step${events.length === 1 ? '' : 's'}${events.length ? `: ${events.join('; ')}` : ''})${kind === 'notice' ? ' [expected by the spec\'s expect block]' : ''}`;
    for (const pos of where) out.push({ kind, text: workflowCommand(kind, { title: `dvipa-verify ${p.name}`, file: pos.file, line: pos.line, col: pos.column }, msg) });
  }
  // A run that fails (exit 1) without a counterexample says why too: nothing to verify (at the
  // first rejected statement, else the spec), or an expect block whose violations did not occur.
  const error = (title: string, pos: SourcePos, msg: string): void => { out.push({ kind: 'error', text: workflowCommand('error', { title, file: pos.file, line: pos.line, col: pos.column }, msg) }); };
  if (r.result === 'empty') error('dvipa-verify: nothing to verify', cfg.findings.find((f) => f.severity === 'error')?.pos ?? { file: cfg.file, line: 1, column: 1 }, r.reason ?? 'nothing to verify');
  const absent = r.expect && r.complete ? r.expect.violated.filter((n) => !r.properties.some((p) => p.name === n && p.status === 'violated')) : [];
  if (absent.length && cfg.expect) error('dvipa-verify: expect block not met', cfg.expect.pos, `the spec expects ${absent.join(', ')} to be violated, but every reachable state was explored and ${absent.length === 1 ? 'it holds' : 'they hold'}`);
  return out;
}

/** Keeps at most ANNOTATIONS_PER_KIND of each kind over a whole run; says how many were left out. */
export class AnnotationBudget {
  private readonly shown = new Map<string, number>();
  private readonly dropped = new Map<string, number>();
  take(a: { kind: string; text: string }): string | null {
    const n = this.shown.get(a.kind) ?? 0;
    if (n >= ANNOTATIONS_PER_KIND) { this.dropped.set(a.kind, (this.dropped.get(a.kind) ?? 0) + 1); return null; }
    this.shown.set(a.kind, n + 1);
    return a.text;
  }
  summary(): string[] {
    return [...this.dropped].map(([k, n]) => `dvipa-verify: ${n} more ${k} annotation(s) not printed (GitHub shows ${ANNOTATIONS_PER_KIND} per step); see the report`);
  }
}
