import { MAX_PROFILE_BYTES, readBounded } from './read-bounded.js';
import { isAbsolute, join } from 'node:path';
import type { Node } from 'yaml';
import { inputKind, SYSPLEX_VIEW_HINT, SYSPLEX_VIEW_MESSAGE, sysplexViewLine } from '../import/report-text.js';
import { parseVipadyn, type VipadynReport } from '../import/vipadyn.js';
import type { YamlReader } from './yaml-reader.js';

/**
 * `environment.start: { netstat: [files] }` (SPEC §5): the VIPADYN reports, relative to the spec's
 * folder, read and parsed. A file that cannot be read or is not a VIPADYN report is a spec error.
 * A report is named as the spec is named (`check site/plex.yaml` cites `site/netstat-v.txt:3:3`),
 * as its profileFiles are (D-176): absolute only when the spec or the entry is (D-311).
 */
export function readNetstatStart(r: YamlReader, node: Node, specDir: string): VipadynReport[] | null {
  const m = r.map(node, 'environment.start', ['netstat']);
  if (!m) return null;
  const list = m.get('netstat');
  if (!list) { r.error('E_MISSING', node, "environment.start as a mapping needs 'netstat': a list of NETSTAT VIPADYN report files"); return null; }
  const names = r.names(list.value, 'environment.start.netstat');
  if (!names) return null;
  if (names.length === 0) { r.error('E_VALUE', list.value, 'environment.start.netstat must name at least one VIPADYN report'); return null; }
  const out: VipadynReport[] = [];
  for (const { name, node: n } of names) {
    const path = isAbsolute(name) ? name : join(specDir, name);
    const got = readBounded(path, MAX_PROFILE_BYTES, true); // a FIFO or /dev/zero is refused, never read (D-91)
    if ('error' in got) { r.error('E_NETSTAT_FILE', n, `cannot read NETSTAT report '${name}': ${got.error}`); continue; }
    const text = got.text;
    const kind = inputKind(text);
    if (kind === 'sysplex') {
      // D-196: the sysplex-wide display is refused, at its message line, naming the report to give
      const v = sysplexViewLine(text)!;
      r.error('E_NETSTAT_KIND', n, `'${name}' is ${SYSPLEX_VIEW_MESSAGE} (${path}:${v.line}:${v.column}: ${v.text.slice(0, 60)})`, SYSPLEX_VIEW_HINT);
      continue;
    }
    if (kind !== 'vipadyn') {
      r.error('E_NETSTAT_KIND', n, `'${name}' is ${kind === 'vipadcfg' ? 'a VIPADCFG (netstat -F) report' : kind === 'ieasym' ? 'an IEASYMxx member' : 'not a NETSTAT report'}; the start state needs VIPADYN reports (netstat -v, D TCPIP,tcpname,NETSTAT,VIPADYN)`, kind === 'vipadcfg' ? 'give VIPADCFG reports to dvipa-verify import instead' : undefined);
      continue;
    }
    out.push(parseVipadyn(text, path));
  }
  return out;
}
