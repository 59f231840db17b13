// Long because one walk does what z/OS does to a profile before parsing it (INCLUDEs, symbols, D-186's
// name on a later line) and holds it to the limits of D-325 and D-326 as it goes, so that each
// limit is found where it is passed.
import { MAX_PROFILE_BYTES, readBounded } from './read-bounded.js';
import { lstatSync, readdirSync, statSync } from 'node:fs';
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
  /** Each INCLUDE statement resolved (once, however often its member is read): where it stands and the file it names. */
  readonly includes: readonly { readonly pos: SourcePos; readonly name: string; readonly file: string | null }[];
  /**
   * D-325, D-326: the limit the processing passed (an `E_LIMIT` error finding, also in
   * `findings`), where it passed it; the text is then empty. A spec error for the loader (exit 2).
   */
  readonly limit: Finding | null;
}

/** D-326: INCLUDEs nest at most this deep (as lists and mappings in a spec, D-93; a site nests 2 or 3). */
export const MAX_INCLUDE_DEPTH = 64;

/** Thrown inside expandProfile's walk to end it at a limit (D-325, D-326); never leaves it. */
class LimitPassed extends Error {}

const mib = (n: number): string => `${n / (1024 * 1024)} MiB`;

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
  const r = findInclude(name, dir);
  return r && 'file' in r ? r.file : null;
}

/** What a folder entry is when it is not a regular file (an INCLUDE cannot read it). */
function kindOf(path: string): string {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
  } catch (e) {
    const loop = (e as { code?: string }).code === 'ELOOP';
    try { if (lstatSync(path).isSymbolicLink()) return loop ? 'a symbolic link in a loop (ELOOP)' : 'a broken symbolic link'; } catch { /* gone meanwhile */ }
    return 'unreadable';
  }
}

/**
 * resolveInclude's search, telling also of an entry that has the name but is no regular file (a
 * FIFO, a device, a folder; D-157): `{ file }`, `{ other, kind }`, or null when nothing has the name.
 */
export function findInclude(name: string, dir: string): { file: string } | { other: string; kind: string } | null {
  const bare = name.replace(/^\/\//, '').replace(/^'(.*)'$/, '$1');
  const member = memberOf(name);
  let entries: string[];
  try { entries = readdirSync(dir).sort(); } catch { return null; }
  const isFile = (f: string): boolean => { try { return statSync(join(dir, f)).isFile(); } catch { return false; } };
  const up = (s: string): string => s.toUpperCase();
  const stem = (f: string): string => (f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : f);
  const tests = [(f: string): boolean => up(f) === up(bare), (f: string): boolean => up(f) === up(member), (f: string): boolean => up(stem(f)) === up(member)];
  for (const t of tests) {
    const pick = entries.find((f) => t(f) && isFile(f));
    // D-176: named as the folder is named (a relative folder gives a relative path), so reports cite it as the user would
    if (pick !== undefined) return { file: join(dir, pick) };
  }
  for (const t of tests) {
    const other = entries.find(t);
    if (other !== undefined) return { other: resolve(dir, other), kind: kindOf(join(dir, other)) };
  }
  return null;
}

/** INCLUDE is a whole statement of its own line: the keyword, then the data set name. */
const INCLUDE_LINE = /^(\s*)(INCLUDE)(?=\s|$)(\s*)(\S+)?/i;

export function expandProfile(text: string, map: PosMapper, opts: ExpandOptions): ExpandedProfile {
  const lines: string[] = [];
  const maps: ((col: number) => SourcePos)[] = [];
  const findings: Finding[] = [];
  const files: string[] = opts.file ? [resolve(opts.file)] : [];
  const includes: { pos: SourcePos; name: string; file: string | null }[] = [];
  const symbols: Readonly<Record<string, string>> = opts.symbols instanceof Map ? Object.fromEntries(opts.symbols) : (opts.symbols as Readonly<Record<string, string>> | undefined) ?? {};
  const note = (severity: Finding['severity'], code: string, pos: SourcePos, message: string, hint?: string): void => {
    findings.push({ severity, code, pos, ...(opts.stack ? { stack: opts.stack } : {}), message, ...(hint ? { hint } : {}) });
  };

  // D-325: the processed profile is held to the size a profile may be read at (D-91): every member
  // counts, as written, each time an INCLUDE reads it (INCLUDE statements included), and every line
  // by what its symbols add. `size` is that count so far; the work is linear in it.
  let size = text.length;
  let limit: Finding | null = null;
  const fail = (pos: SourcePos, message: string, hint: string): never => {
    limit = { severity: 'error', code: 'E_LIMIT', pos, ...(opts.stack ? { stack: opts.stack } : {}), message, hint };
    findings.push(limit);
    throw new LimitPassed();
  };
  const over = `more than the ${mib(MAX_PROFILE_BYTES)} limit of a profile (D-91)`;
  /** A line with its symbols substituted, within what is left of the limit; `count`: the line is processed (not only looked at). */
  const subst = (line: string, at: (col: number) => SourcePos, count: boolean): ReturnType<typeof substituteLine> => {
    const r = substituteLine(line, symbols, line.length + MAX_PROFILE_BYTES - size);
    if (r.overflow) {
      fail(at(r.overflow.column), `system symbol &${r.overflow.name}. (${r.overflow.length} characters) makes the profile, its INCLUDEs read and its symbols substituted, ${over}; the profile is not read further`,
        `D-325: IBM wants a symbol's value no longer than its name with the &; check the symbols given for this stack`);
    }
    if (count) size += r.text.length - line.length;
    return r;
  };
  // D-326: each folder's lookups and each member's text once per profile, however often INCLUDEs name them
  type Lookup = { where: string[]; hits: ReturnType<typeof findInclude>[]; file: string | null; abs: string; noMember: boolean };
  const found = new Map<string, Lookup>();
  const lookup = (name: string, dir: string): Lookup => {
    const key = `${dir}\u0000${name}`;
    let r = found.get(key);
    if (!r) {
      const where = [dir, ...(opts.alsoIn ?? []).filter((d) => resolve(d) !== resolve(dir))];
      const hits = where.map((d) => findInclude(name, d));
      const file = hits.map((f) => (f && 'file' in f ? f.file : null)).find((f) => f !== null) ?? null;
      r = { where, hits, file, abs: file ? resolve(file) : '', noMember: memberOf(name) === '' };
      found.set(key, r);
    }
    return r;
  };
  /** Where a member's walk put its lines and findings, what it counted, and how much deeper than the member its INCLUDEs were checked (-1: none). */
  type Fragment = { lines: number; linesEnd: number; findings: number; findingsEnd: number; size: number; included: number; deeper: number };
  const texts = new Map<string, { got: ReturnType<typeof readBounded>; lines?: string[]; dir: string; frag?: Fragment }>();
  let recursions = 0;
  let deepest = -1;
  const seenInclude = new Set<string>();
  let included = 0;

  const walk = (srcLines: string[], at: PosMapper, dir: string, chain: readonly string[], depth: number): void => {
    for (let l = 0; l < srcLines.length; l++) {
      const sub = subst(srcLines[l]!, (c) => at(l, c), true);
      const lineMap = (c: number): SourcePos => at(l, sub.column(c));
      // An unresolved symbol stays as written: the parser makes its statement a syntax error naming it (SEMANTICS §8, D-61).
      const semi = sub.text.indexOf(';');
      const m = INCLUDE_LINE.exec(semi >= 0 ? sub.text.slice(0, semi) : sub.text);
      // a ';' glued to INCLUDE makes it no keyword: the parser's error (D-156)
      if (!m || semi === m[1]!.length + m[2]!.length) { lines.push(sub.text); maps.push(lineMap); continue; }
      lines.push(''); // the INCLUDE statement itself is replaced by what it names
      maps.push(lineMap);
      const kwPos = lineMap(m[1]!.length);
      let name = m[4];
      let nameAt = m[1]!.length + m[2]!.length + m[3]!.length;
      let at1 = lineMap;
      let subN = sub;
      let semiN = semi;
      if (!name) {
        // D-186: statements may be split across lines (IBM), so the name may stand on a later line
        // (blank and comment lines between): that line gives the name and the rest of it goes on.
        let k = l + 1;
        while (k < srcLines.length && ((kk) => subst(srcLines[kk]!, (c) => at(kk, c), false))(k).text.split(';')[0]!.trim() === '') { lines.push(srcLines[k]!.includes(';') ? '' : srcLines[k]!); maps.push(((kk) => (c: number): SourcePos => at(kk, c))(k)); k++; }
        if (k >= srcLines.length) { note('error', 'include-syntax', kwPos, 'INCLUDE needs a data set name; statement ignored'); l = k - 1; continue; }
        const raw = srcLines[k]!;
        const w = /^(\s*)(\S+)/.exec(raw.split(';')[0]!)!;
        srcLines[k] = raw.slice(0, w[1]!.length) + ' '.repeat(w[2]!.length) + raw.slice(w[1]!.length + w[2]!.length); // the name is consumed
        const kn = k;
        subN = subst(raw, (c) => at(kn, c), false);
        semiN = subN.text.indexOf(';');
        const wn = /^(\s*)(\S+)/.exec(semiN >= 0 ? subN.text.slice(0, semiN) : subN.text)!;
        name = wn[2]!;
        nameAt = wn[1]!.length;
        const kk = k;
        at1 = (c: number): SourcePos => at(kk, subN.column(c));
        l = k - 1; // line k is read next, without its name
      }
      const sub1 = subN;
      const namePos = at1(nameAt);
      if (semiN === nameAt + name.length) { // D-61: a ';' glued to the name (one glued to INCLUDE is the parser's, D-156)
        note('error', 'syntax', namePos, `INCLUDE statement rejected: ';' right after '${name}': a comment needs a blank before it, so the word is not valid; its statements are missing from this profile`, `put a blank before ';'`);
        continue;
      }
      const from = sub1.column(nameAt), to = sub1.column(nameAt + name.length - 1);
      const sym = sub1.unresolved.find((u) => u.column >= from && u.column <= to);
      if (sym) { // D-61, D-157: a syntax error of its statement, naming the symbol
        if (sym.name.startsWith('&')) note('error', 'syntax', namePos, `INCLUDE statement rejected: '&${sym.name}.' in '${name}' is MVS's double-ampersand notation, which defers the symbol: z/OS does not substitute it, so the name keeps '${sym.name}.' (D-265); its statements are missing from this profile`, `write ${sym.name}. (one ampersand) to use the symbol's value`);
        else note('error', 'syntax', namePos, `INCLUDE statement rejected: system symbol &${sym.name}. in '${name}' is not defined for this stack; its statements are missing from this profile`, `add it to the stack's symbols: (SYSNAME defaults to system, SYSCLONE to the last two characters of SYSNAME)`);
        continue;
      }
      const { where, hits, file, abs, noMember } = lookup(name, dir);
      if (noMember) { note('error', 'include-syntax', namePos, `INCLUDE ${name} names no member (its last qualifier is empty); statement ignored`); continue; }
      const key = `${namePos.file}:${namePos.line}:${namePos.column}`;
      if (!seenInclude.has(key)) { seenInclude.add(key); includes.push({ pos: namePos, name, file }); }
      if (!file) {
        const other = hits.find((f): f is { other: string; kind: string } => f !== null && 'other' in f);
        note('error', 'include-missing', namePos, other
          ? `INCLUDE ${name}: ${other.other} is ${other.kind}, not a member (a regular file); its statements are missing from this profile`
          : `INCLUDE ${name}: no member ${JSON.stringify(memberOf(name))} in ${where.join(', ')}; its statements are missing from this profile`);
        continue;
      }
      if (chain.includes(abs)) {
        recursions++;
        note('error', 'include-recursive', namePos, `INCLUDE ${name} includes ${basename(file)} again (${[...chain, abs].map((f) => basename(f)).join(' -> ')}): ignored`);
        continue;
      }
      if (depth >= MAX_INCLUDE_DEPTH) {
        fail(namePos, `INCLUDE ${name}: INCLUDEs nested more than ${MAX_INCLUDE_DEPTH} deep (${basename(chain[0] ?? '') || 'the profile'} -> ... -> ${basename(chain[chain.length - 1] ?? '')} -> ${basename(file)}); the profile is not read further`,
          `D-326: a site nests INCLUDEs two or three deep; check the members for a chain`);
      }
      deepest = Math.max(deepest, depth);
      let member = texts.get(abs);
      if (!member) { member = { got: readBounded(file, MAX_PROFILE_BYTES, true), dir: dirname(file) }; texts.set(abs, member); }
      const got = member.got;
      if ('error' in got) {
        note('error', 'include-missing', namePos, `INCLUDE ${name}: cannot read ${file}: ${got.error}`);
        continue;
      }
      const body = got.text;
      included++;
      if (size + body.length > MAX_PROFILE_BYTES) {
        fail(namePos, `INCLUDE ${name}: ${basename(file)} (${body.length} characters, read for the ${included}${ordinal(included)} INCLUDE) makes the profile, its INCLUDEs read and its symbols substituted, ${over}; the profile is not read further`,
          `D-325: each INCLUDE reads its member again; look for members that INCLUDE others more than once`);
      }
      size += body.length;
      if (got.read) note('warning', 'profile-ebcdic', namePos, `INCLUDE ${name}: ${file} is not UTF-8 text: read as ${got.read}, as z/OS reads a member (D-306)`);
      if (!files.includes(abs)) files.push(abs);
      // D-326: a member walked before without a recursive INCLUDE in it gives the same lines, maps and
      // findings wherever it is included again (no member of its INCLUDEs can be on the chain here:
      // it would include this member, which then was recursive), so they are copied, not walked;
      // unless the copy would pass a limit, where the walk finds the very INCLUDE or symbol
      const frag = member.frag;
      if (frag && (frag.deeper < 0 || depth + 1 + frag.deeper < MAX_INCLUDE_DEPTH) && size + frag.size <= MAX_PROFILE_BYTES) {
        copy(lines, frag.lines, frag.linesEnd);
        copy(maps, frag.lines, frag.linesEnd);
        copy(findings, frag.findings, frag.findingsEnd);
        size += frag.size;
        included += frag.included;
        if (frag.deeper >= 0) deepest = Math.max(deepest, depth + 1 + frag.deeper);
        continue;
      }
      member.lines ??= body.split(/\r?\n/);
      const before = { lines: lines.length, findings: findings.length, size, included, recursions, deepest };
      deepest = -1;
      // a copy: the walk consumes a name that stands on a line of its own (D-186)
      walk(member.lines.slice(), (ll, cc) => ({ file, line: ll + 1, column: cc + 1 }), member.dir, [...chain, abs], depth + 1);
      if (!member.frag && recursions === before.recursions) {
        member.frag = { lines: before.lines, linesEnd: lines.length, findings: before.findings, findingsEnd: findings.length, size: size - before.size, included: included - before.included, deeper: deepest < 0 ? -1 : deepest - (depth + 1) };
      }
      deepest = Math.max(deepest, before.deepest);
    }
  };
  try {
    if (size > MAX_PROFILE_BYTES) { // only an inline profile (a spec is read up to 8 MiB): where the count passes the limit
      let n = 0, l = 0;
      for (const line of text.split(/\r?\n/)) { n += line.length + 1; if (n > MAX_PROFILE_BYTES) break; l++; }
      fail(map(l, 0), `the profile is ${text.length} characters, ${over}; it is not read further`, 'D-325: a real PROFILE.TCPIP is well under 1 MiB');
    }
    walk(text.split(/\r?\n/), map, opts.dir, opts.file ? [resolve(opts.file)] : [], 0);
  } catch (e) {
    if (!(e instanceof LimitPassed)) throw e;
  }
  // past a limit nothing of the profile is used (the loader's spec error; import's finding): no text is kept
  if (limit) return { text: '', map: (_l, c) => map(0, c), findings, files, includes, limit };
  return { text: lines.join('\n'), map: (l, c) => (maps[l] ?? maps[maps.length - 1]!)(c), findings, files, includes, limit };
}

/** Appends a[from..to) to a, in slices (a spread of too many arguments would overflow the stack). */
function copy<T>(a: T[], from: number, to: number): void {
  for (let i = from; i < to; i += 8192) a.push(...a.slice(i, Math.min(to, i + 8192)));
}

const ordinal = (n: number): string => (n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');

export function memberOf(name: string): string {
  const bare = name.replace(/^\/\//, '').replace(/^'(.*)'$/, '$1');
  const paren = /\(([^()]+)\)$/.exec(bare);
  return paren ? paren[1]! : bare.includes('/') ? basename(bare) : bare.slice(bare.lastIndexOf('.') + 1);
}
