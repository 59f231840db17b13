import { MAX_PROFILE_BYTES, errnoText, readBounded } from '../spec/read-bounded.js';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Finding } from '../spec/config.js';
import { TOP_STATEMENTS } from '../spec/profile-keywords.js';
import { findKeyword, tokenize } from '../spec/profile-tokens.js';
import { parseIeasym, type SysDef } from './ieasym.js';
import { inputKind, SYSPLEX_VIEW_HINT, SYSPLEX_VIEW_MESSAGE, sysplexViewLine, type InputKind } from './report-text.js';
import { parseVipadcfg, rejectedEntries, type VipadcfgReport } from './vipadcfg.js';
import { parseVipadyn, type VipadynReport } from './vipadyn.js';
import { encodingNote } from '../spec/ebcdic.js';

/** The inputs of `import`, each read once and recognised from its content (SPEC §5). */
export interface ImportInputs {
  readonly profiles: readonly { readonly file: string; readonly text: string }[];
  readonly vipadcfg: readonly VipadcfgReport[];
  readonly vipadyn: readonly VipadynReport[];
  readonly sysdefs: readonly SysDef[];
  /** Folder names given, for the sysplex's name. */
  readonly folders: readonly string[];
  /** The folders INCLUDEs are looked up in: those given, and those of the files given. */
  readonly dirs: readonly string[];
  readonly findings: readonly Finding[];
}

/** A folder stands for its members: every file in it but hidden ones and specs (.yaml/.yml/.json). */
export function readInputs(args: readonly string[]): ImportInputs {
  const files: string[] = [];
  const folders: string[] = [];
  const findings: Finding[] = [];
  for (const a of args) {
    let isDir = false;
    try { isDir = statSync(a).isDirectory(); } catch (e) {
      findings.push({ severity: 'error', code: 'E_FILE', pos: { file: a, line: 1, column: 1 }, message: errnoText(e) });
      continue;
    }
    if (!isDir) { files.push(resolve(a)); continue; }
    let names: string[];
    // D-294: a folder that cannot be listed is a finding at the folder, not an internal error
    try { names = readdirSync(a); } catch (e) {
      findings.push({ severity: 'error', code: 'E_FILE', pos: { file: a, line: 1, column: 1 }, message: `cannot list the folder: ${errnoText(e)}` });
      continue;
    }
    folders.push(basename(resolve(a)));
    for (const f of names.sort()) {
      const p = resolve(join(a, f));
      if (f.startsWith('.') || /\.(ya?ml|json)$/i.test(f)) continue;
      try { if (statSync(p).isFile()) files.push(p); } catch { /* vanished */ }
    }
  }
  const out = { profiles: [] as { file: string; text: string }[], vipadcfg: [] as VipadcfgReport[], vipadyn: [] as VipadynReport[], sysdefs: [] as SysDef[] };
  for (const file of [...new Set(files)]) {
    const got = readBounded(file, MAX_PROFILE_BYTES, true);
    if ('error' in got) {
      findings.push({ severity: 'error', code: 'E_FILE', pos: { file, line: 1, column: 1 }, message: `cannot read: ${got.error}` });
      continue;
    }
    const text = got.text;
    if (got.read) findings.push(encodingNote(file, got.read));
    if (/[\u0000-\u0008\u000E-\u001A\uFFFD]/.test(text)) { findings.push({ severity: 'info', code: 'import-binary', pos: { file, line: 1, column: 1 }, message: 'a binary file: skipped' }); continue; }
    const kind: InputKind = inputKind(text);
    if (kind === 'vipadcfg') out.vipadcfg.push(parseVipadcfg(text, file));
    else if (kind === 'vipadyn') out.vipadyn.push(parseVipadyn(text, file));
    else if (kind === 'sysplex') {
      // D-196: refused at its message line, naming the reports to give instead
      const v = sysplexViewLine(text)!;
      findings.push({ severity: 'error', code: 'netstat-sysplex-view', pos: { file, line: v.line, column: v.column }, message: `${SYSPLEX_VIEW_MESSAGE}: not imported`, hint: SYSPLEX_VIEW_HINT });
    } else if (kind === 'ieasym') out.sysdefs.push(...parseIeasym(text, file));
    else {
      // a profile member opens with a statement (after comments): anything else in a folder is not one
      const first = tokenize(text, (l, c) => ({ file, line: l + 1, column: c + 1 }))[0];
      if (first && findKeyword(first.upper, TOP_STATEMENTS)) out.profiles.push({ file, text });
      else findings.push({ severity: 'info', code: 'import-not-profile', pos: first?.pos ?? { file, line: 1, column: 1 }, message: first ? `not a TCP/IP profile member (it opens with '${first.text}', not a statement): skipped` : 'empty (or only comments): skipped' });
    }
  }
  for (const r of [...out.vipadcfg, ...out.vipadyn]) {
    for (const u of r.unreadable) findings.push({ severity: 'warning', code: 'netstat-unreadable', pos: { file: r.file, line: u.line, column: 1 }, message: `line not understood: ${u.text}` });
  }
  for (const r of out.vipadcfg) findings.push(...rejectedEntries(r));
  const dirs = [...new Set(args.flatMap((a) => { try { return [statSync(a).isDirectory() ? resolve(a) : dirname(resolve(a))]; } catch { return []; } }))];
  return { ...out, folders, dirs, findings };
}
