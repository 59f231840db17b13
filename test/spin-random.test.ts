import fc from 'fast-check';
import { it } from 'vitest';
import { config } from './helpers.js';
import { richSpec, smallSpec } from './gen-spec.js';
import { toIpv6 } from './gen-ipv6.js';
import { distSliceSpec, rangeSliceSpec } from './gen-slice-spec.js';
import { agree, maybe } from './spin-agree.js';

maybe('SPIN agrees on random specs', () => {
  it('small random specs (ties, WHENIDLE, MOVEABLE backups, RECOVERY, NOJOIN, CPCSCOPE)', async () => {
    await fc.assert(fc.asyncProperty(smallSpec, async (text) => { await agree(config(text)); }), { numRuns: 6 });
  }, 300_000);

  it('richer random specs (4 stacks, static routing, BIND, CPCSCOPE, WHENIDLE backups)', async () => {
    await fc.assert(fc.asyncProperty(richSpec, async (text) => { await agree(config(text)); }), { numRuns: 3 });
  }, 300_000);

  it('IPv6 versions of random specs (SEMANTICS §12: IPCONFIG6 DYNAMICXCF, interface names)', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(smallSpec, richSpec), async (text) => { await agree(config(toIpv6(text))); }), { numRuns: 3, seed: 18 });
  }, 300_000);

  it('random specs with VIPARANGE DVIPAs (bind, ioctl, NONDISRUPTIVE, DISRUPTIVE, nested ranges, standby instances)', async () => {
    await fc.assert(fc.asyncProperty(rangeSliceSpec, async (text) => { await agree(config(text)); }), { numRuns: 6, seed: 18 });
  }, 300_000);

  it('random specs with a sysplex distributor (targets, HOTSTANDBY, inherited definitions, VIPAROUTE)', async () => {
    await fc.assert(fc.asyncProperty(distSliceSpec, async (text) => { await agree(config(text)); }), { numRuns: 3, seed: 17 });
  }, 300_000);

});
