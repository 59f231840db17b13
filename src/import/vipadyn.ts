import { isIPv4, looksIPv6 } from '../spec/ipv4.js';
import {
  columnHeader, isDashes, keyValues, readHeader, reportLines, rowCells, sectionTitle, splitPrefix, type Columns,
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

const normStatus = (s: string): string => DVIPA_STATUSES.find((x) => x.toLowerCase() === s.toLowerCase()) ?? s;
const isAddress = (s: string): boolean => isIPv4(splitPrefix(s).address) || looksIPv6(s);

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
    if (open?.address) dvipas.push({ address: splitPrefix(open.address).address, intf: open.intf, status: normStatus(open.status), origin: open.origin, distStat: open.distStat, line: open.line, column: open.column });
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
      for (const { key, value, column } of kv) {
        if (key === 'INTFNAME') { close(); open = { address: null, intf: value, status: '', origin: '', distStat: '', line: l.line, column }; }
        else if (key === 'IPADDR/PREFIXLEN' || key === 'IPADDR' || key === 'IP' || key === 'ADDRESS') {
          if (open && open.address === null) { open.address = value.split(/\s+/)[0] ?? null; open.line = l.line; open.column = column; }
          else { close(); open = { address: value.split(/\s+/)[0] ?? null, intf: null, status: '', origin: '', distStat: '', line: l.line, column }; }
        } else if (key === 'STATUS' && open) open.status = value.split(/\s+/)[0] ?? '';
        else if (key === 'ORIGIN' && open) open.origin = value;
        else if (key === 'DISTSTAT' && open) open.distStat = value;
      }
      continue;
    }
    const first = l.text.trim().split(/\s+/)[0]!;
    if (cols && isAddress(first)) {
      close();
      const cells = rowCells(cols, l.text);
      const ip = cells.get('ip');
      dvipas.push({
        address: splitPrefix(ip?.value ?? first).address, intf: null, status: normStatus(cells.get('status')?.value ?? ''),
        origin: cells.get('origin')?.value ?? '', distStat: cells.get('diststat')?.value ?? '', line: l.line, column: ip?.column ?? 1,
      });
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
