import { is, List, Map as IMap, Set as ISet } from 'immutable';
import type { Config, DvipaDef, StackConfig } from '../spec/config.js';
import { vipaStatementChanges, vipaStatements } from './config-diff-dist.js';

/**
 * What changed in the configuration between two versions of a spec, per stack and per DVIPA
 * definition, in profile words ("TCPCS2: VIPABACKUP 100 -> 80 for 201.2.10.11"). The loaded
 * configurations are turned into immutable.js values (positions and statement text left out, so
 * moving a line is no change) and compared by value: an unchanged stack is skipped with one
 * `is()`. Used by `compare` only, never in the search (DESIGN: packed states there).
 */
export interface ConfigChange { readonly stack?: string; readonly dvipa?: string; readonly text: string }

type Value = IMap<string, unknown>;

const defValue = (d: DvipaDef): Value => IMap({ kind: d.kind, moveable: d.moveable, rank: d.rank, cpcscope: d.cpcscope, mask: d.mask, ...(d.family === 'ipv6' ? { intf: d.intf } : {}) });

function stackValue(s: StackConfig): Value {
  return IMap({
    settings: IMap({ system: s.system, cpc: s.cpc, routing: s.routing, join: s.join, recovery: s.recovery, autorejoin: s.autorejoin, dynamicXcf: s.dynamicXcf, dynamicXcf6: s.dynamicXcf6 }),
    dvipas: IMap(s.defs.map((d) => [d.address, defValue(d)])),
    applications: IMap(s.applications.map((a) => [a.name, IMap({ port: a.port, bind: a.bind })])),
    statements: vipaStatements(s), // VIPADISTRIBUTE, VIPAROUTE, VIPARANGE (config-diff-dist.ts)
  });
}

/** The configuration as one immutable.js value (keyed by stack, DVIPA address, application, client). */
export function configValue(cfg: Config): Value {
  return IMap({
    sysplex: cfg.sysplex,
    stacks: IMap(cfg.stacks.map((s) => [s.name, stackValue(s)])),
    clients: IMap(cfg.clients.map((c) => [c.name, IMap({ dvipa: c.dvipa, port: c.port })])),
    environment: IMap({ start: cfg.environment.start, events: ISet(cfg.environment.events), maxFailures: cfg.environment.maxFailures ?? 'unlimited', maxConnections: cfg.environment.maxConnections }),
    properties: IMap({ only: cfg.properties.only ? List(cfg.properties.only) : null, skip: List(cfg.properties.skip) }),
  });
}

const statement = (kind: unknown): string => (kind === 'define' ? 'VIPADEFINE' : 'VIPABACKUP');
const onOff = (word: string, now: unknown): string => `${word} ${now ? 'added' : 'removed'}`;

/** One stack's setting changes, in profile words. */
function settingChanges(a: Value, b: Value): string[] {
  const out: string[] = [];
  for (const [key, now] of b) {
    const was = a.get(key);
    if (is(was, now)) continue;
    if (key === 'dynamicXcf') out.push(onOff('DYNAMICXCF', now));
    else if (key === 'dynamicXcf6') out.push(onOff('IPCONFIG6 DYNAMICXCF', now));
    else if (key === 'recovery') out.push(onOff('SYSPLEXMONITOR RECOVERY', now));
    else if (key === 'autorejoin') out.push(onOff('SYSPLEXMONITOR AUTOREJOIN', now));
    else if (key === 'join') out.push(`SYSPLEXMONITOR ${String(was)} -> ${String(now)}`);
    else out.push(`${key} ${String(was ?? 'none')} -> ${String(now ?? 'none')}`);
  }
  return out;
}

/** One DVIPA definition's changes on one stack. */
function defChanges(addr: string, a: Value, b: Value): string[] {
  if (a.get('kind') !== b.get('kind')) return [`${statement(a.get('kind'))} -> ${statement(b.get('kind'))} for ${addr}`];
  const out: string[] = [];
  const st = statement(b.get('kind'));
  if (a.get('rank') !== b.get('rank')) out.push(`${st} ${String(a.get('rank'))} -> ${String(b.get('rank'))} for ${addr}`);
  if (a.get('moveable') !== b.get('moveable')) out.push(`${st} MOVEABLE ${String(a.get('moveable') ?? 'none')} -> ${String(b.get('moveable') ?? 'none')} for ${addr}`);
  if (a.get('cpcscope') !== b.get('cpcscope')) out.push(`${st} ${onOff('CPCSCOPE', b.get('cpcscope'))} for ${addr}`);
  if (a.get('intf') !== b.get('intf')) out.push(`${st} interface name ${String(a.get('intf') ?? 'none')} -> ${String(b.get('intf') ?? 'none')} for ${addr}`); // IPv6
  if (a.get('mask') !== b.get('mask')) out.push(`${st} mask ${String(a.get('mask') ?? 'none')} -> ${String(b.get('mask') ?? 'none')} for ${addr}`);
  return out;
}

/** Keyed entries added, removed or changed between two immutable maps (b's order, then removed ones). */
function entries(a: IMap<string, unknown>, b: IMap<string, unknown>): { key: string; was?: Value; now?: Value }[] {
  const out: { key: string; was?: Value; now?: Value }[] = [];
  for (const [key, now] of b) if (!is(a.get(key), now)) out.push({ key, was: a.get(key) as Value | undefined, now: now as Value });
  for (const [key, was] of a) if (!b.has(key)) out.push({ key, was: was as Value });
  return out;
}

export function configDiff(oldCfg: Config, newCfg: Config): ConfigChange[] {
  const a = configValue(oldCfg);
  const b = configValue(newCfg);
  if (is(a, b)) return [];
  const out: ConfigChange[] = [];
  if (a.get('sysplex') !== b.get('sysplex')) out.push({ text: `sysplex ${String(a.get('sysplex'))} -> ${String(b.get('sysplex'))}` });
  const textOf = (cfg: Config, stack: string, addr: string): string => cfg.stacks.find((s) => s.name === stack)?.defs.find((d) => d.address === addr)?.text ?? addr;
  for (const { key: stack, was, now } of entries(a.get('stacks') as Value, b.get('stacks') as Value)) {
    if (!was || !now) { out.push({ stack, text: `${stack}: stack ${now ? 'added' : 'removed'}` }); continue; }
    for (const t of settingChanges(was.get('settings') as Value, now.get('settings') as Value)) out.push({ stack, text: `${stack}: ${t}` });
    for (const d of entries(was.get('dvipas') as Value, now.get('dvipas') as Value)) {
      if (!d.was) out.push({ stack, dvipa: d.key, text: `${stack}: ${textOf(newCfg, stack, d.key)} added` });
      else if (!d.now) out.push({ stack, dvipa: d.key, text: `${stack}: ${textOf(oldCfg, stack, d.key)} removed` });
      else for (const t of defChanges(d.key, d.was, d.now)) out.push({ stack, dvipa: d.key, text: `${stack}: ${t}` });
    }
    for (const app of entries(was.get('applications') as Value, now.get('applications') as Value)) {
      const desc = (v: Value): string => `port ${String(v.get('port'))}${v.get('bind') ? ` bind ${String(v.get('bind'))}` : ''}`;
      const t = !app.was ? `added (${desc(app.now!)})` : !app.now ? `removed (${desc(app.was)})` : `${desc(app.was)} -> ${desc(app.now)}`;
      out.push({ stack, text: `${stack}: application ${app.key} ${t}` });
    }
    for (const t of vipaStatementChanges(was.get('statements') as Value, now.get('statements') as Value)) out.push({ stack, text: `${stack}: ${t}` });
  }
  for (const c of entries(a.get('clients') as Value, b.get('clients') as Value)) {
    const desc = (v: Value): string => `${String(v.get('dvipa'))}:${String(v.get('port'))}`;
    out.push({ text: `client '${c.key}' ${!c.was ? `added (${desc(c.now!)})` : !c.now ? `removed (${desc(c.was)})` : `${desc(c.was)} -> ${desc(c.now)}`}` });
  }
  const envA = a.get('environment') as Value, envB = b.get('environment') as Value;
  for (const [key, now] of envB) {
    const was = envA.get(key);
    if (is(was, now)) continue;
    if (key === 'events') {
      const [x, y] = [was as ISet<string>, now as ISet<string>];
      const added = y.subtract(x).toArray().sort(), removed = x.subtract(y).toArray().sort();
      out.push({ text: `environment.events${added.length ? ` + ${added.join(', ')}` : ''}${removed.length ? ` - ${removed.join(', ')}` : ''}` });
    } else out.push({ text: `environment.${key} ${String(was)} -> ${String(now)}` });
  }
  if (!is(a.get('properties'), b.get('properties'))) out.push({ text: 'properties selection changed' });
  return out;
}
