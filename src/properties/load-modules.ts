import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { extname, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { invariant, isProperty, stepProperty, type Property } from './api.js';
import { EVENT_KINDS } from '../model/actions.js';
import { canonicalIPv6, isIPv4 } from '../spec/ipv4.js';
import { errnoText } from '../spec/read-bounded.js';

const PARTS: readonly string[] = ['stacks', 'dvipas', 'connections'];

// D-232: a name is selected with --only/--skip (comma-separated), listed in expect.violated and
// becomes part of a --out file name: a letter or digit first, then letters, digits, - _ . (1-64).
const PROPERTY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A property's name, a step property's `events` or `changes` hint naming something that does not exist. */
function badHint(p: Property): string | null {
  if (!PROPERTY_NAME.test(p.name)) return `the name must be 1-64 letters, digits, - _ . starting with a letter or digit (it is selected with --only/--skip and names a --out trace file)`;
  // D-261: the description is what `dvipa-verify properties` and the reports show
  if (typeof p.description !== 'string') return `description must be a string (one line saying what the property checks; \`dvipa-verify properties\` shows it)`;
  const dv = p.dvipas as unknown;
  if (dv !== undefined && dv !== 'all' && !(Array.isArray(dv) && dv.every((a) => typeof a === 'string'))) return `dvipas must be 'all' or a list of DVIPA addresses`;
  // D-260: an entry that is no address is a typo that would leave the property on the wrong slice
  if (Array.isArray(dv) && dv.length === 0) return `dvipas: [] names no DVIPA (list the addresses it reads, or 'all')`;
  for (const a of Array.isArray(dv) ? (dv as string[]) : []) if (!isIPv4(a) && canonicalIPv6(a) === null) return `dvipas: '${a}' is not an IPv4 or IPv6 address`;
  if (p.kind !== 'step') return null;
  for (const e of p.events ?? []) if (!(EVENT_KINDS as readonly string[]).includes(e)) return `unknown event kind '${String(e)}' in events (kinds: ${EVENT_KINDS.join(', ')})`;
  for (const c of p.changes ?? []) if (!PARTS.includes(c)) return `unknown state part '${String(c)}' in changes (parts: ${PARTS.join(', ')})`;
  return null;
}
import { builtUrl } from '../engine/built-url.js';

export interface LoadedProperties { properties: Property[]; sources: Map<string, string>; modules: string[] }
export interface ModuleError { file: string; line: number; column: number; message: string }

let hooked = false;

/**
 * D-257: what a property module's `process.exit()` throws in the threads that run the modules:
 * a worker thread's exit ended only that thread (exit 2 without a name with one worker, a search
 * waiting forever with several), now it is a failure of the property that called it, at its line.
 */
export class ExitCalled extends Error {
  constructor(readonly code: unknown) {
    super(`it called process.exit(${code === undefined ? '' : typeof code === 'number' || typeof code === 'string' ? String(code) : '...'}): a property module must not end the process (a check returns true, false or a message)`);
  }
}

/**
 * D-259: `require('dvipa-verify')` in a CommonJS property module (.cjs, or .js outside a
 * "type": "module" package) gives what a property module needs of the package (invariant,
 * stepProperty, isProperty): the package itself is an ES module, which Node 20 cannot require(),
 * and the module hooks (register) see only imports. Every other require() is Node's.
 */
function hookRequire(): void {
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  const api = Object.freeze({ invariant, stepProperty, isProperty });
  M._load = function (this: unknown, request: string, ...rest: unknown[]): unknown {
    return request === 'dvipa-verify' ? api : load.call(this, request, ...rest);
  };
}

/** In a thread that runs property modules (never the main thread: the CLI ends there), process.exit throws. */
function guardExit(): void {
  if (isMainThread) return;
  const exit = process.exit.bind(process);
  // D-295: Node's own handler of an uncaught exception (a throw in a timer or an unhandled
  // rejection that a module left running) ends the thread with process.exit() once it has sent
  // the error to the main thread; a throw there aborted the whole process (V8 fatal error)
  process.exit = ((code?: unknown): never => {
    if ((process as { _exiting?: boolean })._exiting === true) return exit(code as number);
    throw new ExitCalled(code);
  }) as typeof process.exit;
}
const EXT = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts']);
/** A spec's name, as cli/inputs.ts SPEC_EXT (a spec file is never a module). */
const SPEC_EXT = /\.(ya?ml|json)$/i;

/** Files of the given paths: a folder stands for its .js/.mjs/.ts files (sorted, not recursive). */
function moduleFiles(paths: readonly string[]): string[] | ModuleError {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '') return { file: '', line: 1, column: 1, message: "an empty path names no property module (give a .js/.mjs/.ts file or a folder of them)" };
    let st;
    try { st = statSync(p); } catch { return { file: p, line: 1, column: 1, message: 'property module not found' }; }
    // D-276: `--properties <path...>` takes every path after it; a spec there was meant as a spec
    if (!st.isDirectory() && SPEC_EXT.test(p)) return { file: p, line: 1, column: 1, message: `a spec file, not a property module: --properties takes every path after it, so give the specs before --properties, or end its list with --` };
    let names: string[] = [];
    // D-294: a folder that cannot be listed is a module error at the folder, not an internal error
    try { if (st.isDirectory()) names = readdirSync(p); } catch (e) { return { file: p, line: 1, column: 1, message: `cannot list the folder: ${errnoText(e)}` }; }
    const inside = st.isDirectory() ? names.filter((f) => EXT.has(extname(f)) && !f.endsWith('.d.ts')).sort().map((f) => join(p, f)) : [p];
    // D-207: a folder named for its modules that holds none is a mistake, as a module without a property is
    if (inside.length === 0) return { file: p, line: 1, column: 1, message: `no property module (${[...EXT].join(', ')}) in this folder: nothing would be added to the built-in properties` };
    for (const f of inside) {
      let ok = false;
      try { ok = statSync(f).isFile(); } catch { /* a dangling link */ }
      if (!ok) return { file: f, line: 1, column: 1, message: 'a property module must be a regular file (a FIFO, a device or a dangling link is not read); a folder stands for its modules' };
      out.push(f);
    }
  }
  return out.map((f) => resolvePath(f));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The position of an error inside `file`, read from its stack (or the TypeScript diagnostic).
 * A thrown non-Error (`throw null`, `throw 'x'`) has no stack: then the place where the module
 * names `property` (its `name: '...'`), else 1:1.
 */
export function positionIn(file: string, e: unknown, property?: string): { line: number; column: number } {
  const pos = e !== null && typeof e === 'object' ? (e as { dvipaPos?: { line: number; column: number } }).dvipaPos : undefined;
  if (pos) return pos;
  let stack = '';
  try { stack = e instanceof Error ? String(e.stack ?? '') : ''; } catch { /* a stack getter that throws */ }
  const at = new RegExp(`(?:${escape(pathToFileURL(file).href)}|${escape(file)}):(\\d+)(?::(\\d+))?`);
  for (const line of stack.split('\n')) {
    const m = at.exec(line);
    if (m) return { line: Number(m[1]), column: Number(m[2] ?? 1) };
  }
  return (property !== undefined ? nameIn(file, property) : null) ?? { line: 1, column: 1 };
}

/** Where the module's text spells the property's name as a string literal. */
function nameIn(file: string, property: string): { line: number; column: number } | null {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return null; }
  const m = new RegExp(`(['"\`])${escape(property)}\\1`).exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * Where a JavaScript module's syntax error is: V8 keeps it out of the error's stack for ES
 * modules, but `node --check` prints it ("file:LINE", the source line, a caret line).
 */
function syntaxErrorPosition(file: string): { line: number; column: number } | null {
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  const lines = (r.stderr ?? '').split('\n');
  const i = lines.findIndex((l) => new RegExp(`${escape(file)}:(\\d+)\\s*$`).test(l));
  if (i < 0) return null;
  const line = Number(/:(\d+)\s*$/.exec(lines[i]!)![1]);
  const caret = lines[i + 2]?.indexOf('^') ?? -1;
  return { line, column: caret >= 0 ? caret + 1 : 1 };
}

/**
 * Imports property modules (TypeScript or JavaScript). Each exports properties made with
 * invariant() / stepProperty(): as default (one or a list) or as named exports.
 */
export async function loadPropertyModules(paths: readonly string[], taken: readonly string[], onModule?: (file: string) => void): Promise<LoadedProperties | ModuleError> {
  if (!hooked) {
    register(builtUrl('./loader-hooks.js', import.meta.url));
    process.setSourceMapsEnabled(true); // errors in TypeScript modules point at their own lines
    guardExit();
    hookRequire();
    hooked = true;
  }
  const files = moduleFiles(paths);
  if (!Array.isArray(files)) return files;
  const properties: Property[] = [];
  const sources = new Map<string, string>();
  const names = new Set(taken);
  for (const file of files) {
    let mod: Record<string, unknown>;
    onModule?.(file);
    try {
      mod = await import(pathToFileURL(file).href) as Record<string, unknown>;
    } catch (e) {
      let p = positionIn(file, e);
      if (e instanceof SyntaxError && p.line === 1 && p.column === 1 && !/\.(ts|mts|cts)$/.test(file)) p = syntaxErrorPosition(file) ?? p;
      return { file, ...p, message: `cannot load property module: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
    }
    // D-296: exports that throw when read (a Proxy, a getter) are a module error at the throw
    try {
      const found = Object.values(mod).flatMap((v) => (Array.isArray(v) ? v : [v])).filter(isProperty);
      if (found.length === 0) return { file, line: 1, column: 1, message: 'exports no property (use invariant(...) or stepProperty(...) from dvipa-verify)' };
      for (const p of found) {
        if (properties.includes(p)) continue;
        if (names.has(p.name)) return { file, line: 1, column: 1, message: `property '${p.name}' is defined twice (or clashes with a built-in)` };
        const bad = badHint(p);
        const at = /^dvipas: '(.*)' is not/.exec(bad ?? '')?.[1];
        if (bad) return { file, ...((at !== undefined ? nameIn(file, at) : null) ?? nameIn(file, p.name) ?? { line: 1, column: 1 }), message: `property '${p.name}': ${bad}` };
        names.add(p.name);
        properties.push(p);
        sources.set(p.name, file);
      }
    } catch (e) {
      let text: string;
      try { text = e instanceof Error ? e.message.split('\n')[0]! : String(e); } catch { text = 'a value that cannot be printed'; }
      return { file, ...positionIn(file, e), message: `its exports cannot be read (reading them threw): ${text}` };
    }
  }
  return { properties, sources, modules: files };
}
