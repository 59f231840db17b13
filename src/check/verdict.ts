import type { Config } from '../spec/config.js';
import type { CheckReport } from './check.js';
import { emptyReason } from './empty.js';

/** Sets `result` from the verdicts, the completeness and the spec's `expect` block (D-41). */
export function finishReport(cfg: Config, selected: readonly string[], r: Omit<CheckReport, 'result'>): CheckReport {
  // SPEC §5: never a pass, whatever `expect` says; nothing was checked (D-67). No property selected is nothing to verify too (D-160).
  const empty = emptyReason(cfg) ?? (selected.length === 0 ? 'nothing to verify: no property is selected (--only / --skip, or the spec\'s properties block, leave none)' : null);
  if (empty) return { ...r, result: 'empty', reason: empty, properties: r.properties.map((p) => ({ name: p.name, status: 'unknown' as const })) };
  const violated = r.properties.filter((p) => p.status === 'violated').map((p) => p.name);
  if (!cfg.expect) {
    const result = violated.length > 0 ? 'fail' : r.complete ? 'pass' : 'incomplete';
    return { ...r, result };
  }
  const want = cfg.expect.violated.filter((n) => selected.includes(n));
  const unexpected = violated.some((n) => !want.includes(n));
  const equal = !unexpected && want.every((n) => violated.includes(n));
  const result = unexpected || (r.complete && !equal) ? 'fail' : r.complete ? 'pass' : 'incomplete';
  return { ...r, result, expect: { violated: want, met: r.complete && equal } };
}
