import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { decodeText } from './ebcdic.js';

/** D-91: the largest spec file and profile file read (a real PROFILE.TCPIP is well under 1 MiB). */
export const MAX_SPEC_BYTES = 8 * 1024 * 1024;
export const MAX_PROFILE_BYTES = 4 * 1024 * 1024;

const mib = (n: number): string => `${n / (1024 * 1024)} MiB`;

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Every regular file read in this process (real paths): what an output of the run must not replace (D-201). */
const READ = new Set<string>();
/** Whether the file at this real path was read as an input (spec, profile, INCLUDE member, report, trace). */
export const wasRead = (real: string): boolean => READ.has(real);

/**
 * Reads a text file of at most `limit` bytes; the reason as a string when it cannot. With
 * `regularOnly` (profile files, named by a spec rather than by the user) only a regular file is
 * opened at all: a FIFO would block and a device such as /dev/zero never ends. Without it (the
 * spec file the user named, perhaps `<(generate)`) a pipe is read, but never past the limit; a
 * FIFO is opened without waiting for a writer (D-91), so one that nobody writes to is refused at
 * once instead of blocking. `read`: how a file that is not UTF-8 was read (EBCDIC, D-306).
 */
export function readBounded(path: string, limit: number, regularOnly: boolean): { text: string; read?: string } | { error: string } {
  let fd: number;
  let fifo = false;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { error: 'is a folder, not a file' };
    if (regularOnly && !st.isFile()) return { error: `is not a regular file (a FIFO, a device or a socket); only regular files of at most ${mib(limit)} are read` };
    if (st.isFile() && st.size > limit) return { error: `is ${st.size} bytes, more than the ${mib(limit)} limit` };
    fifo = st.isFIFO();
    fd = openSync(path, constants.O_RDONLY | (regularOnly || fifo ? constants.O_NONBLOCK : 0));
  } catch (e) {
    return { error: errnoText(e) };
  }
  try {
    if (regularOnly && !fstatSync(fd).isFile()) return { error: `is not a regular file; only regular files of at most ${mib(limit)} are read` };
    const buf = Buffer.alloc(Math.min(limit + 1, 1 << 20));
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      let n: number;
      try { n = readSync(fd, buf, 0, buf.length, null); } catch (e) {
        // a pipe opened without blocking: a writer is there but has not written yet
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(PAUSE, 0, 0, 5);
        continue;
      }
      if (n === 0 && fifo && total === 0) return { error: 'is a FIFO that nothing writes to (or that ended empty): nothing to read' };
      if (n === 0) break;
      total += n;
      if (total > limit) return { error: `is more than the ${mib(limit)} limit` };
      parts.push(Buffer.from(buf.subarray(0, n)));
    }
    if (fstatSync(fd).isFile()) { try { READ.add(realpathSync(path)); } catch { /* renamed meanwhile */ } }
    const { text, read } = decodeText(Buffer.concat(parts));
    return read ? { text, read } : { text };
  } catch (e) {
    return { error: errnoText(e) };
  } finally {
    closeSync(fd);
  }
}

/** D-92: whether `path` (symbolic links followed) lies outside `folder`. */
export function outsideFolder(path: string, folder: string): boolean {
  let real: string;
  let base: string;
  try { real = realpathSync(path); base = realpathSync(folder); } catch { return false; } // a missing file is reported by the reader
  const rel = relative(base, real);
  return rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\') || isAbsolute(rel);
}

/** A file system error in words (the code alone, EACCES, tells a user little). */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system', ENOSPC: 'no space left on the device',
    ENOTDIR: 'a part of the path is not a folder', EISDIR: 'it is a folder', EEXIST: 'it exists', ENOENT: 'no such file or folder', ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long', EDQUOT: 'disk quota exceeded',
  };
  return code ? (words[code] ? `${words[code]} (${code})` : code) : e instanceof Error ? e.message : String(e);
}
