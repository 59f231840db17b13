import type { SourcePos, StackConfig } from './config.js';
import type { SpecError } from './errors.js';

/**
 * D-90: what z/OS cannot have is refused before anything is built (exit 2), so that a spec
 * cannot make the checker build a model no sysplex has:
 * - a Parallel Sysplex links at most 32 systems (z/OS MVS Setting Up a Sysplex);
 * - a system runs at most 8 TCP/IP stacks at a time (Common INET, CINET; one stack per system
 *   is IBM's recommendation, several are possible);
 * - so at most 32 x 8 = 256 stacks in a spec (a stack without `system` counts here only);
 * - a stack holds at most 1024 DVIPAs from VIPADEFINE and VIPABACKUP (EZZ8309I TOO MANY VIPAS):
 *   not refused here but, as z/OS does, in the profile, where the definitions past it are rejected
 *   and the run goes on (D-331, vipa-resolve.ts).
 */
export const ZOS = { systems: 32, stacksPerSystem: 8, stacks: 32 * 8, dvipasPerStack: 1024 } as const;

const err = (pos: SourcePos, message: string): SpecError => ({ code: 'E_LIMIT', pos, message, hint: 'D-90: z/OS limits' });

/** The stack count alone, before any profile is read: the first stack past the limit. */
export function tooManyStacks(count: number, posOf: (i: number) => SourcePos): SpecError | null {
  if (count <= ZOS.stacks) return null;
  return err(posOf(ZOS.stacks), `${count} stacks: a sysplex has at most ${ZOS.systems} systems of at most ${ZOS.stacksPerSystem} TCP/IP stacks each (${ZOS.stacks} stacks); this is stack ${ZOS.stacks + 1}`);
}

/** Systems per sysplex and stacks per system (DVIPAs per stack are a profile's: vipa-resolve.ts, D-331). */
export function zosLimits(stacks: readonly StackConfig[]): SpecError[] {
  const out: SpecError[] = [];
  const perSystem = new Map<string, number>();
  for (const s of stacks) {
    if (s.system !== null) {
      const key = s.system.toUpperCase();
      const n = (perSystem.get(key) ?? 0) + 1;
      if (n === 1 && perSystem.size === ZOS.systems) out.push(err(s.pos, `stack ${s.name} is on system ${s.system}, system number ${ZOS.systems + 1}: a sysplex has at most ${ZOS.systems} systems`));
      perSystem.set(key, n);
      if (n === ZOS.stacksPerSystem + 1) out.push(err(s.pos, `stack ${s.name} is TCP/IP stack number ${n} on system ${s.system}: a system runs at most ${ZOS.stacksPerSystem} (Common INET)`));
    }
  }
  return out;
}
