import type { VipaConfig } from '../import/vipa-config.js';
import type { VipadynReport } from '../import/vipadyn.js';

/** The typed, frozen configuration a spec file turns into (SPEC.md §1 after validation). */

export interface SourcePos { readonly file: string; readonly line: number; readonly column: number }

export type Severity = 'error' | 'warning' | 'info';

/** A finding about a TCP/IP profile or a static lint result (not a spec error). */
export interface Finding {
  readonly severity: Severity;
  readonly code: string;
  readonly pos: SourcePos;
  readonly stack?: string;
  readonly message: string;
  /** The built-in property the finding endangers (lint). */
  readonly property?: string;
  /** How to fix it, where one fix applies. */
  readonly hint?: string;
}

export type Moveable = 'IMMEDIATE' | 'WHENIDLE';

/** One surviving VIPADEFINE / VIPABACKUP of one address on one stack. */
export interface DvipaDef {
  readonly kind: 'define' | 'backup';
  readonly address: string;
  /** VIPADEFINE: IMMEDIATE by default; VIPABACKUP: null when plain (not MOVEABLE). */
  readonly moveable: Moveable | null;
  /** VIPABACKUP rank 1..254 (default 1); 0 for VIPADEFINE (no rank, D-25). */
  readonly rank: number;
  readonly cpcscope: boolean;
  readonly mask: string | null;
  /** The statement as written (normalised blanks), for traces. */
  readonly text: string;
  readonly pos: SourcePos;
  /** IPv6 DVIPAs (SEMANTICS §12, src/spec/ipv6-dvipas.ts): absent = 'ipv4'; `address` is then canonical (RFC 5952). */
  readonly family?: 'ipv4' | 'ipv6';
  /** IPv6: the interface name (an attribute; the DVIPA is identified by its address). */
  readonly intf?: string | null;
}

/** One surviving IPv6 VIPADEFINE / VIPABACKUP as parsed (SEMANTICS §12); the model's copy is in `defs` (family 'ipv6'). */
export interface Dvipa6Def {
  readonly kind: 'define' | 'backup';
  readonly intf: string;
  /** Canonical (RFC 5952) address. */
  readonly address: string;
  readonly prefix: number | null;
  readonly moveable: 'IMMEDIATE' | null;
  readonly rank: number;
  readonly cpcscope: boolean;
  readonly text: string;
  readonly pos: SourcePos;
}

/** A VIPARANGE (SEMANTICS §11; parsed, not modelled in this version). */
export interface RangeDef {
  readonly family: 'ipv4' | 'ipv6';
  readonly moveable: 'NONDISRUPTIVE' | 'DISRUPTIVE';
  /** IPv4: the mask; IPv6: null (the prefix length is in `prefix`). */
  readonly mask: string | null;
  readonly prefix: number | null;
  readonly address: string;
  readonly intf: string | null;
  readonly saf: string | null;
  readonly text: string;
  readonly pos: SourcePos;
}

export type DistMethod = 'BASEWLM' | 'ROUNDROBIN' | 'SERVERWLM' | 'WEIGHTEDACTIVE' | 'HOTSTANDBY' | 'TARGCONTROLLED';

/** A DESTIP target of a VIPADISTRIBUTE: its DYNAMICXCF address and HOTSTANDBY role or weight. */
export interface DestTarget {
  readonly xcf: string;
  readonly role: 'preferred' | 'backup' | null;
  readonly rank: number | null;
  readonly weight: number | null;
}

/** A VIPADISTRIBUTE of a DVIPA the stack defines (SEMANTICS §10; parsed, not modelled in this version). */
export interface DistributeDef {
  readonly family: 'ipv4' | 'ipv6';
  /** The distributed DVIPA's address (for IPv6, that of the definition its interface name names). */
  readonly address: string;
  readonly intf: string | null;
  readonly method: DistMethod;
  /** Port ranges [low, high]; empty = every port (dynamic port processing). */
  readonly ports: readonly (readonly [number, number])[];
  readonly destip: 'ALL' | readonly DestTarget[];
  readonly autoSwitchBack: boolean;
  readonly healthSwitch: boolean;
  readonly text: string;
  readonly pos: SourcePos;
}

/** A VIPAROUTE: route to a target's DYNAMICXCF address through `target` (parsed, not modelled). */
export interface RouteDef {
  readonly family: 'ipv4' | 'ipv6';
  readonly xcf: string;
  readonly target: string;
  readonly text: string;
  readonly pos: SourcePos;
}

export type JoinMode = 'NODELAYJOIN' | 'DELAYJOIN' | 'NOJOIN';

export interface AppConfig {
  readonly name: string;
  readonly port: number;
  /** null = INADDR_ANY; an IPv4 address or a canonical (RFC 5952) IPv6 address. */
  readonly bind: string | null;
  /** How the application creates a DVIPA of a VIPARANGE (SEMANTICS §11, SPEC §5): bind (default) or ioctl (SIOCSVIPA/MODDVIPA). */
  readonly create?: 'bind' | 'ioctl';
  /** `down`: a standby instance, down until `app-start` (SPEC §5); default up. */
  readonly initially?: 'up' | 'down';
  /** Where the application is listed (lint findings). */
  readonly pos?: SourcePos;
}

/** What a stack's profile says outside VIPADYNAMIC: GLOBALCONFIG SYSPLEXMONITOR, IPCONFIG and IPCONFIG6 DYNAMICXCF. */
export interface GroupSettings {
  readonly join: JoinMode;
  readonly recovery: boolean;
  readonly autorejoin: boolean;
  readonly dynamicXcf: boolean;
  /** IPCONFIG DYNAMICXCF address (last one given; null without DYNAMICXCF): a distributor's DESTIP names targets by it. */
  readonly xcfAddress: string | null;
  /** IPCONFIG6 DYNAMICXCF (SEMANTICS §12) and its address (canonical form). */
  readonly dynamicXcf6: boolean;
  readonly xcf6Address: string | null;
  /**
   * D-181: the GLOBALCONFIG statement whose SYSPLEXMONITOR parameter set the join rule
   * (DELAYJOIN / NODELAYJOIN / NOJOIN) and the one that set RECOVERY / NORECOVERY (the last of
   * each, D-49); absent when no statement did (the defaults).
   */
  readonly joinAt?: StatementRef;
  readonly recoveryAt?: StatementRef;
}

/** A profile statement as cited in traces: its text and where its keyword stands. */
export interface StatementRef {
  readonly text: string;
  readonly pos: SourcePos;
}

export interface StackConfig extends GroupSettings {
  readonly name: string;
  readonly system: string | null;
  readonly cpc: string | null;
  readonly routing: 'omproute' | 'static';
  /** The definitions the model uses: IPv4, then the IPv6 ones the interface pairing accepts (D-145). */
  readonly defs: readonly DvipaDef[];
  /** What the profile defines beyond IPv4 VIPADEFINE/VIPABACKUP (SEMANTICS §10-12), as parsed. */
  readonly ipv6Defs: readonly Dvipa6Def[];
  readonly ranges: readonly RangeDef[];
  readonly distributes: readonly DistributeDef[];
  readonly routes: readonly RouteDef[];
  /** MVS system symbols substituted in the profile (SPEC §5), defaults included. */
  readonly symbols: Readonly<Record<string, string>>;
  readonly applications: readonly AppConfig[];
  readonly pos: SourcePos;
  /** Where the profile's statements are (spec file for inline profiles). */
  readonly profileFile: string | null;
  /** The VIPADYNAMIC statements in one shape, to compare with a NETSTAT VIPADCFG report (lint). */
  readonly vipa?: VipaConfig;
  /**
   * With `start: { netstat }`: what the stack's VIPADYN report says (field codes of codes.ts per
   * DVIPA address); absent = no report, the stack starts down (src/model/start-state.ts).
   */
  readonly start?: { readonly joined: boolean; readonly statuses: Readonly<Record<string, number>> };
}

export interface ClientConfig { readonly name: string; readonly dvipa: string; readonly port: number; readonly pos: SourcePos }

export const EVENT_GROUPS = ['terminate', 'start', 'routing', 'leavegroup', 'deactivate', 'applications', 'connections', 'distribution'] as const;
export type EventGroup = typeof EVENT_GROUPS[number];

export interface Environment {
  /** `running` also for `start: { netstat }`, whose state `netstat` then gives (src/model/start-state.ts). */
  readonly start: 'running' | 'down';
  /** The parsed NETSTAT VIPADYN reports of `start: { netstat: [files] }`, else null (SPEC §5). */
  readonly netstat: readonly VipadynReport[] | null;
  readonly events: ReadonlySet<EventGroup>;
  /** null = unlimited */
  readonly maxFailures: number | null;
  readonly maxConnections: number;
}

export interface Config {
  readonly file: string;
  readonly sysplex: string;
  readonly stacks: readonly StackConfig[];
  readonly clients: readonly ClientConfig[];
  readonly environment: Environment;
  readonly properties: { readonly only: readonly string[] | null; readonly skip: readonly string[]; readonly pos: SourcePos | null };
  readonly expect: { readonly violated: readonly string[]; readonly pos: SourcePos } | null;
  /** Profile findings (z/OS-style rejections, not-modelled notes), in stack then profile order. */
  readonly findings: readonly Finding[];
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
