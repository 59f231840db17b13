/**
 * Reading NETSTAT reports as z/OS prints them (TSO NETSTAT, z/OS UNIX netstat, and the console's
 * D TCPIP,tcpname,NETSTAT,...): a header naming the stack, optional preface messages, sections
 * ("Name:" lines), then either column rows (short format) or "Key: value" lines (long format).
 * Parsed from IBM's descriptions of the reports (IP System Administrator's Commands), leniently:
 * blanks, case and the order of keys on a line do not matter.
 */

export interface ReportLine { readonly text: string; readonly line: number }

export interface ReportHeader {
  /** The TCP/IP stack the report is of ("TCPIP Name: X", or the console header). */
  readonly stack: string | null;
  readonly stackLine: number;
  /** EZZ2502I: the stack is not a member of the sysplex group (with EZZ2503I: its DVIPA configuration is inactive). */
  readonly notMember: number | null;
  readonly inactive: number | null;
}

export function reportLines(text: string): ReportLine[] {
  return text.split(/\r?\n/).map((t, i) => ({ text: t.replace(/\s+$/, ''), line: i + 1 }));
}

export function readHeader(lines: readonly ReportLine[]): ReportHeader {
  let stack: string | null = null;
  let stackLine = 1;
  let notMember: number | null = null;
  let inactive: number | null = null;
  for (const l of lines) {
    const named = /TCPIP\s+Name:\s*([A-Za-z0-9@#$]{1,8})/i.exec(l.text);
    // the console header: EZD0101I, or EZZ2500I of releases before it (D-197)
    const console = /\b(?:EZD0101I|EZZ2500I)\s+NETSTAT\s+CS\s+\S+\s+([A-Za-z0-9@#$]{1,8})/i.exec(l.text);
    const found = named ?? console;
    if (found && stack === null) { stack = found[1]!.toUpperCase(); stackLine = l.line; }
    if (/\bEZZ2502I\b/i.test(l.text) && notMember === null) notMember = l.line;
    if (/\bEZZ2503I\b/i.test(l.text) && inactive === null) inactive = l.line;
  }
  return { stack, stackLine, notMember, inactive };
}

export type InputKind = 'vipadcfg' | 'vipadyn' | 'sysplex' | 'ieasym' | 'profile';

/**
 * The first line of a DISPLAY TCPIP,,SYSPLEX,VIPADYN response (EZZ8260I ... VIPA DYNAMIC DISPLAY
 * FROM, or EZZ8269I when the stack is in no group): one sysplex-wide view, not a report of one
 * stack (D-196). Null when the text is none.
 */
export function sysplexViewLine(text: string): { line: number; column: number; text: string } | null {
  const lines = reportLines(text.slice(0, 200_000));
  for (const l of lines) {
    // the message opens its line (a profile's comment that names it is no response)
    const m = /^(\s*)(EZZ8260I\s+SYSPLEX\b|EZZ8269I\b|VIPA\s+DYNAMIC\s+DISPLAY\s+FROM\b)/i.exec(l.text);
    if (m) return { line: l.line, column: m[1]!.length + 1, text: l.text.trim() };
  }
  return null;
}

/** What to say of a DISPLAY TCPIP,,SYSPLEX,VIPADYN response given as a report (D-196). */
export const SYSPLEX_VIEW_MESSAGE = 'a DISPLAY TCPIP,,SYSPLEX,VIPADYN response (EZZ8260I): one sysplex-wide view that lists only the stacks in the group, so it cannot tell a stack that is down from one out of the group, nor give a stack\'s VIPADCFG definitions';
export const SYSPLEX_VIEW_HINT = 'give one report per stack instead: D TCPIP,tcpname,NETSTAT,VIPADYN (or netstat -v -p tcpname) for environment.start.netstat, D TCPIP,tcpname,NETSTAT,VIPADCFG (or netstat -F -p tcpname) for import';

/**
 * What an input is, from its content (SPEC §5): a VIPADCFG report has "Dynamic VIPA Information"
 * or VIPA Define/Backup/Range/Distribute sections; a VIPADYN report a "Dynamic VIPA:" section, or
 * only a header and the out-of-group preface (D-101); an IEASYMxx member SYSDEF/SYMDEF statements;
 * anything else is a TCP/IP profile member.
 */
export function inputKind(text: string): InputKind {
  const head = text.slice(0, 200_000);
  if (sysplexViewLine(head)) return 'sysplex';
  if (/^\s*Dynamic\s+VIPA\s+Information\s*:/im.test(head) || /^\s*VIPA\s+(Define|Backup|Range|Distribute)\s*:/im.test(head)) return 'vipadcfg';
  if (/^\s*Dynamic\s+VIPA\s*:/im.test(head)) return 'vipadyn';
  const header = readHeader(reportLines(head));
  if (header.stack !== null && /\bNETSTAT\b/i.test(head)) {
    return /(-F\b|VIPADCFG)/i.test(head) && !/(-v\b|VIPADYN)/i.test(head) ? 'vipadcfg' : 'vipadyn';
  }
  if (/^\s*SYSDEF\b/im.test(head) || /\bSYMDEF\s*\(\s*&/i.test(head)) return 'ieasym';
  return 'profile';
}

/** A section title line ("VIPA Define:", "Dynamic VIPA:"), upper-cased without the colon. */
export function sectionTitle(text: string): string | null {
  const m = /^\s*((?:Deactivated\s+)?Dynamic\s+VIPA(?:\s+Information)?|VIPA\s+(?:Backup|Define|Range|Distribute|Route|Service\s+Manager))\s*:\s*$/i.exec(text);
  return m ? m[1]!.toUpperCase().replace(/\s+/g, ' ') : null;
}

export interface KeyValue { readonly key: string; readonly value: string; readonly column: number }

/**
 * The "Key: value" pairs of a long-format line. A key is a word followed by ':' and a blank (or
 * the line end), so the colons of an IPv6 address are not keys.
 */
export function keyValues(text: string): KeyValue[] {
  const re = /(^|\s)([A-Za-z][A-Za-z0-9/]*):(?=\s|$)/g;
  const keys: { key: string; start: number; end: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) keys.push({ key: m[2]!.toUpperCase(), start: m.index + m[1]!.length, end: re.lastIndex });
  return keys.map((k, i) => ({ key: k.key, value: text.slice(k.end, keys[i + 1]?.start ?? text.length).trim(), column: k.start + 1 }));
}

/** Column names of short-format headers, normalised. */
const COLUMN_NAMES: Record<string, string> = {
  'IP ADDRESS': 'ip', 'IPADDR': 'ip', 'IPADDRESS': 'ip', 'ADDRESSMASK': 'mask', 'ADDRMASK': 'mask', 'MASK': 'mask',
  'RANK': 'rank', 'MOVEABLE': 'moveable', 'SRVMGR': 'srvmgr', 'FLG': 'flg', 'FLAGS': 'flg', 'PORT': 'port',
  'XCF ADDRESS': 'xcf', 'DESTXCF': 'xcf', 'DESTXCF ADDRESS': 'xcf', 'SYSPT': 'syspt', 'TIMAFF': 'timaff',
  'TARGETIP': 'target', 'TARGETIP ADDRESS': 'target', 'TARGET IP': 'target', 'STATUS': 'status', 'ORIGIN': 'origin',
  'DISTSTAT': 'diststat', 'RTSTATUS': 'rtstatus', 'DISTMETHOD': 'distmethod', 'CPCSCOPE': 'cpcscope',
};

export interface Columns { readonly names: readonly string[]; readonly starts: readonly number[] }

/** A short-format column header line, or null when the line is not one. */
export function columnHeader(text: string): Columns | null {
  const names: string[] = [];
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g; // words joined by single blanks form one header
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const whole = m[0].toUpperCase();
    if (COLUMN_NAMES[whole]) { names.push(COLUMN_NAMES[whole]!); starts.push(m.index); continue; }
    // headers separated by one blank only: take them word by word, joining known two-word names
    const words = [...m[0].matchAll(/\S+/g)];
    for (let i = 0; i < words.length; i++) {
      const two = i + 1 < words.length ? `${words[i]![0]} ${words[i + 1]![0]}`.toUpperCase() : '';
      if (COLUMN_NAMES[two]) { names.push(COLUMN_NAMES[two]!); starts.push(m.index + words[i]!.index!); i++; continue; }
      const one = COLUMN_NAMES[words[i]![0].toUpperCase()];
      if (!one) return null;
      names.push(one);
      starts.push(m.index + words[i]!.index!);
    }
  }
  return names.length >= 2 && names.some((n) => n === 'ip' || n === 'xcf' || n === 'mask') ? { names, starts } : null;
}

/** The cells of a row under a header: each word goes to the column that starts nearest before it. */
export function rowCells(cols: Columns, text: string): Map<string, { value: string; column: number }> {
  const out = new Map<string, { value: string; column: number }>();
  for (const m of text.matchAll(/\S+/g)) {
    let k = 0;
    for (let j = 0; j < cols.starts.length; j++) if (cols.starts[j]! <= m.index! + 1) k = j;
    // a word left of every header belongs to the first column; after the previous word's column, move on
    const name = cols.names[k]!;
    const prev = out.get(name);
    if (prev) {
      const next = cols.names.findIndex((n, j) => j > k && !out.has(n));
      if (next < 0) { out.set(name, { value: `${prev.value} ${m[0]}`, column: prev.column }); continue; }
      out.set(cols.names[next]!, { value: m[0], column: m.index! + 1 });
      continue;
    }
    out.set(name, { value: m[0], column: m.index! + 1 });
  }
  return out;
}

export const isDashes = (text: string): boolean => /^\s*-{2,}(\s+-{2,})*\s*$/.test(text);

/** "255.255.255.192" from a prefix length. */
export function maskOf(prefix: number): string {
  const n = prefix <= 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** "1.2.3.4/26" -> address and prefix length. */
export function splitPrefix(s: string): { address: string; prefix: number | null } {
  const [address, p] = s.split('/');
  return { address: address!, prefix: p !== undefined && /^\d+$/.test(p) ? Number(p) : null };
}

/** The prefix length of a contiguous IPv4 mask. */
export function prefixOfMask(m: string): number {
  let n = m.split('.').reduce((a, p) => a * 256 + Number(p), 0);
  let b = 0;
  while (b < 32 && n >= 0x80000000) { b++; n = (n * 2) % 0x100000000; }
  return b;
}
