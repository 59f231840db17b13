import { MAX_SPEC_BYTES, readBounded } from '../spec/read-bounded.js';
import type { Config, Finding } from '../spec/config.js';
import { inputKind } from './report-text.js';
import { agreement, diffConfigs, type VipaConfig } from './vipa-config.js';
import { parseVipadcfg, rejectedEntries, type VipadcfgReport } from './vipadcfg.js';

/**
 * `lint spec.yaml report.txt`: NETSTAT VIPADCFG reports among the arguments are compared with the
 * spec's stacks (SPEC §5: where the running configuration differs from the profile, e.g. a VARY
 * OBEYFILE not carried into the profile). A report goes with the stack of its TCPIP name, else
 * with the one stack whose definitions agree most with it (agreement, vipa-config.ts).
 */
export function splitReports(files: readonly string[]): { specs: string[]; reports: VipadcfgReport[] } {
  const specs: string[] = [];
  const reports: VipadcfgReport[] = [];
  for (const f of files) {
    // Only a regular file that is not named as a spec is looked into (a FIFO or /dev/zero is left
    // to the spec loader, which refuses it with a message).
    const got = /\.(ya?ml|json)$/i.test(f) ? null : readBounded(f, MAX_SPEC_BYTES, true);
    const text = got && 'text' in got ? got.text : null;
    if (text !== null && inputKind(text) === 'vipadcfg') reports.push(parseVipadcfg(text, f));
    else specs.push(f);
  }
  return { specs, reports };
}

export function reportFindings(cfg: Config, reports: readonly VipadcfgReport[]): Finding[] {
  const out: Finding[] = [];
  const taken = new Set<number>();
  for (const r of reports) {
    out.push(...rejectedEntries(r)); // D-327: not compared, said so where it is written
    // D-215: by name only when no other report has that name (sites run every stack as TCPIP), as D-108 pairs VIPADYN reports
    const unique = reports.filter((x) => x.stack === r.stack).length === 1;
    let i = unique ? cfg.stacks.findIndex((s) => s.name.toUpperCase() === r.stack) : -1;
    if (i >= 0 && taken.has(i)) i = -1;
    if (i < 0) {
      const scores = cfg.stacks.map((s, k) => (taken.has(k) ? 0 : agreement(s.vipa ?? emptyConfig, r.config)));
      const best = Math.max(0, ...scores);
      if (best > 0 && scores.filter((x) => x === best).length === 1) i = scores.indexOf(best);
    }
    if (i < 0) {
      out.push({ severity: 'warning', code: 'report-unpaired', pos: { file: r.file, line: r.stackLine, column: 1 }, message: `VIPADCFG report of ${r.stack ?? '?'}: no stack of ${cfg.file} has its name or its DVIPAs; not compared` });
      continue;
    }
    taken.add(i);
    const st = cfg.stacks[i]!;
    for (const d of diffConfigs(st.vipa ?? emptyConfig, r.config)) {
      out.push({ severity: 'warning', code: 'running-differs', pos: d.at, stack: st.name, message: `running configuration differs from the profile: ${d.message}` });
    }
  }
  return out;
}

const emptyConfig: VipaConfig = { backups: [], defines: [], ranges: [], distributes: [], routes: [] };
