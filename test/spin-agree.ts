import { expect, describe } from 'vitest';
import { check } from '../src/check/check.js';
import { runSpin, spinMissing } from '../src/export/spin.js';
import type { Config } from '../src/spec/config.js';

/** SPIN is installed by .ci/run; these tests need it (no silent skip in CI). */
export const missing = spinMissing();
const inCi = process.env.CI === 'true';
export const maybe = missing && !inCi ? describe.skip : describe;

/** Our full-product search and SPIN's on the exported model: same stored states, transitions, violated properties. */
export async function agree(cfg: Config): Promise<void> {
  const ours = await check(cfg, { slice: false });
  const s = runSpin(cfg, null, null, ours.states);
  const violated = ours.properties.filter((p) => p.status === 'violated').map((p) => p.name).sort();
  expect({ states: s.states, transitions: s.transitions, violated: s.violated }).toEqual({ states: ours.states, transitions: ours.transitions, violated });
}
