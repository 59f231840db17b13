import type { DvipaModel } from '../model/model.js';
import { targetsOf } from '../model/dist.js';
import { quoted, where } from '../render/diff.js';

/**
 * What a trace step changed that the state JSON does not show in words (D-190): a VIPADEFINE
 * stack that now waits for a WHENIDLE takeback (JSON: Backup, D-01), and a target quiesced or
 * resumed by the operator, or no longer quiesced because it ended or left the group (JSON:
 * `distribution.quiesced`, D-118). Each names the profile statement it rests on.
 */
export function stepNotes(model: DvipaModel, before: Uint8Array, after: Uint8Array): string[] {
  const L = model.layout, cfg = model.cfg;
  const b = model.view().at(before), a = model.view().at(after);
  const name = (i: number): string => cfg.stacks[i]!.name;
  const out: string[] = [];
  for (const d of L.dvipas) {
    for (const i of d.stacks) {
      if (!a.waiting(d.index, i) || b.waiting(d.index, i)) continue;
      const def = cfg.stacks[i]!.defs.find((x) => x.address === d.address);
      const o = a.owner(d.index);
      const n = d.dist ? a.totalConnections(d.index) : o >= 0 ? a.dvipaConnections(d.index, o) : 0;
      out.push(`${d.address}: ${name(i)} waits to take it back (MOVEABLE WHENIDLE${def ? `: ${quoted(def)} at ${where(def.pos)}` : ''}): ${o >= 0 ? name(o) : 'its holder'} still has ${n} connection(s) to it${d.dist ? ' in its routing table' : ''}, new ones keep going there`);
    }
  }
  const dists = L.dvipas.filter((d) => d.dist);
  cfg.stacks.forEach((_, i) => {
    if (L.dist.quiesced[i]! < 0 || b.quiesced(i) === a.quiesced(i)) return;
    const of = dists.filter((d) => d.dist!.targetStacks.includes(i));
    const addrs = of.map((d) => d.address).join(', ');
    if (!a.quiesced(i) && a.stackStatus(i) !== 'joined') { out.push(`${name(i)} is no longer a quiesced target (it ended or left the group, D-118)`); return; }
    if (!a.quiesced(i)) { out.push(`${name(i)} resumed as a target (VARY TCPIP,,SYSPLEX,RESUME,TARGET): eligible again for new connections of ${addrs}`); return; }
    const conns = of.reduce((s, d) => s + a.dvipaConnections(d.index, i), 0);
    const stmts = of.flatMap((d) => d.dist!.own.flatMap((defs) => defs.filter((x) => targetsOf(cfg, x).includes(i)).map((x) => `${x.text} at ${where(x.pos)}`)));
    out.push(`${name(i)} quiesced as a target (VARY TCPIP,,SYSPLEX,QUIESCE,TARGET): no new connections of ${addrs} go to it, ${conns ? `its ${conns} connection(s) stay` : 'it has none now'}${stmts.length ? ` (a target of ${stmts.join('; ')})` : ''}`);
  });
  return out;
}
