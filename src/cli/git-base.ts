import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { yamlLineBreaks } from '../spec/yaml-guards.js';

/**
 * `compare --base REV spec`: the spec as it is at a git revision, with the files it reads there
 * (D-86). The spec's folder and the folder of each `profileFile` are written, as they are at REV,
 * into a temporary copy of the repository's layout (so profileFile and INCLUDE resolve as in a
 * checkout of REV); the work tree and the index are not touched.
 */
export interface BaseSpec { readonly path: string; readonly root: string; readonly label: string; /** The spec does not exist at REV (a new spec). */ readonly missing?: boolean }

const git = (cwd: string, args: string[]): Buffer => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });

function gitMessage(e: unknown): string {
  const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
  return stderr ? stderr.split('\n')[0]! : (e as Error).message;
}

/** Writes the files of one folder (not its subfolders) at REV under `into`; false if it has none there. */
function copyFolder(root: string, rev: string, folder: string, into: string): boolean {
  const prefix = folder === '' ? '' : `${folder}/`;
  const listing = git(root, ['ls-tree', '-z', rev, '--', prefix === '' ? '.' : prefix]).toString();
  let any = false;
  for (const entry of listing.split('\0').filter(Boolean)) {
    const [meta, path] = [entry.slice(0, entry.indexOf('\t')), entry.slice(entry.indexOf('\t') + 1)];
    if (meta.split(' ')[1] !== 'blob') continue;
    const dest = join(into, path);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, git(root, ['cat-file', 'blob', `${rev}:${path}`]));
    any = true;
  }
  return any;
}

/** The spec at REV, or a sentence saying why it cannot be had (a usage error, exit 2). */
export function specAtRevision(rev: string, spec: string): BaseSpec | string {
  const abs = resolve(spec);
  let root: string;
  try { root = git(dirname(abs), ['rev-parse', '--show-toplevel']).toString().trim(); } catch (e) {
    return `--base ${rev}: ${spec} is not in a git repository (${gitMessage(e)})`;
  }
  try { git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]); } catch {
    return `--base ${rev}: no such git revision (fetch it first, e.g. actions/checkout with fetch-depth: 0)`;
  }
  const rel = relative(root, abs).split('\\').join('/');
  const into = mkdtempSync(join(tmpdir(), 'dvipa-base-'));
  let text: string;
  try { text = git(root, ['cat-file', 'blob', `${rev}:${rel}`]).toString('utf8'); } catch {
    return { path: '', root: into, label: `${rev}:${rel}`, missing: true };
  }
  const folders = new Set([dirname(rel) === '.' ? '' : dirname(rel)]);
  try {
    const doc = parse(yamlLineBreaks(text)) as { stacks?: { profileFile?: unknown }[] } | null;
    for (const s of Array.isArray(doc?.stacks) ? doc.stacks : []) {
      if (typeof s?.profileFile !== 'string' || isAbsolute(s.profileFile)) continue;
      const f = relative(root, resolve(root, dirname(rel), s.profileFile)).split('\\').join('/');
      if (!f.startsWith('..')) folders.add(dirname(f) === '.' ? '' : dirname(f));
    }
  } catch { /* the loader reports the YAML error, at its line */ }
  for (const folder of folders) copyFolder(root, rev, folder, into);
  return { path: join(into, rel), root: into, label: `${rev}:${rel}` };
}
