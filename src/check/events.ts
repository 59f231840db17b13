import type { Action } from '../model/actions.js';
import type { DvipaModel } from '../model/model.js';
import { canonicalDvipa } from '../spec/ipv6-dvipas.js';

export type Resolved = { ok: true; action: Action } | { ok: false; message: string };

const STACK_KINDS = new Set(['start', 'terminate', 'routing-start', 'routing-stop', 'leavegroup', 'joingroup', 'quiesce-target', 'resume-target']);

/** Resolves an event text (SPEC §3) to an event instance of the model (names as D-52). */
export function resolveEvent(model: DvipaModel, text: string): Resolved {
  const cfg = model.cfg;
  const words = text.trim().split(/\s+/);
  const kind = words[0]?.toLowerCase() ?? '';
  /** D-52: a name exactly, then case-insensitively. */
  const byName = (list: readonly { name: string }[], w: string | undefined): number => {
    if (w === undefined) return -1;
    const exact = list.findIndex((x) => x.name === w);
    return exact >= 0 ? exact : list.findIndex((x) => x.name.toUpperCase() === w.toUpperCase());
  };
  const stackOf = (w: string | undefined): number => byName(cfg.stacks, w);
  const clientOf = (rest: string): number => cfg.clients.findIndex((c) => c.name === rest || `${c.dvipa}:${c.port}` === rest || `[${c.dvipa}]:${c.port}` === rest);
  const find = (pred: (a: Action) => boolean, why: string): Resolved => {
    const a = model.actions.find((x) => x.kind === kind && pred(x));
    return a ? { ok: true, action: a } : { ok: false, message: `'${text.trim()}': ${why}` };
  };
  const needStack = (): number | string => {
    const i = stackOf(words[1]);
    return i >= 0 ? i : words[1] === undefined ? `${kind} needs a stack name` : `no stack named '${words[1]}' (stacks: ${cfg.stacks.map((s) => s.name).join(', ')})`;
  };
  if (STACK_KINDS.has(kind)) {
    const i = needStack();
    if (typeof i === 'string') return { ok: false, message: `'${text.trim()}': ${i}` };
    return find((a) => a.stack === i, kind.endsWith('-target') ? `${cfg.stacks[i]!.name} is no target of a VIPADISTRIBUTE (or the distribution event group is off)` : `${cfg.stacks[i]!.name} uses static routing (no OMPROUTE)`);
  }
  if (kind === 'deactivate' || kind === 'reactivate') {
    const i = needStack();
    if (typeof i === 'string') return { ok: false, message: `'${text.trim()}': ${i}` };
    const d = model.layout.dvipaIndex(canonicalDvipa(words[2] ?? '')); // IPv6: any form (SEMANTICS §12)
    return find((a) => a.stack === i && a.dvipa === d, `${cfg.stacks[i]!.name} has no definition of DVIPA '${words[2] ?? ''}'`);
  }
  if (kind === 'app-stop' || kind === 'app-start') {
    const i = needStack();
    if (typeof i === 'string') return { ok: false, message: `'${text.trim()}': ${i}` };
    const apps = cfg.stacks[i]!.applications;
    const ai = byName(apps, words[2]);
    return find((a) => a.stack === i && a.app === ai, `${cfg.stacks[i]!.name} has no application '${words[2] ?? ''}'`);
  }
  if (kind === 'connect') {
    const rest = text.trim().slice(words[0]!.length).trim();
    const c = clientOf(rest);
    return find((a) => a.client === c, `no client named '${rest}' (clients: ${cfg.clients.map((x) => x.name).join(', ') || 'none'})`);
  }
  if (kind === 'close') {
    const i = needStack();
    if (typeof i === 'string') return { ok: false, message: `'${text.trim()}': ${i}` };
    const rest = text.trim().slice(words[0]!.length).trim().slice(words[1]!.length).trim();
    const c = clientOf(rest);
    if (c < 0) return { ok: false, message: `'${text.trim()}': no client named '${rest}'` };
    return find((a) => a.stack === i && a.client === c, `${cfg.stacks[i]!.name} cannot serve client '${rest}' (no definition of its DVIPA)`);
  }
  return { ok: false, message: `'${text.trim()}': unknown event '${words[0] ?? ''}' (events: start, terminate, routing-start, routing-stop, leavegroup, joingroup, deactivate, reactivate, app-stop, app-start, connect, close, quiesce-target, resume-target)` };
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
  return messages[code] ?? `not enabled (code ${code})`;
}
