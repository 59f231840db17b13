import { WorkerFailure, type EngineProperty } from '../engine/model.js';
import { running } from '../engine/running.js';
import type { DvipaModel } from '../model/model.js';
import type { Config } from '../spec/config.js';
import type { Layout } from '../model/layout.js';
import { canonicalIPv6 } from '../spec/ipv4.js';
import { ExitCalled, positionIn } from './load-modules.js';
import { compileTwin, fastContext, fastInvariant, fastStep, partBytes } from './fast.js';
import type { EventView, Property, StateView, Sysplex, Verdict } from './api.js';

/**
 * A property module threw while checking: reported with its name and the module's line (exit 2),
 * never swallowed. The position is taken at once, so that a worker thread can send it on.
 */
export class PropertyFailure extends Error {
  readonly pos: { line: number; column: number } | null;
  constructor(readonly property: string, readonly source: string | undefined, readonly cause: unknown, pos?: { line: number; column: number } | null) {
    super(`property '${property}'${source ? ` (${source})` : ''} ${thrownText(cause)}`);
    this.pos = pos !== undefined ? pos : source ? positionIn(source, cause, property) : null;
  }

  /** What a worker thread posts (structured clone keeps no class). */
  toMessage(): { property: string; source: string | undefined; message: string; pos: { line: number; column: number } | null } {
    return { property: this.property, source: this.source, message: this.message, pos: this.pos };
  }

  static fromMessage(m: { property: string; source: string | undefined; message: string; pos: { line: number; column: number } | null }): PropertyFailure {
    const f = new PropertyFailure(m.property, m.source, null, m.pos);
    f.message = m.message;
    return f;
  }
}

/**
 * A parallel search rejected: a property threw in a worker thread is the same failure as in this
 * one (exit 2). D-295: so is an exception nothing caught that ended a worker (a timer or promise a
 * check left running), when property modules are loaded (`sources`: name and file of each).
 */
export function propertyFailureOf(e: unknown, sources?: ReadonlyMap<string, string>): never {
  const uncaught = e instanceof WorkerFailure ? (e.data as { uncaught?: unknown } | undefined)?.uncaught : undefined;
  if (uncaught !== undefined) {
    if (sources?.size) throw uncaughtFailure(uncaught, [...sources], undefined);
    throw Object.assign(new Error((uncaught as { message?: string }).message ?? String(uncaught)), { stack: (uncaught as { stack?: string }).stack });
  }
  if (e instanceof WorkerFailure && e.data) throw PropertyFailure.fromMessage(e.data as Parameters<typeof PropertyFailure.fromMessage>[0]);
  throw e;
}

/** D-295: the words of an uncaught exception: its message, and where it came from. */
export function uncaughtText(e: unknown): string {
  let text: string;
  try {
    const m = e !== null && typeof e === 'object' ? (e as { message?: unknown }).message : undefined;
    text = typeof m === 'string' ? m.split('\n')[0]! : String(e);
  } catch { text = 'a value that cannot be printed'; }
  return `${text} (an exception nothing caught, thrown in a timer, callback or promise the module left running; it ended the thread the checks run in)`;
}

/** D-295: a PropertyFailure for an uncaught exception `e` of the thread; `sources`: property name and module file. */
export function uncaughtFailure(e: unknown, sources: readonly (readonly [string, string])[], running: string | undefined): PropertyFailure {
  let stack = '';
  try { const s = e !== null && typeof e === 'object' ? (e as { stack?: unknown }).stack : undefined; stack = typeof s === 'string' ? s : ''; } catch { /* a stack that cannot be read */ }
  const byStack = sources.map(([name, file]) => ({ name, file, at: stack.indexOf(file) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at)[0];
  const named = sources.find(([name]) => name === running);
  const hit = byStack ?? (named ? { name: named[0], file: named[1] } : null);
  if (!hit) return PropertyFailure.fromMessage({ property: '?', source: undefined, pos: null, message: `a --properties module: ${uncaughtText(e)}` });
  return PropertyFailure.fromMessage({ property: hit.name, source: hit.file, pos: positionIn(hit.file, stack ? Object.assign(new Error(''), { stack }) : e, hit.name), message: `property '${hit.name}' (${hit.file}): ${uncaughtText(e)}` });
}

export function makeSysplex(cfg: Config, model: DvipaModel): Sysplex {
  const stacks = new Map(cfg.stacks.map((s, i) => [s.name, i] as const));
  const dvipas = new Map(model.layout.dvipas.map((d) => [d.address, d.index] as const));
  const clients = new Map(cfg.clients.map((c, i) => [c.name, i] as const));
  return {
    config: cfg, dvipas: model.layout.dvipas, clientDvipa: model.layout.clientDvipa,
    stackIndex: (n) => stacks.get(n) ?? -1,
    dvipaIndex: (a) => dvipas.get(a) ?? -1,
    clientIndex: (n) => clients.get(n) ?? -1,
  };
}

/** The model's event instances as properties see them. */
export const eventViews = (model: DvipaModel): EventView[] => model.actions.map((a) => ({ kind: a.kind, text: a.text, stack: a.stack, dvipa: a.dvipa, app: a.app, client: a.client }));

/** D-262: the longest violation message kept; a longer one is cut there, saying how much was left out. */
export const MAX_MESSAGE = 2000;

/** A check's return value that is no verdict (D-261: reported as "returned ...", not as "threw"). */
class NotAVerdict extends TypeError {}

function verdictMessage(v: Verdict, name: string): string | null {
  if (v === true || v === null || v === undefined) return null;
  if (v === false) return `${name} does not hold`;
  if (typeof v === 'string') return v.length <= MAX_MESSAGE ? v : `${v.slice(0, MAX_MESSAGE)}... (${v.length - MAX_MESSAGE} more characters left out)`;
  const what = v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function'
    ? 'a Promise (a check is synchronous: no async, no await)' : `${typeof v === 'object' ? 'an object' : `the ${typeof v} ${String(v)}`}`;
  throw new NotAVerdict(`returned ${what}; a check returns true (holds), false, or a message string (violated)`);
}

/** What a property threw, in words, whatever it threw (a value whose toString throws too). */
function thrownText(cause: unknown): string {
  try {
    if (cause instanceof ExitCalled) return cause.message.replace(/^it /, '');
    if (cause instanceof NotAVerdict) return cause.message;
    return cause instanceof Error ? `threw: ${String(cause.message)}` : `threw ${String(cause)} (not an Error: no stack; the position is where the module names the property)`;
  } catch {
    return 'threw a value that cannot be printed (not an Error: no stack; the position is where the module names the property)';
  }
}

/** Freezes what a site property could reach of a copy; typed arrays (which cannot be frozen) stay as copies. */
function freezeCopy<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) freezeCopy(v);
  }
  return value;
}

/**
 * D-256: what a site property (one without a built-in's `fast` path) is given cannot reach the
 * search: its state views are its own, over a copy of the state's bytes made before each call,
 * and its sysplex's configuration and DVIPA list are frozen copies. A write to them throws in a
 * module (strict mode): exit 2 at the writing line, never a wrong verdict or an internal error.
 */
function siteSysplex(sys: Sysplex): Sysplex {
  const config = freezeCopy(structuredClone(sys.config));
  const dvipas = freezeCopy(structuredClone(sys.dvipas));
  const clientDvipa = Object.freeze([...sys.clientDvipa]);
  return Object.freeze({ config, dvipas, clientDvipa, stackIndex: sys.stackIndex, dvipaIndex: sys.dvipaIndex, clientIndex: sys.clientIndex });
}

/**
 * D-260: a property that declares `dvipas: [...]` is checked on the slice of those DVIPAs; looking
 * up another one is an error that says so (with or without slicing, so both give one verdict),
 * not an index of -1 that fails somewhere inside the state view.
 */
function declaredOnly(sys: Sysplex, p: Property): Sysplex {
  if (!Array.isArray(p.dvipas)) return sys;
  const declared = (p.dvipas as readonly string[]).map((a) => canonicalIPv6(a) ?? a);
  const dvipaIndex = (address: string): number => {
    const a = typeof address === 'string' ? canonicalIPv6(address) ?? address : address;
    if (!declared.includes(a)) throw new Error(`'${String(address)}' is not among the dvipas property '${p.name}' declares (${declared.join(', ')}): it is checked on the slice of those DVIPAs only; add it to dvipas, or declare dvipas: 'all'`);
    return sys.dvipaIndex(address);
  };
  return Object.freeze({ ...sys, dvipaIndex });
}

/** A view of its own for a site property, re-pointed at a private copy of each state it is shown. */
function siteView(model: DvipaModel): (s: Uint8Array) => StateView {
  const view = model.view();
  let copy = new Uint8Array(0);
  return (s) => {
    if (copy.length !== s.length) copy = new Uint8Array(s.length);
    copy.set(s);
    return view.at(copy);
  };
}

/** Wraps properties (API terms) into engine predicates over packed states, with reusable views. */
export function bindProperties(model: DvipaModel, props: readonly Property[], sources: ReadonlyMap<string, string> = new Map(), opts: { packed?: boolean } = {}): EngineProperty[] {
  const sys = makeSysplex(model.cfg, model);
  const before = model.view();
  const after = model.view();
  let site: Sysplex | null = null;
  const siteSys = (): Sysplex => (site ??= siteSysplex(sys));
  let frozenEvents: readonly EventView[] | null = null;
  const siteEvents = (): readonly EventView[] => (frozenEvents ??= events.map((e) => Object.freeze({ ...e })));
  const events = eventViews(model);
  const fail = (p: Property, e: unknown): never => { throw new PropertyFailure(p.name, sources.get(p.name), e); };
  const ctx = opts.packed !== false ? fastContext(model.layout, sys, events, model.description) : null;
  return props.map((p): EngineProperty => {
    /** The fast path said "violated": the check must agree, and writes the message. */
    const disagree = (msg: string | null, where: string): string => {
      if (msg === null) throw new Error(`internal error: the fast path of '${p.name}' reports a violation its check does not${where}`);
      return msg;
    };
    const own = !p.fast;
    const sysOf = own ? declaredOnly(siteSys(), p) : sys;
    const viewB = own ? siteView(model) : (s: Uint8Array): StateView => before.at(s);
    const viewA = own ? siteView(model) : (s: Uint8Array): StateView => after.at(s);
    const evs = own ? siteEvents() : events;
    // D-258: its number in load order, written where the limits' thread can read it while it runs
    const id = own ? [...sources.keys()].indexOf(p.name) + 1 : 0;
    if (p.kind === 'invariant') {
      const check = (s: Uint8Array): string | null => {
        let v: Verdict;
        try { running(id); v = p.check(viewA(s), sysOf); running(0); return verdictMessage(v, p.name); } catch (e) { running(0); return fail(p, e); }
      };
      const fast = ctx && fastInvariant(p, ctx);
      if (!fast) return { name: p.name, state: check };
      const slow = (s: Uint8Array): string => disagree(check(s), '');
      return { name: p.name, state: compileTwin<EngineProperty['state']>('s', 'return fast(s) ? null : slow(s);', { fast, slow }) };
    }
    const relevant = Uint8Array.from(events, (e) => (!p.events || p.events.includes(e.kind) ? 1 : 0));
    const check = (b: Uint8Array, a: number, s: Uint8Array): string | null => {
      let v: Verdict;
      try { running(id); v = p.check(viewB(b), evs[a]!, viewA(s), sysOf); running(0); return verdictMessage(v, p.name); } catch (e) { running(0); return fail(p, e); }
    };
    const bytes = p.changes ? partBytes(model.layout, p.changes) : null;
    const changedWords = bytes ? [...new Set(Array.from(bytes, (o) => o >>> 2))] : undefined;
    const fast = ctx && fastStep(p, ctx);
    if (fast) {
      // The hot path is a function of its own, not shared with other properties' wrappers: the
      // engine's call stays monomorphic and the fast path can be inlined. The `changes` hint reaches the
      // engine as changedWords (a step that leaves those words alone is not checked).
      const slow = (b: Uint8Array, a: number, s: Uint8Array): string => disagree(check(b, a, s), ` (${events[a]!.text})`);
      return { name: p.name, changedWords, step: compileTwin<EngineProperty['step']>('b, a, s', 'return relevant[a] === 0 || fast(b, a, s) ? null : slow(b, a, s);', { relevant, fast, slow }) };
    }
    const nb = bytes ? bytes.length : 0;
    return {
      name: p.name, changedWords,
      step: (b, a, s) => {
        if (relevant[a] === 0) return null;
        if (bytes) {
          let k = 0;
          while (k < nb && b[bytes[k]!] === s[bytes[k]!]) k++;
          if (k === nb) return null;
        }
        return check(b, a, s);
      },
    };
  });
}
