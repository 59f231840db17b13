import type { StateJSON } from '../model/view.js';
import type { Config, DvipaDef } from '../spec/config.js';
import { coveringRange } from '../model/range-layout.js';
import { own } from '../model/own-keys.js';

/** A profile line as trace notes and citations give it: file:line:column, so an editor jumps to the statement. */
export const where = (p: { file: string; line: number; column?: number }): string => `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}`;

/**
 * A profile statement as a report quotes it: whole while short; a long one (a VIPADEFINE of a
 * thousand addresses) cut to its first words, with the DVIPA it is quoted for when that comes
 * later, and a count of the rest (D-333).
 */
export function quoted(st: { readonly text: string; readonly address?: string }): string {
  if (st.text.length <= 160) return st.text;
  const words = st.text.split(/\s+/);
  let k = 0, length = 0;
  while (k < words.length && length + words[k]!.length + 1 <= 100) length += words[k++]!.length + 1;
  const head = words.slice(0, Math.max(1, k));
  const later = st.address !== undefined && !head.includes(st.address) && words.includes(st.address);
  const left = words.length - head.length - (later ? 1 : 0);
  return `${head.join(' ')}${later ? ` ... ${st.address}` : ''} ... (${left} more word${left === 1 ? '' : 's'})`;
}

/** The names and addresses a message mentions (stack names, IPv4 and IPv6 addresses), as words. */
export function namedWords(message: string): string[] {
  return [...message.split(/[^A-Za-z0-9@#$.]+/).map((w) => w.replace(/\.$/, '')), ...(message.match(/[0-9A-Fa-f]*:[0-9A-Fa-f:]*:[0-9A-Fa-f]*/g) ?? [])]; // IPv6 DVIPAs (SEMANTICS §12)
}

/** From how many DVIPAs on a trace lists only those its violation names (D-334). */
export const FOCUS_FROM = 17;

/**
 * D-334: the DVIPAs a trace of a large sysplex lists: those named by the violations of its last
 * step (of `property`, when given); null (list all) for a sysplex of fewer than FOCUS_FROM DVIPAs
 * or a last step that names none (a trace of `simulate`, a site property's message).
 */
export function traceFocus(trace: { readonly steps: readonly { readonly state: StateJSON; readonly violations: readonly { readonly property: string; readonly message: string }[] }[] }, property?: string): ReadonlySet<string> | null {
  const last = trace.steps.at(-1);
  if (!last || Object.keys(last.state.dvipas).length < FOCUS_FROM) return null;
  const words = new Set(last.violations.filter((v) => property === undefined || v.property === property).flatMap((v) => namedWords(v.message)));
  const named = Object.keys(last.state.dvipas).filter((a) => words.has(a));
  return named.length > 0 ? new Set(named) : null;
}

/** The lines of the focused DVIPAs, and one line counting the others (D-334). */
function focused(lines: readonly [string | null, string][], focus: ReadonlySet<string> | null | undefined, others: (n: number) => string): string[] {
  const kept = lines.filter(([addr]) => !focus || addr === null || focus.has(addr)).map(([, l]) => l);
  const n = lines.length - kept.length;
  return n > 0 ? [...kept, others(n)] : kept;
}

function defOf(cfg: Config, stack: string, address: string): DvipaDef | undefined {
  return cfg.stacks.find((s) => s.name === stack)?.defs.find((d) => d.address === address);
}

/** What changed between two states, in the engineer's words, one line per item; `focus`: traceFocus. */
export function describeChange(cfg: Config, a: StateJSON, b: StateJSON, focus?: ReadonlySet<string> | null): string[] {
  const out: [string | null, string][] = [];
  for (const [name, sb] of Object.entries(b.stacks)) {
    const sa = own(a.stacks, name)!;
    const parts: string[] = [];
    if (sa.status !== sb.status) parts.push(`${sa.status} -> ${sb.status}`);
    if (sa.routing !== sb.routing) parts.push(`OMPROUTE ${sa.routing} -> ${sb.routing}`);
    for (const [app, st] of Object.entries(sb.applications)) if (own(sa.applications, app) !== st) parts.push(`${app} ${own(sa.applications, app)} -> ${st}`);
    if (parts.length) out.push([null, `${name}: ${parts.join(', ')}`]);
  }
  for (const [addr, db] of Object.entries(b.dvipas)) {
    const da = a.dvipas[addr]!;
    const parts: string[] = [];
    for (const [stack, st] of Object.entries(db.status)) {
      if (own(da.status, stack) === st) continue;
      let why = '';
      if (st === 'Active') {
        const def = defOf(cfg, stack, addr);
        // the previous holder still joined as Backup/Moving gave it back; otherwise it departed
        const prev = da.owner;
        const how = prev === null ? 'activated' : ['Backup', 'Moving'].includes(own(db.status, prev) ?? '') ? 'takeback' : 'takeover';
        if (def) why = ` (${how}: ${quoted(def)} at ${where(def.pos)})`;
        else why = rangeWhy(cfg, stack, addr, prev);
      }
      parts.push(`${stack} ${own(da.status, stack) ?? 'absent'} -> ${st}${why}`);
    }
    // issue 18: a VIPARANGE DVIPA exists only where it is Active or Moving; gone = deleted
    for (const stack of Object.keys(da.status)) if (!Object.hasOwn(db.status, stack)) parts.push(`${stack} ${own(da.status, stack)} -> absent (deleted)`);
    for (const stack of new Set([...Object.keys(da.connections), ...Object.keys(db.connections)])) {
      const x = own(da.connections, stack) ?? 0;
      const y = own(db.connections, stack) ?? 0;
      if (x !== y) parts.push(`connections on ${stack} ${x} -> ${y}`);
    }
    if (da.advertised !== db.advertised && parts.length === 0) parts.push(db.advertised ? 'advertised again' : 'no longer advertised');
    if (parts.length) out.push([addr, `${addr}: ${parts.join('; ')}`]);
  }
  return focused(out, focus, (n) => `${n} other DVIPA(s) changed too (not named by the violation; a JSON trace lists them)`);
}

/**
 * Why an application-specific DVIPA (SEMANTICS §11) became Active on `stack`: the bind or ioctl
 * of its application under the stack's covering VIPARANGE, and, when `prev` held it, why it could
 * take it from there (the rule of §11 that decided: the old holder's range mode, or ioctl over bind).
 */
function rangeWhy(cfg: Config, stack: string, addr: string, prev: string | null): string {
  const st = cfg.stacks.find((s) => s.name === stack);
  const r = st ? coveringRange(st, addr) : null;
  if (!st || !r) return '';
  const ioctl = (s: typeof st): boolean => s.applications.some((a) => a.bind === addr && a.create === 'ioctl');
  const how = ioctl(st) ? 'created by ioctl (SIOCSVIPA)' : 'created by bind';
  let from = '';
  const ps = prev === null ? undefined : cfg.stacks.find((s) => s.name === prev);
  if (ps) {
    const pr = coveringRange(ps, addr);
    const rule = ioctl(st) && !ioctl(ps) ? 'an ioctl deletes a bind DVIPA elsewhere'
      : `${prev}'s ${pr ? `${pr.text} at ${where(pr.pos)}` : 'VIPARANGE'} is ${pr?.moveable ?? 'NONDISRUPTIVE'}`;
    from = `; taken from ${prev}: ${rule}`;
  }
  return ` (${how} under ${r.text} at ${where(r.pos)}${from})`;
}

/** A whole state in a few lines (the initial state, or --full); `focus`: traceFocus. */
export function describeState(s: StateJSON, focus?: ReadonlySet<string> | null): string[] {
  const out: [string | null, string][] = [];
  out.push([null, Object.entries(s.stacks).map(([n, st]) => `${n} ${st.status}${st.status === 'down' ? '' : st.routing === 'static' ? ' (static routing)' : ` (OMPROUTE ${st.routing})`}`).join(', ')]);
  for (const [addr, d] of Object.entries(s.dvipas)) {
    const conns = Object.entries(d.connections).map(([k, v]) => `${v} on ${k}`).join(', ');
    const statuses = Object.entries(d.status).map(([k, v]) => `${k} ${v}`).join(', ');
    out.push([addr, `${addr}${d.interface !== undefined ? ` (interface ${d.interface})` : ''}: ${d.owner ? `Active on ${d.owner}${d.advertised ? '' : ' (not advertised)'}` : 'Active nowhere'}${statuses ? ` [${statuses}]` : ''}${conns ? `, connections ${conns}` : ''}`]);
  }
  return focused(out, focus, (n) => `${n} other DVIPA(s) not named by the violation (a JSON trace lists every DVIPA)`);
}
