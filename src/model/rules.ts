import type { Config } from '../spec/config.js';
import type { Action } from './actions.js';
import { LEAVE_DROPS, NO_PREEMPTION, RANK_TIE, RECOVERY_TRIGGER } from './assumptions.js';
import {
  ACTIVE, BACKUP, DEACTIVATED, DOWN, INACTIVE, isEligible, JOINED, MOVING, OUT_NOJOIN, OUT_NONE, OUT_OPERATOR,
  OUT_RECOVERY, QUIESCING, UP, WAITING,
} from './codes.js';
import type { Layout } from './layout.js';

/** Picks one of n tied candidates (stack indices in cands[0..n)) for DVIPA d. */
export interface Chooser { choose(d: number, cands: Int32Array, n: number): number }

/**
 * The rules of SEMANTICS.md §4 with DETAILS.md, applied in place to a packed state. Only this
 * file changes states; every method is deterministic.
 */
export class Rules {
  private readonly S: number;
  private readonly tier: Int32Array;
  private readonly statusOff: Int32Array;
  private readonly connOff: Int32Array;
  /** Bits of the assumptions (assumptions.ts) the last apply() used. */
  assumed = 0;

  constructor(readonly cfg: Config, readonly L: Layout) {
    this.S = L.nStacks;
    this.tier = new Int32Array(Math.max(1, this.S));
    this.statusOff = L.statusOff;
    this.connOff = L.connOff;
  }

  // ---- field access ------------------------------------------------------------------
  status(w: Uint8Array, d: number, i: number): number { const o = this.statusOff[d * this.S + i]!; return o < 0 ? INACTIVE : w[o]!; }
  private setStatus(w: Uint8Array, d: number, i: number, v: number): void { w[this.statusOff[d * this.S + i]!] = v; }
  owner(w: Uint8Array, d: number): number {
    const offs = this.L.dvOffsets[d]!;
    for (let k = 0; k < offs.length; k++) if (w[offs[k]!] === ACTIVE) return this.L.dvStacks[d]![k]!;
    return -1;
  }
  /** Connections of stack i to DVIPA d, all its clients together. */
  conns(w: Uint8Array, d: number, i: number): number {
    const clients = this.L.dvipas[d]!.clients;
    let n = 0;
    for (let k = 0; k < clients.length; k++) n += w[this.connOff[clients[k]! * this.S + i]!]!;
    return n;
  }
  private dropConns(w: Uint8Array, d: number, i: number): void {
    const clients = this.L.dvipas[d]!.clients;
    for (let k = 0; k < clients.length; k++) w[this.connOff[clients[k]! * this.S + i]!] = 0;
  }
  routingUp(w: Uint8Array, i: number): boolean { return w[this.S + i] === 1; }
  advertises(w: Uint8Array, i: number): boolean { return w[i] === JOINED && w[this.S + i] === 1; }
  appServes(w: Uint8Array, i: number, port: number, address: string): boolean {
    const apps = this.cfg.stacks[i]!.applications;
    const base = this.L.appOffset[i]!;
    for (let a = 0; a < apps.length; a++) {
      const app = apps[a]!;
      if (w[base + a] === 1 && app.port === port && (app.bind === null || app.bind === address)) return true;
    }
    return false;
  }
  failures(w: Uint8Array): number { return this.L.failuresOffset < 0 ? 0 : w[this.L.failuresOffset]!; }

  // ---- initial states (SEMANTICS §2, D-07, D-08) --------------------------------------
  initial(start: 'running' | 'down'): Uint8Array {
    const w = new Uint8Array(this.L.bytes);
    this.cfg.stacks.forEach((st, i) => { if (st.routing === 'static') w[this.S + i] = 1; });
    if (start === 'running') {
      const first: Chooser = { choose: () => 0 };
      this.cfg.stacks.forEach((st, i) => {
        w[i] = UP;
        w[this.S + i] = 1;
        w.fill(1, this.L.appOffset[i]!, this.L.appOffset[i]! + st.applications.length);
        w[2 * this.S + i] = st.join === 'NOJOIN' ? OUT_NOJOIN : OUT_NONE;
        if (st.join !== 'NOJOIN') this.join(w, i, first);
      });
    }
    return w;
  }

  // ---- join and takeback (SEMANTICS §4.1-4.2, D-14..D-19) ------------------------------
  private joinCondition(w: Uint8Array, i: number): boolean {
    const st = this.cfg.stacks[i]!;
    return st.join !== 'DELAYJOIN' || st.routing === 'static' || w[this.S + i] === 1;
  }

  private join(w: Uint8Array, i: number, ch: Chooser): void {
    w[i] = JOINED;
    w[2 * this.S + i] = OUT_NONE;
    const defs = this.cfg.stacks[i]!.defs;
    for (let k = 0; k < defs.length; k++) {
      const def = defs[k]!;
      const d = this.L.defDvipa[i]![k]!;
      const h = this.owner(w, d);
      if (def.kind === 'define') {
        if (h < 0) this.setStatus(w, d, i, ACTIVE);
        else this.takeback(w, d, i, h, def.moveable ?? 'IMMEDIATE');
      } else if (def.moveable !== null && h < 0) this.setStatus(w, d, i, ACTIVE); // D-18
      else {
        this.setStatus(w, d, i, BACKUP);
        const hd = h >= 0 ? this.L.dvipas[d]!.defs[h]! : null;
        if (hd && hd.kind === 'backup' && def.rank > hd.rank) this.assumed |= NO_PREEMPTION;
      }
    }
    void ch;
  }

  /** Stack i (a VIPADEFINE joining or reactivated) takes d back from holder h (D-14..D-17). */
  private takeback(w: Uint8Array, d: number, i: number, h: number, moveable: 'IMMEDIATE' | 'WHENIDLE'): void {
    if (moveable === 'WHENIDLE' && this.conns(w, d, h) > 0) { this.setStatus(w, d, i, WAITING); return; }
    this.setStatus(w, d, i, ACTIVE);
    this.release(w, d, h, i);
  }

  /** Holder h loses d to stack i: Moving if it keeps connections over XCF, else Backup (D-15, D-16). */
  private release(w: Uint8Array, d: number, h: number, i: number): void {
    const keep = this.conns(w, d, h) > 0 && this.cfg.stacks[i]!.dynamicXcf && this.cfg.stacks[h]!.dynamicXcf;
    if (!keep) this.dropConns(w, d, h);
    this.setStatus(w, d, h, keep ? MOVING : BACKUP);
    this.dropWaits(w, d); // D-22: the DVIPA went elsewhere
  }

  private dropWaits(w: Uint8Array, d: number): void {
    for (const j of this.L.dvipas[d]!.stacks) if (this.status(w, d, j) === WAITING) this.setStatus(w, d, j, BACKUP);
  }

  // ---- takeover (SEMANTICS §4.3, D-22..D-27) -------------------------------------------
  /** The holder h of d departed (its status already changed): d goes first in the chain. */
  private takeover(w: Uint8Array, d: number, h: number, ch: Chooser): void {
    const info = this.L.dvipas[d]!;
    const cpc = this.cfg.stacks[h]!.cpc;
    let n = 0;
    let best = -1; // 255 = VIPADEFINE tier, else the backup rank
    for (const j of info.stacks) {
      if (j === h || w[j] !== JOINED || !isEligible(this.status(w, d, j))) continue;
      if (info.cpcScoped && this.cfg.stacks[j]!.cpc !== cpc) continue; // D-27
      const def = info.defs[j]!;
      const r = def.kind === 'define' ? 255 : def.rank; // D-25
      if (r > best) { best = r; n = 0; }
      if (r === best) this.tier[n++] = j;
    }
    if (n === 0) { this.dropWaits(w, d); return; }
    let pick = 0;
    if (n > 1) { this.assumed |= RANK_TIE; pick = ch.choose(d, this.tier, n); }
    const j = this.tier[pick]!;
    this.dropWaits(w, d);
    this.setStatus(w, d, j, ACTIVE);
  }

  // ---- leaving (SEMANTICS §4.4, D-11, D-12) ----------------------------------------------
  /** Every status of stack i becomes Inactive and its connections are lost; returns the DVIPAs it held. */
  private vacate(w: Uint8Array, i: number, held: number[]): void {
    for (const info of this.L.dvipas) {
      const o = this.L.statusOffset[info.index * this.S + i]!;
      if (o < 0) continue;
      if (w[o] === ACTIVE) held.push(info.index);
      w[o] = INACTIVE;
      this.dropConns(w, info.index, i);
    }
  }

  private leave(w: Uint8Array, i: number, reason: number, ch: Chooser): void {
    const held: number[] = [];
    this.vacate(w, i, held);
    w[i] = UP;
    w[2 * this.S + i] = reason;
    this.assumed |= LEAVE_DROPS;
    for (const d of held) this.takeover(w, d, i, ch);
  }

  // ---- after connections drop (SEMANTICS §4.7, D-20, D-21) -----------------------------
  private afterDrop(w: Uint8Array, d: number, i: number): void {
    if (this.conns(w, d, i) > 0) return;
    const s = this.status(w, d, i);
    if (s === MOVING) this.setStatus(w, d, i, BACKUP);
    else if (s === QUIESCING) this.setStatus(w, d, i, DEACTIVATED);
    else if (s === ACTIVE) {
      for (const j of this.L.dvipas[d]!.stacks) {
        if (this.status(w, d, j) === WAITING) { // D-22: the first waiter in stack order takes back
          this.setStatus(w, d, j, ACTIVE);
          this.setStatus(w, d, i, BACKUP);
          this.dropWaits(w, d);
          return;
        }
      }
    }
  }

  // ---- events ----------------------------------------------------------------------------
  /** 0 when enabled, else a code for disabledReason(). Ignores the failure budget. */
  disabledCode(w: Uint8Array, a: Action): number {
    const i = a.stack;
    switch (a.kind) {
      case 'start': return w[i] === DOWN ? 0 : 1;
      case 'terminate': return w[i] !== DOWN ? 0 : 2;
      case 'routing-start': return w[i] === DOWN ? 2 : w[this.S + i] === 0 ? 0 : 3;
      case 'routing-stop': return w[i] === DOWN ? 2 : w[this.S + i] === 1 ? 0 : 4;
      case 'leavegroup': return w[i] === JOINED ? 0 : 5;
      case 'joingroup': return w[i] === UP && w[2 * this.S + i] !== OUT_NONE ? 0 : 6;
      case 'deactivate': { const s = this.status(w, a.dvipa, i); return w[i] === JOINED && (s === ACTIVE || s === BACKUP || s === WAITING) ? 0 : 7; }
      case 'reactivate': return this.status(w, a.dvipa, i) === DEACTIVATED ? 0 : 8;
      case 'app-stop': return w[i] === DOWN ? 2 : w[this.L.appOffset[i]! + a.app] === 1 ? 0 : 9;
      case 'app-start': return w[i] === DOWN ? 2 : w[this.L.appOffset[i]! + a.app] === 0 ? 0 : 10;
      case 'connect': {
        const c = this.cfg.clients[a.client]!;
        const o = this.owner(w, a.dvipa);
        if (o < 0) return 11;
        if (!this.advertises(w, o)) return 12;
        if (w[this.L.connOffset[a.client * this.S + o]!]! >= this.cfg.environment.maxConnections) return 13;
        return this.appServes(w, o, c.port, c.dvipa) ? 0 : 14;
      }
      case 'close': return w[this.L.connOffset[a.client * this.S + i]!]! > 0 ? 0 : 15;
    }
  }

  /** Applies an enabled event in place (SEMANTICS §4); failure counting is the caller's. */
  apply(w: Uint8Array, a: Action, ch: Chooser): void {
    const i = a.stack;
    const S = this.S;
    switch (a.kind) {
      case 'start': { // D-09..D-11
        const st = this.cfg.stacks[i]!;
        w[i] = UP;
        w[S + i] = st.routing === 'static' ? 1 : 0;
        w.fill(1, this.L.appOffset[i]!, this.L.appOffset[i]! + st.applications.length);
        w[2 * S + i] = st.join === 'NOJOIN' ? OUT_NOJOIN : OUT_NONE;
        if (st.join !== 'NOJOIN' && this.joinCondition(w, i)) this.join(w, i, ch);
        return;
      }
      case 'terminate': {
        const st = this.cfg.stacks[i]!;
        const held: number[] = [];
        this.vacate(w, i, held);
        w[i] = DOWN;
        w[S + i] = st.routing === 'static' ? 1 : 0;
        w[2 * S + i] = OUT_NONE;
        w.fill(0, this.L.appOffset[i]!, this.L.appOffset[i]! + st.applications.length);
        for (const d of held) this.takeover(w, d, i, ch);
        return;
      }
      case 'routing-start': {
        w[S + i] = 1;
        const st = this.cfg.stacks[i]!;
        if (w[i] === UP) {
          if (w[2 * S + i] === OUT_RECOVERY && st.autorejoin) w[2 * S + i] = OUT_NONE; // D-28
          if (w[2 * S + i] === OUT_NONE && this.joinCondition(w, i)) this.join(w, i, ch);
        }
        return;
      }
      case 'routing-stop': {
        w[S + i] = 0;
        if (this.cfg.stacks[i]!.recovery && w[i] === JOINED) { // D-28
          let members = 0;
          for (let j = 0; j < S; j++) if (w[j] === JOINED) members++;
          if (members > 1) { this.assumed |= RECOVERY_TRIGGER; this.leave(w, i, OUT_RECOVERY, ch); }
        }
        return;
      }
      case 'leavegroup': this.leave(w, i, OUT_OPERATOR, ch); return;
      case 'joingroup':
        w[2 * S + i] = OUT_NONE;
        if (this.joinCondition(w, i)) this.join(w, i, ch);
        return;
      case 'deactivate': { // SEMANTICS §4.6, D-29
        const d = a.dvipa;
        if (this.status(w, d, i) === ACTIVE) {
          this.setStatus(w, d, i, this.conns(w, d, i) > 0 ? QUIESCING : DEACTIVATED);
          this.takeover(w, d, i, ch);
        } else this.setStatus(w, d, i, DEACTIVATED);
        return;
      }
      case 'reactivate': { // D-14, D-29, D-30
        const d = a.dvipa;
        const def = this.L.dvipas[d]!.defs[i]!;
        if (def.kind !== 'define') { this.setStatus(w, d, i, BACKUP); return; }
        const h = this.owner(w, d);
        if (h < 0) this.setStatus(w, d, i, ACTIVE);
        else this.takeback(w, d, i, h, def.moveable ?? 'IMMEDIATE');
        return;
      }
      case 'app-stop': { // D-31
        const app = this.cfg.stacks[i]!.applications[a.app]!;
        w[this.L.appOffset[i]! + a.app] = 0;
        this.cfg.clients.forEach((c, ci) => {
          const o = this.L.connOffset[ci * S + i]!;
          if (o < 0 || c.port !== app.port || (app.bind !== null && app.bind !== c.dvipa) || w[o] === 0) return;
          w[o] = 0;
          this.afterDrop(w, this.L.clientDvipa[ci]!, i);
        });
        return;
      }
      case 'app-start': w[this.L.appOffset[i]! + a.app] = 1; return;
      case 'connect': { const o = this.owner(w, a.dvipa); w[this.L.connOffset[a.client * S + o]!]!++; return; }
      case 'close': w[this.L.connOffset[a.client * S + i]!]!--; this.afterDrop(w, a.dvipa, i); return;
    }
  }
}
