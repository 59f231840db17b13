import { basename } from 'node:path';
import type { VipadynReport } from '../import/vipadyn.js';
import { isDefinitionEntry } from '../import/vipadyn.js';
import type { Config, Finding, StackConfig } from '../spec/config.js';
import { ipv6Words } from '../spec/ipv4.js';
import { ACTIVE, BACKUP, DEACTIVATED, DOWN, JOINED, OUT_NOJOIN, OUT_NONE, OUT_OPERATOR, UP } from './codes.js';
import type { Layout } from './layout.js';

/**
 * `environment.start: { netstat: [...] }` (SPEC §5): the start state is what the stacks' NETSTAT
 * VIPADYN reports say now. Planned once from the configuration (the loader reports its findings),
 * then packed through the Layout with the field codes of codes.ts (D-105..D-107).
 */
export interface StackStart {
  /** false: no report, the stack is down (it could not have answered NETSTAT, D-105). */
  readonly reported: boolean;
  readonly joined: boolean;
  /** Status code per definition of the stack (defs order). */
  readonly statuses: readonly number[];
}

export interface StartPlan { readonly stacks: readonly StackStart[]; readonly findings: readonly Finding[] }

const STATUS_CODE: Record<string, number> = { Active: ACTIVE, Backup: BACKUP, Moving: BACKUP, Quiescing: DEACTIVATED, Deactivated: DEACTIVATED };

export function planNetstatStart(stacks: readonly StackConfig[], reports: readonly VipadynReport[]): StartPlan {
  const findings: Finding[] = [];
  const at = (r: VipadynReport, line: number, column = 1): Finding['pos'] => ({ file: r.file, line, column });
  const note = (severity: Finding['severity'], code: string, pos: Finding['pos'], stack: string | undefined, message: string): void => {
    findings.push({ severity, code, pos, ...(stack ? { stack } : {}), message });
  };
  const byStack = pairReports(stacks, reports, note);
  for (const r of byStack.values()) {
    for (const u of r.unreadable) note('warning', 'netstat-unreadable', at(r, u.line), r.stack ?? undefined, `line not understood as part of a VIPADYN report: ${u.text}`);
  }
  const owner = new Map<string, { stack: number; r: VipadynReport; line: number }>();
  const entryAt = new Map<string, Finding['pos']>(); // `${stack} ${def}` -> the report line that set its status
  const plans = stacks.map((st, i): StackStart => {
    const r = byStack.get(i);
    if (!r) {
      if (reports.length > 0) note('info', 'netstat-no-report', st.pos, st.name, `no VIPADYN report of ${st.name}: it starts down (D-105)`);
      return { reported: false, joined: false, statuses: st.defs.map(() => 0) };
    }
    const joined = r.notMember === null;
    const statuses: number[] = st.defs.map(() => (joined ? BACKUP : 0));
    const seen = new Set<number>();
    for (const e of r.dvipas) {
      if (!isDefinitionEntry(e)) {
        note('info', 'netstat-not-definition', at(r, e.line, e.column), st.name, `${e.address} (${e.origin || 'no origin'}, ${e.distStat || 'no DistStat'}): not a VIPADEFINE/VIPABACKUP DVIPA; not part of the start state (D-102)`);
        continue;
      }
      const k = st.defs.findIndex((d) => d.address === e.address || (d.family === 'ipv6' && sameV6(d.address, e.address))); // SEMANTICS §12
      if (k < 0 && e.address.includes(':') && [...(st.vipa?.defines ?? []), ...(st.vipa?.backups ?? [])].some((d) => sameV6(d.address, e.address))) {
        note('info', 'netstat-ipv6', at(r, e.line, e.column), st.name, `${e.address} (IPv6) is defined in ${st.name}'s profile but z/OS rejected that definition (interface name / address pair, D-145): not part of the start state`);
        continue;
      }
      if (k < 0) { note('error', 'netstat-undefined', at(r, e.line, e.column), st.name, `the report gives ${e.address} status ${e.status} on ${st.name}, whose profile does not define it: ignored`); continue; }
      const code = STATUS_CODE[e.status];
      // D-199: the statuses of a stack out of the group (Deactivated/Inactivated, "leave group", "autonomics")
      const outStatus = /^(deactivated|inactivated)\b/i.test(e.status) || /leave\s*group|autonomic/i.test(e.status);
      if (!joined && outStatus) { note('info', 'netstat-out-of-group', at(r, e.line, e.column), st.name, `${e.address} is ${e.status} on ${st.name}, which the report says is out of the group (EZZ2502I, line ${r.notMember}): its DVIPA configuration is inactive, as the start state has it (D-199)`); continue; }
      if (!joined) { note('error', 'netstat-out-of-group', at(r, e.line, e.column), st.name, `${e.address} has status ${e.status} but the report says ${st.name} is not in the group (EZZ2502I, line ${r.notMember}): ignored`); continue; }
      if (code === undefined) {
        const why = outStatus ? `DVIPA status '${e.status}' for ${e.address} says ${st.name} left the group, but the report has no EZZ2502I preface (not a member of the sysplex group)` : `unknown DVIPA status '${e.status}' for ${e.address}`;
        note('error', 'netstat-status', at(r, e.line, e.column), st.name, `${why}: taken as Backup (D-107${outStatus ? ', D-199' : ''})`); statuses[k] = BACKUP; seen.add(k); continue;
      }
      seen.add(k);
      entryAt.set(`${i} ${k}`, at(r, e.line, e.column));
      statuses[k] = code;
      if (e.status === 'Moving' || e.status === 'Quiescing') {
        note('info', 'netstat-draining', at(r, e.line, e.column), st.name, `${e.address} is ${e.status} on ${st.name}: taken as ${e.status === 'Moving' ? 'Backup' : 'Deactivated'}, since the start state holds no connections (D-106)`);
      }
      if (code === ACTIVE) {
        const first = owner.get(e.address);
        if (first) {
          note('error', 'netstat-two-active', at(r, e.line, e.column), st.name, `${e.address} is Active on ${stacks[first.stack]!.name} (${first.r.file}:${first.line}) and on ${st.name}: the reports contradict each other (taken at different times?); ${st.name} is taken as Backup (D-107)`);
          statuses[k] = BACKUP;
        } else owner.set(e.address, { stack: i, r, line: e.line });
      }
    }
    if (joined) {
      st.defs.forEach((d, k) => {
        if (!seen.has(k)) note('warning', 'netstat-missing', at(r, r.stackLine), st.name, `${st.name} defines ${d.address} (${d.pos.file}:${d.pos.line}) but its report shows no status for it: taken as Backup`);
      });
    }
    return { reported: true, joined, statuses };
  });
  pendingTakebacks(stacks, plans, owner, entryAt, note);
  return { stacks: plans, findings };
}

/**
 * D-217: a joined VIPADEFINE stack reported Backup while a VIPABACKUP stack holds the DVIPA is a
 * WHENIDLE takeback waiting for connections the start does not hold (or, IMMEDIATE, reports taken
 * at different times): `takeback` is then violated in the start state, and the finding says why.
 */
function pendingTakebacks(stacks: readonly StackConfig[], plans: readonly StackStart[], owner: ReadonlyMap<string, { stack: number }>, entryAt: ReadonlyMap<string, Finding['pos']>, note: Note): void {
  plans.forEach((p, j) => {
    if (!p.joined) return;
    stacks[j]!.defs.forEach((d, k) => {
      const h = owner.get(d.address)?.stack;
      if (d.kind !== 'define' || p.statuses[k] !== BACKUP || h === undefined || h === j) return;
      if (!stacks[h]!.defs.some((x) => x.address === d.address && x.kind === 'backup')) return;
      const idle = d.moveable === 'WHENIDLE';
      note('warning', 'netstat-takeback-pending', entryAt.get(`${j} ${k}`) ?? stacks[j]!.pos, stacks[j]!.name, `${d.address} is Active on ${stacks[h]!.name} while ${stacks[j]!.name}, its VIPADEFINE stack, is joined and Backup: ${idle
        ? `its MOVEABLE WHENIDLE takeback waits for ${stacks[h]!.name}'s connections to ${d.address} to close, and the start state holds no connections`
        : `z/OS takes a MOVEABLE IMMEDIATE DVIPA back at once, so the reports disagree (taken at different times?)`}; takeback is violated from the start state (D-217)`);
    });
  });
}

type Note = (severity: Finding['severity'], code: string, pos: Finding['pos'], stack: string | undefined, message: string) => void;

/**
 * Which stack each report is of (D-108): the stack of its TCPIP name when only this report has that
 * name; else the one stack whose definitions are exactly its DVIPAs; last, a report left over
 * (a stack out of the group lists no DVIPA) goes to the one stack left over.
 */
/** What pairing a report with a stack reads of the stack. */
export type Pairable = Pick<StackConfig, 'name' | 'defs'>;

export function pairReports(stacks: readonly Pairable[], reports: readonly VipadynReport[], note: Note): Map<number, VipadynReport> {
  const byStack = new Map<number, VipadynReport>();
  const left: VipadynReport[] = [];
  const at = (r: VipadynReport): Finding['pos'] => ({ file: r.file, line: r.stackLine, column: 1 });
  for (const r of reports) {
    if (!r.stack) { note('error', 'netstat-no-stack', { file: r.file, line: 1, column: 1 }, undefined, 'this VIPADYN report names no stack (no "TCPIP Name:" header): ignored'); continue; }
    const sameName = reports.filter((x) => x.stack === r.stack).length === 1;
    let i = sameName ? stacks.findIndex((s) => s.name.toUpperCase() === r.stack) : -1;
    if (i >= 0 && byStack.has(i)) i = -1;
    if (i < 0) {
      i = pairByContent(stacks, r, byStack);
      if (i >= 0) note('info', 'netstat-paired', at(r), stacks[i]!.name, `the report of TCP/IP ${r.stack} is taken as ${stacks[i]!.name}'s: its DVIPAs and their origins are exactly ${stacks[i]!.name}'s (D-108)`);
    }
    if (i < 0) left.push(r); else byStack.set(i, r);
  }
  const free = stacks.flatMap((_, i) => (byStack.has(i) ? [] : [i]));
  // D-213: not a report none of whose VIPADEFINE/VIPABACKUP entries the stack defines (another sysplex's, or a stack the spec lacks)
  const entries = left.length === 1 ? left[0]!.dvipas.filter(isDefinitionEntry) : [];
  const fits = free.length === 1 && (entries.length === 0 || entries.some((e) => stacks[free[0]!]!.defs.some((d) => d.address === e.address || (d.family === 'ipv6' && sameV6(d.address, e.address)))));
  if (left.length === 1 && fits && !stacks.some((s) => s.name.toUpperCase() === left[0]!.stack)) {
    byStack.set(free[0]!, left[0]!);
    note('info', 'netstat-paired', at(left[0]!), stacks[free[0]!]!.name, `the report of TCP/IP ${left[0]!.stack} is taken as ${stacks[free[0]!]!.name}'s: the only report and the only stack left (D-108)`);
  } else {
    for (const r of left) {
      // D-218: a stack of that name exists: the report is one of several of it (or of stacks all run under that name)
      const k = stacks.findIndex((s) => s.name.toUpperCase() === r.stack);
      note('error', 'netstat-unknown-stack', at(r), r.stack ?? undefined, k >= 0
        ? `stack ${stacks[k]!.name} has this report's TCP/IP name, but ${byStack.has(k) ? 'another report is paired with it' : 'other reports have that name too'}, and this report's DVIPAs are exactly those of no stack left: ignored (give one VIPADYN report per stack)`
        : `the report is of stack ${r.stack}, which the spec does not have (by name, nor by its DVIPAs): ignored`);
    }
  }
  return byStack;
}

/**
 * The one stack not yet paired whose definitions are exactly the report's VIPADEFINE/VIPABACKUP
 * entries (same addresses, same kinds), for sites whose stacks all run under one procedure name.
 */
export function pairByContent(stacks: readonly Pairable[], r: VipadynReport, taken: ReadonlyMap<number, unknown>): number {
  const entries = r.dvipas.filter(isDefinitionEntry);
  if (entries.length === 0) return -1;
  const kindOf = (origin: string): string => (/^VIPAB/i.test(origin) ? 'backup' : 'define');
  const fits = stacks.flatMap((st, i) => {
    if (taken.has(i) || st.defs.length !== entries.length) return [];
    return entries.every((e) => st.defs.some((d) => d.address === e.address && (e.origin === '' || d.kind === kindOf(e.origin)))) ? [i] : [];
  });
  return fits.length === 1 ? fits[0]! : -1;
}

/**
 * The packed start state of a `start: { netstat }` spec (SEMANTICS §1 fields, D-01 layout), from
 * each stack's `start` (set by the loader from the plan above, kept by slices of the sysplex).
 */
export function netstatInitial(cfg: Config, L: Layout): Uint8Array {
  const w = new Uint8Array(L.bytes);
  const S = L.nStacks;
  cfg.stacks.forEach((st, i) => {
    if (st.routing === 'static') w[S + i] = 1;
    const p = st.start;
    if (!p) { w[i] = DOWN; return; }
    w[i] = p.joined ? JOINED : UP;
    w[S + i] = 1; // NETSTAT does not show OMPROUTE: a running stack's routing is taken as up (D-105)
    w.fill(1, L.appOffset[i]!, L.appOffset[i]! + st.applications.length);
    // issue 18: a standby instance is down; an application binding a VIPARANGE DVIPA starts without a listener (not in NETSTAT's definitions, D-138).
    st.applications.forEach((a, k) => {
      if (a.initially === 'down') w[L.appOffset[i]! + k] = 0;
      else if (L.dvipas.some((d) => d.kind === 'range' && d.address === a.bind)) w[L.appOffset[i]! + k] = 2;
    });
    w[2 * S + i] = p.joined ? OUT_NONE : st.join === 'NOJOIN' ? OUT_NOJOIN : OUT_OPERATOR;
    if (!p.joined) return;
    st.defs.forEach((d, k) => { w[L.statusOffset[L.defDvipa[i]![k]! * S + i]!] = p.statuses[d.address] ?? BACKUP; });
  });
  return w;
}

/** Says where the start state came from, for the trace's first step; null for running/down. */
export function startNote(cfg: Config): string | null {
  const r = cfg.environment.netstat;
  if (!r) return null;
  const draining = r.some((x) => x.dvipas.some((d) => d.status === 'Moving' || d.status === 'Quiescing'));
  return `start state from NETSTAT VIPADYN reports: ${r.map((x) => `${x.stack ?? '?'} (${basename(x.file)})`).join(', ')}; stacks without a report are down, reported stacks have routing and applications up and no connections (D-105)${draining ? '; Moving taken as Backup, Quiescing as Deactivated (D-106)' : ''}${cfg.findings.some((f) => f.code === 'netstat-two-active') ? '; a DVIPA the reports show Active on two stacks is Active on the first only (D-107)' : ''}`;
}

/** Two IPv6 addresses written differently (case, leading zeros, "::") are one address. */
export function sameV6(a: string, b: string): boolean {
  const wa = ipv6Words(a.split('/')[0]!), wb = ipv6Words(b.split('/')[0]!);
  if (wa && wb) return wa.join(':') === wb.join(':'); // a dotted IPv4 tail (::ffff:1.2.3.4) too
  const full = (x: string): string => {
    const [head, tail] = x.toLowerCase().split('/')[0]!.split('::') as [string, string | undefined];
    const h = head ? head.split(':') : [];
    const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
    const mid = tail === undefined ? [] : new Array(Math.max(0, 8 - h.length - t.length)).fill('0');
    return [...h, ...mid, ...t].map((g) => g.replace(/^0+(?=.)/, '')).join(':');
  };
  return full(a) === full(b);
}
