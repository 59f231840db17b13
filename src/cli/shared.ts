import { totalmem } from 'node:os';
import { allProperties, check, type CheckOptions, type CheckReport } from '../check/check.js';
import { PropertyThread, type ThreadJob } from '../check/check-thread.js';
import type { Property } from '../properties/api.js';
import { PropertyFailure } from '../properties/bind.js';
import { loadPropertyModules, type LoadedProperties, type ModuleError } from '../properties/load-modules.js';
import { COLOR, formatFinding, PLAIN, type Style } from '../render/text.js';
import type { Config } from '../spec/config.js';
import { didYouMean, formatSpecError, printable, type SpecError } from '../spec/errors.js';
import { loadSpec } from '../spec/load.js';
import { SCHEMA_VERSION, TOOL } from './about.js';

/** What every command shares: output, loading specs and property modules, exit codes. */
export const out = (s: string): void => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); };
export const err = (s: string): void => { const t = printable(s, true); process.stderr.write(t.endsWith('\n') ? t : `${t}\n`); }; // D-164

let colorChoice: boolean | undefined;
/** --color / --no-color on the command line; wins over the environment. */
export function setColor(choice: boolean | undefined): void { colorChoice = choice; }

/**
 * Colour for standard output: --color/--no-color, else FORCE_COLOR (0 or false: none, anything
 * else: colour, as Node and supports-color read it), else NO_COLOR, else only on a terminal.
 */
export function useColor(env: NodeJS.ProcessEnv = process.env, tty = process.stdout.isTTY === true): boolean {
  if (colorChoice !== undefined) return colorChoice;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return tty;
}

export function style(): Style {
  return useColor() ? COLOR : PLAIN;
}

/** Loads a spec; prints its errors (exit 2 material; also into `said`, for the reports) and returns null on failure. */
export function load(file: string, extra: readonly Property[] = [], rename: (s: string) => string = (s) => s, said?: SpecError[]): Config | null {
  const r = loadSpec(file, { propertyNames: allProperties(extra).map((p) => p.name) });
  if (r.ok) return r.config;
  for (const f of r.findings ?? []) err(rename(formatFinding(f))); // z/OS rejections that may explain the errors
  for (const e of r.errors) { const text = rename(formatSpecError(e)); err(text); said?.push(e); }
  return null;
}

export const EXIT: Record<CheckReport['result'], number> = { pass: 0, fail: 1, incomplete: 3, empty: 1 };

/** Combined exit code of several specs: bad input first, then violation, then incomplete. */
export function combine(codes: number[]): number {
  for (const c of [2, 1, 3]) if (codes.includes(c)) return c;
  return 0;
}


/** The JSON report of one spec (SPEC §4, §5): who wrote it and in which shape, then the report. */
export function jsonReport(r: CheckReport): object {
  const { storeBytes: _s, ...rest } = r;
  return { schemaVersion: SCHEMA_VERSION, tool: { name: TOOL.name, version: TOOL.version }, ...rest };
}

/** Loads --properties modules; prints the error (file:line:column) and returns null on failure. */
export async function extraProperties(paths: readonly string[] | undefined): Promise<LoadedProperties | null> {
  if (!paths || paths.length === 0) return { properties: [], sources: new Map(), modules: [] };
  const r = await loadPropertyModules(paths, allProperties().map((p) => p.name));
  if ('properties' in r) return r;
  moduleError(r);
  return null;
}

export function moduleError(r: ModuleError): void { err(`${r.file === '' ? '--properties' : `${r.file}:${r.line}:${r.column}`}: error E_PROPERTY_MODULE: ${r.message}`); }

/** check(), wherever the property modules run. */
export type Runner = (cfg: Config, opts: CheckOptions) => Promise<CheckReport>;

/**
 * Runs `body` with the --properties modules loaded in a thread of their own, and `run` checking
 * there (D-168); without modules, `run` is check() itself. A module that cannot be loaded is
 * exit 2, one whose top level overruns --timeout exit 3.
 */
export async function withPropertyThread(paths: readonly string[] | undefined, timeout: number | undefined, body: (extra: LoadedProperties, run: Runner) => Promise<number>): Promise<number> {
  return withModuleThread(paths, timeout, (extra, thread) => body(extra, thread ? (cfg, opts) => thread.check(cfg, opts) : check));
}

/**
 * Runs `body` with the --properties modules loaded in their thread (null without modules): a
 * module that cannot be loaded is exit 2, one whose top level overruns `timeout` exit 3 (D-168;
 * simulate, replay and properties too, D-205).
 */
export async function withModuleThread(paths: readonly string[] | undefined, timeout: number | undefined, body: (extra: LoadedProperties, thread: PropertyThread | null) => Promise<number>): Promise<number> {
  const thread = paths?.length ? await PropertyThread.open(paths, timeout) : null;
  if (thread && !(thread instanceof PropertyThread)) { moduleError(thread); return thread.limit ? 3 : 2; }
  let code: number;
  try {
    code = await body(thread?.loaded ?? { properties: [], sources: new Map(), modules: [] }, thread);
  } finally {
    const late = await thread?.close(); // D-295: an exception a check left behind
    if (late) { propertyFailure(late); code = 2; }
  }
  return code;
}

/** D-205: a check of a --properties module that had not returned within `timeout` (simulate, replay): exit 3, the limit named. */
export function moduleLimit(command: string, limit: 'timeout' | 'memory', timeout: number, stuck?: string | null): number {
  err(limit === 'memory'
    ? `dvipa-verify: ${command}: the thread running the --properties modules ran out of its heap; it was ended, nothing is reported (D-205)`
    : `dvipa-verify: ${command}: a check of ${stuck ?? 'a --properties module'} had not returned when the --timeout limit (${timeout} s) was reached; its thread was ended, nothing is reported (D-205)`);
  return 3;
}

/**
 * Runs a simulate or replay job in the module thread when there is one (D-205), else `here`: its
 * result, or the exit code of a limit (3) or of a property that threw (2).
 */
export async function inThread<T extends object>(thread: PropertyThread | null, job: ThreadJob, timeout: number, here: () => T): Promise<T | number> {
  try {
    if (!thread) return here();
    const got = await thread.run<T>(job, timeout * 1000);
    return got.ok ? got.result : moduleLimit(job.type, got.limit, timeout, got.stuck);
  } catch (e) { return propertyFailure(e); }
}

/** A property module threw while checking: exit 2 naming the property and the line. */
export function propertyFailure(e: unknown): number {
  if (!(e instanceof PropertyFailure)) throw e;
  const where = e.source && e.pos ? `${e.source}:${e.pos.line}:${e.pos.column}: ` : '';
  err(`${where}error E_PROPERTY_THREW: ${e.message}`);
  return 2;
}

/** --only / --skip names must be known properties (exit 2 otherwise). */
export function unknownProperties(names: readonly string[] | undefined, extra: readonly Property[] = []): boolean {
  const known = allProperties(extra).map((p) => p.name);
  const bad = (names ?? []).filter((n) => !known.includes(n));
  for (const n of bad) err(`dvipa-verify: unknown property '${n}'${didYouMean(n, known) ? ` (${didYouMean(n, known)})` : ''}; known: ${known.join(', ')}`);
  return bad.length > 0;
}


/** The default memory guard: 85% of the machine's memory. */
export const defaultMemoryLimit = (): number => Math.floor(totalmem() * 0.85);

