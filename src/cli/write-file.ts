import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file atomically (temporary file, then rename). An existing file is replaced only with
 * `force`; otherwise the write is refused and the reason returned.
 */
export function writeAtomic(path: string, text: string, force: boolean): string | null {
  if (existsSync(path) && !force) return `${path} exists; not replaced (use --force to replace it)`;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return null;
}
