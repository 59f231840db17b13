// Long because the spec file is read in one pass (stacks, profiles, applications, clients, environment,
// properties, expect), each key with its file:line:column error; the profile parser lives elsewhere.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, type Node, type Scalar } from 'yaml';
import {
  deepFreeze, EVENT_GROUPS, type AppConfig, type ClientConfig, type Config, type EventGroup, type Finding, type StackConfig,
} from './config.js';
import { didYouMean, type SpecError } from './errors.js';
import { canonicalIPv6, isIPv4 } from './ipv4.js';
import { withIpv6Defs } from './ipv6-dvipas.js';
import { BLOCK_IGNORED, type ProfileResult } from './profile-parser.js';
import { rangeClientAddress } from './unmodelled-clients.js';
import { coveringRange, rangeDvipas } from '../model/range-layout.js';
import { inlineMapper } from './scalar-map.js';
import { MAX_PROFILE_BYTES, MAX_SPEC_BYTES, outsideFolder, readBounded } from './read-bounded.js';
import { aliasError, compose, MAX_NESTING, syntaxTree, tooDeep, yamlLineBreaks } from './yaml-guards.js';
import { tooManyStacks, zosLimits } from './zos-limits.js';
import { YamlReader } from './yaml-reader.js';
import { planNetstatStart } from '../model/start-state.js';
import type { VipaConfig } from '../import/vipa-config.js';
import { readNetstatStart } from './netstat-start.js';
import { parseExpanded, readSymbols } from './profile-source.js';
import { stackSymbols } from './line-symbols.js';
import { encodingNote } from './ebcdic.js';
import { memberOf } from './include.js';

export type LoadResult = { ok: true; config: Config } | { ok: false; errors: readonly SpecError[]; findings?: readonly Finding[] };

export interface LoadOptions {
  /** Every property name the run knows (built-ins and loaded modules), for `properties` and `expect`. */
  readonly propertyNames?: readonly string[];
}

export const TOP_KEYS = ['sysplex', 'stacks', 'clients', 'environment', 'properties', 'expect'];
export const STACK_KEYS = ['name', 'system', 'cpc', 'routing', 'profile', 'profileFile', 'applications', 'symbols'];
export const APP_KEYS = ['name', 'port', 'bind', 'create', 'initially'];
export const CLIENT_KEYS = ['name', 'dvipa', 'port'];
export const ENV_KEYS = ['start', 'events', 'maxFailures', 'maxConnections'];
export const STACK_NAME = /^[A-Za-z0-9@#$]{1,8}$/;
export const PROPERTIES_KEYS = ['only', 'skip'];
export const EXPECT_KEYS = ['violated'];
const DEFAULT_EVENTS: readonly EventGroup[] = ['terminate', 'start', 'connections'];

/** Loads and validates a spec file; never throws for bad input. */
export function loadSpec(file: string, opts: LoadOptions = {}): LoadResult {
  const r = readBounded(file, MAX_SPEC_BYTES, false);
  if ('error' in r) return { ok: false, errors: [{ code: 'E_FILE', pos: { file, line: 1, column: 1 }, message: r.error === 'is a folder, not a file' ? 'is a folder, not a spec file' : `cannot read spec file: ${r.error}` }] };
  return loadSpecText(r.text, file, opts);
}

export function loadSpecText(written: string, file: string, opts: LoadOptions = {}): LoadResult {
  const text = yamlLineBreaks(written); // D-330
  // line starts from the text itself: the parser's own count misses lines in some malformed input
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  const tree = syntaxTree(text);
  const deep = tooDeep(tree);
  if (deep !== null) {
    const at = lines.linePos(deep);
    return { ok: false, errors: [{ code: 'E_YAML', pos: { file, line: at.line, column: at.col }, message: `nesting too deep: the list or mapping starting here is nested more than ${MAX_NESTING} levels deep (D-93)` }] };
  }
  const doc = compose(tree, text.length);
  const r = new YamlReader(file, lines, text, doc);
  const bomb = doc.errors.length === 0 ? aliasError(doc) : null;
  if (bomb) { r.error('E_YAML', bomb.at, bomb.message); return { ok: false, errors: r.errors }; }
  // D-209: a tag the YAML core schema does not know (`!include`, `!ref`) is no YAML of ours: the
  // yaml package would read the value as plain text and go on
  const tags = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (doc.errors.length === 0 && tags.length > 0) {
    for (const w of tags) {
      const lp = lines.linePos(Math.min(w.pos[0], text.length));
      const tag = /^\S+/.exec(text.slice(w.pos[0]))?.[0] ?? '';
      r.error('E_YAML', { file, line: lp.line, column: lp.col }, `unknown YAML tag '${tag}': a spec is plain YAML, and the value would be read as text`, 'remove the tag; for a profile kept in a file, write profileFile: instead of profile:');
    }
    return { ok: false, errors: r.errors };
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const lp = lines.linePos(Math.min(e.pos[0], text.length));
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
  const sysplex = sysplexNode ? r.name(sysplexNode, 'sysplex') ?? '' : '';

  const stacks: StackConfig[] = [];
  const stackNodes = top.has('stacks') ? r.seq(top.get('stacks')!.value, 'stacks') : (r.error('E_MISSING', { file, line: 1, column: 1 }, "the spec needs 'stacks'"), null);
  if (stackNodes && stackNodes.length === 0) r.error('E_VALUE', top.get('stacks')!.value, 'stacks must list at least one stack');
  const tooMany = stackNodes ? tooManyStacks(stackNodes.length, (i) => r.pos(stackNodes[i])) : null;
  if (tooMany) return { ok: false, errors: [...r.errors, tooMany] }; // before any profile is read
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
    const shown = (k: string): string | null => { const v = s.get(k)?.value; return v ? r.name(v, `${k} of stack ${name}`) : null; }; // D-164
    const system = shown('system');
    const cpc = shown('cpc');
    const routing = opt('routing') ?? 'omproute';
    if (routing !== 'omproute' && routing !== 'static') r.error('E_VALUE', s.get('routing')!.value, `routing of stack ${name} must be omproute or static`, didYouMean(routing, ['omproute', 'static']));
    const given = readSymbols(r, s.get('symbols')?.value ?? null, name);
    const symbols = stackSymbols(given ?? {}, system);
    // D-324: with symbols past the table's maximum, the profile's findings would be about symbols missing
    const profile = given === null ? null : readProfile(r, s, name, baseDir, symbols, dirname(file));
    const applications = readApplications(r, s.get('applications')?.value ?? null, name);
    if (profile) findings.push(...profile.findings);
    stacks.push({
      name, system, cpc, routing: routing === 'static' ? 'static' : 'omproute',
      join: profile?.join ?? 'NODELAYJOIN', recovery: profile?.recovery ?? false, autorejoin: profile?.autorejoin ?? false,
      ...(profile?.joinAt ? { joinAt: profile.joinAt } : {}), ...(profile?.recoveryAt ? { recoveryAt: profile.recoveryAt } : {}),
      dynamicXcf: profile?.dynamicXcf ?? false, xcfAddress: profile?.xcfAddress ?? null,
      dynamicXcf6: profile?.dynamicXcf6 ?? false, xcf6Address: profile?.xcf6Address ?? null, defs: profile?.defs ?? [], applications, pos: r.pos(sn),
      ipv6Defs: profile?.ipv6Defs ?? [], ranges: profile?.ranges ?? [], distributes: profile?.distributes ?? [], routes: profile?.routes ?? [],
      symbols,
      profileFile: s.has('profileFile') ? resolve(baseDir, opt('profileFile') ?? '') : s.has('profile') ? file : null,
      ...(profile ? { vipa: profile.vipa } : {}),
    });
  }

  { const v6 = withIpv6Defs(stacks); stacks.splice(0, stacks.length, ...v6.stacks); findings.push(...v6.findings); } // SEMANTICS §12
  for (const e of zosLimits(stacks)) r.error(e.code, e.pos, e.message, e.hint);
  const defined = new Set(stacks.flatMap((st) => st.defs.map((d) => d.address)));
  const clients: ClientConfig[] = [];
  const clientNodes = top.get('clients')?.value ? r.seq(top.get('clients')!.value, 'clients') : [];
  const clientNames = new Set<string>();
  const rangeAddrs = new Set(rangeDvipas({ stacks }).map((x) => x.address));
  for (const cn of clientNodes ?? []) {
    const c = r.map(cn, 'a client', CLIENT_KEYS);
    if (!c) continue;
    const dvNode = c.get('dvipa')?.value;
    const written = dvNode ? r.string(dvNode, 'client dvipa') : (r.error('E_MISSING', cn, "a client needs 'dvipa'"), null);
    const dvipa = written !== null && !isIPv4(written) ? canonicalIPv6(written) ?? written : written; // SEMANTICS §12: IPv6 in canonical form
    const port = c.get('port')?.value ? r.int(c.get('port')!.value, 'client port', 1, 65535) : (r.error('E_MISSING', cn, "a client needs 'port'"), null);
    if (dvipa === null || port === null) continue;
    const ranged = defined.has(dvipa) ? null : rangeClientAddress(dvipa, stacks, rangeAddrs); // issue 18: a VIPARANGE DVIPA
    if (!ranged && !isIPv4(dvipa) && canonicalIPv6(dvipa) === null) { r.error('E_ADDRESS', dvNode, `'${dvipa}' is not an IPv4 or IPv6 address`); continue; }
    if (!ranged && !defined.has(dvipa) && stacks.length === (stackNodes?.length ?? 0)) {
      r.error('E_CLIENT_DVIPA', dvNode, `client DVIPA ${dvipa} is not defined (VIPADEFINE or VIPABACKUP) on any stack`, rangeHint(dvipa, stacks) ?? clientHint(dvipa, findings));
      continue;
    }
    const addr = ranged ?? dvipa;
    const byAddress = isIPv4(addr) ? `${addr}:${port}` : `[${addr}]:${port}`; // SPEC §1: the default name
    const name = c.get('name')?.value ? clientName(r, c.get('name')!.value!, byAddress) : byAddress;
    if (name === null) continue;
    if (clientNames.has(name)) { r.error('E_DUPLICATE', c.get('name')?.value ?? cn, `client name '${name}' is used twice`); continue; }
    clientNames.add(name);
    clients.push({ name, dvipa: addr, port, pos: r.pos(cn) });
  }

  const environment = readEnvironment(r, top.get('environment')?.value ?? null, dirname(file));
  if (environment.netstat) {
    const plan = planNetstatStart(stacks, environment.netstat);
    findings.push(...plan.findings);
    plan.stacks.forEach((p, i) => {
      if (p.reported) stacks[i] = { ...stacks[i]!, start: { joined: p.joined, statuses: Object.fromEntries(stacks[i]!.defs.map((d, k) => [d.address, p.statuses[k]!])) } };
    });
  }
  const known = opts.propertyNames ?? [];
  const named = new Map<string, Node>(); // expect.violated: where each name is written
  const checkNames = (node: Node | null | undefined, what: string): string[] | null => {
    const list = r.names(node, what);
    if (!list) return null;
    for (const { name, node: n } of list) {
      if (known.length > 0 && !known.includes(name)) r.error('E_PROPERTY', n, `unknown property '${name}' in ${what}`, didYouMean(name, known) ?? `known: ${known.join(', ')}`);
      if (what === 'expect.violated') named.set(name, n);
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
  // D-312: a name expected violated that the spec's own selection leaves out is not checked (D-41)
  for (const name of expect?.violated ?? []) {
    if ((only === null || only.includes(name)) && !skip.includes(name)) continue;
    findings.push({ severity: 'warning', code: 'expect-unselected', pos: r.pos(named.get(name)!), message: `expect.violated names '${name}', which ${only !== null && !only.includes(name) ? 'properties.only does not select' : 'properties.skip leaves out'}: it is not checked, so this expectation is never tested (D-41)`, hint: `select '${name}' in properties, or drop it from expect.violated` });
  }
  if (r.errors.length > 0) return { ok: false, errors: r.errors, findings: findings.filter((f) => f.severity === 'error') };
  const config: Config = {
    file, sysplex: sysplex || 'SYSPLEX', stacks, clients, environment, findings,
    properties: { only, skip, pos: propsNode ? r.pos(propsNode) : null }, expect,
  };
  return { ok: true, config: deepFreeze(config) };
}

/** issue 18: a client's address inside a VIPARANGE that no application there binds. */
function rangeHint(dvipa: string, stacks: readonly StackConfig[]): string | null {
  const st = stacks.find((s) => coveringRange(s, dvipa) !== null);
  return st ? `${dvipa} is in a VIPARANGE of ${st.name}, but no application of ${st.name} binds it: list the application that creates it (bind: ${dvipa})` : null;
}

/** Why a client's DVIPA is defined nowhere, in the user's terms: the rejected statement that named it, if any. */
function clientHint(dvipa: string, findings: readonly Finding[]): string {
  const named = new RegExp(`(^|[^\\d.])${dvipa.replace(/\./g, '\\.')}($|[^\\d.])`);
  const f = findings.find((x) => x.severity === 'error' && named.test(x.message));
  if (f) return `z/OS rejected the statement that names it (${f.pos.file}:${f.pos.line}:${f.pos.column}: ${f.message})`;
  // D-267: only an error that ended a VIPADYNAMIC block, not one that rejected a GLOBALCONFIG or IPCONFIG statement
  const cut = findings.find((x) => x.severity === 'error' && (x.code === 'block-interrupted' || (x.code === 'syntax' && x.message.includes(BLOCK_IGNORED))));
  if (cut) return `a syntax error ended a VIPADYNAMIC block at ${cut.pos.file}:${cut.pos.line}:${cut.pos.column}: what follows it there defines nothing`;
  return 'define it with VIPADEFINE or VIPABACKUP in a stack\'s profile, or correct the client\'s dvipa';
}

function readProfile(r: YamlReader, s: Map<string, { key: Node; value: Node | null }>, stack: string, baseDir: string, symbols: Readonly<Record<string, string>> | ReadonlyMap<string, string>, specDir: string): (ProfileResult & { vipa: VipaConfig }) | null {
  const inline = s.get('profile');
  const fileRef = s.get('profileFile');
  if (inline && fileRef) { r.error('E_PROFILE_BOTH', fileRef.key, `stack ${stack} has both 'profile' and 'profileFile'`, 'give one of them'); return null; }
  if (inline) {
    const text = r.string(inline.value, `profile of stack ${stack}`);
    // D-176: INCLUDE members of an inline profile are looked up in the spec's folder as the spec is named
    return text === null ? null : limited(r, parseExpanded(text, inlineMapper(r, inline.value as Scalar, text), stack, specDir, null, symbols));
  }
  if (fileRef) {
    const rel = r.string(fileRef.value, `profileFile of stack ${stack}`);
    if (rel === null) return null;
    // D-298: '' would be the spec's own folder ("is a folder"): say what is missing
    if (rel.trim() === '') { r.error('E_PROFILE_FILE', fileRef.value, `profileFile of stack ${stack} is empty: it must name a file`, 'give the file that holds the profile, relative to the spec file'); return null; }
    // named as the spec is named (relative stays relative), so reports cite it as the user would
    const path = isAbsolute(rel) ? rel : join(specDir, rel);
    const got = readBounded(path, MAX_PROFILE_BYTES, true);
    if ('error' in got) {
      r.error('E_PROFILE_FILE', fileRef.value, `cannot read profileFile '${rel}' of stack ${stack}: ${got.error}`, existsSync(path) ? undefined : datasetHint(rel.trim(), specDir));
      return null;
    }
    const read = got.read ? [encodingNote(path, got.read, stack)] : [];
    const parsed0 = limited(r, parseExpanded(got.text, (l, c) => ({ file: path, line: l + 1, column: c + 1 }), stack, dirname(path), path, symbols));
    if (parsed0 === null) return null;
    const parsed = read.length ? { ...parsed0, findings: [...read, ...parsed0.findings] } : parsed0;
    // D-92: a profile outside the spec's folder is read as named (a site keeps its TCPPARMS
    // members where they are), and said so plainly, without echoing anything of it.
    if (!outsideFolder(path, baseDir)) return parsed;
    const note: Finding = { severity: 'info', code: 'I_PROFILE_OUTSIDE', pos: r.pos(fileRef.value), stack, message: `profileFile '${rel}' is outside the spec's folder ${baseDir}; read as named: ${path}` };
    return { ...parsed, findings: [note, ...parsed.findings] };
  }
  return null; // D-51: no DVIPAs, NODELAYJOIN, no DYNAMICXCF
}

/** D-325, D-326: a profile whose processing passed a limit is a spec error (exit 2) where it passed it. */
function limited(r: YamlReader, p: ReturnType<typeof parseExpanded>): (ProfileResult & { vipa: VipaConfig }) | null {
  if (!('limit' in p)) return p;
  r.error('E_LIMIT', p.limit.pos, `stack ${p.limit.stack}: ${p.limit.message}`, p.limit.hint);
  return null;
}

/**
 * D-314: a missing profileFile written as a z/OS data set name ('SYS1.TCPPARMS(PROFA)', //DSN, an
 * all-capital dotted name) names no file here: what to give instead, the member as INCLUDE
 * resolves it (D-176); undefined for any other name.
 */
function datasetHint(name: string, specDir: string): string | undefined {
  const marked = /^\/\//.test(name) || /^'.*'$/.test(name) || /\)'?$/.test(name) || (name === name.toUpperCase() && /[A-Z]/.test(name));
  if (!marked || !/^(\/\/)?'?[A-Za-z$#@][\w$#@-]*(\.[A-Za-z$#@][\w$#@-]*)+(\([A-Za-z$#@][\w$#@]{0,7}\))?'?$/.test(name)) return undefined;
  const member = memberOf(name);
  const there = existsSync(join(specDir, member)) ? ` (${member} is in the spec's folder: profileFile: ${member})` : `, e.g. profileFile: ${member}`;
  return `${name.replace(/^'(.*)'$/, '$1')} is a z/OS data set name; profileFile names a file on this machine: download the member as text and name it${there}`;
}

/** How an event spells a name (SPEC §3), and how its message says so (D-165, D-328). */
interface EventName {
  /** What `YamlReader.name` calls it (D-164). */
  readonly what: string;
  /** The name in a message: "application name 'x' on stack S". */
  readonly subject: (name: string) => string;
  /** One word (an application: app-stop S A), or the rest of the event (a client: connect C, D-52). */
  readonly word: boolean;
  readonly why: string;
  readonly hint: string;
}

/**
 * D-165, D-328: a name an event names, so that `--events` and every trace the tool writes can
 * name it: not empty, no ';' (what separates `--events`), and no blank where parseEvent splits or
 * trims the event: an application's name none at all (one word), a client's none at either end
 * (the rest of the event, trimmed; blanks inside stay, D-52). As every name shown, no control
 * character (D-164).
 */
function eventName(r: YamlReader, node: Node, rule: EventName): string | null {
  const name = r.name(node, rule.what);
  if (name === null) return null;
  const blank = rule.word ? /\s/.exec(name) : /^\s|\s$/.exec(name);
  const where = (i: number): string => (rule.word ? `holds a blank (character ${i + 1})` : i === 0 ? 'starts with a blank' : 'ends with a blank');
  const why = name === '' ? 'is empty' : blank ? where(blank.index) : name.includes(';') ? "holds a ';'" : null;
  if (why === null) return name;
  r.error('E_NAME', node, `${rule.subject(name)} ${why}: ${rule.why}`, rule.hint);
  return null;
}

const appName = (r: YamlReader, node: Node, stack: string): string | null => eventName(r, node, {
  what: `application name on stack ${stack}`, subject: (n) => `application name '${n}' on stack ${stack}`, word: true,
  why: 'an event names an application as one word (app-stop S A, app-start S A)', hint: 'write it as one word, e.g. with - or _ for a blank',
});

const clientName = (r: YamlReader, node: Node, named: string): string | null => eventName(r, node, {
  what: 'client name', subject: (n) => `client name '${n}'`, word: false,
  why: "an event names a client by the rest of its text, blanks at its ends dropped, and ';' separates events (connect C, close S C)",
  hint: `write it without blanks at its ends and without ';', or leave out name for the default ${named}`,
});

function readApplications(r: YamlReader, node: Node | null, stack: string): AppConfig[] {
  if (!node) return [];
  const out: AppConfig[] = [];
  for (const an of r.seq(node, `applications of stack ${stack}`) ?? []) {
    const a = r.map(an, 'an application', APP_KEYS);
    if (!a) continue;
    const name = a.get('name')?.value ? appName(r, a.get('name')!.value!, stack) : (r.error('E_MISSING', an, "an application needs 'name'"), null);
    const port = a.get('port')?.value ? r.int(a.get('port')!.value, 'application port', 1, 65535) : (r.error('E_MISSING', an, "an application needs 'port'"), null);
    let bind: string | null = null;
    let bindBad = false;
    const bn = a.get('bind')?.value;
    if (bn) {
      const b = r.string(bn, 'bind');
      const v6 = b !== null && b.includes(':') ? canonicalIPv6(b) : null;
      if (b === null) bindBad = true;
      else if (b !== 'INADDR_ANY' && !isIPv4(b) && !v6) { bindBad = true; r.error('E_ADDRESS', bn, `bind must be INADDR_ANY or an IPv4 or IPv6 address, not '${b}'`); }
      else if (v6) bind = v6 === '::' ? null : v6; // '::' is IPv6's INADDR_ANY (D-143)
      else if (b !== 'INADDR_ANY') bind = b;
    }
    // SEMANTICS §11, SPEC §5: how a VIPARANGE DVIPA is created, and standby instances.
    const choice = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
      const node = a.get(key)?.value;
      if (!node) return undefined;
      const x = r.string(node, `${key} of application`);
      if (x === null) return undefined;
      if ((allowed as readonly string[]).includes(x)) return x as T;
      r.error('E_VALUE', node, `${key} of an application must be ${allowed.join(' or ')}, not '${x}'`, didYouMean(x, allowed));
      return undefined;
    };
    const create = choice('create', ['bind', 'ioctl'] as const);
    const initially = choice('initially', ['up', 'down'] as const);
    if (create !== undefined && bind === null && !bindBad) r.error('E_VALUE', a.get('create')!.value, `create: ${create} needs a bind address (the DVIPA the application creates), not INADDR_ANY`);
    if (name === null || port === null) continue;
    const other = bind === null ? undefined : out.find((x) => x.bind === bind && (x.create ?? 'bind') !== (create ?? 'bind'));
    if (other) { r.error('E_VALUE', a.get('create')?.value ?? an, `applications ${other.name} and ${name} on stack ${stack} both create ${bind}, one by bind and one by ioctl: give them the same create (D-131)`); continue; }
    if (out.some((x) => x.name === name)) { r.error('E_DUPLICATE', a.get('name')!.value, `application '${name}' is listed twice on stack ${stack}`); continue; }
    out.push({ name, port, bind, ...(create === 'ioctl' ? { create } : {}), ...(initially === 'down' ? { initially } : {}), pos: r.pos(an) });
  }
  return out;
}

function readEnvironment(r: YamlReader, node: Node | null, specDir: string): Config['environment'] {
  const env = node ? r.map(node, 'environment', ENV_KEYS) : new Map();
  const get = (k: string): Node | null => env?.get(k)?.value ?? null;
  let start: 'running' | 'down' = 'running';
  let netstat: Config['environment']['netstat'] = null;
  if (isMap(get('start'))) netstat = readNetstatStart(r, get('start')!, specDir) ?? null;
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
