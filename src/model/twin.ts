import { ACTIVE } from './codes.js';
import type { Layout } from './layout.js';

/** JavaScript for the owner of DVIPA d in the state named v: the first stack where d is Active, or -1. */
export function ownerExpr(L: Layout, v: string, d: number): string {
  let e = '-1';
  const stacks = L.dvipas[d]!.stacks;
  for (let k = stacks.length - 1; k >= 0; k--) e = `${v}[${L.statusOffset[d * L.nStacks + stacks[k]!]!}] === ${ACTIVE} ? ${stacks[k]} : ${e}`;
  return `(${e})`;
}

/** Compiles a packed twin (properties/*.ts) from its body, with `values` bound by name. */
export function compileTwin<F>(params: string, body: string, values: Record<string, unknown> = {}): F {
  return new Function(...Object.keys(values), `"use strict"; return (${params}) => { ${body} };`)(...Object.values(values)) as F;
}
