import type { CheckReport } from '../check/check.js';
import type { Trace } from '../check/trace.js';
import { ASSUMPTIONS } from '../model/assumptions.js';
import { coveringRange, rangeDvipas } from '../model/range-layout.js';
import type { Config, DistributeDef, DvipaDef, Finding, RangeDef, StatementRef } from '../spec/config.js';
import { printable } from '../spec/errors.js';
import { describeChange, describeState, namedWords, quoted, traceFocus, where } from './diff.js';

export interface Style { bold(s: string): string; red(s: string): string; green(s: string): string; yellow(s: string): string; dim(s: string): string }
const wrap = (a: number, b: number) => (s: string): string => `\u001b[${a}m${s}\u001b[${b}m`;
export const COLOR: Style = { bold: wrap(1, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22) };
export const PLAIN: Style = { bold: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s };

/** One line; what it echoes of a profile or a spec with its control characters escaped (D-164). */
export function formatFinding(f: Finding): string {
  return printable(`${f.pos.file}:${f.pos.line}:${f.pos.column}: ${f.severity}: ${f.stack ? `[${f.stack}] ` : ''}${f.message}${f.property ? ` (endangers ${f.property})` : ''}${f.hint ? `; fix: ${f.hint}` : ''}`);
}

/**
 * A trace as numbered steps with what changed under each; `full`: the whole state instead;
 * 'both': what changed, then the whole state after the step (simulate).
 */
export function renderTrace(cfg: Config, trace: Trace, st: Style, full: boolean | 'both' = false, focus?: string): string[] {
  const out: string[] = [];
  const assumed = new Map(ASSUMPTIONS.map((a) => [a.id, a.text]));
  const only = full === true ? null : traceFocus(trace, focus); // D-334
  trace.steps.forEach((step, k) => {
    out.push(`  ${st.bold(k === 0 ? '0. initial state' : `${k}. ${step.event}`)}`);
    const lines = k === 0 || full === true ? describeState(step.state, only) : describeChange(cfg, trace.steps[k - 1]!.state, step.state, only);
    for (const l of lines.length || step.note ? lines : ['(no visible change)']) out.push(`       ${l}`); // a note says what changed (D-190)
    if (full === 'both' && k > 0) for (const l of describeState(step.state, only)) out.push(`       ${st.dim(`now: ${l}`)}`);
    if (step.note) out.push(`       ${st.yellow(`note: ${step.note}`)}`);
    for (const a of step.assumed ?? []) out.push(`       ${st.dim(`assumed: ${assumed.get(a) ?? a}${assumedCite(cfg, a, step, trace.steps[k - 1])}`)}`);
    for (const v of step.violations) {
      if (focus && v.property !== focus && k < trace.steps.length - 1) continue;
      out.push(`       ${v.property === focus ? st.red(`✗ ${v.property}: ${v.message}`) : st.yellow(`! ${v.property}: ${v.message}`)}`);
      if (v.property === focus) for (const l of involvedLines(cfg, v.message, v.property)) out.push(`         ${st.dim(`profile: ${l}`)}`);
    }
  });
  return out;
}

/**
 * D-220: the profile statement an assumed rule rested on in a step, cited after it: for
 * `recovery-trigger` the GLOBALCONFIG that set RECOVERY on the stack of the event; for
 * `no-preemption` the VIPABACKUP of each DVIPA that the event's stack joined as Backup while
 * another stack held it; for `inherited-definition` the inherited VIPADISTRIBUTE (D-301). Other
 * assumptions have no statement of their own ('' then).
 */
export function assumedCite(cfg: Config, id: string, step: Trace['steps'][number], prev: Trace['steps'][number] | undefined): string {
  const stack = cfg.stacks.find((s) => s.name === step.event.split(' ')[1]);
  if (!stack || !prev) return '';
  const refs: string[] = [];
  if (id === 'recovery-trigger' && stack.recoveryAt) refs.push(`${stack.recoveryAt.text} at ${where(stack.recoveryAt.pos)}`);
  if (id === 'no-preemption') {
    for (const d of stack.defs) {
      const now = step.state.dvipas[d.address], before = prev.state.dvipas[d.address];
      if (d.kind !== 'backup' || !now || !before || now.status[stack.name] !== 'Backup' || before.status[stack.name] === 'Backup') continue;
      if (now.owner !== null && now.owner !== stack.name) refs.push(`${quoted(d)} at ${where(d.pos)}`);
    }
  }
  if (id === 'inherited-definition') {
    // D-301: the VIPADISTRIBUTE the new distributor inherited, on the stack it was inherited from.
    const cites: string[] = [];
    for (const [addr, now] of Object.entries(step.state.dvipas)) {
      const from = now.distribution?.inherited, was = prev.state.dvipas[addr]?.distribution;
      if (!from || (was?.distributor === now.distribution!.distributor && was?.inherited === from)) continue;
      const src = cfg.stacks.find((s) => s.name === from);
      for (const d of src?.distributes.filter((x) => x.address === addr) ?? []) cites.push(`${from}: ${quoted(d)} at ${where(d.pos)}`);
    }
    return cites.length ? ` (${cites.join('; ')})` : '';
  }
  return refs.length ? ` (${stack.name}: ${refs.join('; ')})` : '';
}

/**
 * The definitions a violation message speaks of: a DVIPA it names, on a stack it names; the stack
 * named first in the message comes first (it is the one the sentence is about).
 */
export function involvedDefs(cfg: Config, message: string, byMention = true): { stack: string; def: DvipaDef | RangeDef }[] {
  const words = message.split(/[^A-Za-z0-9@#$.]+/).map((w) => w.replace(/\.$/, ''));
  const named = new Set(namedWords(message));
  const order = (name: string): number => words.indexOf(name);
  const out: { stack: string; def: DvipaDef | RangeDef }[] = [];
  const ranged = rangeDvipas(cfg).map((x) => x.address);
  const stacks = cfg.stacks.filter((s) => named.has(s.name));
  if (byMention) stacks.sort((a, b) => order(a.name) - order(b.name));
  for (const st of stacks) {
    for (const d of st.defs) if (named.has(d.address)) out.push({ stack: st.name, def: d });
    // An application-specific DVIPA (SEMANTICS §11): the stack's VIPARANGE that covers it.
    for (const a of ranged) {
      const r = named.has(a) ? coveringRange(st, a) : null;
      if (r) out.push({ stack: st.name, def: r });
    }
  }
  return out;
}

/**
 * D-181: the GLOBALCONFIG statements a `routing-ready` violation relied on: the join rule
 * (DELAYJOIN / NODELAYJOIN / NOJOIN) and RECOVERY setting of the stack it names, where its profile
 * sets them (the defaults have no line to cite).
 */
export function involvedSettings(cfg: Config, message: string, property: string | undefined): { stack: string; ref: StatementRef }[] {
  if (property !== 'routing-ready') return [];
  const words = new Set(message.split(/[^A-Za-z0-9@#$]+/));
  const out: { stack: string; ref: StatementRef }[] = [];
  for (const st of cfg.stacks.filter((s) => words.has(s.name))) {
    for (const ref of [st.joinAt, st.recoveryAt]) {
      if (ref && !out.some((o) => o.ref.pos.file === ref.pos.file && o.ref.pos.line === ref.pos.line)) out.push({ stack: st.name, ref });
    }
  }
  return out;
}

/**
 * D-305: a message saying a distributed DVIPA "distributed by S (METHOD)" has no eligible target
 * (service-available) rests on the VIPADISTRIBUTE in use: S's own for the DVIPA, port and method,
 * else (S inherited it, D-112) every stack's that matches.
 */
export function involvedDistribute(cfg: Config, message: string): { stack: string; ref: StatementRef }[] {
  const m = /reaches \[?([0-9A-Fa-f.:]+?)\]?:(\d+) distributed by ([A-Za-z0-9@#$]+) \((\w+)\)/.exec(message);
  if (!m) return [];
  const [, addr, port, by, method] = m as unknown as [string, string, string, string, string];
  const fits = (d: DistributeDef): boolean => d.address.toLowerCase() === addr.toLowerCase() && d.method === method
    && (d.ports.length === 0 || d.ports.some(([lo, hi]) => Number(port) >= lo && Number(port) <= hi));
  const all = cfg.stacks.flatMap((s) => s.distributes.filter(fits).map((ref) => ({ stack: s.name, ref })));
  const own = all.filter((x) => x.stack === by);
  return own.length ? own : all;
}

/** The involved definitions (and, D-181, settings; D-305, the VIPADISTRIBUTE) as text lines (shown under a violation). */
export function involvedLines(cfg: Config, message: string, property?: string): string[] {
  return [
    ...involvedDefs(cfg, message, false).map(({ stack, def: d }) => `${stack}: ${quoted(d)} (${where(d.pos)})`),
    ...[...involvedSettings(cfg, message, property), ...involvedDistribute(cfg, message)].map(({ stack, ref }) => `${stack}: ${quoted(ref)} (${where(ref.pos)})`),
  ];
}

const TERMINATION: Record<string, string> = {
  exhausted: 'complete: every reachable state explored',
  stateLimit: 'INCOMPLETE: the --max-states limit was reached',
  timeout: 'INCOMPLETE: the --timeout limit was reached',
  memory: 'INCOMPLETE: the memory limit was reached',
  interrupted: 'INCOMPLETE: interrupted',
  depthLimit: 'INCOMPLETE: the depth limit was reached',
  random: 'INCOMPLETE: random walks find violations but prove nothing',
};

/** The text report of one checked spec. */
export function renderCheckText(cfg: Config, r: CheckReport, st: Style, full = false): string {
  const out: string[] = [];
  out.push(st.bold(`${r.spec}: sysplex ${cfg.sysplex}, ${cfg.stacks.length} stack(s), ${countDvipas(cfg)} DVIPA(s), ${cfg.clients.length} client(s)`));
  for (const f of cfg.findings) out.push(`  ${formatFinding(f)}`);
  for (const red of r.reductions ?? []) {
    if (red === 'slice' && r.mode === 'random') out.push(`  reduction: slice: walks on ${r.slices?.length ?? 0} slice(s) (isomorphic slices walked once; figures are sums over the slices walked; --no-slice walks the full product)`);
    else if (red === 'slice') out.push(`  reduction: slice: ${r.slices?.length ?? 0} slice(s) (state counts are sums over the slices; --no-slice explores the full product)`);
    else out.push(`  reduction: ${red} (state counts are of representatives)`);
  }
  for (const n of r.notes ?? []) out.push(`  note: ${n}`);
  if (r.mode === 'random' && r.random) out.push(`  random walks: ${r.random.runs} runs of up to ${r.random.depth} steps (seed ${r.random.seed}), ${r.random.steps} steps, ${r.states} distinct states seen: ${TERMINATION[r.termination] ?? TERMINATION.random}`);
  else out.push(`  ${r.states} distinct states, ${r.transitions} transitions, depth ${r.depth}: ${TERMINATION[r.termination] ?? r.termination}`);
  if (r.mode === 'both' && r.random) out.push(`  then random walks: ${r.random.runs} runs of up to ${r.random.depth} steps (seed ${r.random.seed}), ${r.random.steps} steps`);
  const w = Math.max(...r.properties.map((p) => p.name.length), 8);
  for (const p of r.properties) {
    const tag = p.status === 'holds' ? st.green('holds   ') : p.status === 'violated' ? st.red('VIOLATED') : st.yellow('unknown ');
    // D-307: an unknown verdict of a sliced run says how much of it was explored completely
    const partly = p.status === 'unknown' && r.mode !== 'random' && r.slices?.length ? `(no violation found; ${r.slices.filter((x) => x.complete).length} of ${r.slices.length} slice(s) explored completely)` : null;
    const why = p.message ?? (p.vacuous ? `(nothing to check: ${p.vacuous})` : partly);
    out.push(`  ${tag} ${why ? `${p.name.padEnd(w)}  ${why}` : p.name}`);
  }
  for (const p of r.properties) {
    if (!p.trace) continue;
    out.push('', st.bold(`  Counterexample for '${p.name}' (${p.trace.steps.length - 1} step(s)):`));
    // D-317: the walk depth belongs to the replay (a path replays only with the --depth it was found with)
    const depth = r.random ? ` --depth ${r.random.depth}` : '';
    if (p.replay) out.push(`  (found by random walks; replay: --mode random --seed ${p.replay.seed}${p.replay.slice ? ` --slice ${p.replay.slice}` : ''} --path ${p.replay.path}${depth} --only ${p.name})`);
    out.push(...renderTrace(cfg, p.trace, st, full, p.name));
  }
  out.push('');
  const violated = r.properties.filter((p) => p.status === 'violated').map((p) => p.name);
  const exp = r.expect ? ` (expect violated: [${r.expect.violated.join(', ')}]: ${r.expect.met ? 'met' : r.complete ? 'NOT met' : 'undecided, the search is incomplete'})` : '';
  if (r.result === 'empty') { out.push(`  result: ${st.red('EMPTY')}: ${r.reason ?? 'nothing to verify'}`); return out.join('\n'); }
  const verdict = r.result === 'pass' ? st.green('PASS') : r.result === 'fail' ? st.red('FAIL') : st.yellow('INCOMPLETE');
  out.push(`  result: ${verdict}: ${violated.length} of ${r.properties.length} properties violated${violated.length ? ` (${violated.join(', ')})` : ''}${exp}`);
  return out.join('\n');
}

function countDvipas(cfg: Config): number {
  return new Set(cfg.stacks.flatMap((s) => s.defs.map((d) => d.address))).size + rangeDvipas(cfg).length; // issue 18: VIPARANGE DVIPAs
}
