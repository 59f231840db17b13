import type { Action } from '../model/actions.js';
import { ACTIVE } from '../model/codes.js';
import { defFor, hotOrder, reaches, roleOf, targetsOf } from '../model/dist.js';
import { referenceHot } from '../model/dist-view.js';
import type { Layout } from '../model/layout.js';
import type { Config, DistributeDef } from '../spec/config.js';

/**
 * The sysplex distributor's part of the Promela assertions (SEMANTICS §10): `service-available`
 * for distributed clients and `hot-standby`, over the variables of the state (`b_` = before the
 * step), written from the configuration like the JavaScript twins (properties/*.ts).
 */
export class PromelaDist {
  constructor(private readonly cfg: Config, private readonly L: Layout, private readonly name: (offset: number) => string) {}

  private v(o: number, before: boolean): string { return `${before ? 'b_' : ''}${this.name(o)}`; }
  private ds(d: number, j: number, b: boolean): string { return this.v(this.L.statusOffset[d * this.L.nStacks + j]!, b); }
  private listens(t: number, port: number, address: string, b: boolean): string {
    const apps = this.cfg.stacks[t]!.applications.flatMap((a, k) => (a.port === port && (a.bind === null || a.bind === address) ? [`${this.v(this.L.appOffset[t]! + k, b)} == 1`] : []));
    return apps.length ? `(${apps.join(' || ')})` : '0';
  }
  private eligible(d: number, port: number, o: number, t: number, b: boolean): string {
    if (!reaches(this.cfg, o, t, this.L.dvipas[d]!.dist!.family)) return '0';
    const q = this.L.dist.quiesced[t]!;
    return `(${this.v(t, b)} == 2 && ${this.listens(t, port, this.L.dvipas[d]!.address, b)}${q >= 0 ? ` && ${this.v(q, b)} == 0` : ''})`;
  }
  /** The definitions owner j may use for the port, each with its condition on the inherited byte. */
  private inUse(d: number, j: number, port: number, b: boolean): { when: string; def: DistributeDef | null }[] {
    const own = this.L.dvipas[d]!.dist!.own;
    if (own[j]!.length > 0) return [{ when: '1', def: defFor(own[j]!, port) }];
    const h = this.L.dist.inherited[d]!;
    if (h < 0) return [{ when: '1', def: null }];
    const hs = this.cfg.stacks.flatMap((_, k) => (own[k]!.length > 0 ? [k] : []));
    return [{ when: `${this.v(h, b)} == 0`, def: null }, ...hs.map((k) => ({ when: `${this.v(h, b)} == ${k + 1}`, def: defFor(own[k]!, port) }))];
  }

  /** service-available for a distributed client: where d is Active on j, some target of the definition in use is eligible. */
  serviceAvailable(c: number): string[] {
    const cl = this.cfg.clients[c]!;
    const d = this.L.clientDvipa[c]!;
    return this.L.dvipas[d]!.stacks.map((j) => {
      const ok = this.inUse(d, j, cl.port, false).map((u) => `(${u.when} && ${u.def ? `(${targetsOf(this.cfg, u.def).map((t) => this.eligible(d, cl.port, j, t, false)).join(' || ') || '0'})` : this.listens(j, cl.port, cl.dvipa, false)})`);
      return `service_available = !(${this.ds(d, j, false)} == ${ACTIVE}) || ${ok.join(' || ')}; assert(service_available);`;
    });
  }

  /** hot-standby on a connect step: the target whose count grew is the one the rule of the reference definition names (D-117). */
  hotStandby(a: Action): string[] {
    if (a.kind !== 'connect') return [];
    const d = a.dvipa, info = this.L.dvipas[d]!, cl = this.cfg.clients[a.client]!;
    const def = info.dist ? referenceHot(info, cl.port) : null;
    if (!def) return [];
    const slot = this.L.dist.hot.find((h) => h.dvipa === d && h.port === cl.port);
    const act = slot ? this.v(slot.offset, true) : '0';
    const order = hotOrder(this.cfg, def);
    const pref = order.find((t) => roleOf(this.cfg, def, t)!.preferred);
    // eligible from the owner before the step
    const el = (t: number): string => `(${info.stacks.map((j) => `(${this.ds(d, j, true)} == ${ACTIVE} && ${this.eligible(d, cl.port, j, t, true)})`).join(' || ')})`;
    const activeOk = `(${order.map((t) => `(${act} == ${t + 1} && ${el(t)})`).join(' || ') || '0'})`;
    const prefWins = pref === undefined ? '0' : `(${el(pref)} && ${def.autoSwitchBack ? '1' : `!${activeOk}`})`;
    const named = (t: number): string => {
      if (!order.includes(t)) return '0';
      if (t === pref) return prefWins;
      const first = `(${el(t)}${order.slice(0, order.indexOf(t)).map((x) => ` && !${el(x)}`).join('')})`;
      return `(!${prefWins} && ((${act} == ${t + 1} && ${el(t)}) || (!${activeOk} && ${first})))`;
    };
    return info.connStacks.map((t) => {
      const o = this.L.connOffset[a.client * this.L.nStacks + t]!;
      return `hot_standby = !(${this.v(o, false)} > ${this.v(o, true)}) || ${named(t)}; assert(hot_standby);`;
    });
  }
}
