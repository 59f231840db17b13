import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { allProperties } from '../check/check.js';
import { lint } from '../check/lint.js';
import { readSavedTrace, replayTrace, type ReplayResult } from '../check/replay.js';
import { simulate, type SimulateResult } from '../check/simulate.js';
import { exportPromela } from '../export/promela.js';
import { reportFindings, splitReports } from '../import/lint-reports.js';
import { formatFinding, renderTrace } from '../render/text.js';
import { expandSpecs, noSpecsMessage } from './inputs.js';
import { combine, err, inThread, load, out, style, unknownProperties, withModuleThread } from './shared.js';
import { writeAtomic, writeRefusal } from './write-file.js';
import { formatSpecError, printable } from '../spec/errors.js';

/** D-205: how long simulate and replay wait for the checks of --properties modules by default (seconds). */
export const MODULE_TIMEOUT = 60;

export function runReplay(file: string, o: { spec?: string; format: 'text' | 'json'; properties?: string[]; timeout?: number }): Promise<number> {
  const timeout = o.timeout ?? MODULE_TIMEOUT;
  return withModuleThread(o.properties, timeout, async (extra, thread) => {
    const saved = readSavedTrace(file, allProperties(extra.properties).map((p) => p.name));
    if (typeof saved === 'string') { err(saved); return 2; } // file:line:column: error E_...: (D-153)
    // D-221: the spec found next to the trace is named as the trace was (relative stays relative,
    // D-176), so the replayed trace cites the profile lines as `check` did.
    const near = saved.spec ? (isAbsolute(saved.spec) ? saved.spec : join(dirname(file), saved.spec)) : null;
    const specPath = o.spec ?? (near && existsSync(near) ? near : saved.spec);
    if (!specPath) { err(`dvipa-verify: ${file} does not name its spec; give --spec`); return 2; }
    if (!o.spec && !existsSync(specPath) && saved.specAt) {
      // The spec the trace names is neither beside the trace nor where it was: said at the trace's own "spec".
      const { file: f, line, column } = saved.specAt;
      err(`${f}:${line}:${column}: error E_FILE: the spec this trace is of, ${JSON.stringify(saved.spec)}, is not found (not beside the trace${near !== saved.spec ? ` as ${near}` : ''}, nor as written); give --spec`);
      return 2;
    }
    const cfg = load(specPath, extra.properties);
    if (!cfg) return 2;
    const { eventAt: _at, ...portable } = saved;
    const r = await inThread<ReplayResult>(thread, { type: 'replay', cfg, saved: portable }, timeout, () => replayTrace(cfg, saved));
    if (typeof r === 'number') return r;
    if (o.format === 'json') {
      out(JSON.stringify({ spec: specPath, property: r.property, stillViolates: r.stillViolates, stoppedAt: r.stoppedAt, differs: r.differs, steps: r.trace.steps }, null, 2));
    } else {
      const st = style();
      const lines = [st.bold(`replay of ${file} against ${specPath}${r.property ? ` (property ${r.property})` : ''}`), ...renderTrace(cfg, r.trace, st, false, r.property ?? undefined)];
      if (r.stoppedAt) lines.push('', printable(`  the trace stops being possible at step ${r.stoppedAt.step} ('${r.stoppedAt.event}'): ${r.stoppedAt.why}`)); // D-164: the trace's text
      if (r.differs.length) lines.push(`  the state differs from the recorded one after step(s) ${r.differs.join(', ')}`);
      const result = r.stillViolates ? st.red(`the violation still occurs${r.property ? ` (${r.property})` : ''}`)
        : r.stoppedAt ? st.yellow(`the trace does not apply to this spec: it stops at step ${r.stoppedAt.step}, before its violation`)
          : st.green('the violation no longer occurs');
      lines.push('', `  result: ${result}`);
      out(lines.join('\n'));
    }
    // D-167, SPEC §3: an event of the trace that the spec no longer allows (not enabled, or naming
    // what the spec lacks) is an error, as in simulate (D-40): a stale trace never passes for a fix.
    if (r.stoppedAt) {
      const { step, event, why } = r.stoppedAt;
      err(formatSpecError({
        code: 'E_TRACE_STOPS', pos: saved.eventAt?.(step) ?? { file, line: 1, column: 1 },
        message: `step ${step} of the trace ('${event}') cannot be replayed against ${specPath}: ${why}`,
        hint: 'the trace is of another spec, or the spec changed since it was written: check the spec again for a current trace',
      }));
      return 2;
    }
    return r.stillViolates ? 1 : 0;
  });
}

export function runSimulate(spec: string, o: { events: string; format: 'text' | 'json'; only?: string[]; skip?: string[]; full?: boolean; properties?: string[]; timeout?: number }): Promise<number> {
  const timeout = o.timeout ?? MODULE_TIMEOUT;
  return withModuleThread(o.properties, timeout, async (extra, thread) => {
    if (unknownProperties(o.only, extra.properties) || unknownProperties(o.skip, extra.properties)) return 2;
    const cfg = load(spec, extra.properties);
    if (!cfg) return 2;
    if (o.format === 'json') for (const f of cfg.findings) err(formatFinding(f));
    const r = await inThread<SimulateResult>(thread, { type: 'simulate', cfg, events: o.events, only: o.only ?? null, skip: o.skip ?? null }, timeout, () => simulate(cfg, o.events, [], o.only ?? null, o.skip ?? null));
    if (typeof r === 'number') return r;
    if (!r.ok) {
      // The steps before the impossible event, with their violations, still matter (issue 15: a violation was lost).
      if (r.trace && o.format === 'text') out([style().bold(`${spec}: sysplex ${cfg.sysplex}`), ...cfg.findings.map((f) => `  ${formatFinding(f)}`), ...renderTrace(cfg, r.trace, style(), o.full ? true : 'both')].join('\n'));
      err(`dvipa-verify: ${r.message}`);
      return 2;
    }
    const violated = r.trace.steps.some((s) => s.violations.length > 0);
    if (o.format === 'json') out(JSON.stringify({ steps: r.trace.steps }, null, 2));
    else {
      const st = style();
      const lines = [st.bold(`${spec}: sysplex ${cfg.sysplex}`), ...cfg.findings.map((f) => `  ${formatFinding(f)}`), ...renderTrace(cfg, r.trace, st, o.full ? true : 'both')];
      lines.push('', violated ? `  result: ${st.red('properties violated on the way')}` : `  result: ${st.green('no property violated')}`);
      out(lines.join('\n'));
    }
    return violated ? 1 : 0; // D-40
  });
}

export function runLint(specs: string[], o: { format: 'text' | 'json' }): number {
  const unlisted: string[] = [];
  const { specs: files, reports } = splitReports(expandSpecs(specs, unlisted));
  for (const u of unlisted) err(u);
  if (files.length === 0) { if (!unlisted.length) err(noSpecsMessage(specs)); return 2; }
  const codes: number[] = unlisted.length ? [2] : [];
  const all: object[] = [];
  for (const file of files) {
    const cfg = load(file);
    if (!cfg) { codes.push(2); continue; }
    const findings = [...lint(cfg), ...reportFindings(cfg, reports)];
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    codes.push(errors > 0 ? 1 : 0);
    if (o.format === 'json') all.push({ spec: file, findings: findings.map((f) => ({ ...f, file: f.pos.file, line: f.pos.line, column: f.pos.column, pos: undefined })) });
    else out([...findings.map(formatFinding), `${file}: ${errors} error(s), ${warnings} warning(s), ${findings.length - errors - warnings} note(s)`].join('\n'));
  }
  if (o.format === 'json') out(JSON.stringify(all.length === 1 && files.length === 1 ? all[0] : all, null, 2));
  return combine(codes);
}

export function runProperties(o: { properties?: string[]; timeout?: number }): Promise<number> {
  // the modules load in their thread: a top level that never finishes is a limit, not a hang (D-205)
  return withModuleThread(o.properties, o.timeout ?? MODULE_TIMEOUT, async (extra) => {
    const props = allProperties(extra.properties);
    const w = Math.max(...props.map((p) => p.name.length));
    for (const p of props) out(`${p.name.padEnd(w)}  ${p.kind === 'invariant' ? 'state' : 'step '}  ${extra.sources.get(p.name) ?? 'built-in'}  ${p.description}`);
    return 0;
  });
}

export function runExport(spec: string, o: { to: 'promela'; output?: string; force?: boolean; only?: string[]; skip?: string[] }): number {
  if (unknownProperties(o.only) || unknownProperties(o.skip)) return 2;
  const target = o.output ? writeRefusal(o.output, o.force === true) : null; // before the export, which may be long
  if (target) { err(`dvipa-verify: ${target}`); return 2; }
  const cfg = load(spec);
  if (!cfg) return 2;
  for (const f of cfg.findings) err(formatFinding(f));
  let text: string;
  try {
    text = exportPromela(cfg, o.only ?? null, o.skip ?? null);
  } catch (e) {
    // D-291: a text longer than Node.js can hold (about 512 MiB) is a limit of this tool, said as such
    if (!(e instanceof RangeError) || !/string length/i.test(e.message)) throw e;
    err(`dvipa-verify: ${spec}: the Promela model of this sysplex is too large to print (over 512 MiB of text, the longest string Node.js holds): export a spec with the DVIPAs you want SPIN to check, or check this one with slicing (the default)`);
    return 2;
  }
  if (!o.output) { out(text); return 0; }
  const refused = writeAtomic(o.output, text, o.force === true);
  if (refused) { err(`dvipa-verify: ${refused}`); return 2; }
  return 0;
}

