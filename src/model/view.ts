import type { Config } from '../spec/config.js';
import { ACTIVE, DVIPA_STATUS, INACTIVE, JOINED, OUT_REASON, STACK_STATUS, WAITING, type DvipaStatusName } from './codes.js';
import type { Layout } from './layout.js';
import { distributionOf } from './dist-view.js';
import { put } from './own-keys.js';

/** The state as JSON (SPEC.md §4). */
export interface StateJSON {
  stacks: Record<string, { status: 'down' | 'up' | 'joined'; routing: 'up' | 'down' | 'static'; applications: Record<string, 'up' | 'down' | 'bind-failed'> }>;
  /** An IPv6 DVIPA (key: its canonical address) also shows its `interface` name (SEMANTICS §12). */
  dvipas: Record<string, { interface?: string; owner: string | null; advertised: boolean; status: Record<string, DvipaStatusName>; connections: Record<string, number>; distribution?: DistributionJSON }>;
  failures: number;
}

/** A distributed DVIPA in the state JSON (SEMANTICS §10, §13): present only for distributed DVIPAs. */
export interface DistributionJSON {
  distributor: string | null;
  /** The stack whose VIPADISTRIBUTE is in use when the distributor inherited it (D-112). */
  inherited?: string;
  /** Per client port: the method in use, each target's eligibility and connections, the HOTSTANDBY active target. */
  ports: Record<string, { method: string | null; activeTarget?: string | null; targets: Record<string, { eligible: boolean; why?: string; connections: number }> }>;
  quiesced?: string[];
}

/**
 * A read-only view of one packed state in the terms of SPEC.md §4, by index (stack, DVIPA,
 * client, application as in the configuration). One view is re-pointed at many states, so
 * property checks allocate nothing.
 */
export class StateView {
  private w: Uint8Array = new Uint8Array(0);
  /**
   * The failure count along the reported path when maxFailures is unlimited (D-05): set by the
   * trace and replay code, which follow one path; null where no path is known (the search).
   */
  pathFailures: number | null = null;
  private readonly connOff: Int32Array;
  private readonly S: number;
  constructor(private readonly cfg: Config, private readonly L: Layout) {
    this.connOff = L.connOff;
    this.S = L.nStacks;
  }

  at(w: Uint8Array): this { this.w = w; return this; }
  get packed(): Uint8Array { return this.w; }

  stackStatus(stack: number): 'down' | 'up' | 'joined' { return STACK_STATUS[this.w[stack]!]!; }
  joined(stack: number): boolean { return this.w[stack] === JOINED; }
  routing(stack: number): 'up' | 'down' | 'static' {
    return this.cfg.stacks[stack]!.routing === 'static' ? 'static' : this.w[this.L.nStacks + stack] === 1 ? 'up' : 'down';
  }
  /** Why an up stack is out of the group: 'none' when joined, down, or waiting for OMPROUTE. */
  outOfGroup(stack: number): typeof OUT_REASON[number] { return OUT_REASON[this.w[2 * this.L.nStacks + stack]!]!; }
  applicationUp(stack: number, app: number): boolean { return this.w[this.L.appOffset[stack]! + app] !== 0; }
  /** Up without a listener: its bind (or SIOCSVIPA) of a VIPARANGE DVIPA failed, or its stack deleted it (SEMANTICS §11, D-132). */
  bindFailed(stack: number, app: number): boolean { return this.w[this.L.appOffset[stack]! + app] === 2; }
  /** Stack index where the DVIPA is Active, or -1. */
  owner(dvipa: number): number {
    const offs = this.L.dvOffsets[dvipa]!;
    for (let k = 0; k < offs.length; k++) if (this.w[offs[k]!] === ACTIVE) return this.L.dvStacks[dvipa]![k]!;
    return -1;
  }
  private status(dvipa: number, stack: number): number { const o = this.L.statusOff[dvipa * this.S + stack]!; return o < 0 ? INACTIVE : this.w[o]!; }
  /** Status on a configured stack, or null when the stack has no definition of the DVIPA. */
  dvipaStatus(dvipa: number, stack: number): DvipaStatusName | null {
    return this.L.statusOffset[dvipa * this.L.nStacks + stack]! < 0 ? null : DVIPA_STATUS[this.status(dvipa, stack)]!;
  }
  /** A VIPADEFINE stack in Backup whose WHENIDLE takeback waits for the holder's connections. */
  waiting(dvipa: number, stack: number): boolean { return this.status(dvipa, stack) === WAITING; }
  advertised(dvipa: number): boolean { const o = this.owner(dvipa); return o >= 0 && this.w[o] === JOINED && this.w[this.S + o] === 1; }
  connections(client: number, stack: number): number {
    const o = this.connOff[client * this.S + stack]!;
    return o < 0 ? 0 : this.w[o]!;
  }
  /** True when every DVIPA status on every stack equals the other state's (a cheap pre-test). */
  sameDvipaStatuses(other: StateView): boolean {
    const a = this.w, b = other.w;
    for (let o = this.L.statusStart; o < this.L.connStart; o++) if (a[o] !== b[o]) return false;
    return true;
  }
  /** True when every (client, stack) connection count equals the other state's (a cheap pre-test). */
  sameConnections(other: StateView): boolean {
    const a = this.w, b = other.w;
    for (let o = this.L.connStart; o < this.L.connEnd; o++) if (a[o] !== b[o]) return false;
    return true;
  }
  dvipaConnections(dvipa: number, stack: number): number {
    if (!this.L.dvipas[dvipa]!.connStacks.includes(stack)) return 0;
    let n = 0;
    for (const c of this.L.dvipas[dvipa]!.clients) n += this.w[this.connOff[c * this.S + stack]!]!;
    return n;
  }
  /** True when an application on the stack is up and listens on the port for that address. */
  listens(stack: number, port: number, address: string): boolean {
    const base = this.L.appOffset[stack]!;
    return this.cfg.stacks[stack]!.applications.some((a, k) => this.w[base + k] === 1 && a.port === port && (a.bind === null || a.bind === address));
  }
  // ---- sysplex distributor (SEMANTICS §10) ----
  dvipaAddress(dvipa: number): string { return this.L.dvipas[dvipa]!.address; }
  /** A target quiesced by VARY ...,QUIESCE,TARGET. */
  quiesced(stack: number): boolean { const o = this.L.dist.quiesced[stack]!; return o >= 0 && this.w[o] === 1; }
  /** The stack whose VIPADISTRIBUTE the distributor inherited (D-112), or -1. */
  inherited(dvipa: number): number { const o = this.L.dist.inherited[dvipa]!; return o < 0 ? -1 : this.w[o]! - 1; }
  /** The HOTSTANDBY active target of DVIPA:port, or -1. */
  activeTarget(dvipa: number, port: number): number { const h = this.L.dist.hot.find((x) => x.dvipa === dvipa && x.port === port); return h ? this.w[h.offset]! - 1 : -1; }
  /** Every connection of the DVIPA, on every stack (a distributor's whole routing table). */
  totalConnections(dvipa: number): number { let n = 0; for (const i of this.L.dvipas[dvipa]!.connStacks) n += this.dvipaConnections(dvipa, i); return n; }

  get failures(): number {
    if (this.L.failuresOffset >= 0) return this.w[this.L.failuresOffset]!;
    // D-264: under unlimited the count is no part of the state, so a check cannot depend on it
    if (this.pathFailures === null) throw new Error('state.failures is not known under maxFailures: unlimited: the count is not part of the state (D-05), so a check cannot read it; give maxFailures a number to check failure counts');
    return this.pathFailures;
  }

  toJSON(): StateJSON {
    const stacks: StateJSON['stacks'] = {};
    this.cfg.stacks.forEach((st, i) => {
      const applications: Record<string, 'up' | 'down' | 'bind-failed'> = {};
      st.applications.forEach((a, ai) => { put(applications, a.name, this.bindFailed(i, ai) ? 'bind-failed' : this.applicationUp(i, ai) ? 'up' : 'down'); });
      put(stacks, st.name, { status: this.stackStatus(i), routing: this.routing(i), applications });
    });
    const dvipas: StateJSON['dvipas'] = {};
    for (const d of this.L.dvipas) {
      const status: Record<string, DvipaStatusName> = {};
      const connections: Record<string, number> = {};
      for (const i of d.stacks) {
        if (d.kind === 'range' && this.status(d.index, i) === INACTIVE) continue; // D-130: absent there
        put(status, this.cfg.stacks[i]!.name, this.dvipaStatus(d.index, i)!);
      }
      for (const i of d.connStacks) {
        const n = this.dvipaConnections(d.index, i);
        if (n > 0) put(connections, this.cfg.stacks[i]!.name, n);
      }
      const o = this.owner(d.index);
      dvipas[d.address] = { ...(d.intf != null ? { interface: d.intf } : {}), owner: o < 0 ? null : this.cfg.stacks[o]!.name, advertised: this.advertised(d.index), status, connections };
      if (d.dist) dvipas[d.address]!.distribution = this.distributionJSON(d.index);
    }
    return { stacks, dvipas, failures: this.failures };
  }

  private distributionJSON(d: number): DistributionJSON {
    const name = (i: number): string => this.cfg.stacks[i]!.name;
    const o = this.owner(d);
    const out: DistributionJSON = { distributor: o < 0 ? null : name(o), ports: {} };
    const h = this.inherited(d);
    if (h >= 0) out.inherited = name(h);
    for (const port of [...new Set(this.L.dvipas[d]!.clients.map((c) => this.cfg.clients[c]!.port))]) {
      const dist = distributionOf(this.cfg, this.L.dvipas, this, d, port);
      const targets: DistributionJSON['ports'][string]['targets'] = {};
      for (const t of dist.targets) {
        let n = 0;
        for (const c of this.L.dvipas[d]!.clients) if (this.cfg.clients[c]!.port === port) n += this.connections(c, t.stack);
        put(targets, name(t.stack), { eligible: t.eligible, ...(t.why ? { why: t.why } : {}), connections: n });
      }
      const p: DistributionJSON['ports'][string] = { method: dist.def?.method ?? null, targets };
      if (this.L.dist.hot.some((x) => x.dvipa === d && x.port === port)) { const a = this.activeTarget(d, port); p.activeTarget = a < 0 ? null : name(a); }
      out.ports[String(port)] = p;
    }
    const q = this.L.dvipas[d]!.dist!.targetStacks.filter((t) => this.quiesced(t));
    if (q.length) out.quiesced = q.map(name);
    return out;
  }
}

