import { isIPv4, looksIPv6, zeroPaddedIPv4 } from '../spec/ipv4.js';
import {
  columnHeader, isDashes, keyValues, prefixOfMask, readHeader, reportLines, rowCells, sectionTitle, splitPrefix, type Columns,
} from './report-text.js';
import type { Finding } from '../spec/config.js';
import type { VipaConfig } from './vipa-config.js';

/**
 * A NETSTAT VIPADCFG report (`netstat -F`, `D TCPIP,tcpname,NETSTAT,VIPADCFG`), short or long
 * (IPv6-enabled) format, read into the same VipaConfig a profile gives (vipa-config.ts).
 */
export interface VipadcfgReport {
  readonly file: string;
  readonly stack: string | null;
  readonly stackLine: number;
  readonly notMember: number | null;
  readonly config: VipaConfig;
  readonly unreadable: readonly { line: number; text: string }[];
  /** D-327: entries not imported, at the report's line and column (an invalid prefix length). */
  readonly rejected: readonly { line: number; column: number; message: string }[];
}

type Fields = Map<string, { value: string; column: number }>;

const yes = (v: string | undefined): boolean => /^y/i.test(v ?? '');
const num = (v: string | undefined): number | null => (v && /^\d+$/.test(v) ? Number(v) : null);
const isAddr = (s: string): boolean => isIPv4(splitPrefix(s).address) || zeroPaddedIPv4(splitPrefix(s).address) !== null || looksIPv6(s); // D-266

/**
 * D-327: why the prefix length of `addr/prefix` is none the address can have, or null (no prefix,
 * or a valid one): IPv4 0..32; IPv6 1..128, as the profile statements the import writes accept.
 */
function badPrefix(ip: string): string | null {
  const slash = ip.indexOf('/');
  if (slash < 0) return null;
  const p = ip.slice(slash + 1);
  const v6 = ip.slice(0, slash).includes(':');
  const range = v6 ? '1..128' : '0..32';
  const ok = /^\d{1,3}$/.test(p) && (v6 ? Number(p) >= 1 && Number(p) <= 128 : Number(p) <= 32);
  return ok ? null : `'${ip}' has ${p === '' ? 'no prefix length after the /' : `the prefix length '${p}'`}: an ${v6 ? 'IPv6' : 'IPv4'} prefix length is ${range}; the entry is not imported`;
}

function moveable(v: string | undefined): 'IMMEDIATE' | 'WHENIDLE' | null {
  if (/^immed/i.test(v ?? '')) return 'IMMEDIATE';
  if (/^when/i.test(v ?? '')) return 'WHENIDLE';
  return null;
}

/**
 * Keys a VIPADCFG report (DETAIL too) shows that say nothing the model or the written statements
 * use: read and left (D-228). A line opening with any other key the reader does not know is reported.
 */
const DETAIL_KEYS = new Set(['OPTLOC', 'OPTLOCAL', 'PROCTYPE', 'PROCXCOST', 'CP', 'ZAAP', 'ZIIP', 'ILWEIGHTING', 'WEIGHT', 'ACTCONNWEIGHT', 'TIER', 'TIER1', 'TIER2', 'GROUP', 'CONTROLPORT', 'VIPAROUTE', 'RTSTATUS', 'GRE', 'ENCAP']);

export function parseVipadcfg(text: string, file: string): VipadcfgReport {
  const lines = reportLines(text);
  const header = readHeader(lines);
  const cfg: { [K in keyof VipaConfig]: VipaConfig[K][number][] } = { backups: [], defines: [], ranges: [], distributes: [], routes: [] };
  const unreadable: { line: number; text: string }[] = [];
  const rejected: { line: number; column: number; message: string }[] = [];
  let section: string | null = null;
  let cols: Columns | null = null;
  let entry: { fields: Fields; line: number } | null = null;

  /** One entry of the current section, from its fields (long: gathered over lines; short: a row). */
  const emit = (f: Fields, line: number): void => {
    const at = { file, line, column: f.get('ip')?.column ?? f.get('dest')?.column ?? f.get('xcf')?.column ?? 1 };
    const ipRaw = f.get('ip')?.value ?? '';
    const { address, prefix } = splitPrefix(ipRaw);
    const intf = f.get('intf')?.value ?? null;
    const mask = f.get('mask')?.value ?? null;
    const prefixLen = prefix ?? (mask && isIPv4(mask) ? prefixOfMask(mask) : null);
    // D-228: an entry without an address is reported, not dropped
    if ((section === 'VIPA BACKUP' || section === 'VIPA DEFINE' || section === 'VIPA RANGE') && !address) { unreadable.push({ line, text: `${lines[line - 1]?.text.trim() ?? ''} (no IP address in this entry)` }); return; }
    // D-327: a prefix length no address can have is not read as some mask: the entry is rejected where it is written
    const bad = section === 'VIPA BACKUP' || section === 'VIPA DEFINE' || section === 'VIPA RANGE' ? badPrefix(ipRaw) : null;
    if (bad) {
      const text = lines[line - 1]?.text ?? '';
      const start = Math.max(0, text.indexOf(ipRaw, (f.get('ip')?.column ?? 1) - 1));
      const slash = start + ipRaw.indexOf('/');
      rejected.push({ line, column: (slash + 1 < start + ipRaw.length ? slash + 1 : slash) + 1, message: bad });
      return;
    }
    if (section === 'VIPA BACKUP' && address) {
      cfg.backups.push({ address, intf, prefix: prefixLen, mask, rank: num(f.get('rank')?.value) ?? 1, moveable: moveable(f.get('moveable')?.value), srvmgr: yes(f.get('srvmgr')?.value), at });
    } else if (section === 'VIPA DEFINE' && address) {
      cfg.defines.push({ address, intf, prefix: prefixLen, mask, moveable: moveable(f.get('moveable')?.value) ?? 'IMMEDIATE', srvmgr: yes(f.get('srvmgr')?.value), cpcscope: yes(f.get('cpcscope')?.value), at });
    } else if (section === 'VIPA RANGE' && address) {
      cfg.ranges.push({ address, intf, prefix: prefixLen, mask, disruptive: /^disr/i.test(f.get('moveable')?.value ?? ''), at });
    } else if (section === 'VIPA DISTRIBUTE') {
      const dest = f.get('dest')?.value;
      const [addr, port] = dest ? [dest.slice(0, dest.lastIndexOf('..')), dest.slice(dest.lastIndexOf('..') + 2)] : [address, f.get('port')?.value ?? ''];
      if (!addr) { unreadable.push({ line, text: `${lines[line - 1]?.text.trim() ?? ''} (no Dest address in this entry)` }); return; }
      const srv = (f.get('srvtype')?.value ?? '').toUpperCase();
      cfg.distributes.push({
        address: addr, intf, port: num(port.replace(/^0+(?=\d)/, '')), xcf: (f.get('xcf')?.value ?? 'ALL').toUpperCase() === 'ALL' ? 'ALL' : f.get('xcf')!.value,
        sysplexPorts: yes(f.get('syspt')?.value), timedAff: num(f.get('timaff')?.value), distMethod: (f.get('distmethod')?.value ?? '').toUpperCase() || null,
        srvType: srv.startsWith('PREF') ? 'PREFERRED' : srv.startsWith('BACK') ? 'BACKUP' : null, rank: num(f.get('rank')?.value),
        autoSwitchBack: f.has('autoswitchback') ? yes(f.get('autoswitchback')!.value) : null,
        healthSwitch: f.has('healthswitch') ? yes(f.get('healthswitch')!.value) : null, at,
      });
    } else if (section === 'VIPA ROUTE') {
      const xcf = f.get('xcf')?.value;
      const target = f.get('target')?.value;
      if (xcf && target) cfg.routes.push({ xcf, target, at });
      else unreadable.push({ line, text: `${lines[line - 1]?.text.trim() ?? ''} (a VIPA Route entry needs DestXCF and TargetIP)` });
    }
  };
  const flush = (): void => { if (entry) emit(entry.fields, entry.line); entry = null; };
  /** Long-format keys that begin a new entry in each section. */
  const starts = (key: string): boolean =>
    key === 'IPADDR/PREFIXLEN' || key === 'IPADDR' || key === 'IP/PREFIXLEN' || key === 'INTFNAME' || key === 'DEST' || (section === 'VIPA ROUTE' && key === 'DESTXCF');
  const KEY: Record<string, string> = {
    'IPADDR/PREFIXLEN': 'ip', 'IP/PREFIXLEN': 'ip', IPADDR: 'ip', INTFNAME: 'intf', RANK: 'rank', MOVEABLE: 'moveable', SRVMGR: 'srvmgr', DEST: 'dest',
    DESTXCF: 'xcf', SYSPT: 'syspt', TIMAFF: 'timaff', FLG: 'flg', DISTMETHOD: 'distmethod', SRVTYPE: 'srvtype', AUTOSWITCHBACK: 'autoswitchback',
    HEALTHSWITCH: 'healthswitch', OPTLOC: 'optloc', TARGETIP: 'target', ADDRESSMASK: 'mask', CPCSCOPE: 'cpcscope',
  };

  for (const l of lines) {
    const title = sectionTitle(l.text);
    if (title) { flush(); section = title; cols = null; continue; }
    // "Deactivated Dynamic VIPA Information" holds definitions an operator deactivated: still
    // configured, so their subsections are read like the others (D-101)
    if (!section || section.endsWith('INFORMATION') || section === 'VIPA SERVICE MANAGER' || l.text.trim() === '' || isDashes(l.text)) continue;
    const hdr = columnHeader(l.text);
    if (hdr) { flush(); cols = hdr; continue; }
    const kv = keyValues(l.text);
    const indent = l.text.length - l.text.trimStart().length;
    if (kv.length > 0 && kv[0]!.column === indent + 1) {
      // D-228: a line that opens with a key no VIPADCFG report shows is reported, not dropped
      if (!KEY[kv[0]!.key] && !DETAIL_KEYS.has(kv[0]!.key)) { unreadable.push({ line: l.line, text: l.text.trim() }); continue; }
      for (const { key, value, column } of kv) {
        // an IPv6 entry opens with IntfName; its IpAddr line belongs to it. Under VIPA Distribute
        // an entry opens with Dest, and an IntfName line (the DVIPA's interface name, D-171)
        // belongs to it, before or after its Dest line
        const own = entry !== null && (section === 'VIPA DISTRIBUTE'
          ? (key === 'INTFNAME' && !entry.fields.has('intf')) || (key === 'DEST' && entry.fields.has('intf') && !entry.fields.has('dest'))
          : key.startsWith('IPADDR') && entry.fields.has('intf') && !entry.fields.has('ip'));
        if (starts(key) && !own) {
          flush();
          entry = { fields: new Map(), line: l.line };
        }
        if (!entry) entry = { fields: new Map(), line: l.line };
        const name = KEY[key];
        if (name && value !== '') entry.fields.set(name, { value: value.split(/\s+/)[0]!, column });
        if (key.startsWith('IPADDR') || (key === 'DEST' && section === 'VIPA DISTRIBUTE')) entry.line = l.line;
      }
      continue;
    }
    const first = l.text.trim().split(/\s+/)[0]!;
    // a row stays open: DETAIL prints "Key: value" lines under it (DistMethod, ...)
    if (cols && (isAddr(first) || first.toUpperCase() === 'ALL')) { flush(); entry = { fields: rowCells(cols, l.text), line: l.line }; continue; }
    if (!/RECORDS DISPLAYED|END OF THE REPORT/i.test(l.text) && !/^\s*(MVS TCP\/IP|EZD0101I|EZZ250[23]I)/i.test(l.text)) unreadable.push({ line: l.line, text: l.text.trim() });
  }
  flush();
  return { file, stack: header.stack, stackLine: header.stackLine, notMember: header.notMember, config: cfg, unreadable, rejected };
}

/** D-327: the entries a report holds that are not imported, as error findings at their line and column (import, lint). */
export function rejectedEntries(r: VipadcfgReport): Finding[] {
  return r.rejected.map((x) => ({
    severity: 'error', code: 'netstat-prefix', pos: { file: r.file, line: x.line, column: x.column }, ...(r.stack ? { stack: r.stack } : {}), message: x.message,
    hint: 'give the prefix length the stack has (or its TCP/IP profile instead of the report)',
  }));
}
