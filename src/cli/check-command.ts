import { basename, join, relative, resolve } from 'node:path';
import { check, type CheckReport } from '../check/check.js';
import { runSpin, spinMissing } from '../export/spin.js';
import { renderHtml } from '../render/html.js';
import { traceToItf } from '../render/itf.js';
import { githubAnnotations, renderJunit } from '../render/junit.js';
import { renderMarkdown } from '../render/markdown.js';
import { formatFinding, renderCheckText } from '../render/text.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { expandSpecs } from './inputs.js';
import { combine, defaultMemoryLimit, err, EXIT, extraProperties, jsonReport, load, out, propertyFailure, style, unknownProperties } from './shared.js';
import { writeAtomic } from './write-file.js';

export interface CheckCliOptions {
  mode: 'bfs' | 'random' | 'both'; workers?: number; symmetry?: boolean; slice?: boolean | [number, number]; crossCheck?: 'spin'; runs: number; depth: number; seed: number; path?: string; shard?: [number, number]; minimize?: boolean;
  maxStates?: number; timeout?: number; maxMemory?: number; only?: string[]; skip?: string[];
  format: 'text' | 'json' | 'itf' | 'markdown' | 'html' | 'junit'; out?: string; properties?: string[]; force?: boolean; full?: boolean; quiet?: boolean; progress?: boolean;
}

export async function runCheck(specs: string[], o: CheckCliOptions): Promise<number> {
  const files = expandSpecs(specs);
  if (files.length === 0) { err('dvipa-verify: no spec files found'); return 2; }
  const extra = await extraProperties(o.properties);
  if (!extra) return 2;
  if (unknownProperties(o.only, extra.properties) || unknownProperties(o.skip, extra.properties)) return 2;
  const codes: number[] = [];
  const runs: { cfg: Config; report: CheckReport }[] = [];
  const ctl = new AbortController();
  const onSigint = (): void => { if (ctl.signal.aborted) process.exit(130); ctl.abort(); err('\ndvipa-verify: interrupted; finishing the report (Ctrl-C again to quit at once)'); };
  process.on('SIGINT', onSigint);
  const showProgress = o.progress === true || (o.progress !== false && !o.quiet && process.stderr.isTTY === true);
  try {
    for (const file of files) {
      const cfg = load(file, extra.properties);
      if (!cfg) { codes.push(2); continue; }
      if (o.format !== 'text') for (const f of cfg.findings) err(formatFinding(f)); // D-39
      const r = await check(cfg, {
        extraProperties: extra.properties, propertySources: extra.sources, workers: Math.max(1, o.workers ?? 1), propertyModules: extra.modules, symmetry: o.symmetry === true,
        slice: o.slice !== false && o.crossCheck !== 'spin', sliceShare: Array.isArray(o.slice) ? o.slice : undefined,
        mode: o.mode, random: { runs: o.runs, depth: o.depth, seed: o.seed, path: o.path, shard: o.shard, minimize: o.minimize },
        onRandomProgress: showProgress ? (p) => err(`  random walks: ${p.runs} runs, ${p.steps} steps (${Math.round(p.steps / Math.max(p.seconds, 1e-3))} steps/s), ${p.states} distinct states seen`) : undefined,
        maxStates: o.maxStates, timeout: o.timeout, only: o.only ?? null, skip: o.skip ?? null, signal: ctl.signal,
        memoryLimit: o.maxMemory !== undefined ? o.maxMemory * 1024 * 1024 : defaultMemoryLimit(),
        onProgress: showProgress ? (p) => err(`  ${p.seconds.toFixed(0)} s: depth ${p.depth}, ${p.transitions} states generated, ${p.states} distinct states, ${p.queue} left on queue, ${Math.round((60 * p.states) / Math.max(p.seconds, 1e-3))} distinct states/min`) : undefined,
      });
      if (showProgress && r.mode !== 'random') err(`  ${file}: ${r.states} distinct states in ${r.seconds.toFixed(2)} s (${Math.round(r.states / Math.max(r.seconds, 1e-3))} distinct states/s)`);
      codes.push(EXIT[r.result]);
      runs.push({ cfg, report: r });
      if (o.format === 'text') out(o.quiet ? `${file}: ${r.result}` : `${renderCheckText(cfg, r, style(), o.full)}\n`);
      if (o.format === 'markdown') out(renderMarkdown(cfg, r));
      if (process.env.GITHUB_ACTIONS === 'true') for (const a of githubAnnotations(cfg, r)) err(a);
      if (o.out) writeTraces(o.out, file, r, o.force === true, o.format === 'itf');
      if (o.crossCheck === 'spin') codes.push(crossCheck(cfg, r, o));
    }
  } catch (e) {
    return propertyFailure(e);
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (runs.length > 0) {
    if (o.format === 'json') out(JSON.stringify(runs.length === 1 && files.length === 1 ? jsonReport(runs[0]!.report) : runs.map((x) => jsonReport(x.report)), null, 2));
    if (o.format === 'itf') out(JSON.stringify(runs.flatMap(({ report: r }) => r.properties.filter((p) => p.trace).map((p) => traceToItf(p.trace!, { spec: r.spec, property: p.name, message: p.message }))), null, 2));
    if (o.format === 'html') out(renderHtml(runs));
    if (o.format === 'junit') out(renderJunit(runs));
  }
  return combine(codes);
}

/** --out: one file per violated property, named after spec and property; ITF with --format itf, else JSON. */
function writeTraces(dir: string, spec: string, r: CheckReport, force: boolean, itf: boolean): void {
  const base = basename(spec).replace(/\.(ya?ml|json)$/i, '');
  for (const p of r.properties) {
    if (!p.trace) continue;
    const specRef = relative(resolve(dir), resolve(spec)); // replay resolves it from the trace's folder
    const [path, text] = itf
      ? [join(dir, `${base}.${p.name}.itf.json`), `${JSON.stringify(traceToItf(p.trace, { spec: specRef, property: p.name, message: p.message }), null, 2)}\n`]
      : [join(dir, `${base}.${p.name}.trace.json`), `${JSON.stringify({ spec: specRef, property: p.name, message: p.message, steps: p.trace.steps }, null, 2)}\n`];
    const refused = writeAtomic(path, text, force);
    if (refused) err(`dvipa-verify: ${refused}`);
  }
}

/** --cross-check spin: SPIN's stored states, transitions and violated properties against ours. */
function crossCheck(cfg: Config, r: CheckReport, o: CheckCliOptions): number {
  const missing = spinMissing();
  if (missing) { err(`dvipa-verify: --cross-check spin: ${missing}`); return 2; }
  if (!r.complete) { err(`dvipa-verify: --cross-check spin: ${r.spec}: our search is incomplete (${r.termination}); nothing to compare`); return 3; }
  const builtins = new Set(BUILTIN_PROPERTIES.map((p) => p.name));
  const s = runSpin(cfg, o.only ?? null, o.skip ?? null);
  const ours = r.properties.filter((p) => p.status === 'violated' && builtins.has(p.name)).map((p) => p.name).sort();
  const same = s.states === r.states && s.transitions === r.transitions && JSON.stringify(s.violated) === JSON.stringify(ours);
  const line = `cross-check spin ${r.spec}: SPIN ${s.states} states, ${s.transitions} transitions, violated [${s.violated.join(', ')}] in ${s.seconds.toFixed(2)} s; dvipa-verify ${r.states} states, ${r.transitions} transitions, violated [${ours.join(', ')}]: ${same ? 'AGREE' : 'DIFFER'}${s.depthLimited ? ' (SPIN hit its depth limit)' : ''}`;
  if (o.format === 'text') out(line); else err(line);
  return same ? 0 : 1;
}

