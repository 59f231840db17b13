import { EVENT_KINDS, type Action, type EventKind } from '../model/actions.js';
import type { DvipaModel } from '../model/model.js';
import { canonicalDvipa } from '../spec/ipv6-dvipas.js';
import { distributionOf } from '../model/dist-view.js';
import { addrPort } from '../model/dist.js';

export type Resolved = { ok: true; action: Action } | { ok: false; message: string };

/** What an event names after its kind (SPEC §3): S a stack, D a DVIPA, A an application, C a client. */
type Operand = 'S' | 'D' | 'A' | 'C';
const WHAT: Record<Operand, string> = { S: 'a stack', D: 'a DVIPA', A: 'an application', C: 'a client' };
const ONE_STACK: readonly Operand[] = ['S'];
/** Each event's operands, in SPEC §3 order; a client (C) is the rest of the event (D-52: blanks allowed). */
const FORMS: Record<EventKind, readonly Operand[]> = {
  start: ONE_STACK, terminate: ONE_STACK, 'routing-start': ONE_STACK, 'routing-stop': ONE_STACK, leavegroup: ONE_STACK, joingroup: ONE_STACK,
  deactivate: ['S', 'D'], reactivate: ['S', 'D'], 'app-stop': ['S', 'A'], 'app-start': ['S', 'A'],
  connect: ['C'], close: ['S', 'C'], 'quiesce-target': ONE_STACK, 'resume-target': ONE_STACK,
};
const formOf = (kind: EventKind): string => `${kind} ${FORMS[kind].join(' ')}`;
const EVENT_LIST = EVENT_KINDS.map(formOf).join(', ');

/** An event text read by the grammar of SPEC §3, before its names meet a spec. */
export interface ParsedEvent { kind: EventKind; stack?: string; dvipa?: string; app?: string; client?: string }
export type Parsed = { ok: true; event: ParsedEvent } | { ok: false; message: string };

/**
 * The one reader of event texts (`--events` of simulate, the steps of a replayed trace, D-153):
 * the kind (any case), then exactly its operands; a client is the rest of the text.
 */
export function parseEvent(text: string): Parsed {
  const t = text.trim();
  const words = [...t.matchAll(/\S+/g)];
  const bad = (why: string): Parsed => ({ ok: false, message: t === '' ? `an empty event (events: ${EVENT_LIST})` : `'${t}': ${why}` });
  if (words.length === 0) return bad('');
  const kind = words[0]![0].toLowerCase() as EventKind;
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) return bad(`unknown event '${words[0]![0]}' (events: ${EVENT_LIST})`);
  const form = FORMS[kind];
  const event: ParsedEvent = { kind };
  for (let k = 0; k < form.length; k++) {
    const op = form[k]!;
    const w = words[k + 1];
    if (w === undefined) {
      const what = k === 0 ? (op === 'S' ? 'a stack name' : WHAT[op]) : `${WHAT[op]} after ${form.slice(0, k).map((o) => WHAT[o].replace(/^an? /, 'the ')).join(' and ')}`;
      return bad(`${kind} needs ${what} (${formOf(kind)})`);
    }
    if (op === 'C') { event.client = t.slice(w.index); return { ok: true, event }; }
    if (op === 'S') event.stack = w[0];
    else if (op === 'D') event.dvipa = w[0];
    else event.app = w[0];
  }
  const extra = words.slice(form.length + 1).map((w) => w[0]);
  if (extra.length > 0) {
    const takes = `${form.length} operand${form.length > 1 ? 's' : ''}, ${form.map((o) => WHAT[o]).join(' and ')}`;
    return bad(`too many operands: ${kind} takes ${takes} (${formOf(kind)}); '${extra.join(' ')}' ${extra.length > 1 ? 'are' : 'is'} too many`);
  }
  return { ok: true, event };
}

/** D-52: the index of a name in a list, exactly, then case-insensitively; -1 when none. */
export function byName(list: readonly { name: string }[], w: string): number {
  const exact = list.findIndex((x) => x.name === w);
  return exact >= 0 ? exact : list.findIndex((x) => x.name.toUpperCase() === w.toUpperCase());
}

/**
 * Resolves an event text (SPEC §3) to an event instance of the model (names as D-52). Its callers
 * (simulate, replay) build the model with every event group (SPEC §2: whatever environment.events
 * says), so a missing instance is never an event group that is off (D-277).
 */
export function resolveEvent(model: DvipaModel, text: string): Resolved {
  const p = parseEvent(text);
  if (!p.ok) return p;
  const { kind, stack, dvipa, app, client } = p.event;
  const cfg = model.cfg;
  const t = text.trim();
  // D-193: `[addr]:port` names a client by its IPv6 DVIPA in any written form (D-148), as events name DVIPAs
  const clientOf = (rest: string): number => {
    const k = cfg.clients.findIndex((c) => c.name === rest || `${c.dvipa}:${c.port}` === rest || `[${c.dvipa}]:${c.port}` === rest);
    const m = /^\[([^\]]+)\]:(\d+)$/.exec(rest);
    if (k >= 0 || !m) return k;
    const dv = canonicalDvipa(m[1]!);
    return cfg.clients.findIndex((c) => c.dvipa === dv && c.port === Number(m[2]));
  };
  const find = (pred: (a: Action) => boolean, why: string): Resolved => {
    const a = model.actions.find((x) => x.kind === kind && pred(x));
    return a ? { ok: true, action: a } : { ok: false, message: `'${t}': ${why}` };
  };
  if (kind === 'connect') {
    const c = clientOf(client!);
    return find((a) => a.client === c, `no client named '${client}' (clients: ${cfg.clients.map((x) => x.name).join(', ') || 'none'})`);
  }
  const i = byName(cfg.stacks, stack!);
  if (i < 0) return { ok: false, message: `'${t}': no stack named '${stack}' (stacks: ${cfg.stacks.map((s) => s.name).join(', ')})` };
  const S = cfg.stacks[i]!.name;
  if (kind === 'deactivate' || kind === 'reactivate') {
    const d = model.layout.dvipaIndex(canonicalDvipa(dvipa!)); // IPv6: any form (SEMANTICS §12)
    return find((a) => a.stack === i && a.dvipa === d, `${S} has no definition of DVIPA '${dvipa}'`);
  }
  if (kind === 'app-stop' || kind === 'app-start') {
    const ai = byName(cfg.stacks[i]!.applications, app!);
    return find((a) => a.stack === i && a.app === ai, `${S} has no application '${app}'`);
  }
  if (kind === 'close') {
    const c = clientOf(client!);
    if (c < 0) return { ok: false, message: `'${t}': no client named '${client}'` };
    return find((a) => a.stack === i && a.client === c, `${S} cannot serve client '${client}' (no definition of its DVIPA)`);
  }
  return find((a) => a.stack === i, kind.endsWith('-target') ? `${S} is no target of a VIPADISTRIBUTE` : `${S} uses static routing (no OMPROUTE)`);
}

/**
 * D-223: simulate's `connect C to T` names the target T a distributed DVIPA's connection goes to
 * (SPEC §3 has `connect C` only; the suffix is read only when the whole rest names no client and
 * what precedes it does, so a client named "x to y" still wins). The event text without the suffix, and the target's name.
 */
export function splitTarget(model: DvipaModel, text: string): { text: string; target: string | null } {
  const p = parseEvent(text);
  const m = p.ok && p.event.kind === 'connect' ? /^(.*\S)\s+to\s+(\S+)$/i.exec(p.event.client!) : null;
  if (!m || resolveEvent(model, text).ok || !resolveEvent(model, `connect ${m[1]}`).ok) return { text, target: null };
  return { text: `connect ${m[1]}`, target: m[2]! };
}

/** Why an event instance is not enabled in a state, in words (simulate, replay). */
export function disabledMessage(model: DvipaModel, state: Uint8Array, a: Action): string | null {
  const code = model.disabledCode(state, a);
  if (code === 0) return null;
  const cfg = model.cfg;
  const S = a.stack >= 0 ? cfg.stacks[a.stack]!.name : '';
  const D = a.dvipa >= 0 ? model.layout.dvipas[a.dvipa]!.address : '';
  const A = a.app >= 0 ? cfg.stacks[a.stack]!.applications[a.app]!.name : '';
  const C = a.client >= 0 ? cfg.clients[a.client]! : null;
  const owner = a.dvipa >= 0 ? model.view().at(state).owner(a.dvipa) : -1;
  const O = owner >= 0 ? cfg.stacks[owner]!.name : '';
  const messages: Record<number, string> = {
    1: `${S} is already up`, 2: `${S} is already down`, 3: `OMPROUTE on ${S} is already up`, 4: `OMPROUTE on ${S} is already down`,
    5: `${S} is not joined to the sysplex group`,
    6: `${S} is not out of the group by LEAVEGROUP, RECOVERY or NOJOIN (it is down, joined, or waiting for OMPROUTE under DELAYJOIN)`,
    7: `${D} is not Active or Backup on ${S}, or ${S} is not joined`, 8: `${D} is not Deactivated on ${S}`,
    9: `application ${A} on ${S} is already down`, 10: `application ${A} on ${S} is already up`,
    11: `${D} is Active nowhere`, 12: `${O} holds ${D} but does not advertise it (OMPROUTE down)`,
    13: `client '${C?.name}' already has maxConnections (${cfg.environment.maxConnections}) connection(s) on ${O}`,
    14: `no application on ${O} listens on port ${C?.port} for ${D}`, 15: `client '${C?.name}' has no connection on ${S}`,
    16: `no eligible target for client '${C?.name}' (${D.includes(':') ? `[${D}]` : D}:${C?.port}): none joined with a listener, not quiesced, reachable from ${O} and below maxConnections (${cfg.environment.maxConnections})`,
    17: `${S} is already quiesced`, 18: `${S} is not quiesced`,
  };
  if (code === 16 && C) return hotStandbyFull(model, state, a.dvipa, C.name, C.port) ?? messages[16]!;
  return messages[code] ?? `not enabled (code ${code})`;
}

/**
 * D-191: under HOTSTANDBY a new connection goes to the active target only (SEMANTICS §10), so
 * `connect` can be disabled while other targets are eligible and below the bound: say so, rather
 * than "none joined with a listener ...". null: not HOTSTANDBY, or no active target.
 */
function hotStandbyFull(model: DvipaModel, state: Uint8Array, d: number, client: string, port: number): string | null {
  const cfg = model.cfg, view = model.view().at(state);
  const dist = distributionOf(cfg, model.layout.dvipas, view, d, port);
  const act = view.activeTarget(d, port);
  if (dist.def?.method !== 'HOTSTANDBY' || act < 0) return null;
  const others = dist.targets.filter((t) => t.eligible && t.stack !== act).map((t) => cfg.stacks[t.stack]!.name);
  return `client '${client}' already has maxConnections (${cfg.environment.maxConnections}) connection(s) on ${cfg.stacks[act]!.name}, the HOTSTANDBY active target of ${addrPort(model.layout.dvipas[d]!.address, port)}; HOTSTANDBY sends new connections to the active target only${others.length ? ` (${others.join(', ')} eligible, standby)` : ''}`;
}
