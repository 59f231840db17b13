import type { Config } from '../spec/config.js';
import { rangeDvipas } from '../model/range-layout.js';

/**
 * SEMANTICS §8, SPEC §5: a spec in which nothing is modelled (no DVIPA, or every DVIPA of a kind
 * not modelled yet) is not a pass. Judged on the whole configuration (never on a slice share), so
 * a CI job cannot go green on a sysplex the tool cannot see. Returns why, or null when there is
 * something to verify.
 */
export function emptyReason(cfg: Config): string | null {
  if (cfg.stacks.some((s) => s.defs.length > 0)) return null;
  if (rangeDvipas(cfg).length > 0) return null; // issue 18: an application creates a DVIPA under a VIPARANGE
  const count = (n: number, what: string): string[] => (n > 0 ? [`${n} ${what}`] : []);
  const ranges = count(cfg.stacks.reduce((n, s) => n + s.ranges.length, 0), 'VIPARANGE(s) in which no application binds an address (SEMANTICS §11)');
  const rejected = cfg.findings.filter((f) => f.severity === 'error');
  const first = rejected[0]?.pos;
  const why = [
    ...ranges,
    // every report carries the reason; only the text report lists the findings
    ...(first ? [`${rejected.length} profile error(s) rejected statements, the first at ${first.file}:${first.line}:${first.column}`] : []),
  ];
  return `nothing to verify: no VIPADEFINE or VIPABACKUP DVIPA (IPv4 or IPv6) survives profile processing and no application creates one under a VIPARANGE${why.length ? ` (${why.join('; ')})` : ''}`;
}
