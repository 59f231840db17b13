import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { allProperties } from '../check/check.js';
import { lint } from '../check/lint.js';
import { buildImport } from '../import/build.js';
import { readInputs } from '../import/inputs.js';
import { reportWhere, writeSpec } from '../import/write-spec.js';
import { formatFinding } from '../render/text.js';
import { formatSpecError } from '../spec/errors.js';
import { loadSpecText } from '../spec/load.js';
import type { SourcePos } from '../spec/config.js';
import { err, out } from './shared.js';
import { pathKey, writeAtomic, writeRefusal } from './write-file.js';

/**
 * `dvipa-verify import <file|folder...> [-o spec.yaml] [--force]` (SPEC §5): a spec from a site's
 * TCPPARMS members and NETSTAT reports. Findings go to stderr, then the written spec's own lint
 * summary. Exit 0: written; 1: written, with error findings; 2: nothing to import, or refused.
 */
/** What a diagnostic names for a place in the spec that `import` prints on standard output (D-166). */
export const STDOUT = '<stdout>';

export function runImport(args: string[], o: { output?: string; force?: boolean }): number {
  const refusal = o.output ? writeRefusal(o.output, o.force === true) : null;
  if (refusal) { err(`dvipa-verify: ${refusal}`); return 2; }
  if (o.output && args.some((a) => pathKey(a) === pathKey(o.output!))) { err(`dvipa-verify: -o ${o.output} is one of the inputs; not replaced, even with --force (give another file)`); return 2; }
  // Without -o the spec is read from a name in the current folder (paths in it are relative to
  // that folder), but it exists only on standard output: what names a place in it says <stdout>,
  // with the line of the printed spec (D-166).
  const specFile = resolve(o.output ?? join(process.cwd(), 'imported.yaml'));
  const specDir = dirname(specFile);
  // Findings name files as the inputs and -o were named (D-176): relative stays relative.
  const relativeNames = [...args, ...(o.output ? [o.output] : [])].every((a) => !isAbsolute(a));
  const named = (file: string): string => {
    const r = relative(process.cwd(), file);
    return relativeNames && isAbsolute(file) && r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r : file;
  };
  const at = <T extends { pos: SourcePos }>(x: T): T => ({ ...x, pos: { ...x.pos, file: !o.output && x.pos.file === specFile ? STDOUT : named(x.pos.file) } });
  const inputs = readInputs(args);
  for (const f of inputs.findings.filter((x) => x.code === 'E_FILE')) err(formatFinding(at(f)));
  if (inputs.profiles.length === 0 && inputs.vipadcfg.length === 0) {
    // D-196: a sysplex-wide display given alone says why it is not imported, and what to give
    for (const f of inputs.findings.filter((x) => x.code === 'netstat-sysplex-view')) err(formatFinding(at(f)));
    err('dvipa-verify: nothing to import: no TCP/IP profile member and no NETSTAT VIPADCFG report among the inputs');
    return 2;
  }
  const model = buildImport(inputs, reportWhere(specDir));
  const text = writeSpec(model, specDir, args.map((a) => resolve(a)));
  const printed = text.split('\n');
  /** D-166: the input line a printed line came from, as its own comment names it. */
  const from = (p: SourcePos): string => {
    if (o.output || p.file !== specFile) return '';
    const m = /[;#]\s+(\S+:\d+)(?=\s|$)/.exec(printed[p.line - 1] ?? '');
    return m ? ` (from ${m[1]})` : '';
  };
  const shown = model.findings.filter((f) => f.code !== 'E_FILE');
  for (const f of shown) err(formatFinding(at(f)));
  const loaded = loadSpecText(text, specFile, { propertyNames: allProperties().map((p) => p.name) });
  if (!loaded.ok) {
    for (const e of loaded.errors) err(`${formatSpecError(at(e))}${from(e.pos)}`);
    err('dvipa-verify: the imported spec does not load (above); it is written so that you can fix it');
  } else {
    const findings = lint(loaded.config).filter((f) => !model.findings.some((g) => g.code === f.code && g.pos.file === f.pos.file && g.pos.line === f.pos.line));
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    for (const f of [...errors, ...warnings]) err(`lint: ${formatFinding(at(f))}${from(f.pos)}`);
    err(`${o.output ?? 'the imported spec'}: ${loaded.config.stacks.length} stack(s), ${loaded.config.clients.length} client(s); lint: ${errors.length} error(s), ${warnings.length} warning(s)`);
  }
  if (o.output) {
    const refused = writeAtomic(o.output, text, o.force === true);
    if (refused) { err(`dvipa-verify: ${refused}`); return 2; }
  } else out(text);
  // D-175: error findings are the import's and those of the written spec's own profile processing
  // (a statement the parser rejects, a start-state contradiction); lint's other findings are the summary
  return !loaded.ok || shown.some((f) => f.severity === 'error') || loaded.config.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
