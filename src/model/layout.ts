import type { Config, DvipaDef } from '../spec/config.js';
import { ipv6Info } from './ipv6.js';
import { rangeDvipas, type RangeInfo } from './range-layout.js';
import { distInfo, type DistInfo } from './dist.js';
import { distFields, type DistFields } from './layout-dist.js';

/** A DVIPA of the sysplex: its address and each stack's surviving definition. */
export interface DvipaInfo {
  readonly index: number;
  readonly address: string;
  /** defs[stack] or null */
  readonly defs: readonly (DvipaDef | null)[];
  /** Stacks with a definition, in stack order. */
  readonly stacks: readonly number[];
  /** D-27: CPCSCOPE on any stack's definition. */
  readonly cpcScoped: boolean;
  /** Clients that target this DVIPA. */
  readonly clients: readonly number[];
  /** SEMANTICS §12: 'ipv6' for an IPv6 DVIPA (its address canonical), with its interface name; absent: IPv4. */
  readonly family?: 'ipv4' | 'ipv6';
  readonly intf?: string | null;
  /** 'range': an application-specific DVIPA (SEMANTICS §11, D-130): no definitions; `stacks` are where applications bind it. */
  readonly kind: 'defined' | 'range';
  /** For kind 'range': ranges, creation and binding applications per stack. */
  readonly range?: RangeInfo;
  /** Sysplex distributor (SEMANTICS §10): null when no defining stack distributes it. */
  readonly dist: DistInfo | null;
  /** Stacks that can hold its connections: `stacks`, and for a distributed DVIPA its targets too. */
  readonly connStacks: readonly number[];
}

/**
 * Byte offsets of every field of the packed state (D-01): per stack status, routing, out-of-group
 * reason and applications; per (DVIPA, configured stack) the status; per (client, configured
 * stack) the connection count; the failure count when maxFailures is a number.
 */
export class Layout {
  readonly nStacks: number;
  readonly dvipas: readonly DvipaInfo[];
  readonly statusOffset: readonly number[]; // dvipa * nStacks + stack -> offset, or -1
  readonly connOffset: readonly number[]; // client * nStacks + stack -> offset, or -1
  /** DVIPA statuses occupy bytes [statusStart, connStart); connection counts [connStart, connEnd). */
  readonly statusStart: number;
  readonly connStart: number;
  readonly connEnd: number;
  readonly appOffset: readonly number[]; // first application byte of each stack
  readonly failuresOffset: number; // -1 when unlimited (D-05)
  readonly bytes: number; // padded to a multiple of 4
  /** defDvipa[stack][k] = DVIPA index of the stack's k-th definition. */
  readonly defDvipa: readonly (readonly number[])[];
  /** clientDvipa[client] = DVIPA index the client targets. */
  readonly clientDvipa: readonly number[];
  /** Hot-loop copies: status and connection offsets as typed arrays; per DVIPA its status offsets. */
  readonly statusOff: Int32Array;
  readonly connOff: Int32Array;
  readonly dvOffsets: readonly Int32Array[];
  readonly dvStacks: readonly Int32Array[];
  /** Per DVIPA, for each configured stack k, the connection offsets of the DVIPA's clients there. */
  readonly dvConnOffsets: readonly (readonly Int32Array[])[];

  constructor(readonly cfg: Config) {
    const S = cfg.stacks.length;
    this.nStacks = S;
    // One pass over the definitions and the clients (a site has a thousand DVIPAs on 32 stacks).
    const addrs: string[] = [];
    const defsOf = new Map<string, (DvipaDef | null)[]>(); // address -> each stack's definition
    cfg.stacks.forEach((st, i) => {
      for (const d of st.defs) {
        let defs = defsOf.get(d.address);
        if (!defs) { defsOf.set(d.address, (defs = cfg.stacks.map(() => null))); addrs.push(d.address); }
        defs[i] ??= d; // the stack's first definition of the address
      }
    });
    const clientsOf = new Map<string, number[]>();
    cfg.clients.forEach((c, ci) => { const l = clientsOf.get(c.dvipa); if (l) l.push(ci); else clientsOf.set(c.dvipa, [ci]); });
    this.dvipas = addrs.map((address, index) => {
      const defs = defsOf.get(address)!;
      const stacks = defs.flatMap((d, i) => (d ? [i] : []));
      const dist = distInfo(cfg, address, stacks);
      return {
        index, address, defs, stacks,
        cpcScoped: defs.some((d) => d?.cpcscope === true),
        clients: clientsOf.get(address) ?? [],
        ...ipv6Info(defs),
        kind: 'defined' as const,
        dist, connStacks: dist ? dist.connStacks : stacks,
      };
    });
    // D-130: application-specific DVIPAs after the defined ones (none without VIPARANGE).
    for (const r of rangeDvipas(cfg)) {
      addrs.push(r.address);
      this.dvipas = [...this.dvipas, {
        index: this.dvipas.length, address: r.address, defs: cfg.stacks.map(() => null),
        stacks: r.info.binders.flatMap((b, i) => (b.length > 0 ? [i] : [])), cpcScoped: false,
        clients: clientsOf.get(r.address) ?? [], kind: 'range', range: r.info,
        dist: null, connStacks: r.info.binders.flatMap((b, i) => (b.length > 0 ? [i] : [])),
      }];
    }
    let off = 3 * S;
    this.appOffset = cfg.stacks.map((st) => { const o = off; off += st.applications.length; return o; });
    const status: number[] = new Array(addrs.length * S).fill(-1);
    this.statusStart = off;
    for (const d of this.dvipas) for (const i of d.stacks) status[d.index * S + i] = off++;
    this.statusOffset = status;
    const conn: number[] = new Array(cfg.clients.length * S).fill(-1);
    this.connStart = off;
    const index = this.indexOf;
    for (const d of this.dvipas) index.set(d.address, d.index);
    cfg.clients.forEach((c, ci) => {
      const d = this.dvipas[index.get(c.dvipa)!]!;
      for (const i of d.connStacks) conn[ci * S + i] = off++;
    });
    this.connOffset = conn;
    this.connEnd = off;
    this.dist = distFields(cfg, this.dvipas, off); // only when some DVIPA is distributed (SEMANTICS §13)
    off = this.dist.end;
    this.failuresOffset = cfg.environment.maxFailures === null ? -1 : off++;
    this.bytes = Math.max(4, (off + 3) & ~3);
    this.defDvipa = cfg.stacks.map((st) => st.defs.map((d) => index.get(d.address) ?? -1));
    this.clientDvipa = cfg.clients.map((c) => index.get(c.dvipa) ?? -1);
    this.statusOff = Int32Array.from(status);
    this.connOff = Int32Array.from(conn);
    this.dvOffsets = this.dvipas.map((d) => Int32Array.from(d.stacks, (i) => status[d.index * S + i]!));
    this.dvStacks = this.dvipas.map((d) => Int32Array.from(d.stacks));
    this.dvConnOffsets = this.dvipas.map((d) => d.stacks.map((i) => Int32Array.from(d.clients, (c) => conn[c * S + i]!)));
  }

  /** Distribution fields (quiesced targets, inherited definitions, HOTSTANDBY active targets), [connEnd, dist.end). */
  readonly dist: DistFields;

  /** address -> DVIPA index */
  private readonly indexOf = new Map<string, number>();
  dvipaIndex(address: string): number { return this.indexOf.get(address) ?? -1; }
}
