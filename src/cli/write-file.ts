import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What is at `path`: nothing, a regular file or something else (a folder, a FIFO, a device). */
function kind(path: string): 'none' | 'file' | 'folder' | 'other' {
  try {
    const st = statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
  } catch { return 'none'; }
}

/** Why `dir` cannot hold output files, or null (it is a folder, or nothing yet: created on write). */
export function notAFolder(dir: string, what: string): string | null {
  const k = kind(dir);
  if (k === 'none' || k === 'folder') return null;
  return `${what} ${dir} is ${k === 'file' ? 'an existing file' : 'not a folder'}; give a folder`;
}

/** Why `path` may not be written (before any work is done), or null. */
export function writeRefusal(path: string, force: boolean): string | null {
  const k = kind(path);
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
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, path);
    return null;
  } catch (e) {
    rmSync(tmp, { force: true });
    return `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
}
