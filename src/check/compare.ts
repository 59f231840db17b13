import type { Config } from '../spec/config.js';
import { configDiff, type ConfigChange } from './config-diff.js';
import { check, type CheckOptions, type CheckReport, type PropertyResult } from './check.js';

/** What changed between two versions of a spec (a pull request's before and after). */
export interface Comparison {
  /** What changed in the configuration (per stack and DVIPA definition), before any verdict. */
  changes: ConfigChange[];
  old: CheckReport;
  new: CheckReport;
  newlyFailing: PropertyResult[];
  newlyHolding: string[];
  stillFailing: string[];
}

/** `run`: check(), or check() where the property modules run (cli/shared.ts, D-168). */
export async function compare(oldCfg: Config, newCfg: Config, opts: CheckOptions = {}, run: (cfg: Config, opts: CheckOptions) => Promise<CheckReport> = check): Promise<Comparison> {
  const a = await run(oldCfg, opts);
  const b = await run(newCfg, opts);
  const bad = (r: CheckReport): Set<string> => new Set(r.properties.filter((p) => p.status === 'violated').map((p) => p.name));
  const was = bad(a);
  const now = bad(b);
  return {
    changes: configDiff(oldCfg, newCfg),
    old: a, new: b,
    newlyFailing: b.properties.filter((p) => p.status === 'violated' && !was.has(p.name)),
    newlyHolding: a.properties.filter((p) => p.status === 'violated' && b.properties.some((q) => q.name === p.name && q.status === 'holds')).map((p) => p.name),
    stillFailing: [...now].filter((n) => was.has(n)),
  };
}
