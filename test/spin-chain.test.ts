import { it } from 'vitest';
import { chainSpec, config } from './helpers.js';
import { agree, maybe } from './spin-agree.js';

maybe('SPIN agrees on the chain family', () => {
  it('the chain family up to 105,600 states (and chain(4,4,1), 414,208 states, with SPIN_CHAIN_LARGE=1)', async () => {
    for (const [n, m, k] of [[2, 1, 1], [3, 2, 1], [3, 3, 2], [4, 2, 1], [4, 3, 1], ...(process.env.SPIN_CHAIN_LARGE ? [[4, 4, 1]] : [])] as const) await agree(config(chainSpec(n, m, k)));
  }, 600_000);

});
