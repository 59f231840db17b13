import type { Action, EventKind } from '../model/actions.js';
import type { Expr } from '../model/ir.js';
import type { DvipaInfo, Layout } from '../model/layout.js';
import type { FastContext } from './fast.js';
import type { StateView } from '../model/view.js';
import type { Config } from '../spec/config.js';

export type { StateView } from '../model/view.js';
export type { StateJSON } from '../model/view.js';
export type { DvipaInfo } from '../model/layout.js';

/** true, null, undefined (or no return) = holds; false or a message = violated. */
export type Verdict = boolean | string | null | undefined | void;

/** What a property sees of the configuration: the spec plus indices of DVIPAs. */
export interface Sysplex {
  readonly config: Config;
  readonly dvipas: readonly DvipaInfo[];
  /** clientDvipa[client] = index of the DVIPA the client targets. */
  readonly clientDvipa: readonly number[];
  stackIndex(name: string): number;
  dvipaIndex(address: string): number;
  clientIndex(name: string): number;
}

/** An event of a step (SPEC §3); indices are -1 where the event has no such operand. */
export interface EventView {
  readonly kind: EventKind;
  readonly text: string;
  readonly stack: number;
  readonly dvipa: number;
  readonly app: number;
  readonly client: number;
}

/**
 * The DVIPAs a site property reads (slicing, SPEC §5): a list of addresses (it is checked on the
 * slice of those DVIPAs) or 'all' (the full model). A property that declares nothing is checked
 * on the full model. Built-in properties speak of one DVIPA at a time and are checked per slice.
 */
export type DvipaScope = 'all' | readonly string[];

export interface Invariant {
  readonly kind: 'invariant';
  readonly name: string;
  readonly description: string;
  readonly dvipas?: DvipaScope;
  check(state: StateView, sysplex: Sysplex): Verdict;
  /**
   * Built-in properties only: why the property has nothing to check in this configuration (no
   * definition, client or distribution of the kind it speaks of), or null; the report then says
   * it holds vacuously (D-179).
   */
  readonly nothingToCheck?: (config: Config) => string | null;
  /**
   * Built-in properties only: the fast path, `check`'s conditions in the rule language (true =
   * holds), printed as JavaScript for the search and as Promela assertions (properties/fast.ts).
   * Where it says "violated", `check` still writes the message; a disagreement is an internal
   * error, and test/packed.test.ts compares both on many models.
   */
  readonly fast?: (ctx: FastContext) => readonly Expr[];
}

/**
 * Parts of a state: 'stacks' = status, routing, group membership and applications of every
 * stack; 'dvipas' = every DVIPA status on every stack (owners, Backup, Moving, ...);
 * 'connections' = every client's connection counts.
 */
export type StatePart = 'stacks' | 'dvipas' | 'connections';

export interface StepProperty {
  readonly kind: 'step';
  readonly name: string;
  readonly description: string;
  readonly dvipas?: DvipaScope;
  /**
   * Optional: the only event kinds whose steps can violate the property. Steps of other kinds
   * are not checked (a speed hint; leave it out when unsure).
   */
  readonly events?: readonly EventKind[];
  /**
   * Optional: the parts of the state a violating step must change. Steps that leave all of them
   * as they were are not checked (a speed hint, like `events`; leave it out when unsure).
   */
  readonly changes?: readonly StatePart[];
  check(before: StateView, event: EventView, after: StateView, sysplex: Sysplex): Verdict;
  /**
   * Built-in properties only: why the property has nothing to check in this configuration (no
   * definition, client or distribution of the kind it speaks of), or null; the report then says
   * it holds vacuously (D-179).
   */
  readonly nothingToCheck?: (config: Config) => string | null;
  /** Built-in properties only: as for invariants, per event instance (over `before` and `now`). */
  readonly fast?: (ctx: FastContext) => (event: EventView, index: number) => readonly Expr[];
}

export type Property = Invariant | StepProperty;

/** Declares a property that must hold in every reachable state. */
export function invariant(p: Omit<Invariant, 'kind'>): Invariant { return { kind: 'invariant', ...p }; }
/** Declares a property that must hold for every step (before, event, after). */
export function stepProperty(p: Omit<StepProperty, 'kind'>): StepProperty { return { kind: 'step', ...p }; }

export function isProperty(x: unknown): x is Property {
  const p = x as Property;
  return !!p && typeof p === 'object' && (p.kind === 'invariant' || p.kind === 'step') && typeof p.name === 'string' && typeof p.check === 'function';
}

export type { Action };
