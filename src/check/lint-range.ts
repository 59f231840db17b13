import { coveringRange, definedAddresses, rangeDvipas } from '../model/range-layout.js';
import type { Config, Finding } from '../spec/config.js';

/**
 * Static findings for application-specific DVIPAs (SEMANTICS §11, issue 18), each with the
 * position of the application or VIPARANGE statement and the property it endangers.
 */
export function lintRanges(cfg: Config): Finding[] {
  const out: Finding[] = [];
  const name = (i: number): string => cfg.stacks[i]!.name;
  for (const { address, info } of rangeDvipas(cfg)) {
    const on = info.binders.flatMap((b, i) => (b.length ? [i] : []));
    for (const i of on) {
      const a = cfg.stacks[i]!.applications[info.binders[i]![0]!]!;
      const pos = a.pos ?? cfg.stacks[i]!.pos;
      const r = info.range[i];
      if (r === null) {
        out.push({ severity: 'error', code: 'bind-not-in-range', pos, stack: name(i), property: 'present',
          message: `${a.name} on ${name(i)} binds ${address}, but no VIPARANGE of ${name(i)} covers it: its bind fails there (EADDRNOTAVAIL)`,
          hint: `add VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE ${address.includes(':') ? 'intfname net/prefix' : 'mask net'} covering ${address} to ${name(i)}'s VIPADYNAMIC block` }); // IPv6: SEMANTICS §11
        continue;
      }
      const others = on.filter((j) => j !== i);
      if (r.moveable === 'DISRUPTIVE' && others.length > 0) {
        out.push({ severity: 'error', code: 'disruptive-range-two-stacks', pos: r.pos, stack: name(i), property: 'present',
          message: `${address} is bound by applications on ${[i, ...others].map(name).join(' and ')} under this DISRUPTIVE range: the second instance's bind fails`,
          hint: 'use VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE, or run the application on one stack' });
      }
      if (r.moveable === 'NONDISRUPTIVE' && others.length > 0 && !(address.includes(':') ? cfg.stacks[i]!.dynamicXcf6 : cfg.stacks[i]!.dynamicXcf)) {
        out.push({ severity: 'warning', code: 'no-dynamicxcf', pos: r.pos, stack: name(i), property: 'connections-preserved',
          message: `${name(i)} may hand ${address} over to another stack (NONDISRUPTIVE) but has no ${address.includes(':') ? 'IPCONFIG6' : 'IPCONFIG'} DYNAMICXCF: its connections are lost on the move` });
      }
      const st = cfg.stacks[i]!;
      if (st.routing === 'omproute' && st.join !== 'DELAYJOIN') {
        out.push({ severity: 'error', code: 'no-delayjoin', pos: r.pos, stack: name(i), property: 'routing-ready',
          message: `${name(i)} uses OMPROUTE without GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN: ${a.name} creates ${address} before OMPROUTE can advertise it` });
      }
    }
  }
  // A VIPADEFINE/VIPABACKUP inside a range that an application binds: z/OS skips the definition
  // at a join while the application's DVIPA exists (SEMANTICS §11); the model treats it as defined.
  const defined = definedAddresses(cfg);
  // per bound address, the first stack where an application binds it under a covering range (few: looked up per definition)
  const binders = new Map<string, number>();
  cfg.stacks.forEach((s, j) => s.applications.forEach((a) => {
    if (a.bind !== null && !binders.has(a.bind) && coveringRange(s, a.bind) !== null) binders.set(a.bind, j);
  }));
  cfg.stacks.forEach((st, i) => st.defs.forEach((def) => {
    if (!defined.has(def.address)) return;
    const binder = binders.get(def.address) ?? -1;
    if (binder < 0) return;
    out.push({ severity: 'warning', code: 'define-in-range', pos: def.pos, stack: name(i), property: 'present',
      message: `${def.address} is defined here and also created by an application under a VIPARANGE of ${name(binder)}: whichever exists first wins, z/OS skips this definition at a join while the application's DVIPA exists (the model treats ${def.address} as defined, SEMANTICS §11)`,
      hint: 'take the address out of the range, or drop the definition' });
  }));
  return out;
}
