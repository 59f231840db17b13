import { basename, dirname, join, relative, resolve } from 'node:path';
import type { CheckReport } from '../check/check.js';
import { runSpin, spinMissing } from '../export/spin.js';
import { AnnotationBudget, githubAnnotations, workflowCommand } from '../render/annotations.js';
import { formatSpecError, printable, type SpecError } from '../spec/errors.js';
import { traceToItf } from '../render/itf.js';
import { formatFinding } from '../render/text.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { TRACE_FILE, expandSpecs, noSpecsMessage } from './inputs.js';
import { isBadPath } from '../engine/random.js';
import { bfsProgress, ProgressLine, randomProgress, thousands } from './progress.js';
import { Reports, reportTargets, type ReportFormat, type ReportTarget } from './reports.js';
import { combine, defaultMemoryLimit, err, EXIT, load, out, propertyFailure, unknownProperties, withPropertyThread, type Runner } from './shared.js';
import type { LoadedProperties } from '../properties/load-modules.js';
import { isInput, notAFolder, pathKey, writeAtomic } from './write-file.js';

export interface CheckCliOptions {
  mode: 'bfs' | 'random' | 'both'; workers?: number; symmetry?: boolean; slice?: boolean | [number, number]; crossCheck?: 'spin'; runs: number; depth: number; seed: number; path?: string; shard?: [number, number]; minimize?: boolean;
  maxStates?: number; timeout?: number; maxMemory?: number; only?: string[]; skip?: string[];
  format: ReportFormat; formatGiven?: boolean; report?: ReportTarget[]; out?: string; properties?: string[]; force?: boolean; full?: boolean; quiet?: boolean; progress?: boolean;
}

export async function runCheck(specs: string[], o: CheckCliOptions): Promise<number> {
  const unlisted: string[] = [];
  const files = expandSpecs(specs, unlisted);
  for (const u of unlisted) err(u);
  if (files.length === 0) { if (!unlisted.length) err(noSpecsMessage(specs)); return 2; }
  const outBad = o.out !== undefined ? notAFolder(o.out, '--out') ?? sameTraceNames(files) ?? reportIsTrace(o.out, o.report ?? [], files) : null;
  if (outBad) { err(`dvipa-verify: ${outBad}`); return 2; }
  const code = await withPropertyThread(o.properties, o.timeout, (extra, run) => checkSpecs(files, o, extra, run));
  return unlisted.length ? 2 : code;
}

async function checkSpecs(files: string[], o: CheckCliOptions, extra: LoadedProperties, run: Runner): Promise<number> {
  if (unknownProperties(o.only, extra.properties) || unknownProperties(o.skip, extra.properties)) return 2;
  const targets = reportTargets(o.report, o.format, o.formatGiven, [...files, ...extra.modules]);
  if (!targets) return 2;
  const reports = new Reports(targets, { quiet: o.quiet, full: o.full });
  const itfOut = targets.some((t) => t.format === 'itf');
  const codes: number[] = [];
  const ctl = new AbortController();
  const showProgress = o.progress === true || (o.progress !== false && !o.quiet && process.stderr.isTTY === true);
  const progress = new ProgressLine((s) => process.stderr.write(s), process.stderr.isTTY === true, process.stderr.columns || 80);
  const onSigint = (): void => { if (ctl.signal.aborted) process.exit(130); ctl.abort(); progress.clear(); err('\ndvipa-verify: interrupted; finishing the report (Ctrl-C again to quit at once)'); };
  process.on('SIGINT', onSigint);
  const annotations = process.env.GITHUB_ACTIONS === 'true' ? new AnnotationBudget() : null;
  try {
    for (const file of files) {
      const startedAt = performance.now(); // --timeout counts from here: reading and building included
      const said: SpecError[] = [];
      const cfg = load(file, extra.properties, undefined, said);
      if (!cfg) {
        codes.push(2);
        reports.notLoaded(file, said.map((e) => ({ code: e.code, text: formatSpecError(e) })));
        // D-202: annotated at its place, as a failing run without a counterexample is (D-177)
        if (annotations) for (const e of said) { const line = annotations.take({ kind: 'error', text: workflowCommand('error', { title: `dvipa-verify: ${e.code}`, file: e.pos.file, line: e.pos.line, col: e.pos.column }, printable(`${e.message}${e.hint ? ` (${e.hint})` : ''}`)) }); if (line) err(line); }
        continue;
      }
      // D-201: a report file that is one of the files this spec was read from (a profileFile, an INCLUDE member)
      const input = targets.find((t) => t.file !== '-' && isInput(t.file));
      if (input) { err(`dvipa-verify: --report ${input.format}=${input.file} would replace a file ${file} is read from; not written (give another file)`); return 2; }
      if (!reports.stdoutIsText) for (const f of cfg.findings) err(formatFinding(f)); // D-39
      const r = await run(cfg, {
        extraProperties: extra.properties, propertySources: extra.sources, workers: Math.max(1, o.workers ?? 1), propertyModules: extra.modules, symmetry: o.symmetry === true,
        slice: o.slice !== false && o.crossCheck !== 'spin', sliceShare: Array.isArray(o.slice) ? o.slice : undefined,
        mode: o.mode, random: { runs: o.runs, depth: o.depth, seed: o.seed, path: o.path, shard: o.shard, minimize: o.minimize },
        onRandomProgress: showProgress ? (p) => progress.update(randomProgress(p)) : undefined,
        maxStates: o.maxStates, timeout: o.timeout, startedAt, only: o.only ?? null, skip: o.skip ?? null, signal: ctl.signal,
        memoryLimit: o.maxMemory !== undefined ? o.maxMemory * 1024 * 1024 : defaultMemoryLimit(),
        onProgress: showProgress ? (p) => progress.update(bfsProgress(p)) : undefined,
      });
      progress.clear();
      if (showProgress && r.mode !== 'random') err(`  ${file}: ${thousands(r.states)} distinct states in ${r.seconds.toFixed(2)} s (${thousands(r.states / Math.max(r.seconds, 1e-3))} distinct states/s)`);
      codes.push(EXIT[r.result]);
      reports.spec(cfg, r);
      if (annotations) for (const a of githubAnnotations(cfg, r)) { const line = annotations.take(a); if (line) err(line); }
      if (o.out && !writeTraces(o.out, file, r, o.force === true, itfOut)) codes.push(2);
      if (o.crossCheck === 'spin') codes.push(crossCheck(cfg, r, o, reports.stdoutIsText));
    }
  } catch (e) {
    progress.clear();
    if (isBadPath(e)) { err(`dvipa-verify: ${(e as Error).message}`); return 2; } // D-297
    return propertyFailure(e);
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (annotations) for (const l of annotations.summary()) err(l);
  if (!reports.finish(files.length)) codes.push(2);
  return combine(codes);
}

/** --out names trace files after the spec's file name: two specs of one run must not share it. */
function sameTraceNames(files: readonly string[]): string | null {
  const bases = files.map(traceBase);
  const k = bases.findIndex((b, i) => bases.indexOf(b) !== i);
  return k < 0 ? null : `${files[bases.indexOf(bases[k]!)]} and ${files[k]} would write the same trace files into --out (they are named after the spec's file name); check them with separate --out folders`;
}
/**
 * D-299: a --report file that is a trace file --out may write (`--out . --report
 * json=spec.available.trace.json`): the report, written last, replaced the trace without a word.
 */
function reportIsTrace(dir: string, reports: readonly ReportTarget[], files: readonly string[]): string | null {
  const t = reports.find((r) => r.file !== '-' && TRACE_FILE.test(basename(r.file)) && pathKey(dirname(r.file)) === pathKey(dir)
    && files.some((f) => basename(r.file).toLowerCase().startsWith(`${traceBase(f).toLowerCase()}.`)));
  return t ? `--report ${t.format}=${t.file} is a trace file name that --out ${dir} writes (<spec>.<property>.trace.json / .itf.json); give the report another name` : null;
}
const traceBase = (spec: string): string => basename(spec).replace(/\.(ya?ml|json)$/i, '');

/** --out: one file per violated property, named after spec and property; ITF when an ITF report is asked for, else JSON. False when one could not be written. */
function writeTraces(dir: string, spec: string, r: CheckReport, force: boolean, itf: boolean): boolean {
  let ok = true;
  const base = traceBase(spec);
  for (const p of r.properties) {
    if (!p.trace) continue;
    const specRef = relative(resolve(dir), resolve(spec)); // replay resolves it from the trace's folder
    const [path, text] = itf
      ? [join(dir, `${base}.${p.name}.itf.json`), `${JSON.stringify(traceToItf(p.trace, { spec: specRef, property: p.name, message: p.message }), null, 2)}\n`]
      : [join(dir, `${base}.${p.name}.trace.json`), `${JSON.stringify({ spec: specRef, property: p.name, message: p.message, steps: p.trace.steps }, null, 2)}\n`];
    const refused = writeAtomic(path, text, force);
    if (refused) { err(`dvipa-verify: ${refused}`); ok = false; }
  }
  return ok;
}

/** --cross-check spin: SPIN's stored states, transitions and violated properties against ours. */
function crossCheck(cfg: Config, r: CheckReport, o: CheckCliOptions, toStdout: boolean): number {
  const missing = spinMissing();
  if (missing) { err(`dvipa-verify: --cross-check spin: ${missing}`); return 2; }
  if (!r.complete) { err(`dvipa-verify: --cross-check spin: ${r.spec}: our search is incomplete (${r.termination}); nothing to compare`); return 3; }
  const builtins = new Set(BUILTIN_PROPERTIES.map((p) => p.name));
  const s = runSpin(cfg, o.only ?? null, o.skip ?? null, r.states);
  const ours = r.properties.filter((p) => p.status === 'violated' && builtins.has(p.name)).map((p) => p.name).sort();
  const same = s.states === r.states && s.transitions === r.transitions && JSON.stringify(s.violated) === JSON.stringify(ours);
  const line = `cross-check spin ${r.spec}: SPIN ${s.states} states, ${s.transitions} transitions, violated [${s.violated.join(', ')}] in ${s.seconds.toFixed(2)} s; dvipa-verify ${r.states} states, ${r.transitions} transitions, violated [${ours.join(', ')}]: ${same ? 'AGREE' : 'DIFFER'}${s.depthLimited ? ' (SPIN hit its depth limit)' : ''}`;
  if (toStdout) out(line); else err(line);
  return same ? 0 : 1;
}

