import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../spec/config.js';
import { exportPromela } from './promela.js';

export interface SpinResult { states: number; transitions: number; violated: string[]; seconds: number; depthLimited: boolean }

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Why SPIN cannot run here, or null. */
export function spinMissing(): string | null {
  if (!have('spin')) return "'spin' is not on the PATH (Debian: apt-get install spin)";
  if (!have('cc')) return "no C compiler 'cc' on the PATH (Debian: apt-get install gcc)";
  return null;
}

/** D-152: below this many states the verifier is compiled without optimisation (cc -O2 costs more than it saves). */
export const SPIN_OPTIMIZE_FROM = 2_000_000;

/**
 * Exports the spec to Promela, compiles SPIN's verifier and runs an exhaustive search that goes on
 * past assertion violations; returns SPIN's stored states, its transitions minus the two it adds
 * (initial state and start-state check) and the properties whose assertions failed. `states`: our
 * count of the full model, which picks the compiler's optimisation (D-152); unknown: -O2.
 */
export function runSpin(cfg: Config, only?: readonly string[] | null, skip?: readonly string[] | null, states?: number): SpinResult {
  const dir = mkdtempSync(join(tmpdir(), 'dvipa-spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), exportPromela(cfg, only, skip));
    const t0 = performance.now();
    execFileSync('spin', ['-a', 'model.pml'], { cwd: dir, stdio: 'pipe' });
    execFileSync('cc', [states !== undefined && states < SPIN_OPTIMIZE_FROM ? '-O0' : '-O2', '-DNOREDUCE', '-DNOFAIR', '-DSAFETY', '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'pipe' });
    const r = spawnSync('./pan', ['-m3000000', '-c0', '-n'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    const text = `${r.stdout}\n${r.stderr}`;
    const num = (re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);
    const violated = [...new Set([...text.matchAll(/assertion violated (\w+)/g)].map((m) => m[1]!.replace(/_/g, '-')))].sort();
    return {
      states: num(/(\d+) states, stored/), transitions: num(/(\d+) transitions \(= stored\+matched\)/) - 2,
      violated, seconds: (performance.now() - t0) / 1000, depthLimited: /max search depth too small/.test(text),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
