import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import type { Property } from '../src/properties/api.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { config } from './helpers.js';
import { smallSpec } from './gen-spec.js';

/** The built-ins' `events` and `changes` hints are speed hints: without them nothing changes. */
describe('step-property event filters are sound', () => {
  it('the same verdicts and shortest trace lengths with every step property checked on every step', async () => {
    const unfiltered: Property[] = BUILTIN_PROPERTIES.filter((p) => p.kind === 'step').map((p) => ({ ...p, name: `${p.name}-all`, events: undefined, changes: undefined }));
    const names = BUILTIN_PROPERTIES.filter((p) => p.kind === 'step').map((p) => p.name);
    await fc.assert(fc.asyncProperty(smallSpec, async (text) => {
      const r = await check(config(text), { extraProperties: unfiltered });
      for (const n of names) {
        const a = r.properties.find((p) => p.name === n);
        if (!a) continue; // hot-standby is part of a run only with HOTSTANDBY (D-117)
        const b = r.properties.find((p) => p.name === `${n}-all`)!;
        expect([b.status, b.trace?.steps.length]).toEqual([a.status, a.trace?.steps.length]);
      }
    }), { numRuns: 60 });
  });
});
