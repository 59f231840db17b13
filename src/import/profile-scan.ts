import type { Finding, SourcePos } from '../spec/config.js';
import { isIPv4, looksIPv6 } from '../spec/ipv4.js';
import { TOP_STATEMENTS } from '../spec/profile-keywords.js';
import { findKeyword, type Token } from '../spec/profile-tokens.js';

/**
 * What a TCP/IP profile says about the servers of a stack: PORT reservations (port, TCP or UDP,
 * job name, BIND address, SHAREPORT / SHAREPORTWLM) and the AUTOLOG list of procedures the stack
 * starts (IP Configuration Reference: PORT, AUTOLOG).
 */
export interface PortReservation {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly jobname: string;
  readonly bind: string | null;
  readonly share: 'SHAREPORT' | 'SHAREPORTWLM' | null;
  readonly noautolog: boolean;
  readonly pos: SourcePos;
  readonly text: string;
}

export interface AutologEntry { readonly proc: string; readonly jobname: string; readonly pos: SourcePos }

export interface ServerScan {
  readonly ports: readonly PortReservation[];
  readonly autolog: readonly AutologEntry[];
  /** What the scan could not read (a PORT statement reaching sequence-number columns, D-174). */
  readonly findings: readonly Finding[];
}

/** The hint the profile parser gives the errors of a numbered line (D-65); said of PORT too (D-174). */
export const UNNUMBER = 'unnumber the member: columns 73-80 hold sequence numbers (ISPF: UNNUM, then NUMBER OFF)';

const isTop = (t: Token): boolean => findKeyword(t.upper, TOP_STATEMENTS) !== undefined;

export function scanServers(toks: readonly Token[]): ServerScan {
  const ports: PortReservation[] = [];
  const autolog: AutologEntry[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.upper === 'PORT') {
      // D-174: a word in columns 73-80 of a numbered line is no PORT operand; z/OS's syntax error
      // there leaves the rest of the statement unread, so the entries are read up to it
      let stop = i + 1;
      while (stop < toks.length && !toks[stop]!.seq && !(isTop(toks[stop]!) && toks[stop]!.upper !== 'BIND')) stop++;
      const numbered = t.seq ? t : stop < toks.length && toks[stop]!.seq ? toks[stop]! : null;
      const end = numbered ? (t.seq ? i + 1 : stop) : toks.length;
      const before = ports.length;
      // entries: port TCP|UDP jobname options..., until the next statement keyword
      let j = i + 1;
      while (j + 2 < end && /^\d+$/.test(toks[j]!.text) && /^(TCP|UDP)$/.test(toks[j + 1]!.upper)) {
        const head = toks[j]!;
        const protocol = toks[j + 1]!.upper as 'TCP' | 'UDP';
        const jobname = toks[j + 2]!.text.toUpperCase();
        const words = [head, toks[j + 1]!, toks[j + 2]!];
        let bind: string | null = null;
        let share: PortReservation['share'] = null;
        let noautolog = false;
        for (j += 3; j < end; j++) {
          const o = toks[j]!;
          if (/^\d+$/.test(o.text) && /^(TCP|UDP)$/.test(toks[j + 1]?.upper ?? '')) break;
          if (isTop(o) && o.upper !== 'BIND') break;
          words.push(o);
          if (o.upper === 'BIND' && toks[j + 1] && (isIPv4(toks[j + 1]!.text) || looksIPv6(toks[j + 1]!.text))) { bind = toks[++j]!.text; words.push(toks[j]!); }
          else if (o.upper === 'SHAREPORT' || o.upper === 'SHAREPORTWLM') share = o.upper;
          else if (o.upper === 'NOAUTOLOG') noautolog = true;
          else if (o.upper === 'SAF' && toks[j + 1]) words.push(toks[++j]!);
        }
        if (head.text.length <= 5 && Number(head.text) >= 1 && Number(head.text) <= 65535) {
          ports.push({ port: Number(head.text), protocol, jobname, bind, share, noautolog, pos: head.pos, text: words.map((w) => w.text).join(' ') });
        }
      }
      if (numbered) {
        const read = ports.length - before;
        findings.push({ severity: 'error', code: 'port-numbered', pos: numbered.pos, message: `PORT: '${numbered.text}' stands in columns 73-80, which hold sequence numbers: it is no PORT operand, so the rest of the statement${read > 0 ? ` (after ${read} entr${read === 1 ? 'y' : 'ies'})` : ''} is not read: the applications it reserves ports for are not imported`, hint: UNNUMBER });
        while (j < toks.length && !(isTop(toks[j]!) && toks[j]!.upper !== 'BIND')) j++;
      }
      i = j - 1;
    } else if (t.upper === 'AUTOLOG') {
      let j = i + 1;
      if (/^\d+$/.test(toks[j]?.text ?? '')) j++; // the wait time
      for (; j < toks.length && toks[j]!.upper !== 'ENDAUTOLOG'; j++) {
        const p = toks[j]!;
        let jobname = p.text.toUpperCase();
        while (j + 1 < toks.length && ['JOBNAME', 'PARMSTRING', 'DELAYSTART'].includes(toks[j + 1]!.upper)) {
          const k = toks[++j]!.upper;
          if (k === 'JOBNAME' && toks[j + 1]) jobname = toks[++j]!.text.toUpperCase();
          else if (k === 'PARMSTRING' && toks[j + 1]) {
            // a quoted string, possibly of several words
            let s = toks[++j]!.text;
            while (/^['"]/.test(s) && !(s.length > 1 && s.endsWith(s[0]!)) && j + 1 < toks.length) s += ` ${toks[++j]!.text}`;
          } else if (k === 'DELAYSTART') while (['DVIPA', 'TTLS', 'SMCR', 'SMCD'].includes(toks[j + 1]?.upper ?? '')) j++;
        }
        autolog.push({ proc: p.text.toUpperCase(), jobname, pos: p.pos });
      }
      i = j;
    }
  }
  return { ports, autolog, findings };
}
