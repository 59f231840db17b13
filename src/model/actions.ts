import { match } from 'ts-pattern';
import type { Config, EventGroup } from '../spec/config.js';
import type { Layout } from './layout.js';

export const EVENT_KINDS = ['start', 'terminate', 'routing-start', 'routing-stop', 'leavegroup', 'joingroup',
  'deactivate', 'reactivate', 'app-stop', 'app-start', 'connect', 'close', 'quiesce-target', 'resume-target'] as const;
export type EventKind = typeof EVENT_KINDS[number];

/** One event instance (SPEC §3); `stack`, `dvipa`, `app`, `client` are indices or -1. */
export interface Action {
  readonly index: number;
  readonly kind: EventKind;
  readonly stack: number;
  readonly dvipa: number;
  readonly app: number;
  readonly client: number;
  /** As written in traces and `--events`, e.g. "terminate TCPCS1". */
  readonly text: string;
  readonly failure: boolean;
}

export const FAILURE_KINDS: ReadonlySet<EventKind> = new Set(['terminate', 'leavegroup', 'routing-stop', 'app-stop', 'deactivate', 'quiesce-target']);

/** The `environment.events` groups that enable an event kind (SPEC §1, D-09); exhaustive over kinds. */
export function groupsOf(kind: EventKind): readonly EventGroup[] {
  return match<EventKind, readonly EventGroup[]>(kind)
    .with('start', () => ['start'])
    .with('terminate', () => ['terminate'])
    .with('routing-start', () => ['start', 'routing'])
    .with('routing-stop', () => ['routing'])
    .with('leavegroup', 'joingroup', () => ['leavegroup'])
    .with('deactivate', 'reactivate', () => ['deactivate'])
    .with('app-stop', 'app-start', () => ['applications'])
    .with('connect', 'close', () => ['connections'])
    .with('quiesce-target', 'resume-target', () => ['distribution'])
    .exhaustive();
}

/**
 * Every event instance the spec allows, in the canonical order of D-42: per stack start,
 * terminate, routing-start, routing-stop, leavegroup, joingroup, per DVIPA of the stack (profile
 * order) deactivate, reactivate, per application app-stop, app-start, then quiesce-target,
 * resume-target (a target of a VIPADISTRIBUTE, SEMANTICS §10); connect per client; close
 * per stack and client. `all` ignores environment.events (simulate, D-06 otherwise).
 */
export function buildActions(cfg: Config, layout: Layout, all = false): Action[] {
  const g = cfg.environment.events;
  const on = (kind: EventKind): boolean => all || groupsOf(kind).some((x) => g.has(x));
  const out: Action[] = [];
  const add = (kind: EventKind, text: string, stack = -1, dvipa = -1, app = -1, client = -1): void => {
    if (on(kind)) out.push({ index: out.length, kind, stack, dvipa, app, client, text, failure: FAILURE_KINDS.has(kind) });
  };
  cfg.stacks.forEach((st, i) => {
    add('start', `start ${st.name}`, i);
    add('terminate', `terminate ${st.name}`, i);
    if (st.routing === 'omproute') { // D-28: a static-routing stack has no OMPROUTE events
      add('routing-start', `routing-start ${st.name}`, i);
      add('routing-stop', `routing-stop ${st.name}`, i);
    }
    add('leavegroup', `leavegroup ${st.name}`, i);
    add('joingroup', `joingroup ${st.name}`, i);
    for (const def of st.defs) {
      const d = layout.dvipaIndex(def.address);
      add('deactivate', `deactivate ${st.name} ${def.address}`, i, d);
      add('reactivate', `reactivate ${st.name} ${def.address}`, i, d);
    }
    st.applications.forEach((a, ai) => {
      add('app-stop', `app-stop ${st.name} ${a.name}`, i, -1, ai);
      add('app-start', `app-start ${st.name} ${a.name}`, i, -1, ai);
    });
    if (layout.dist.quiesced[i]! >= 0) { // SEMANTICS §10: a target of a VIPADISTRIBUTE (D-42 order)
      add('quiesce-target', `quiesce-target ${st.name}`, i);
      add('resume-target', `resume-target ${st.name}`, i);
    }
  });
  cfg.clients.forEach((c, ci) => add('connect', `connect ${c.name}`, -1, layout.dvipaIndex(c.dvipa), -1, ci));
  cfg.stacks.forEach((st, i) => cfg.clients.forEach((c, ci) => {
    if (layout.connOffset[ci * layout.nStacks + i]! >= 0) add('close', `close ${st.name} ${c.name}`, i, layout.dvipaIndex(c.dvipa), -1, ci);
  }));
  return out;
}
