import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { totalmem } from 'node:os';
import { allProperties, check, type CheckReport } from '../check/check.js';
import { lint } from '../check/lint.js';
import { simulate } from '../check/simulate.js';
import { didYouMean, formatSpecError } from '../spec/errors.js';
import { loadSpec } from '../spec/load.js';
import type { Config } from '../spec/config.js';
import { COLOR, formatFinding, PLAIN, renderCheckText, renderTrace, type Style } from '../render/text.js';
import { renderHtml } from '../render/html.js';
import { traceToItf } from '../render/itf.js';
import { githubAnnotations, renderJunit } from '../render/junit.js';
import { renderMarkdown } from '../render/markdown.js';
import { readSavedTrace, replayTrace } from '../check/replay.js';
import { compare } from '../check/compare.js';
import { exportPromela } from '../export/promela.js';
import { runSpin, spinMissing } from '../export/spin.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import type { Property } from '../properties/api.js';
import { PropertyFailure } from '../properties/bind.js';
import { loadPropertyModules, positionIn, type LoadedProperties } from '../properties/load-modules.js';
import { expandSpecs } from './inputs.js';
import { writeAtomic } from './write-file.js';

const out = (s: string): void => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); };
const err = (s: string): void => { process.stderr.write(s.endsWith('\n') ? s : `${s}\n`); };

function style(): Style {
  return process.stdout.isTTY && !process.env.NO_COLOR ? COLOR : PLAIN;
}

/** Loads a spec; prints its errors (exit 2 material) and returns null on failure. */
function load(file: string, extra: readonly Property[] = []): Config | null {
  const r = loadSpec(file, { propertyNames: allProperties(extra).map((p) => p.name) });
  if (r.ok) return r.config;
  for (const f of r.findings ?? []) err(formatFinding(f)); // z/OS rejections that may explain the errors
  for (const e of r.errors) err(formatSpecError(e));
  return null;
}

const EXIT: Record<CheckReport['result'], number> = { pass: 0, fail: 1, incomplete: 3 };

/** Combined exit code of several specs: bad input first, then violation, then incomplete. */
function combine(codes: number[]): number {
  for (const c of [2, 1, 3]) if (codes.includes(c)) return c;
  return 0;
}

export interface CheckCliOptions {
  mode: 'bfs' | 'random' | 'both'; workers?: number; symmetry?: boolean; crossCheck?: 'spin'; runs: number; depth: number; seed: number; path?: string; shard?: [number, number]; minimize?: boolean;
  maxStates?: number; timeout?: number; maxMemory?: number; only?: string[]; skip?: string[];
  format: 'text' | 'json' | 'itf' | 'markdown' | 'html' | 'junit'; out?: string; properties?: string[]; force?: boolean; full?: boolean; quiet?: boolean; progress?: boolean;
}

function jsonReport(r: CheckReport): object {
  const { storeBytes: _s, ...rest } = r;
  return rest;
}

/** Loads --properties modules; prints the error (file:line:column) and returns null on failure. */
async function extraProperties(paths: readonly string[] | undefined): Promise<LoadedProperties | null> {
  if (!paths || paths.length === 0) return { properties: [], sources: new Map(), modules: [] };
  const r = await loadPropertyModules(paths, allProperties().map((p) => p.name));
  if ('properties' in r) return r;
  err(`${r.file}:${r.line}:${r.column}: error E_PROPERTY_MODULE: ${r.message}`);
  return null;
}

/** A property module threw while checking: exit 2 naming the property and the line. */
function propertyFailure(e: unknown): number {
  if (!(e instanceof PropertyFailure)) throw e;
  const where = e.source ? (() => { const p = positionIn(e.source!, e.cause); return `${e.source}:${p.line}:${p.column}: `; })() : '';
  err(`${where}error E_PROPERTY_THREW: ${e.message}`);
  return 2;
}

/** --only / --skip names must be known properties (exit 2 otherwise). */
function unknownProperties(names: readonly string[] | undefined, extra: readonly Property[] = []): boolean {
  const known = allProperties(extra).map((p) => p.name);
  const bad = (names ?? []).filter((n) => !known.includes(n));
  for (const n of bad) err(`dvipa-verify: unknown property '${n}'${didYouMean(n, known) ? ` (${didYouMean(n, known)})` : ''}; known: ${known.join(', ')}`);
  return bad.length > 0;
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
        mode: o.mode, random: { runs: o.runs, depth: o.depth, seed: o.seed, path: o.path, shard: o.shard, minimize: o.minimize },
        onRandomProgress: showProgress ? (p) => err(`  random walks: ${p.runs} runs, ${p.steps} steps (${Math.round(p.steps / Math.max(p.seconds, 1e-3))} steps/s), ${p.states} distinct states seen`) : undefined,
        maxStates: o.maxStates, timeout: o.timeout, only: o.only ?? null, skip: o.skip ?? null, signal: ctl.signal,
        memoryLimit: o.maxMemory !== undefined ? o.maxMemory * 1024 * 1024 : Math.floor(totalmem() * 0.85),
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

export async function runReplay(file: string, o: { spec?: string; format: 'text' | 'json'; properties?: string[] }): Promise<number> {
  const extra = await extraProperties(o.properties);
  if (!extra) return 2;
  const saved = readSavedTrace(file);
  if (typeof saved === 'string') { err(`dvipa-verify: ${saved}`); return 2; }
  const near = saved.spec ? resolve(dirname(file), saved.spec) : null;
  const specPath = o.spec ?? (near && existsSync(near) ? near : saved.spec);
  if (!specPath) { err(`dvipa-verify: ${file} does not name its spec; give --spec`); return 2; }
  const cfg = load(specPath, extra.properties);
  if (!cfg) return 2;
  let r;
  try { r = replayTrace(cfg, saved, extra.properties, extra.sources); } catch (e) { return propertyFailure(e); }
  if (o.format === 'json') {
    out(JSON.stringify({ spec: specPath, property: r.property, stillViolates: r.stillViolates, stoppedAt: r.stoppedAt, differs: r.differs, steps: r.trace.steps }, null, 2));
  } else {
    const st = style();
    const lines = [st.bold(`replay of ${file} against ${specPath}${r.property ? ` (property ${r.property})` : ''}`), ...renderTrace(cfg, r.trace, st, false, r.property ?? undefined)];
    if (r.stoppedAt) lines.push('', `  the trace stops being possible at step ${r.stoppedAt.step} ('${r.stoppedAt.event}'): ${r.stoppedAt.why}`);
    if (r.differs.length) lines.push(`  the state differs from the recorded one after step(s) ${r.differs.join(', ')}`);
    lines.push('', r.stillViolates ? `  result: ${st.red(`the violation still occurs${r.property ? ` (${r.property})` : ''}`)}` : `  result: ${st.green('the violation no longer occurs')}`);
    out(lines.join('\n'));
  }
  return r.stillViolates ? 1 : 0;
}

export async function runSimulate(spec: string, o: { events: string; format: 'text' | 'json'; only?: string[]; skip?: string[]; full?: boolean; properties?: string[] }): Promise<number> {
  const extra = await extraProperties(o.properties);
  if (!extra) return 2;
  if (unknownProperties(o.only, extra.properties) || unknownProperties(o.skip, extra.properties)) return 2;
  const cfg = load(spec, extra.properties);
  if (!cfg) return 2;
  if (o.format === 'json') for (const f of cfg.findings) err(formatFinding(f));
  let r;
  try { r = simulate(cfg, o.events, extra.properties, o.only ?? null, o.skip ?? null, extra.sources); } catch (e) { return propertyFailure(e); }
  if (!r.ok) { err(`dvipa-verify: ${r.message}`); return 2; }
  const violated = r.trace.steps.some((s) => s.violations.length > 0);
  if (o.format === 'json') out(JSON.stringify({ steps: r.trace.steps }, null, 2));
  else {
    const st = style();
    const lines = [st.bold(`${spec}: sysplex ${cfg.sysplex}`), ...cfg.findings.map((f) => `  ${formatFinding(f)}`), ...renderTrace(cfg, r.trace, st, o.full ? true : 'both')];
    lines.push('', violated ? `  result: ${st.red('properties violated on the way')}` : `  result: ${st.green('no property violated')}`);
    out(lines.join('\n'));
  }
  return violated ? 1 : 0; // D-40
}

export function runLint(specs: string[], o: { format: 'text' | 'json' }): number {
  const files = expandSpecs(specs);
  if (files.length === 0) { err('dvipa-verify: no spec files found'); return 2; }
  const codes: number[] = [];
  const all: object[] = [];
  for (const file of files) {
    const cfg = load(file);
    if (!cfg) { codes.push(2); continue; }
    const findings = lint(cfg);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    codes.push(errors > 0 ? 1 : 0);
    if (o.format === 'json') all.push({ spec: file, findings: findings.map((f) => ({ ...f, file: f.pos.file, line: f.pos.line, column: f.pos.column, pos: undefined })) });
    else out([...findings.map(formatFinding), `${file}: ${errors} error(s), ${warnings} warning(s), ${findings.length - errors - warnings} note(s)`].join('\n'));
  }
  if (o.format === 'json') out(JSON.stringify(all.length === 1 && files.length === 1 ? all[0] : all, null, 2));
  return combine(codes);
}

export async function runProperties(o: { properties?: string[] }): Promise<number> {
  const extra = await extraProperties(o.properties);
  if (!extra) return 2;
  const props = allProperties(extra.properties);
  const w = Math.max(...props.map((p) => p.name.length));
  for (const p of props) out(`${p.name.padEnd(w)}  ${p.kind === 'invariant' ? 'state' : 'step '}  ${extra.sources.get(p.name) ?? 'built-in'}  ${p.description}`);
  return 0;
}

export async function runCompare(oldSpec: string, newSpec: string, o: { format: 'text' | 'json'; properties?: string[]; maxStates?: number; timeout?: number; only?: string[]; skip?: string[] }): Promise<number> {
  const extra = await extraProperties(o.properties);
  if (!extra) return 2;
  if (unknownProperties(o.only, extra.properties) || unknownProperties(o.skip, extra.properties)) return 2;
  const a = load(oldSpec, extra.properties);
  const b = load(newSpec, extra.properties);
  if (!a || !b) return 2;
  let c;
  try {
    c = await compare(a, b, { extraProperties: extra.properties, propertySources: extra.sources, maxStates: o.maxStates, timeout: o.timeout, only: o.only ?? null, skip: o.skip ?? null });
  } catch (e) { return propertyFailure(e); }
  if (o.format === 'json') {
    out(JSON.stringify({ old: jsonReport(c.old), new: jsonReport(c.new), newlyFailing: c.newlyFailing.map((p) => p.name), newlyHolding: c.newlyHolding, stillFailing: c.stillFailing }, null, 2));
  } else {
    const st = style();
    const lines = [st.bold(`compare ${oldSpec} -> ${newSpec}`), `  old: ${c.old.states} states, ${c.old.complete ? 'complete' : 'INCOMPLETE'}; new: ${c.new.states} states, ${c.new.complete ? 'complete' : 'INCOMPLETE'}`];
    for (const p of c.newlyFailing) {
      lines.push(`  ${st.red('NEWLY FAILS')}  ${p.name}: ${p.message ?? ''}`);
      if (p.trace) lines.push(...renderTrace(b, p.trace, st, false, p.name));
    }
    for (const n of c.newlyHolding) lines.push(`  ${st.green('newly holds')}  ${n}`);
    for (const n of c.stillFailing) lines.push(`  ${st.yellow('still fails')}  ${n}`);
    if (c.newlyFailing.length + c.newlyHolding.length + c.stillFailing.length === 0) lines.push('  no property fails in either version');
    lines.push('', `  result: ${c.newlyFailing.length ? st.red(`${c.newlyFailing.length} property(ies) newly fail`) : 'nothing newly fails'}`);
    out(lines.join('\n'));
  }
  if (c.newlyFailing.length > 0) return 1;
  return c.new.complete ? 0 : 3;
}

export function runExport(spec: string, o: { to: 'promela'; output?: string; force?: boolean; only?: string[]; skip?: string[] }): number {
  if (unknownProperties(o.only) || unknownProperties(o.skip)) return 2;
  const cfg = load(spec);
  if (!cfg) return 2;
  for (const f of cfg.findings) err(formatFinding(f));
  const text = exportPromela(cfg, o.only ?? null, o.skip ?? null);
  if (!o.output) { out(text); return 0; }
  const refused = writeAtomic(o.output, text, o.force === true);
  if (refused) { err(`dvipa-verify: ${refused}`); return 2; }
  return 0;
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
