import type { DvipaDef, Finding, StackConfig } from './config.js';
import { canonicalIPv6, isIPv4 } from './ipv4.js';

/**
 * IPv6 DVIPAs of VIPADEFINE / VIPABACKUP into the model (SEMANTICS §12, issue 18). The model sees
 * one list of definitions per stack (`StackConfig.defs`): the IPv4 ones, then the accepted IPv6
 * ones (family 'ipv6', the canonical address, the interface name), so every rule of §4 applies
 * unchanged; only the DYNAMICXCF test of a takeback is per family (IPCONFIG6 DYNAMICXCF, D-147).
 *
 * Interface pairing (IBM "IPv6 VIPADEFINE and VIPABACKUP"): every stack's definition of an IPv6
 * DVIPA must name the interface name / address pair of the existing definition; one that names
 * the address with another interface name, or the interface name with another address, is
 * rejected at its join, so that stack never takes the DVIPA over. "Existing" depends on the join
 * order at run time; D-145 settles it statically: the reference pairs are those of the
 * VIPADEFINEs in stack order, then of the VIPABACKUPs in stack order, each claiming its address
 * and its interface name unless one of them is claimed already (then it is rejected).
 */
export function withIpv6Defs(stacks: readonly StackConfig[]): { stacks: StackConfig[]; findings: Finding[] } {
  const findings: Finding[] = [];
  if (!stacks.some((s) => s.ipv6Defs.length > 0)) return { stacks: [...stacks], findings };
  const order = (['define', 'backup'] as const).flatMap((kind) => stacks.flatMap((s, i) => s.ipv6Defs.filter((d) => d.kind === kind).map((d) => ({ i, d }))));
  const byAddr = new Map<string, { intf: string; name: string; stack: string; at: string; kind: string }>();
  const byIntf = new Map<string, { address: string; stack: string; at: string; kind: string }>();
  // D-304: the reference definition is cited as file:line:column, as findings and traces are (D-281)
  const at = (p: { file: string; line: number; column: number }): string => `${p.file}:${p.line}:${p.column}`;
  const rejected = new Set<object>();
  const word = (k: string): string => (k === 'define' ? 'VIPADEFINE' : 'VIPABACKUP');
  for (const { i, d } of order) {
    const intf = d.intf.toUpperCase();
    const a = byAddr.get(d.address);
    const f = byIntf.get(intf);
    if (!a && !f) {
      byAddr.set(d.address, { intf, name: d.intf, stack: stacks[i]!.name, at: at(d.pos), kind: d.kind });
      byIntf.set(intf, { address: d.address, stack: stacks[i]!.name, at: at(d.pos), kind: d.kind });
      continue;
    }
    if (a && a.intf === intf) continue; // the same pair: accepted
    rejected.add(d);
    const ref = a
      ? `${d.address} is defined with interface name ${a.name} by the ${word(a.kind)} on ${a.stack} (${a.at})`
      : `interface name ${d.intf} names ${f!.address} in the ${word(f!.kind)} on ${f!.stack} (${f!.at})`;
    findings.push({
      severity: 'error', code: 'ipv6-intf-mismatch', pos: d.pos, stack: stacks[i]!.name, property: 'available',
      message: `IPv6 ${word(d.kind)} ${d.intf} ${d.address} on ${stacks[i]!.name}: ${ref}; z/OS rejects a definition whose interface name / address pair differs from the existing one, so ${stacks[i]!.name} never takes ${d.address} over (the reference pair is that of the first VIPADEFINE in stack order, else of the first VIPABACKUP, D-145)`,
      hint: a ? `write ${a.name} ${d.address} here, as on ${a.stack}` : `use another interface name for ${d.address}, or the address ${f!.address}`,
    });
  }
  return {
    stacks: stacks.map((s) => (s.ipv6Defs.length === 0 ? s : { ...s, defs: [...s.defs, ...s.ipv6Defs.filter((d) => !rejected.has(d)).map((d): DvipaDef => ({
      kind: d.kind, address: d.address, moveable: d.moveable, rank: d.rank, cpcscope: d.cpcscope, mask: null, text: d.text, pos: d.pos, family: 'ipv6', intf: d.intf,
    }))] })),
    findings,
  };
}

/** The DVIPA's family ('ipv4' for definitions without one). */
export const familyOf = (d: { readonly family?: 'ipv4' | 'ipv6' }): 'ipv4' | 'ipv6' => d.family ?? 'ipv4';

/** The stack's DYNAMICXCF for a DVIPA of that family: IPCONFIG DYNAMICXCF or IPCONFIG6 DYNAMICXCF (D-147). */
export const xcfFor = (st: StackConfig, family: 'ipv4' | 'ipv6'): boolean => (family === 'ipv6' ? st.dynamicXcf6 : st.dynamicXcf);

/** A DVIPA as a user writes it (an event's operand): IPv6 in canonical form, anything else as is. */
export const canonicalDvipa = (s: string): string => (isIPv4(s) ? s : canonicalIPv6(s) ?? s);
