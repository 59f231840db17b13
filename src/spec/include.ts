import { MAX_PROFILE_BYTES, readBounded } from './read-bounded.js';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Finding, SourcePos } from './config.js';
import type { PosMapper } from './profile-tokens.js';
import { substituteLine } from './line-symbols.js';

/**
 * A profile with its INCLUDEs spliced in and its system symbols substituted (SPEC §5), each line
 * still mapped to the file and line it came from, so findings name the member that holds them.
 */
export interface ExpandedProfile {
  readonly text: string;
  readonly map: PosMapper;
  readonly findings: readonly Finding[];
  /** Every member read (the profile's own file first when it has one), absolute paths. */
  readonly files: readonly string[];
  /** Each INCLUDE resolved: where it stands and the file it names. */
  readonly includes: readonly { readonly pos: SourcePos; readonly name: string; readonly file: string | null }[];
}

export interface ExpandOptions {
  /** The folder INCLUDEs of this text resolve in: the profile's folder, or the spec's for an inline profile. */
  readonly dir: string;
  /** The file the text is, when it is one (an INCLUDE of itself is recursive). */
  readonly file: string | null;
  readonly stack?: string;
  /** A stack's symbols (a Map, as issue 15's symbolTable gives them, or a plain object). */
  readonly symbols?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /** `import`: further folders to look in after the including file's own (the folders given). */
  readonly alsoIn?: readonly string[];
}

/**
 * The file an INCLUDE names, by the member in parentheses, else the last qualifier of a data set
 * name (or the last part of a z/OS UNIX path): `USER.TCPPARMS(VIPAS)` and `SYS1.TCPIP.VIPAS` both
 * name VIPAS. A file whose whole name is the data set name comes first; names compare without case
 * and with or without an extension (D-100).
 */
export function resolveInclude(name: string, dir: string): string | null {
  const bare = name.replace(/^\/\//, '').replace(/^'(.*)'$/, '$1');
  const member = memberOf(name);
  let entries: string[];
  try { entries = readdirSync(dir).sort(); } catch { return null; }
  const isFile = (f: string): boolean => { try { return statSync(join(dir, f)).isFile(); } catch { return false; } };
  const up = (s: string): string => s.toUpperCase();
  const stem = (f: string): string => (f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : f);
  const pick = entries.find((f) => up(f) === up(bare) && isFile(f))
    ?? entries.find((f) => up(f) === up(member) && isFile(f))
    ?? entries.find((f) => up(stem(f)) === up(member) && isFile(f));
  return pick === undefined ? null : resolve(dir, pick);
}

/** INCLUDE is a whole statement of its own line: the keyword, then the data set name. */
const INCLUDE_LINE = /^(\s*)(INCLUDE)(\s+)(\S+)?/i;

export function expandProfile(text: string, map: PosMapper, opts: ExpandOptions): ExpandedProfile {
  const lines: string[] = [];
  const maps: ((col: number) => SourcePos)[] = [];
  const findings: Finding[] = [];
  const files: string[] = opts.file ? [resolve(opts.file)] : [];
  const includes: { pos: SourcePos; name: string; file: string | null }[] = [];
  const symbols: Readonly<Record<string, string>> = opts.symbols instanceof Map ? Object.fromEntries(opts.symbols) : (opts.symbols as Readonly<Record<string, string>> | undefined) ?? {};
  const note = (severity: Finding['severity'], code: string, pos: SourcePos, message: string): void => {
    findings.push({ severity, code, pos, ...(opts.stack ? { stack: opts.stack } : {}), message });
  };

  const walk = (src: string, at: PosMapper, dir: string, chain: readonly string[]): void => {
    const srcLines = src.split(/\r?\n/);
    for (let l = 0; l < srcLines.length; l++) {
      const sub = substituteLine(srcLines[l]!, symbols);
      const lineMap = (c: number): SourcePos => at(l, sub.column(c));
      // An unresolved symbol stays as written: the parser makes its statement a syntax error naming it (SEMANTICS §8, D-61).
      const m = INCLUDE_LINE.exec(sub.text.includes(';') ? sub.text.slice(0, sub.text.indexOf(';')) : sub.text);
      if (!m) { lines.push(sub.text); maps.push(lineMap); continue; }
      lines.push(''); // the INCLUDE statement itself is replaced by what it names
      maps.push(lineMap);
      const kwPos = lineMap(m[1]!.length);
      const name = m[4];
      if (!name) { note('error', 'include-syntax', kwPos, 'INCLUDE needs a data set name on the same line; statement ignored'); continue; }
      const namePos = lineMap(m[1]!.length + m[2]!.length + m[3]!.length);
      const file = [dir, ...(opts.alsoIn ?? []).filter((d) => resolve(d) !== resolve(dir))].reduce<string | null>((f, d) => f ?? resolveInclude(name, d), null);
      includes.push({ pos: namePos, name, file });
      if (!file) {
        note('error', 'include-missing', namePos, `INCLUDE ${name}: no member ${JSON.stringify(memberOf(name))} in ${[dir, ...(opts.alsoIn ?? []).filter((d) => resolve(d) !== resolve(dir))].join(', ')}; its statements are missing from this profile`);
        continue;
      }
      if (chain.includes(file)) {
        note('error', 'include-recursive', namePos, `INCLUDE ${name} includes ${basename(file)} again (${[...chain, file].map((f) => basename(f)).join(' -> ')}): ignored`);
        continue;
      }
      const got = readBounded(file, MAX_PROFILE_BYTES, true);
      if ('error' in got) {
        note('error', 'include-missing', namePos, `INCLUDE ${name}: cannot read ${file}: ${got.error}`);
        continue;
      }
      const body = got.text;
      if (!files.includes(file)) files.push(file);
      walk(body, (ll, cc) => ({ file, line: ll + 1, column: cc + 1 }), dirname(file), [...chain, file]);
    }
  };
  walk(text, map, opts.dir, opts.file ? [resolve(opts.file)] : []);
  return { text: lines.join('\n'), map: (l, c) => (maps[l] ?? maps[maps.length - 1]!)(c), findings, files, includes };
}

export function memberOf(name: string): string {
  const bare = name.replace(/^\/\//, '').replace(/^'(.*)'$/, '$1');
  const paren = /\(([^()]+)\)$/.exec(bare);
  return paren ? paren[1]! : bare.includes('/') ? basename(bare) : bare.slice(bare.lastIndexOf('.') + 1);
}
