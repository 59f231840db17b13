import type { Config } from '../spec/config.js';
import { INADDR_ANY_V6 } from './assumptions.js';
import { assume, cases, eq, n, or, when, type Expr, type Stmt } from './ir.js';
import type { Layout } from './layout.js';

/**
 * The rules IPv6 DVIPAs add to those of IPv4 (SEMANTICS §12, issue 18; rules.ts calls these).
 * Everything else of an IPv6 DVIPA is the IPv4 rule unchanged: the takeback's DYNAMICXCF test per
 * family is in rules.ts (`xcfFor`, D-147).
 *
 * connect: a connection to an IPv6 DVIPA that only an INADDR_ANY application serves relies on the
 * assumption that INADDR_ANY listens on IPv6 DVIPAs too (SEMANTICS §12 "assumed", D-149); one
 * served by an application bound to the DVIPA's address does not.
 */
export function connectAssumptions(cfg: Config, L: Layout, client: number, owner: Expr, app: (i: number, k: number) => Expr): Stmt[] {
  return servedAssumptions(cfg, L, client, owner, app, L.dvipas[L.clientDvipa[client]!]!.stacks);
}

/**
 * The same for the stack `server` of `stacks` that took the connection: the owner of a plain
 * DVIPA, the picked target of a distributed one (SEMANTICS §10: the target serves it, D-194).
 */
export function servedAssumptions(cfg: Config, L: Layout, client: number, server: Expr, app: (i: number, k: number) => Expr, stacks: readonly number[]): Stmt[] {
  const c = cfg.clients[client]!;
  const d = L.dvipas[L.clientDvipa[client]!]!;
  if (d.family !== 'ipv6') return [];
  const bound = (i: number): Expr => or(...cfg.stacks[i]!.applications.flatMap((a, k) => (a.port === c.port && a.bind === c.dvipa ? [eq(app(i, k), 1)] : [])));
  if (stacks.every((i) => !cfg.stacks[i]!.applications.some((a) => a.port === c.port && a.bind === c.dvipa))) return [assume(INADDR_ANY_V6)];
  return when(eq(cases(server, stacks.map((j) => [j, bound(j)])), n(0)), [assume(INADDR_ANY_V6)]);
}
