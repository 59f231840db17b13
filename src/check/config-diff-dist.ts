import { is, Map as IMap } from 'immutable';
import type { DestTarget, StackConfig } from '../spec/config.js';

/**
 * `compare` for the sysplex distributor's and the application DVIPAs' statements (SEMANTICS §10,
 * §11): a stack's VIPADISTRIBUTE (keyed by DVIPA and ports), VIPAROUTE (keyed by the target's
 * DYNAMICXCF address) and VIPARANGE (keyed by address and mask or prefix) as immutable values,
 * and their changes in profile words ("TCPCS1: VIPADISTRIBUTE 10.91.1.1 PORT 8080 DISTMETHOD
 * ROUNDROBIN -> HOTSTANDBY"). Positions and statement text are left out, as in config-diff.ts.
 */
type Value = IMap<string, unknown>;

const ports = (ps: readonly (readonly [number, number])[]): string => (ps.length ? ` PORT ${ps.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(' ')}` : '');
const target = (t: DestTarget): string => `${t.xcf}${t.role === 'preferred' ? ' PREFERRED' : t.role === 'backup' ? ` BACKUP ${t.rank ?? 1}` : ''}${t.weight !== null ? ` WEIGHT ${t.weight}` : ''}`;

/** The three statement kinds of one stack, keyed as z/OS identifies them. */
export function vipaStatements(s: StackConfig): Value {
  return IMap({
    distributes: IMap(s.distributes.map((d) => [`VIPADISTRIBUTE ${d.intf ?? d.address}${ports(d.ports)}`, IMap({
      method: d.method, destip: d.destip === 'ALL' ? 'ALL' : d.destip.map(target).join(' '),
      autoSwitchBack: d.autoSwitchBack, healthSwitch: d.healthSwitch,
    })])),
    routes: IMap(s.routes.map((r) => [`VIPAROUTE ${r.xcf}`, IMap({ target: r.target })])),
    ranges: IMap(s.ranges.map((r) => [`VIPARANGE ${r.mask !== null ? `${r.mask} ` : ''}${r.intf ? `${r.intf} ` : ''}${r.address}${r.prefix !== null ? `/${r.prefix}` : ''}`, IMap({ moveable: r.moveable, saf: r.saf })])),
  });
}

const desc = (kind: string, v: Value): string => (kind === 'distributes'
  ? `DISTMETHOD ${String(v.get('method'))} DESTIP ${String(v.get('destip'))}${v.get('autoSwitchBack') ? '' : ' NOAUTOSWITCHBACK'}${v.get('healthSwitch') ? '' : ' NOHEALTHSWITCH'}`
  : kind === 'routes' ? `to ${String(v.get('target'))}`
  : `MOVEABLE ${String(v.get('moveable'))}${v.get('saf') ? ` SAF ${String(v.get('saf'))}` : ''}`);

const WORDS: Record<string, (now: unknown) => string> = {
  method: () => 'DISTMETHOD', destip: () => 'DESTIP', target: () => 'target', moveable: () => 'MOVEABLE', saf: () => 'SAF',
};

/** The changes of one stack's VIPADISTRIBUTE, VIPAROUTE and VIPARANGE statements, in profile words. */
export function vipaStatementChanges(was: Value | undefined, now: Value | undefined): string[] {
  const out: string[] = [];
  for (const kind of ['distributes', 'routes', 'ranges']) {
    const a = (was?.get(kind) ?? IMap()) as IMap<string, Value>, b = (now?.get(kind) ?? IMap()) as IMap<string, Value>;
    for (const [key, v] of b) {
      const old = a.get(key);
      if (!old) { out.push(`${key} added (${desc(kind, v)})`); continue; }
      if (is(old, v)) continue;
      for (const [field, x] of v) {
        const y = old.get(field);
        if (is(x, y)) continue;
        if (field === 'autoSwitchBack' || field === 'healthSwitch') {
          const word = field === 'autoSwitchBack' ? 'AUTOSWITCHBACK' : 'HEALTHSWITCH';
          out.push(`${key} ${y ? word : `NO${word}`} -> ${x ? word : `NO${word}`}`);
        } else out.push(`${key} ${WORDS[field]!(x)} ${String(y ?? 'none')} -> ${String(x ?? 'none')}`);
      }
    }
    for (const [key, v] of a) if (!b.has(key)) out.push(`${key} removed (${desc(kind, v)})`);
  }
  return out;
}

