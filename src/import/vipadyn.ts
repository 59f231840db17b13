import { isIPv4, looksIPv6, zeroPaddedIPv4 } from '../spec/ipv4.js';
import {
  columnHeader, isDashes, keyValues, readHeader, reportLines, sectionTitle, splitPrefix, type Columns,
} from './report-text.js';

/**
 * A NETSTAT VIPADYN report (`netstat -v`, `D TCPIP,tcpname,NETSTAT,VIPADYN`): the statuses of one
 * stack's DVIPAs right now, and whether the stack is in the sysplex group (EZZ2502I preface).
 */
export const DVIPA_STATUSES = ['Active', 'Backup', 'Moving', 'Quiescing', 'Deactivated'] as const;
export type ReportedStatus = typeof DVIPA_STATUSES[number];

export interface ReportedDvipa {
  readonly address: string;
  readonly intf: string | null;
  /** As printed, case normalised to DVIPA_STATUSES where it is one; else the raw word. */
  readonly status: ReportedStatus | string;
  readonly origin: string;
  readonly distStat: string;
  readonly line: number;
  readonly column: number;
}

export interface VipadynReport {
  readonly file: string;
  readonly stack: string | null;
  readonly stackLine: number;
  /** Line of the EZZ2502I preface when the stack is not in the group, else null. */
  readonly notMember: number | null;
  readonly dvipas: readonly ReportedDvipa[];
  /** Lines the parser could not read, for findings. */
  readonly unreadable: readonly { line: number; text: string }[];
}

/** A status as printed, its blanks collapsed; case normalised to DVIPA_STATUSES where it is one (D-199: never cut to its first word). */
const normStatus = (s: string): string => {
  const t = s.trim().replace(/\s+/g, ' ');
  return DVIPA_STATUSES.find((x) => x.toLowerCase() === t.toLowerCase()) ?? t;
};
const isAddress = (s: string): boolean => isIPv4(splitPrefix(s).address) || zeroPaddedIPv4(splitPrefix(s).address) !== null || looksIPv6(s);
/** D-266: an IPv4 address printed with a leading-zero octet (IBM's `9.67.240.02`) in its decimal reading, as the profile parser reads it (D-63). */
const reported = (s: string): string => { const a = splitPrefix(s).address; return zeroPaddedIPv4(a) ?? a; };

/** Long-format keys that name an entry's address (the console's IP/PREFIXLEN too, D-198). */
const ADDRESS_KEYS = new Set(['IPADDR/PREFIXLEN', 'IPADDR', 'IP/PREFIXLEN', 'IP', 'ADDRESS']);
/** Every key a VIPADYN entry or its VIPA Route lines show; a line opening with another is reported (D-198). */
const KNOWN_KEYS = new Set([...ADDRESS_KEYS, 'INTFNAME', 'STATUS', 'ORIGIN', 'DISTSTAT', 'ACTTIME', 'JOBNAME', 'RTSTATUS', 'TARGETIP', 'DESTXCF']);

/**
 * A short-format row read word by word (D-199): the address, the mask when the header has one, the
 * status (one word or more) up to the origin (a word beginning VIPA; VIPARange takes its Bind or
 * IOCTL), then DistStat. Columns are not trusted for the status, which can be wider than its column.
 */
function shortRow(cols: Columns, text: string): { ip: string; ipColumn: number; status: string; origin: string; distStat: string } {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ w: m[0], column: m.index! + 1 }));
  let k = 0;
  const ip = words[k++]!;
  if (cols.names.includes('mask') && words[k] && isIPv4(words[k]!.w)) k++;
  const status: string[] = [];
  while (k < words.length && !/^VIPA/i.test(words[k]!.w)) status.push(words[k++]!.w);
  const origin: string[] = [];
  if (k < words.length) {
    origin.push(words[k++]!.w);
    if (/^VIPARANGE$/i.test(origin[0]!) && words[k] && /^(BIND|IOCTL)$/i.test(words[k]!.w)) origin.push(words[k++]!.w);
  }
  return { ip: ip.w, ipColumn: ip.column, status: status.join(' '), origin: origin.join(' '), distStat: words.slice(k).map((x) => x.w).join(' ') };
}

export function parseVipadyn(text: string, file: string): VipadynReport {
  const lines = reportLines(text);
  const header = readHeader(lines);
  const dvipas: ReportedDvipa[] = [];
  const unreadable: { line: number; text: string }[] = [];
  let section: string | null = null;
  let cols: Columns | null = null;
  // the long-format entry being filled: address lines open it, Status/Origin/DistStat fill it
  let open: { address: string | null; intf: string | null; status: string; origin: string; distStat: string; line: number; column: number } | null = null;
  const close = (): void => {
    // an IntfName no IPAddr line followed: the entry has no address to set a status of (D-198)
    if (open && !open.address) unreadable.push({ line: open.line, text: `IntfName: ${open.intf ?? ''} (no IPAddr line follows it)` });
    if (open?.address) dvipas.push({ address: reported(open.address), intf: open.intf, status: normStatus(open.status), origin: open.origin, distStat: open.distStat, line: open.line, column: open.column });
    open = null;
  };
  for (const l of lines) {
    const title = sectionTitle(l.text);
    if (title) { close(); section = title; cols = null; continue; }
    if (section !== 'DYNAMIC VIPA' || l.text.trim() === '' || isDashes(l.text)) continue;
    const header2 = columnHeader(l.text);
    if (header2) { close(); cols = header2; continue; }
    const kv = keyValues(l.text);
    if (kv.length > 0 && kv[0]!.column <= l.text.length - l.text.trimStart().length + 1) {
      // D-198: a line that opens with a key no VIPADYN report shows, or fills no entry, is reported, not dropped
      if (!KNOWN_KEYS.has(kv[0]!.key)) { unreadable.push({ line: l.line, text: l.text.trim() }); continue; }
      let orphan = false;
      for (const { key, value, column } of kv) {
        if (key === 'INTFNAME') { close(); open = { address: null, intf: value, status: '', origin: '', distStat: '', line: l.line, column }; }
        else if (ADDRESS_KEYS.has(key)) {
          if (open && open.address === null) { open.address = value.split(/\s+/)[0] ?? null; open.line = l.line; open.column = column; }
          else { close(); open = { address: value.split(/\s+/)[0] ?? null, intf: null, status: '', origin: '', distStat: '', line: l.line, column }; }
        } else if (key === 'STATUS' || key === 'ORIGIN' || key === 'DISTSTAT') {
          if (!open) { orphan = true; continue; }
          if (key === 'STATUS') open.status = value;
          else if (key === 'ORIGIN') open.origin = value;
          else open.distStat = value;
        }
      }
      if (orphan) unreadable.push({ line: l.line, text: `${l.text.trim()} (no DVIPA address line before it)` });
      continue;
    }
    const first = l.text.trim().split(/\s+/)[0]!;
    if (cols && isAddress(first)) {
      close();
      const row = shortRow(cols, l.text);
      dvipas.push({ address: reported(row.ip), intf: null, status: normStatus(row.status), origin: row.origin, distStat: row.distStat, line: l.line, column: row.ipColumn });
      continue;
    }
    if (!/^\s*(ActTime|RtStatus|TargetIP|DestXCF)/i.test(l.text) && !/RECORDS DISPLAYED|END OF THE REPORT/i.test(l.text)) unreadable.push({ line: l.line, text: l.text.trim() });
  }
  close();
  return { file, stack: header.stack, stackLine: header.stackLine, notMember: header.notMember, dvipas, unreadable };
}

/**
 * Entries that say who may own the DVIPA: a VIPADEFINE or VIPABACKUP origin. A distribution
 * target's entry (origin VIPADistribute, DistStat Dest only) and range-created DVIPAs (VIPARange
 * Bind/IOCTL) are not ownership of a VIPADEFINE/VIPABACKUP DVIPA (D-102).
 */
export function isDefinitionEntry(d: ReportedDvipa): boolean {
  const o = d.origin.toUpperCase().replace(/\s+/g, '');
  return o === '' || o.startsWith('VIPADEF') || o.startsWith('VIPABACK');
}
