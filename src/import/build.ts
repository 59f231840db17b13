import { decodeText } from '../spec/ebcdic.js';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Finding, SourcePos } from '../spec/config.js';
import { expandProfile, type ExpandedProfile } from '../spec/include.js';
import { canonicalIPv6, isIPv4 } from '../spec/ipv4.js';
import type { RangeDef } from '../spec/config.js';
import { coverage } from '../model/range-layout.js';
import { parseProfile, type ProfileResult } from '../spec/profile-parser.js';
import { tokenize } from '../spec/profile-tokens.js';
import { symbolsUsed } from '../spec/line-symbols.js';
import { pairReports, type Pairable } from '../model/start-state.js';
import { symbolsOf, systemOf, type SymbolValue } from './ieasym.js';
import type { ImportInputs } from './inputs.js';
import { scanServers, type PortReservation } from './profile-scan.js';
import { agreement, diffConfigs, profileVipaConfig, toStatements, type VipaConfig } from './vipa-config.js';
import type { VipadcfgReport } from './vipadcfg.js';

/** A value of the spec to write and where it came from (a file line, or why it was inferred). */
export interface Sourced<T> { readonly value: T; readonly at: SourcePos | null; readonly why: string }

export interface ImportedStack {
  readonly name: Sourced<string>;
  readonly system: Sourced<string> | null;
  readonly cpc: Sourced<string> | null;
  readonly routing: Sourced<'omproute'> | null;
  /** A member to reference with profileFile, or statements written from a VIPADCFG report. */
  readonly profileFile: string | null;
  readonly includes: readonly { at: SourcePos; file: string }[];
  readonly statements: readonly string[] | null;
  readonly symbols: readonly Sourced<{ name: string; value: string | null }>[];
  readonly applications: readonly Sourced<{ name: string; port: number; bind: string | null }>[];
}

export interface ImportModel {
  readonly sysplex: Sourced<string>;
  readonly stacks: readonly ImportedStack[];
  readonly clients: readonly Sourced<{ dvipa: string; port: number }>[];
  readonly netstat: readonly string[];
  readonly findings: readonly Finding[];
  /** Report files written as statements, for their `;` comments. */
  readonly reportWhere: (at: SourcePos) => string;
}

/** An address as the spec loader keeps it: IPv4 as written, IPv6 canonical (RFC 5952); null when it is neither. */
const canonical = (a: string): string | null => (isIPv4(a) ? a : canonicalIPv6(a));

/**
 * A stack's PORT reservations in groups: the TCP entries of one port and BIND address form one
 * group when one of them has SHAREPORT or SHAREPORTWLM (D-173: one listener stands for them, in
 * the order of the first); every other entry is a group of its own.
 */
function shareGroups(ports: readonly PortReservation[]): PortReservation[][] {
  const key = (p: PortReservation): string => `${p.port} ${p.bind === null ? '*' : canonical(p.bind) ?? p.bind}`;
  const shared = new Set(ports.filter((p) => p.protocol === 'TCP' && p.jobname !== 'RESERVED' && p.share).map(key));
  const out: PortReservation[][] = [];
  const open = new Map<string, PortReservation[]>();
  for (const p of ports) {
    const k = key(p);
    if (p.protocol !== 'TCP' || p.jobname === 'RESERVED' || !shared.has(k)) { out.push([p]); continue; }
    const g = open.get(k);
    if (g) g.push(p); else { const n = [p]; open.set(k, n); out.push(n); }
  }
  return out;
}

const stackName = (s: string): string => s.replace(/\.[^.]*$/, '').toUpperCase().replace(/[^A-Z0-9@#$]/g, '').slice(0, 8) || 'STACK';

interface Member { file: string; text: string; ex: ExpandedProfile; parsed: ProfileResult; cfg: VipaConfig; toks: ReturnType<typeof tokenize>; sys: ReturnType<typeof systemOf>; syms: Map<string, SymbolValue>; cut: { name: string; at: SourcePos } | null }

export function buildImport(inp: ImportInputs, where: (at: SourcePos) => string): ImportModel {
  const findings: Finding[] = [...inp.findings];
  const tableFull = new Set<string>();
  const heads = inp.profiles.map(({ file, text }) => {
    const sys = systemOf(basename(file), inp.sysdefs);
    // a member with no SYSDEF of its own still sees the global SYSDEFs' symbols (D-172); D-324: one
    // finding per SYMDEF that fills the symbol table, however many members see it
    let cut: { name: string; at: SourcePos } | null = null;
    const syms = symbolsOf(sys, inp.sysdefs, (f) => {
      cut = { name: f.name, at: f.at };
      const key = `${f.at.file}:${f.at.line}:${f.at.column}`;
      if (!tableFull.has(key)) { tableFull.add(key); findings.push({ severity: 'error', code: 'ieasym-symbol-table', pos: f.at, message: f.message, hint: f.hint }); }
    });
    const values = Object.fromEntries([...syms].map(([k, v]) => [k, v.value]));
    const expand = (): ExpandedProfile => expandProfile(text, (l, c) => ({ file, line: l + 1, column: c + 1 }), { dir: dirname(file), file, symbols: values, alsoIn: inp.dirs });
    return { file, text, expand, files: expand().files, sys, syms, cut: cut as { name: string; at: SourcePos } | null };
  });
  // a system profile is a member no other member includes (D-100)
  const included = new Set(heads.flatMap((m) => m.files.slice(1)));
  // D-326: only those are kept expanded and parsed (a member included from many places may be large)
  const members: Member[] = heads.filter((m) => !included.has(m.file)).map(({ file, text, expand, sys, syms, cut }) => {
    const ex = expand();
    // parsed once, under the member's name: its findings take the stack's name below
    const parsed = parseProfile(ex.text, ex.map, stackName(basename(file)));
    return { file, text, ex, parsed, cfg: profileVipaConfig(parsed), toks: tokenize(ex.text, ex.map), sys, syms, cut };
  });
  const systems = members;
  for (const m of heads) if (included.has(m.file)) findings.push({ severity: 'info', code: 'import-included', pos: { file: m.file, line: 1, column: 1 }, message: 'included by another member: not a stack of its own' });

  const used = new Set<string>();
  const unique = (n: string): string => { let k = 1, c = n; while (used.has(c)) c = `${n.slice(0, 7 - String(k).length)}${++k}`; used.add(c); return c; };
  const stacks: ImportedStack[] = [];
  const defined = new Set<string>();
  const distributed: Sourced<{ dvipa: string; port: number }>[] = [];
  /** Bound (DVIPA, port)s with the binding stack's ranges: a bind under a covering VIPARANGE is a DVIPA too (SEMANTICS preamble, D-170). */
  const bound: (Sourced<{ dvipa: string; port: number }> & { stack: string; ranges: readonly RangeDef[] })[] = [];
  const pairedCfg = new Set<VipadcfgReport>();

  for (const m of systems) {
    // the stack takes the TCP/IP name of the VIPADCFG report of the same configuration, else the member's name
    const rep = reportOf(m.cfg, inp.vipadcfg, pairedCfg);
    if (rep) pairedCfg.add(rep);
    const nameBase = rep?.stack && !used.has(rep.stack) ? rep.stack : stackName(basename(m.file));
    const name = unique(nameBase);
    const nameWhy = rep?.stack === name ? `TCPIP Name of the VIPADCFG report whose definitions member ${basename(m.file)} holds` : `member ${basename(m.file)}: a system profile (no other member includes it)`;
    for (const i of m.ex.includes) {
      if (i.file && dirname(i.file) !== dirname(i.pos.file)) {
        findings.push({ severity: 'warning', code: 'import-include-elsewhere', pos: i.pos, stack: name, message: `INCLUDE ${i.name} was found in ${dirname(i.file)}, not next to ${basename(i.pos.file)}; check and lint look only in the including member's folder (D-100): put the members in one folder` });
      }
    }
    findings.push(...[...m.ex.findings, ...m.parsed.findings.filter((f) => f.severity !== 'info')].map((f) => ({ ...f, stack: name })));
    for (const d of [...m.parsed.defs, ...m.parsed.ipv6Defs]) defined.add(d.address);
    if (rep) for (const d of diffConfigs(m.cfg, rep.config)) findings.push({ severity: 'warning', code: 'running-differs', pos: d.at, stack: name, message: `running configuration differs from the profile: ${d.message}` });
    const scan = scanServers(m.toks);
    findings.push(...scan.findings.map((f) => ({ ...f, stack: name })));
    const auto = new Map(scan.autolog.map((a) => [a.jobname, a]));
    const autologOf = (job: string): (typeof scan.autolog)[number] | undefined =>
      auto.get(job.replace(/\*$/, '')) ?? [...auto.values()].find((x) => job.endsWith('*') && x.jobname.startsWith(job.slice(0, -1)));
    const names = new Set<string>();
    const applications: ImportedStack['applications'][number][] = [];
    for (const group of shareGroups(scan.ports)) {
      const p = group[0]!;
      if (p.jobname === 'RESERVED') continue;
      if (p.protocol === 'UDP') {
        findings.push({ severity: 'info', code: 'import-udp', pos: p.pos, stack: name, message: `UDP port ${p.port} (${p.jobname}): not an application of the model, whose connections are TCP` });
        continue;
      }
      const appName = names.has(p.jobname) ? `${p.jobname}-${p.port}` : p.jobname;
      names.add(appName);
      const a = group.map((x) => autologOf(x.jobname)).find((x) => x !== undefined);
      const share = group.find((x) => x.share)?.share ?? null;
      // D-173: the entries of a SHAREPORT group are one listener, named after the first
      const others = group.slice(1).map((x) => `${x.jobname} (${basename(x.pos.file)}:${x.pos.line})`);
      const how = [share ? `${share}: one listener stands for the instances${others.length ? `; also ${others.join(', ')}` : ''}` : '', a ? `started by AUTOLOG (${basename(a.pos.file)}:${a.pos.line})` : ''].filter(Boolean).join('; ');
      applications.push({ value: { name: appName, port: p.port, bind: p.bind }, at: p.pos, why: `PORT ${p.text}${how ? ` (${how})` : ''}` });
      if (p.bind) bound.push({ value: { dvipa: p.bind, port: p.port }, at: p.pos, why: `${p.jobname} binds ${p.bind} port ${p.port}`, stack: name, ranges: m.parsed.ranges });
    }
    for (const a of scan.autolog) {
      if (a.proc !== 'OMPROUTE' && !scan.ports.some((p) => p.jobname === a.jobname || (p.jobname.endsWith('*') && a.jobname.startsWith(p.jobname.slice(0, -1))))) {
        findings.push({ severity: 'info', code: 'import-autolog-no-port', pos: a.pos, stack: name, message: `AUTOLOG ${a.proc}${a.jobname !== a.proc ? ` JOBNAME ${a.jobname}` : ''} has no PORT reservation: its port is not known, so it is not listed (add it under applications if clients use it)` });
      }
    }
    for (const d of m.cfg.distributes) if (d.port !== null) distributed.push({ value: { dvipa: d.address, port: d.port }, at: d.at, why: `VIPADISTRIBUTE of ${d.address} port ${d.port}` });
    const omproute = scan.autolog.find((a) => a.proc === 'OMPROUTE');
    const allText = m.ex.files.map((f) => (f === m.file ? m.text : decodeText(readFileSync(f)).text));
    const symNames = [...new Set(allText.flatMap(symbolsUsed))];
    stacks.push({
      name: { value: name, at: rep?.stack === name ? { file: rep.file, line: rep.stackLine, column: 1 } : { file: m.file, line: 1, column: 1 }, why: nameWhy },
      system: m.sys?.sysname ? { value: m.sys.sysname.value, at: m.sys.sysname.at, why: `SYSDEF SYSNAME(${m.sys.sysname.value}), matched to member ${basename(m.file)} (D-109)` } : null,
      cpc: m.sys?.hwname ? { value: m.sys.hwname, at: m.sys.at, why: `SYSDEF HWNAME(${m.sys.hwname}): the CPC` } : null,
      routing: omproute ? { value: 'omproute', at: omproute.pos, why: 'AUTOLOG starts OMPROUTE' } : null,
      profileFile: m.file, includes: m.ex.includes.filter((i) => i.file).map((i) => ({ at: i.pos, file: i.file! })), statements: null,
      symbols: symNames.map((n) => {
        const v = m.syms.get(n);
        if (!v) {
          findings.push({ severity: 'warning', code: 'import-symbol-unknown', pos: { file: m.file, line: 1, column: 1 }, stack: name, message: m.cut
            ? `&${n}. is used but has no value for this system: its symbol table was full at SYMDEF &${m.cut.name}. (${where(m.cut.at)}, D-324), so z/OS defines none from there on`
            : `&${n}. is used but no IEASYMxx among the inputs gives its value for this system: set it under the stack's symbols` });
        }
        return { value: { name: n, value: v?.value ?? null }, at: v?.at ?? null, why: v ? v.how ?? `${n === 'SYSNAME' || n === 'SYSCLONE' ? n : 'SYMDEF'} of the SYSDEF of system ${m.sys?.sysname?.value ?? '?'}` : 'used in the profile; value not found in the inputs' };
      }),
      applications,
    });
  }

  // z/OS needs a SYSCLONE unique in the sysplex: two systems given the same one (SYSCLONE(&SYSNAME(1:2))
  // of SYA1 and SYB1) would make the members' &SYSCLONE. names clash (D-172)
  const clones = new Map<string, { sysname: string; at: SourcePos; stack: string }[]>();
  systems.forEach((m, k) => {
    const c = m.syms.get('SYSCLONE'), n = m.syms.get('SYSNAME');
    if (c && n && !(clones.get(c.value) ?? []).some((x) => x.sysname === n.value)) clones.set(c.value, [...(clones.get(c.value) ?? []), { sysname: n.value, at: c.at, stack: stacks[k]!.name.value }]);
  });
  for (const [clone, list] of clones) {
    if (list.length > 1) findings.push({ severity: 'warning', code: 'import-sysclone-duplicate', pos: list[0]!.at, stack: list[0]!.stack, message: `SYSCLONE ${clone} is the SYSCLONE of ${list.map((x) => `${x.sysname} (stack ${x.stack})`).join(' and ')}: z/OS needs each system's SYSCLONE unique in the sysplex, and their &SYSCLONE. names clash: check the IEASYMxx` });
  }

  // a VIPADCFG report with no member of its configuration is a stack of its own, its profile the equivalent statements
  for (const r of inp.vipadcfg.filter((x) => !pairedCfg.has(x))) {
    const name = unique(r.stack ?? stackName(basename(r.file)));
    const statements = toStatements(r.config, where, (at, message) => findings.push({ severity: 'warning', code: 'import-distribute-no-intf', pos: at, stack: name, message }));
    const parsed = parseProfile(statements.join('\n'), (l, c) => ({ file: r.file, line: l + 1, column: c + 1 }), name);
    for (const d of [...parsed.defs, ...parsed.ipv6Defs]) defined.add(d.address);
    for (const d of r.config.distributes) if (d.port !== null) distributed.push({ value: { dvipa: d.address, port: d.port }, at: d.at, why: `distributed: ${d.address} port ${d.port}` });
    if (r.notMember !== null) findings.push({ severity: 'info', code: 'import-not-member', pos: { file: r.file, line: r.notMember, column: 1 }, stack: name, message: 'the stack was not in the sysplex group when the report was taken (EZZ2502I); its saved configuration is imported' });
    findings.push({ severity: 'info', code: 'import-from-report', pos: { file: r.file, line: r.stackLine, column: 1 }, stack: name, message: 'a VIPADCFG report shows no GLOBALCONFIG SYSPLEXMONITOR, IPCONFIG DYNAMICXCF, PORT or AUTOLOG: add them (or give the profile) where lint asks' });
    stacks.push({
      name: { value: name, at: { file: r.file, line: r.stackLine, column: 1 }, why: 'TCPIP Name of the VIPADCFG report' }, system: null, cpc: null, routing: null,
      profileFile: null, includes: [], statements, symbols: [], applications: [],
    });
  }

  // clients, one per bound or distributed (DVIPA, port), IPv4 or IPv6 (SPEC §5, D-170)
  const clients: Sourced<{ dvipa: string; port: number }>[] = [];
  const add = (c: Sourced<{ dvipa: string; port: number }>, dvipa: string): void => {
    if (!clients.some((x) => x.value.dvipa === dvipa && x.value.port === c.value.port)) clients.push({ ...c, value: { dvipa, port: c.value.port } });
  };
  for (const c of bound) {
    const dvipa = canonical(c.value.dvipa);
    const range = dvipa === null || defined.has(dvipa) ? null : c.ranges.find((r) => coverage(r, dvipa) >= 0);
    if (dvipa !== null && defined.has(dvipa)) add(c, dvipa);
    else if (dvipa !== null && range) add({ ...c, why: `${c.why}: an application-specific DVIPA under ${range.text.trim().replace(/\s+/g, " ")} (${basename(range.pos.file)}:${range.pos.line})` }, dvipa);
    else findings.push({ severity: 'info', code: 'import-bind-not-dvipa', pos: c.at!, stack: c.stack, message: `${c.why}, which no VIPADEFINE or VIPABACKUP defines and no VIPARANGE of this stack covers: not a DVIPA, so no client is written for it` });
  }
  for (const c of distributed) { const dvipa = canonical(c.value.dvipa); if (dvipa !== null && defined.has(dvipa)) add(c, dvipa); }
  const netstat = pairVipadyn(inp, stacks, members, findings);
  const folder = inp.folders[0];
  const sysplex: Sourced<string> = folder
    ? { value: folder.toUpperCase().replace(/[^A-Z0-9@#$_-]/g, '') || 'SYSPLEX', at: null, why: 'the first folder\'s name: nothing in the inputs names the sysplex' }
    : { value: 'SYSPLEX', at: null, why: 'nothing in the inputs names the sysplex' };
  return { sysplex, stacks, clients, netstat, findings, reportWhere: where };
}

/** The VIPADCFG report not yet paired that agrees most with a member's configuration (a tie: none). */
function reportOf(cfg: VipaConfig, reports: readonly VipadcfgReport[], taken: ReadonlySet<VipadcfgReport>): VipadcfgReport | undefined {
  const free = reports.filter((r) => !taken.has(r));
  const scores = free.map((r) => agreement(cfg, r.config));
  const best = Math.max(0, ...scores);
  return best > 0 && scores.filter((x) => x === best).length === 1 ? free[scores.indexOf(best)] : undefined;
}

/** VIPADYN reports go to environment.start.netstat; a stack named differently is paired by its DVIPAs (D-108). */
function pairVipadyn(inp: ImportInputs, stacks: ImportedStack[], members: readonly Member[], findings: Finding[]): string[] {
  if (inp.vipadyn.length === 0) return [];
  const asConfig = stacks.map((s): Pairable => {
    const m = members.find((x) => x.file === s.profileFile);
    const defs = m ? m.parsed.defs : parseProfile((s.statements ?? []).join('\n'), (l, c) => ({ file: '', line: l + 1, column: c + 1 }), s.name.value).defs;
    return { name: s.name.value, defs };
  });
  const paired = pairReports(asConfig, inp.vipadyn, (severity, _code, pos, stack, message) => {
    if (severity !== 'info') findings.push({ severity: 'warning', code: 'import-vipadyn-unpaired', pos, ...(stack ? { stack } : {}), message: message.replace(/: ignored$/, ': left out of environment.start') });
  });
  // only reports of imported stacks set the start; with none, the spec starts running
  return inp.vipadyn.filter((r) => [...paired.values()].includes(r)).map((r) => r.file);
}
