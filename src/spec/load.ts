import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Scalar } from 'yaml';
import {
  deepFreeze, EVENT_GROUPS, type AppConfig, type ClientConfig, type Config, type EventGroup, type Finding, type StackConfig,
} from './config.js';
import { didYouMean, type SpecError } from './errors.js';
import { isIPv4 } from './ipv4.js';
import type { ProfileResult } from './profile-parser.js';
import type { PosMapper } from './profile-tokens.js';
import { YamlReader } from './yaml-reader.js';
import { planNetstatStart } from '../model/start-state.js';
import type { VipaConfig } from '../import/vipa-config.js';
import { readNetstatStart } from './netstat-start.js';
import { parseExpanded, readSymbols } from './profile-source.js';
import { stackSymbols } from './line-symbols.js';

export type LoadResult = { ok: true; config: Config } | { ok: false; errors: readonly SpecError[]; findings?: readonly Finding[] };

export interface LoadOptions {
  /** Every property name the run knows (built-ins and loaded modules), for `properties` and `expect`. */
  readonly propertyNames?: readonly string[];
}

export const TOP_KEYS = ['sysplex', 'stacks', 'clients', 'environment', 'properties', 'expect'];
export const STACK_KEYS = ['name', 'system', 'cpc', 'routing', 'profile', 'profileFile', 'applications', 'symbols'];
export const APP_KEYS = ['name', 'port', 'bind'];
export const CLIENT_KEYS = ['name', 'dvipa', 'port'];
export const ENV_KEYS = ['start', 'events', 'maxFailures', 'maxConnections'];
export const STACK_NAME = /^[A-Za-z0-9@#$]{1,8}$/;
export const PROPERTIES_KEYS = ['only', 'skip'];
export const EXPECT_KEYS = ['violated'];
const DEFAULT_EVENTS: readonly EventGroup[] = ['terminate', 'start', 'connections'];

/** Loads and validates a spec file; never throws for bad input. */
export function loadSpec(file: string, opts: LoadOptions = {}): LoadResult {
  let text: string;
  try {
    if (statSync(file).isDirectory()) return { ok: false, errors: [{ code: 'E_FILE', pos: { file, line: 1, column: 1 }, message: 'is a folder, not a spec file' }] };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, errors: [{ code: 'E_FILE', pos: { file, line: 1, column: 1 }, message: `cannot read spec file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] };
  }
  return loadSpecText(text, file, opts);
}

/** Maps an inline block-literal profile's lines back onto the spec file (SPEC §2). */
function inlineMapper(r: YamlReader, node: Scalar): PosMapper {
  const start = r.pos(node);
  const isBlock = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  if (!isBlock) return (_l, c) => ({ file: r.file, line: start.line, column: start.column + c + (node.type === 'PLAIN' ? 0 : 1) });
  const srcLines = r.source.split(/\r?\n/);
  let indent = 0;
  for (let l = start.line; l < srcLines.length; l++) {
    const s = srcLines[l]!;
    if (s.trim() !== '') { indent = s.length - s.trimStart().length; break; }
  }
  return (l, c) => ({ file: r.file, line: start.line + 1 + l, column: indent + c + 1 });
}

export function loadSpecText(text: string, file: string, opts: LoadOptions = {}): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const r = new YamlReader(file, lines, text);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const lp = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      const msg = e.code === 'MULTIPLE_DOCS' ? 'a spec file holds one YAML document (a second one starts here)' : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      r.error('E_YAML', { file, line: lp.line, column: lp.col }, msg);
    }
    return { ok: false, errors: r.errors };
  }
  const top = r.map(doc.contents as Node, 'the spec', TOP_KEYS);
  if (!top) return { ok: false, errors: r.errors };
  const findings: Finding[] = [];
  const baseDir = dirname(resolve(file));

  const sysplexNode = top.get('sysplex')?.value;
  const sysplex = sysplexNode ? r.string(sysplexNode, 'sysplex') ?? '' : '';

  const stacks: StackConfig[] = [];
  const stackNodes = top.has('stacks') ? r.seq(top.get('stacks')!.value, 'stacks') : (r.error('E_MISSING', { file, line: 1, column: 1 }, "the spec needs 'stacks'"), null);
  if (stackNodes && stackNodes.length === 0) r.error('E_VALUE', top.get('stacks')!.value, 'stacks must list at least one stack');
  const seenNames = new Map<string, string>();
  for (const sn of stackNodes ?? []) {
    const s = r.map(sn, 'a stack', STACK_KEYS);
    if (!s) continue;
    const nameNode = s.get('name')?.value;
    const name = nameNode ? r.string(nameNode, 'stack name') : (r.error('E_MISSING', sn, "a stack needs 'name'"), null);
    if (name === null) continue;
    if (!STACK_NAME.test(name)) { r.error('E_NAME', nameNode, `stack name '${name}' must be 1-8 letters, digits, @ # $`); continue; }
    if (seenNames.has(name.toUpperCase())) { r.error('E_DUPLICATE', nameNode, `stack name '${name}' is used twice`); continue; }
    seenNames.set(name.toUpperCase(), name);
    const opt = (k: string): string | null => { const v = s.get(k)?.value; return v ? r.string(v, `${k} of stack ${name}`) : null; };
    const routing = opt('routing') ?? 'omproute';
    if (routing !== 'omproute' && routing !== 'static') r.error('E_VALUE', s.get('routing')!.value, `routing of stack ${name} must be omproute or static`, didYouMean(routing, ['omproute', 'static']));
    const symbols = stackSymbols(readSymbols(r, s.get('symbols')?.value ?? null, name), opt('system'));
    const profile = readProfile(r, s, name, baseDir, symbols);
    const applications = readApplications(r, s.get('applications')?.value ?? null, name);
    if (profile) findings.push(...profile.findings);
    stacks.push({
      name, system: opt('system'), cpc: opt('cpc'), routing: routing === 'static' ? 'static' : 'omproute',
      join: profile?.join ?? 'NODELAYJOIN', recovery: profile?.recovery ?? false, autorejoin: profile?.autorejoin ?? false,
      dynamicXcf: profile?.dynamicXcf ?? false, defs: profile?.defs ?? [], applications, pos: r.pos(sn),
      profileFile: s.has('profileFile') ? resolve(baseDir, opt('profileFile') ?? '') : s.has('profile') ? file : null,
      ...(profile ? { vipa: profile.vipa } : {}),
    });
  }

  const defined = new Set(stacks.flatMap((st) => st.defs.map((d) => d.address)));
  const clients: ClientConfig[] = [];
  const clientNodes = top.get('clients')?.value ? r.seq(top.get('clients')!.value, 'clients') : [];
  const clientNames = new Set<string>();
  for (const cn of clientNodes ?? []) {
    const c = r.map(cn, 'a client', CLIENT_KEYS);
    if (!c) continue;
    const dvNode = c.get('dvipa')?.value;
    const dvipa = dvNode ? r.string(dvNode, 'client dvipa') : (r.error('E_MISSING', cn, "a client needs 'dvipa'"), null);
    const port = c.get('port')?.value ? r.int(c.get('port')!.value, 'client port', 1, 65535) : (r.error('E_MISSING', cn, "a client needs 'port'"), null);
    if (dvipa === null || port === null) continue;
    if (!isIPv4(dvipa)) { r.error('E_ADDRESS', dvNode, `'${dvipa}' is not an IPv4 address`); continue; }
    if (!defined.has(dvipa) && stacks.length === (stackNodes?.length ?? 0)) {
      r.error('E_CLIENT_DVIPA', dvNode, `client DVIPA ${dvipa} is not defined (VIPADEFINE or VIPABACKUP) on any stack`, 'D-38: a statement z/OS rejected does not define it');
      continue;
    }
    const name = c.get('name')?.value ? r.string(c.get('name')!.value, 'client name') : `${dvipa}:${port}`;
    if (name === null) continue;
    if (clientNames.has(name)) { r.error('E_DUPLICATE', c.get('name')?.value ?? cn, `client name '${name}' is used twice`); continue; }
    clientNames.add(name);
    clients.push({ name, dvipa, port, pos: r.pos(cn) });
  }

  const environment = readEnvironment(r, top.get('environment')?.value ?? null, baseDir);
  if (environment.netstat) {
    const plan = planNetstatStart(stacks, environment.netstat);
    findings.push(...plan.findings);
    plan.stacks.forEach((p, i) => {
      if (p.reported) stacks[i] = { ...stacks[i]!, start: { joined: p.joined, statuses: Object.fromEntries(stacks[i]!.defs.map((d, k) => [d.address, p.statuses[k]!])) } };
    });
  }
  const known = opts.propertyNames ?? [];
  const checkNames = (node: Node | null | undefined, what: string): string[] | null => {
    const list = r.names(node, what);
    if (!list) return null;
    for (const { name, node: n } of list) {
      if (known.length > 0 && !known.includes(name)) r.error('E_PROPERTY', n, `unknown property '${name}' in ${what}`, didYouMean(name, known) ?? `known: ${known.join(', ')}`);
    }
    return list.map((x) => x.name);
  };
  let only: string[] | null = null;
  let skip: string[] = [];
  const propsNode = top.get('properties')?.value;
  if (propsNode) {
    const p = r.map(propsNode, 'properties', PROPERTIES_KEYS);
    if (p?.has('only')) only = checkNames(p.get('only')!.value, 'properties.only');
    if (p?.has('skip')) skip = checkNames(p.get('skip')!.value, 'properties.skip') ?? [];
  }
  let expect: Config['expect'] = null;
  const expNode = top.get('expect')?.value;
  if (expNode) {
    const e = r.map(expNode, 'expect', EXPECT_KEYS);
    if (e) {
      const v = e.has('violated') ? checkNames(e.get('violated')!.value, 'expect.violated') : (r.error('E_MISSING', expNode, "expect needs 'violated' (a list, [] for none)"), null);
      if (v) expect = { violated: v, pos: r.pos(expNode) };
    }
  }
  if (r.errors.length > 0) return { ok: false, errors: r.errors, findings: findings.filter((f) => f.severity === 'error') };
  const config: Config = {
    file, sysplex: sysplex || 'SYSPLEX', stacks, clients, environment, findings,
    properties: { only, skip, pos: propsNode ? r.pos(propsNode) : null }, expect,
  };
  return { ok: true, config: deepFreeze(config) };
}

function readProfile(r: YamlReader, s: Map<string, { key: Node; value: Node | null }>, stack: string, baseDir: string, symbols: Readonly<Record<string, string>> | ReadonlyMap<string, string>): (ProfileResult & { vipa: VipaConfig }) | null {
  const inline = s.get('profile');
  const fileRef = s.get('profileFile');
  if (inline && fileRef) { r.error('E_PROFILE_BOTH', fileRef.key, `stack ${stack} has both 'profile' and 'profileFile'`, 'D-51: give one of them'); return null; }
  if (inline) {
    const text = r.string(inline.value, `profile of stack ${stack}`);
    return text === null ? null : parseExpanded(text, inlineMapper(r, inline.value as Scalar), stack, baseDir, null, symbols);
  }
  if (fileRef) {
    const rel = r.string(fileRef.value, `profileFile of stack ${stack}`);
    if (rel === null) return null;
    const path = resolve(baseDir, rel);
    let text: string;
    try { text = readFileSync(path, 'utf8'); } catch (e) {
      r.error('E_PROFILE_FILE', fileRef.value, `cannot read profileFile '${rel}' of stack ${stack}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return null;
    }
    return parseExpanded(text, (l, c) => ({ file: path, line: l + 1, column: c + 1 }), stack, dirname(path), path, symbols);
  }
  return null; // D-51: no DVIPAs, NODELAYJOIN, no DYNAMICXCF
}

function readApplications(r: YamlReader, node: Node | null, stack: string): AppConfig[] {
  if (!node) return [];
  const out: AppConfig[] = [];
  for (const an of r.seq(node, `applications of stack ${stack}`) ?? []) {
    const a = r.map(an, 'an application', APP_KEYS);
    if (!a) continue;
    const name = a.get('name')?.value ? r.string(a.get('name')!.value, 'application name') : (r.error('E_MISSING', an, "an application needs 'name'"), null);
    const port = a.get('port')?.value ? r.int(a.get('port')!.value, 'application port', 1, 65535) : (r.error('E_MISSING', an, "an application needs 'port'"), null);
    let bind: string | null = null;
    const bn = a.get('bind')?.value;
    if (bn) {
      const b = r.string(bn, 'bind');
      if (b !== null && b !== 'INADDR_ANY' && !isIPv4(b)) r.error('E_ADDRESS', bn, `bind must be INADDR_ANY or an IPv4 address, not '${b}'`);
      else if (b !== 'INADDR_ANY') bind = b;
    }
    if (name === null || port === null) continue;
    if (out.some((x) => x.name === name)) { r.error('E_DUPLICATE', a.get('name')!.value, `application '${name}' is listed twice on stack ${stack}`); continue; }
    out.push({ name, port, bind });
  }
  return out;
}

function readEnvironment(r: YamlReader, node: Node | null, baseDir: string): Config['environment'] {
  const env = node ? r.map(node, 'environment', ENV_KEYS) : new Map();
  const get = (k: string): Node | null => env?.get(k)?.value ?? null;
  let start: 'running' | 'down' = 'running';
  let netstat: Config['environment']['netstat'] = null;
  if (isMap(get('start'))) netstat = readNetstatStart(r, get('start')!, baseDir) ?? null;
  else if (get('start')) {
    const s = r.string(get('start'), 'environment.start');
    if (s === 'running' || s === 'down') start = s;
    else if (s !== null) r.error('E_VALUE', get('start'), `environment.start must be running, down or { netstat: [files] }, not '${s}'`, didYouMean(s, ['running', 'down']));
  }
  let events = new Set<EventGroup>(DEFAULT_EVENTS);
  if (env?.has('events')) {
    events = new Set();
    for (const { name, node: n } of r.names(get('events'), 'environment.events') ?? []) {
      if ((EVENT_GROUPS as readonly string[]).includes(name)) events.add(name as EventGroup);
      else r.error('E_EVENT_GROUP', n, `unknown event group '${name}'`, didYouMean(name, EVENT_GROUPS) ?? `groups: ${EVENT_GROUPS.join(', ')}`);
    }
  }
  let maxFailures: number | null = 1;
  const mf = get('maxFailures');
  if (mf) {
    if (isScalar(mf) && mf.value === 'unlimited') maxFailures = null;
    else maxFailures = r.int(mf, 'environment.maxFailures (or "unlimited")', 0, 250) ?? 1;
  }
  const mc = get('maxConnections');
  const maxConnections = mc ? r.int(mc, 'environment.maxConnections', 0, 250) ?? 1 : 1;
  return { start, netstat, events, maxFailures, maxConnections };
}
