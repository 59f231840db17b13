import { compare } from '../check/compare.js';
import type { Config } from '../spec/config.js';
import type { LoadedProperties } from '../properties/load-modules.js';
import { formatFinding, renderTrace } from '../render/text.js';
import { specAtRevision, type BaseSpec } from './git-base.js';
import { expandSpecs } from './inputs.js';
import { combine, err, jsonReport, load, out, propertyFailure, style, unknownProperties, withPropertyThread, type Runner } from './shared.js';

/** `compare <old> <new>` and `compare --base REV <spec...>` (D-86). */
export interface CompareOptions { base?: string; format: 'text' | 'json'; properties?: string[]; maxStates?: number; timeout?: number; only?: string[]; skip?: string[] }

export async function runCompare(args: string[], o: CompareOptions): Promise<number> {
  if (!o.base && args.length !== 2) {
    err('dvipa-verify: compare takes <old> <new>, or --base <git revision> <spec...>');
    err(`(run 'dvipa-verify compare --help' for its options)`);
    return 2;
  }
  return withPropertyThread(o.properties, o.timeout, (extra, run) => compareSpecs(args, o, extra, run));
}

async function compareSpecs(args: string[], o: CompareOptions, extra: LoadedProperties, run: Runner): Promise<number> {
  if (unknownProperties(o.only, extra.properties) || unknownProperties(o.skip, extra.properties)) return 2;
  const json: object[] = [];
  if (!o.base) {
    const code = await compareOne(args[0]!, args[1]!, null, extra, run, o, json);
    if (json.length) out(JSON.stringify(json[0], null, 2));
    return code;
  }
  const unlisted: string[] = [];
  const specs = expandSpecs(args, unlisted);
  for (const u of unlisted) err(u);
  const codes: number[] = unlisted.length ? [2] : [];
  for (const spec of specs) {
    // D-329: the working tree's spec is loaded first, as check loads it (a missing, malformed or
    // unreadable one is exit 2 at its file:line:column); only a valid spec can be new at REV
    const now = load(spec, extra.properties);
    if (!now) { codes.push(2); continue; }
    const base = specAtRevision(o.base, spec);
    if (typeof base === 'string') { err(`dvipa-verify: ${base}`); codes.push(2); continue; }
    if (base.missing) {
      if (o.format === 'json') json.push({ spec, base: base.label, notAtBase: true });
      else out(`compare ${base.label}: new at ${o.base}, nothing to compare with (check covers it)`);
      codes.push(0);
      continue;
    }
    codes.push(await compareOne(base.label, spec, base, extra, run, o, json, now));
  }
  if (o.format === 'json') out(JSON.stringify(specs.length === 1 && json.length === 1 ? json[0] : json, null, 2));
  return combine(codes);
}

/** One comparison; its JSON goes into `json` (printed by the caller, one document in all). */
async function compareOne(oldArg: string, newSpec: string, base: BaseSpec | null, extra: LoadedProperties, run: Runner, o: CompareOptions, json: object[], loaded?: Config): Promise<number> {
  const oldSpec = oldArg;
  const inBase = (s: string): string => (base ? s.split(`${base.root}/`).join(`${o.base}:`) : s);
  const a = load(base ? base.path : oldSpec, extra.properties, inBase);
  const b = loaded ?? load(newSpec, extra.properties);
  if (!a || !b) return 2;
  let c;
  try {
    c = await compare(a, b, { extraProperties: extra.properties, propertySources: extra.sources, maxStates: o.maxStates, timeout: o.timeout, only: o.only ?? null, skip: o.skip ?? null }, run);
  } catch (e) { return propertyFailure(e); }
  c.old.spec = oldSpec;
  // D-219: what z/OS rejects in the new version explains its changes (a statement that no longer counts)
  const said = b.findings.filter((f) => f.severity !== 'info').map(formatFinding);
  if (o.format === 'json') {
    for (const f of said) err(f); // D-39: stdout holds one JSON document
    json.push({ changes: c.changes, old: jsonReport(c.old), new: jsonReport(c.new), newlyFailing: c.newlyFailing.map((p) => p.name), newlyHolding: c.newlyHolding, stillFailing: c.stillFailing });
  } else {
    const st = style();
    const lines = [st.bold(`compare ${oldSpec} -> ${newSpec}`), ...said.map((f) => `  ${f}`)];
    lines.push(c.changes.length ? '  configuration changes:' : '  no configuration change', ...c.changes.map((x) => `    ${inBase(x.text)}`));
    lines.push(`  old: ${c.old.states} states, ${c.old.complete ? 'complete' : 'INCOMPLETE'}; new: ${c.new.states} states, ${c.new.complete ? 'complete' : 'INCOMPLETE'}`);
    for (const p of c.newlyFailing) {
      lines.push(`  ${st.red('NEWLY FAILS')}  ${p.name}: ${p.message ?? ''}`);
      if (p.trace) lines.push(...renderTrace(b, p.trace, st, false, p.name));
    }
    for (const n of c.newlyHolding) lines.push(`  ${st.green('newly holds')}  ${n}`);
    for (const n of c.stillFailing) lines.push(`  ${st.yellow('still fails')}  ${n}`);
    if (c.newlyFailing.length + c.newlyHolding.length + c.stillFailing.length === 0) lines.push('  no property fails in either version');
    if (c.new.result === 'empty') lines.push(`  ${st.red('new version is EMPTY')}: ${c.new.reason ?? ''}`);
    // D-212: the result line says what the exit code says (an empty new version is exit 1, an incomplete one exit 3)
    const verdict = c.newlyFailing.length ? st.red(`${c.newlyFailing.length} property(ies) newly fail`)
      : c.new.result === 'empty' ? st.red('FAIL: the new version has nothing to verify')
        : c.new.complete ? 'nothing newly fails' : st.yellow('INCOMPLETE: nothing newly fails so far (a limit was hit in the new version)');
    lines.push('', `  result: ${verdict}`);
    out(lines.join('\n'));
  }
  // SPEC §5: a new version with nothing to verify is no green light.
  if (c.newlyFailing.length > 0 || c.new.result === 'empty') return 1;
  return c.new.complete ? 0 : 3;
}
