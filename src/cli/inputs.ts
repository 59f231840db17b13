import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { errnoText } from '../spec/read-bounded.js';

/** What is read as a spec: a folder's .yaml/.yml/.json files. */
export const SPEC_EXT = /\.(ya?ml|json)$/i;

/** The trace files `check --out` writes (`<spec>.<property>.trace.json`, `.itf.json`): never specs. */
export const TRACE_FILE = /\.(trace|itf)\.json$/i;

/** A folder entry read as a spec: a .yaml/.yml/.json file that is no trace `--out` wrote. */
const isSpecName = (f: string): boolean => SPEC_EXT.test(f) && !TRACE_FILE.test(f);

/**
 * Spec arguments: a folder stands for every .yaml/.yml/.json file in it (sorted), except the trace
 * files `--out` writes there (D-278); a file named on the command line is read whatever its name.
 * D-294: a folder that cannot be listed (no read permission) is an error line in `said` (the
 * caller prints it and exits 2 in the end), and the other specs are still checked.
 */
export function expandSpecs(args: readonly string[], said: string[] = []): string[] {
  const out: string[] = [];
  for (const a of args) {
    let isDir = false;
    try { isDir = statSync(a).isDirectory(); } catch { /* reported by the loader */ }
    if (!isDir) { out.push(a); continue; }
    let names: string[];
    try { names = readdirSync(a); } catch (e) { said.push(`${a}:1:1: error E_FILE: cannot list the folder: ${errnoText(e)}`); continue; }
    out.push(...names.filter(isSpecName).sort().map((f) => join(a, f)));
  }
  return out;
}

/**
 * D-316: "no spec files" for folders that hold none; a folder is not searched below it, so the
 * subfolders (one level) that do hold specs are named (`init` writes its spec into `sysplex/`).
 */
export function noSpecsMessage(args: readonly string[]): string {
  const below: string[] = [];
  for (const a of args) {
    let names: string[] = [];
    try { if (statSync(a).isDirectory()) names = readdirSync(a); } catch { /* named as given */ }
    for (const n of names.sort()) {
      const sub = join(a, n);
      try { if (statSync(sub).isDirectory() && readdirSync(sub).some(isSpecName)) below.push(`${sub}/`); } catch { /* unreadable: not named */ }
    }
  }
  const more = below.length ? ` (folders are not searched below them; specs are in ${below.slice(0, 5).join(', ')}${below.length > 5 ? ` and ${below.length - 5} more` : ''}: dvipa-verify check ${below[0]})` : '';
  return `dvipa-verify: no spec files (.yaml, .yml, .json) in ${args.join(', ')}${more}`;
}

/**
 * D-298: a file or folder option given as '' (an unset shell variable: `--out "$DIR"`) is a usage
 * error: `--out ''` dropped every trace without a word, `-o ''` wrote to standard output.
 */
export function pathArg(what: string) {
  return (v: string): string => {
    if (v === '') throw new InvalidArgumentError(`${what} needs a name, not an empty string (an unset variable?)`);
    return v;
  };
}

/** Parses "a,b, c" lists given once or repeated. */
export function nameList(value: string, prev: string[] | undefined): string[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`a list of property names is needed (comma-separated), not '${value}'`);
  return [...(prev ?? []), ...names];
}

export function positiveInt(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${what} must be a whole number, not '${v}'`);
    return n;
  };
}

/** A whole number from `min` to `max` (e.g. --max-states 0 would report states it never explored). */
export function wholeIn(what: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${what} must be a whole number${max === Number.MAX_SAFE_INTEGER ? ` of at least ${min}` : ` from ${min} to ${max}`}, not '${v}'`);
    }
    return n;
  };
}

export function positiveNumber(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a positive number, not '${v}'`);
    return n;
  };
}

export function integer(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*-?\d+\s*$/.test(v) || Math.abs(n) > 2 ** 31 - 1) throw new InvalidArgumentError(`${what} must be a whole number, not '${v}'`);
    return n;
  };
}

/** D-297: the highest walk number a --path may start with (about 6 s of skipping). */
export const MAX_PATH_RUN = 10_000_000;

/** --path: a fast-check replay path as `check --mode random` prints it (run, then shrink steps: "12:0:3"). */
export function replayPath(v: string): string {
  // D-297: fast-check skips to the walk a path starts with one walk at a time, where neither
  // --timeout nor Ctrl-C can stop it (~1 s per million walks): a first number no random run of
  // this tool reaches in practice would hang the run
  const first = Number(/^\d+/.exec(v)?.[0] ?? 0);
  if (first > MAX_PATH_RUN) throw new InvalidArgumentError(`--path starts with walk ${first}; replaying it would skip that many walks first, which nothing can interrupt: at most ${MAX_PATH_RUN} (give the path a random run printed)`);
  if (!/^\d{1,9}(:\d{1,9}){0,9999}$/.test(v)) throw new InvalidArgumentError(`--path must be a replay path as a random run prints it (whole numbers joined by ':', e.g. 12:0:3), not '${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`);
  return v;
}

function share(what: string, v: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${what} must be i/n with 1 <= i <= n (n at most ${Number.MAX_SAFE_INTEGER}), not '${v}'`);
  return [i, n];
}

/** "i/n" with 1 <= i <= n; returned 0-based. */
export function shard(v: string): [number, number] {
  const [i, n] = share('--shard', v);
  return [i - 1, n];
}

/** `--slice i/n`, 1-based as written. */
export const sliceShare = (v: string): [number, number] => share('--slice', v);
