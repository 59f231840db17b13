import type { Trace } from '../check/trace.js';
import type { StateJSON } from '../model/view.js';

/**
 * The Informal Trace Format of Apalache and Quint (ADR-015): `#meta`, `vars`, `states`; integers as
 * {"#bigint": "N"}, maps as {"#map": [[k, v], ...]}; an owner as a Quint Option variant; the event
 * that led to each state in `mbt::actionTaken`, as Quint's model-based testing does.
 */
export interface ItfTrace {
  '#meta': Record<string, unknown>;
  vars: string[];
  states: Record<string, unknown>[];
}

const big = (n: number): { '#bigint': string } => ({ '#bigint': String(n) });
const map = <V>(o: Record<string, V>, f: (v: V) => unknown): { '#map': [string, unknown][] } => ({ '#map': Object.entries(o).map(([k, v]) => [k, f(v)]) });

export function stateToItf(s: StateJSON): Record<string, unknown> {
  return {
    stacks: map(s.stacks, (st) => ({ status: st.status, routing: st.routing, applications: map(st.applications, (a) => a) })),
    dvipas: map(s.dvipas, (d) => ({
      ...(d.interface !== undefined ? { interface: d.interface } : {}), // IPv6 (SEMANTICS §12)
      owner: d.owner === null ? { tag: 'None', value: { '#tup': [] } } : { tag: 'Some', value: d.owner },
      advertised: d.advertised,
      status: map(d.status, (x) => x),
      connections: map(d.connections, big),
      // A distributed DVIPA (SEMANTICS §10): its distribution as a JSON string (a record ITF readers keep as is).
      ...(d.distribution ? { distribution: JSON.stringify(d.distribution) } : {}),
    })),
    failures: big(s.failures),
  };
}

export function traceToItf(trace: Trace, meta: { spec: string; property?: string; message?: string }): ItfTrace {
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: meta.spec,
      description: meta.property ? `dvipa-verify counterexample for '${meta.property}': ${meta.message ?? ''}` : 'dvipa-verify trace',
      ...(meta.property ? { property: meta.property } : {}),
    },
    vars: ['stacks', 'dvipas', 'failures', 'mbt::actionTaken', 'violations'],
    states: trace.steps.map((step, index) => ({
      '#meta': { index },
      ...stateToItf(step.state),
      'mbt::actionTaken': step.event === 'initial' ? 'init' : step.event,
      violations: { '#set': step.violations.map((v) => v.property) },
    })),
  };
}

/** Reads the events of an ITF trace back (replay). */
export function eventsOfItf(doc: ItfTrace): string[] {
  return doc.states.slice(1).map((s) => String(s['mbt::actionTaken']));
}

/** Converts an ITF state back to the JSON state shape (replay compares states). */
export function itfToState(s: Record<string, unknown>): StateJSON {
  const unmap = (m: unknown): [string, unknown][] => ((m as { '#map': [string, unknown][] })['#map']);
  const num = (b: unknown): number => Number((b as { '#bigint': string })['#bigint']);
  const stacks: StateJSON['stacks'] = {};
  for (const [k, v] of unmap(s.stacks)) {
    const r = v as { status: 'down'; routing: 'up'; applications: unknown };
    stacks[k] = { status: r.status, routing: r.routing, applications: Object.fromEntries(unmap(r.applications)) as Record<string, 'up' | 'down'> };
  }
  const dvipas: StateJSON['dvipas'] = {};
  for (const [k, v] of unmap(s.dvipas)) {
    const r = v as { interface?: string; owner: { tag: string; value: unknown }; advertised: boolean; status: unknown; connections: unknown; distribution?: string };
    dvipas[k] = {
      ...(typeof r.interface === 'string' ? { interface: r.interface } : {}),
      owner: r.owner.tag === 'Some' ? String(r.owner.value) : null, advertised: r.advertised,
      status: Object.fromEntries(unmap(r.status)) as StateJSON['dvipas'][string]['status'],
      connections: Object.fromEntries(unmap(r.connections).map(([a, b]) => [a, num(b)])),
      ...(typeof r.distribution === 'string' ? { distribution: JSON.parse(r.distribution) as StateJSON['dvipas'][string]['distribution'] } : {}),
    };
  }
  return { stacks, dvipas, failures: num(s.failures) };
}

/**
 * The ITF report of a run (D-81): one complete ITF trace per violated property, one per line
 * (JSON Lines), so that a reader of ITF (Quint's `ofItf`, Apalache) takes each line as it is;
 * with one violation the output is exactly one ITF document. Nothing violated: no line.
 */
export function itfLines(reports: readonly { spec: string; properties: readonly { name: string; message?: string; trace?: Trace }[] }[]): string {
  return reports.flatMap((r) => r.properties.filter((p) => p.trace).map((p) => `${JSON.stringify(traceToItf(p.trace!, { spec: r.spec, property: p.name, message: p.message }))}\n`)).join('');
}
