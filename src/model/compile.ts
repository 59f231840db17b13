import type { Config } from '../spec/config.js';
import type { Action } from './actions.js';
import {
  ACTIVE, BACKUP, DEACTIVATED, DOWN, INACTIVE, JOINED, MOVING, OUT_NOJOIN, OUT_NONE, OUT_OPERATOR, OUT_RECOVERY,
  QUIESCING, UP, WAITING,
} from './codes.js';
import type { Layout } from './layout.js';
import type { Odometer } from './model.js';

/** Emits every successor of a state, all events in order (the engine's PackedModel.expand). */
export type Expand = (state: Uint8Array, emit: (next: Uint8Array, action: number, choice: number) => void) => void;

/**
 * Partial evaluation of rules.ts for one configuration: the rules of SEMANTICS §4 written out as
 * JavaScript with every offset, rank, flag and candidate list of the configuration folded in, one
 * function per event instance, compiled once per run with `new Function`. The successors, their
 * order and their tie choices are exactly those of Rules.apply (test/compile.test.ts compares
 * both on every reachable state of the example specs, the chain family and random specs); traces
 * are still rebuilt with rules.ts, which also says which assumptions a step used.
 */
export function compileExpand(cfg: Config, L: Layout, actions: readonly Action[], odo: Odometer): Expand {
  const src = new ExpandWriter(cfg, L, actions).write();
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('odo', src) as (odo: Odometer) => Expand;
  return factory(odo);
}

/** JavaScript for the owner of DVIPA d in the state named v: the first stack where d is Active, or -1. */
export function ownerExpr(L: Layout, v: string, d: number): string {
  let e = '-1';
  const stacks = L.dvipas[d]!.stacks;
  for (let k = stacks.length - 1; k >= 0; k--) e = `${v}[${L.statusOffset[d * L.nStacks + stacks[k]!]!}] === ${ACTIVE} ? ${stacks[k]} : ${e}`;
  return `(${e})`;
}

/** Compiles a packed twin (properties/*.ts) from its body, with `values` bound by name. */
export function compileTwin<F>(params: string, body: string, values: Record<string, unknown> = {}): F {
  return new Function(...Object.keys(values), `"use strict"; return (${params}) => { ${body} };`)(...Object.values(values)) as F;
}

class ExpandWriter {
  private readonly S: number;
  private readonly W: number;
  private readonly maxFailures: number | null;

  constructor(private readonly cfg: Config, private readonly L: Layout, private readonly actions: readonly Action[]) {
    this.S = L.nStacks;
    this.W = L.bytes >>> 2;
    this.maxFailures = cfg.environment.maxFailures;
  }

  // ---- offsets and expressions over the successor `t` (or the state `s` in guards) ----
  private so(d: number, i: number): number { return this.L.statusOffset[d * this.S + i]!; }
  private dv(d: number) { return this.L.dvipas[d]!; }
  private conns(d: number, i: number, v = 't'): string {
    const offs = this.dv(d).clients.map((c) => this.L.connOffset[c * this.S + i]!);
    return offs.length === 0 ? '0' : `(${offs.map((o) => `${v}[${o}]`).join(' + ')})`;
  }
  private dropConns(d: number, i: number): string {
    return this.dv(d).clients.map((c) => `t[${this.L.connOffset[c * this.S + i]!}] = 0;`).join(' ');
  }
  private ownerExpr(d: number, v = 't'): string { return ownerExpr(this.L, v, d); }
  private dropWaits(d: number): string {
    return this.dv(d).stacks.map((j) => `if (t[${this.so(d, j)}] === ${WAITING}) t[${this.so(d, j)}] = ${BACKUP};`).join(' ');
  }
  private joinCondition(i: number): string {
    const st = this.cfg.stacks[i]!;
    return st.join !== 'DELAYJOIN' || st.routing === 'static' ? 'true' : `t[${this.S + i}] === 1`;
  }

  /** Holder h (runtime variable `hv`) of d; `body(j)` is the code for holder j. */
  private switchHolder(d: number, hv: string, body: (j: number) => string): string {
    return `switch (${hv}) { ${this.dv(d).stacks.map((j) => `case ${j}: { ${body(j)} break; }`).join(' ')} }`;
  }

  private release(d: number, h: number, i: number): string {
    const xcf = this.cfg.stacks[i]!.dynamicXcf && this.cfg.stacks[h]!.dynamicXcf;
    const set = xcf ? `t[${this.so(d, h)}] = ${this.conns(d, h)} > 0 ? ${MOVING} : ${BACKUP};` : `${this.dropConns(d, h)} t[${this.so(d, h)}] = ${BACKUP};`;
    return `${set} ${this.dropWaits(d)}`;
  }

  private takeback(d: number, i: number, hv: string, moveable: 'IMMEDIATE' | 'WHENIDLE'): string {
    return this.switchHolder(d, hv, (h) => {
      const take = `t[${this.so(d, i)}] = ${ACTIVE}; ${this.release(d, h, i)}`;
      return moveable === 'WHENIDLE' ? `if (${this.conns(d, h)} > 0) t[${this.so(d, i)}] = ${WAITING}; else { ${take} }` : take;
    });
  }

  private join(i: number): string {
    const out = [`t[${i}] = ${JOINED};`, `t[${2 * this.S + i}] = ${OUT_NONE};`];
    this.cfg.stacks[i]!.defs.forEach((def, k) => {
      const d = this.L.defDvipa[i]![k]!;
      const o = this.so(d, i);
      if (def.kind === 'define') out.push(`h = ${this.ownerExpr(d)}; if (h < 0) t[${o}] = ${ACTIVE}; else { ${this.takeback(d, i, 'h', def.moveable ?? 'IMMEDIATE')} }`);
      else if (def.moveable !== null) out.push(`t[${o}] = ${this.ownerExpr(d)} < 0 ? ${ACTIVE} : ${BACKUP};`);
      else out.push(`t[${o}] = ${BACKUP};`);
    });
    return out.join(' ');
  }

  /** Candidate tiers of d when h departs: VIPADEFINE stacks, then backup ranks high to low (D-25, D-27). */
  private tiers(d: number, h: number): number[][] {
    const info = this.dv(d);
    const cpc = this.cfg.stacks[h]!.cpc;
    const byRank = new Map<number, number[]>();
    for (const j of info.stacks) {
      if (j === h) continue;
      if (info.cpcScoped && this.cfg.stacks[j]!.cpc !== cpc) continue;
      const def = info.defs[j]!;
      const r = def.kind === 'define' ? 255 : def.rank;
      byRank.set(r, [...(byRank.get(r) ?? []), j]);
    }
    return [...byRank.entries()].sort((a, b) => b[0] - a[0]).map(([, js]) => js);
  }

  /** True when the takeover of d from h can meet a tie (needs the odometer loop). */
  private tieAt(d: number, h: number): boolean { return this.tiers(d, h).some((g) => g.length > 1); }

  private eligible(d: number, j: number): string {
    const o = this.so(d, j);
    return `(t[${j}] === ${JOINED} && (t[${o}] === ${BACKUP} || t[${o}] === ${WAITING} || t[${o}] === ${MOVING}))`;
  }

  /** Takeover of d after its holder h departed (SEMANTICS §4.3): first eligible tier; a tie asks the odometer. */
  private takeover(d: number, h: number): string {
    let code = this.dropWaits(d);
    const tiers = this.tiers(d, h);
    for (let g = tiers.length - 1; g >= 0; g--) {
      const js = tiers[g]!;
      if (js.length === 1) {
        code = `if (${this.eligible(d, js[0]!)}) { ${this.dropWaits(d)} t[${this.so(d, js[0]!)}] = ${ACTIVE}; } else { ${code} }`;
      } else {
        const fill = js.map((j) => `if (${this.eligible(d, j)}) tie[n++] = ${j};`).join(' ');
        code = `n = 0; ${fill} if (n > 0) { j = tie[n > 1 ? odo.choose(${d}, tie, n) : 0]; ${this.dropWaits(d)} t[so${d}[j]] = ${ACTIVE}; } else { ${code} }`;
      }
    }
    return code;
  }
  /** Every status of stack i becomes Inactive, connections dropped; held DVIPAs taken over after. */
  private vacateAndTakeover(i: number, middle: string): string {
    const held: string[] = [];
    const first: string[] = [];
    for (const info of this.L.dvipas) {
      const o = this.so(info.index, i);
      if (o < 0) continue;
      first.push(`const held${info.index} = t[${o}] === ${ACTIVE}; t[${o}] = ${INACTIVE}; ${this.dropConns(info.index, i)}`);
      held.push(`if (held${info.index}) { ${this.takeover(info.index, i)} }`);
    }
    return [...first, middle, ...held].join(' ');
  }

  private afterDrop(d: number, i: number): string {
    const o = this.so(d, i);
    let waiters = '';
    const stacks = this.dv(d).stacks;
    for (let k = stacks.length - 1; k >= 0; k--) {
      const j = stacks[k]!;
      waiters = `if (t[${this.so(d, j)}] === ${WAITING}) { t[${this.so(d, j)}] = ${ACTIVE}; t[${o}] = ${BACKUP}; ${this.dropWaits(d)} }${waiters ? ` else { ${waiters} }` : ''}`;
    }
    return `if (${this.conns(d, i)} === 0) { const x = t[${o}]; if (x === ${MOVING}) t[${o}] = ${BACKUP}; else if (x === ${QUIESCING}) t[${o}] = ${DEACTIVATED}; else if (x === ${ACTIVE}) { ${waiters} } }`;
  }

  /** [guard over s, effect over t] of one event instance (rules.ts disabledCode and apply). */
  private event(a: Action): [string, string] {
    const i = a.stack;
    const S = this.S;
    const st = i >= 0 ? this.cfg.stacks[i]! : null;
    const apps = (v: number): string => st!.applications.map((_, k) => `t[${this.L.appOffset[i]! + k}] = ${v};`).join(' ');
    switch (a.kind) {
      case 'start':
        return [`s[${i}] === ${DOWN}`, [`t[${i}] = ${UP};`, `t[${S + i}] = ${st!.routing === 'static' ? 1 : 0};`, apps(1),
          `t[${2 * S + i}] = ${st!.join === 'NOJOIN' ? OUT_NOJOIN : OUT_NONE};`,
          st!.join !== 'NOJOIN' ? `if (${this.joinCondition(i)}) { ${this.join(i)} }` : ''].join(' ')];
      case 'terminate':
        return [`s[${i}] !== ${DOWN}`, this.vacateAndTakeover(i, [`t[${i}] = ${DOWN};`, `t[${S + i}] = ${st!.routing === 'static' ? 1 : 0};`,
          `t[${2 * S + i}] = ${OUT_NONE};`, apps(0)].join(' '))];
      case 'routing-start':
        return [`s[${i}] !== ${DOWN} && s[${S + i}] === 0`, `t[${S + i}] = 1; if (t[${i}] === ${UP}) { ${st!.autorejoin ? `if (t[${2 * S + i}] === ${OUT_RECOVERY}) t[${2 * S + i}] = ${OUT_NONE};` : ''} if (t[${2 * S + i}] === ${OUT_NONE} && ${this.joinCondition(i)}) { ${this.join(i)} } }`];
      case 'routing-stop': {
        const members = Array.from({ length: S }, (_, j) => `(t[${j}] === ${JOINED} ? 1 : 0)`).join(' + ');
        return [`s[${i}] !== ${DOWN} && s[${S + i}] === 1`, `t[${S + i}] = 0;${st!.recovery ? ` if (t[${i}] === ${JOINED} && ${members} > 1) { ${this.leave(i, OUT_RECOVERY)} }` : ''}`];
      }
      case 'leavegroup': return [`s[${i}] === ${JOINED}`, this.leave(i, OUT_OPERATOR)];
      case 'joingroup':
        return [`s[${i}] === ${UP} && s[${2 * S + i}] !== ${OUT_NONE}`, `t[${2 * S + i}] = ${OUT_NONE}; if (${this.joinCondition(i)}) { ${this.join(i)} }`];
      case 'deactivate': {
        const o = this.so(a.dvipa, i);
        return [`s[${i}] === ${JOINED} && (s[${o}] === ${ACTIVE} || s[${o}] === ${BACKUP} || s[${o}] === ${WAITING})`,
          `if (t[${o}] === ${ACTIVE}) { t[${o}] = ${this.conns(a.dvipa, i)} > 0 ? ${QUIESCING} : ${DEACTIVATED}; ${this.takeover(a.dvipa, i)} } else t[${o}] = ${DEACTIVATED};`];
      }
      case 'reactivate': {
        const d = a.dvipa;
        const o = this.so(d, i);
        const def = this.dv(d).defs[i]!;
        if (def.kind !== 'define') return [`s[${o}] === ${DEACTIVATED}`, `t[${o}] = ${BACKUP};`];
        return [`s[${o}] === ${DEACTIVATED}`, `h = ${this.ownerExpr(d)}; if (h < 0) t[${o}] = ${ACTIVE}; else { ${this.takeback(d, i, 'h', def.moveable ?? 'IMMEDIATE')} }`];
      }
      case 'app-stop': {
        const ao = this.L.appOffset[i]! + a.app;
        const app = st!.applications[a.app]!;
        const drops = this.cfg.clients.flatMap((c, ci) => {
          const o = this.L.connOffset[ci * S + i]!;
          if (o < 0 || c.port !== app.port || (app.bind !== null && app.bind !== c.dvipa)) return [];
          return [`if (t[${o}] !== 0) { t[${o}] = 0; ${this.afterDrop(this.L.clientDvipa[ci]!, i)} }`];
        });
        return [`s[${i}] !== ${DOWN} && s[${ao}] === 1`, `t[${ao}] = 0; ${drops.join(' ')}`];
      }
      case 'app-start': {
        const ao = this.L.appOffset[i]! + a.app;
        return [`s[${i}] !== ${DOWN} && s[${ao}] === 0`, `t[${ao}] = 1;`];
      }
      case 'connect': throw new Error('connect is written by connect()');
      case 'close': {
        const o = this.L.connOffset[a.client * S + i]!;
        return [`s[${o}] > 0`, `t[${o}]--; ${this.afterDrop(a.dvipa, i)}`];
      }
    }
  }

  private leave(i: number, reason: number): string {
    return this.vacateAndTakeover(i, `t[${i}] = ${UP}; t[${2 * this.S + i}] = ${reason};`);
  }

  /** connect: the owner (read from s) decides the guard and which count grows. */
  private connect(a: Action, copy: string): string {
    const c = this.cfg.clients[a.client]!;
    const S = this.S;
    const max = this.cfg.environment.maxConnections;
    return this.switchHolder(a.dvipa, 'o', (j) => {
      const cn = this.L.connOffset[a.client * S + j]!;
      const apps = this.cfg.stacks[j]!.applications.flatMap((ap, k) => (ap.port === c.port && (ap.bind === null || ap.bind === c.dvipa) ? [`s[${this.L.appOffset[j]! + k}] === 1`] : []));
      const serves = apps.length ? `(${apps.join(' || ')})` : 'false';
      return `if (s[${j}] === ${JOINED} && s[${S + j}] === 1 && s[${cn}] < ${max} && ${serves}) { ${copy} t[${cn}]++; emit(t, ${a.index}, 0); }`;
    });
  }

  write(): string {
    const W = this.W;
    const copy = Array.from({ length: W }, (_, k) => `t32[${k}] = s32[${k}];`).join(' ');
    const fo = this.L.failuresOffset;
    const lines: string[] = [
      '"use strict";',
      `const t = new Uint8Array(${this.L.bytes}); const t32 = new Uint32Array(t.buffer); const tie = new Int32Array(${Math.max(1, this.S)});`,
      // Status offsets of each DVIPA by stack (for a tie's runtime pick).
      ...this.L.dvipas.map((d) => `const so${d.index} = Int32Array.of(${Array.from({ length: this.S }, (_, j) => this.so(d.index, j)).join(', ')});`),
      'let s = t, s32 = t32, emit = null, sbuf = null;',
    ];
    const calls: string[] = [];
    for (const a of this.actions) {
      const count = a.failure && fo >= 0 ? ` if (t[${fo}] < 255) t[${fo}]++;` : '';
      const budget = a.failure && fo >= 0 && this.maxFailures !== null ? `s[${fo}] < ${this.maxFailures} && ` : '';
      if (a.kind === 'connect') {
        lines.push(`function a${a.index}() { /* ${a.text} */ const o = ${this.ownerExpr(a.dvipa, 's')}; ${this.connect(a, copy)} }`);
        calls.push(`a${a.index}();`);
        continue;
      }
      const [guard, effect] = this.event(a);
      const ties = this.actionTies(a);
      const body = ties
        ? `odo.reset(); let c = 0; do { ${copy} odo.pos = 0; let h = 0, n = 0, j = 0; ${effect}${count} emit(t, ${a.index}, c++); } while (odo.advance());`
        : `${copy} let h = 0, n = 0, j = 0; ${effect}${count} emit(t, ${a.index}, 0);`;
      lines.push(`function a${a.index}() { /* ${a.text} */ ${body} }`);
      calls.push(`if (${budget}${guard}) a${a.index}();`);
    }
    lines.push(`return function expand(state, em) { s = state; emit = em; if (state.buffer !== sbuf || state.byteOffset !== 0) { sbuf = state.byteOffset === 0 ? state.buffer : null; s32 = new Uint32Array(state.buffer, state.byteOffset, ${W}); } ${calls.join(' ')} emit = null; };`);
    return lines.join('\n');
  }

  /** Can the event meet a rank tie (a takeover with an equal-rank tier)? */
  private actionTies(a: Action): boolean {
    const i = a.stack;
    switch (a.kind) {
      case 'terminate': case 'leavegroup': case 'routing-stop':
        return this.L.dvipas.some((d) => d.defs[i] !== null && this.tieAt(d.index, i));
      case 'deactivate': return this.tieAt(a.dvipa, i);
      default: return false;
    }
  }
}
