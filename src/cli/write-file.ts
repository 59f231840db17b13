import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoText, wasRead } from '../spec/read-bounded.js';

/** What is at `path`: nothing, a regular file or something else (a folder, a FIFO, a device). */
function kind(path: string): 'none' | 'file' | 'folder' | 'other' {
  try {
    const st = statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
  } catch { return 'none'; }
}

/**
 * Why `dir` cannot hold output files, or null: it is a folder, or nothing yet (created on write)
 * under folders; `f/sub` where `f` is a file cannot be created.
 */
export function notAFolder(dir: string, what: string): string | null {
  const k = kind(dir);
  if (k === 'folder') return null;
  if (k !== 'none') return `${what} ${dir} is ${k === 'file' ? 'an existing file' : 'not a folder'}; give a folder`;
  for (let up = dirname(dir), below = dir; up !== below; below = up, up = dirname(up)) {
    const u = kind(up);
    if (u === 'folder') return null;
    if (u !== 'none') return `${what} ${dir} cannot be created: ${up} is ${u === 'file' ? 'an existing file' : 'not a folder'}`;
  }
  return null;
}

/** Whether `path` is a file this run has read as an input (D-201). */
export const isInput = (path: string): boolean => kind(path) === 'file' && wasRead(pathKey(path));

/** Why `path` may not be written (before any work is done), or null. */
export function writeRefusal(path: string, force: boolean): string | null {
  const k = kind(path);
  // D-201: whatever the run read (a profileFile, an INCLUDE member, a member of an input folder)
  if (k === 'file' && isInput(path)) return `${path} is an input of this run (read as a spec, profile, INCLUDE member or report); not replaced, even with --force (give another file)`;
  if (k === 'folder') return `${path} is a folder; not replaced (give a file name)`;
  if (k === 'other') return `${path} is not a regular file; not replaced`;
  if (k === 'file' && !force) return `${path} exists; not replaced (use --force to replace it)`;
  const parent = notAFolder(dirname(path), 'the folder');
  return parent ? `cannot write ${path}: ${parent}` : null;
}

/**
 * Writes a file atomically (temporary file, then rename). An existing file is replaced only with
 * `force`; a folder or a special file is never replaced. Every refusal or failure comes back as
 * a message (exit 2 for the caller), and no temporary file is left behind.
 */
export function writeAtomic(path: string, text: string, force: boolean): string | null {
  const refused = writeRefusal(path, force);
  if (refused) return refused;
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    makeFolders(dirname(path));
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, path);
    return null;
  } catch (e) {
    try { rmSync(tmp, { force: true }); } catch { /* nothing was created */ }
    return `cannot write ${path}: ${errnoText(e)}`;
  }
}

/**
 * D-293: the missing folders of `dir`, one level at a time. Node 20's mkdirSync(recursive) never
 * returns under /proc (its mkdir says ENOENT of a parent that exists, and it tries again forever):
 * `init /proc`, `--out /proc/x` hung. A level that cannot be made throws, and the caller says why.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); kind(d) === 'none'; d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try { mkdirSync(d); } catch (e) { if (kind(d) !== 'folder') throw e; } // made meanwhile: fine
  }
}

/** One name per file however it is spelled (`a.json`, `./a.json`, a link to it): for "the same file twice". */
export function pathKey(path: string): string {
  const abs = resolve(path);
  try { return realpathSync(abs); } catch { /* not there yet: its folder may be */ }
  try { return join(realpathSync(dirname(abs)), basename(abs)); } catch { return abs; }
}
