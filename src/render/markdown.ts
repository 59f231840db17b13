import type { CheckReport } from '../check/check.js';
import type { Trace } from '../check/trace.js';
import type { Config } from '../spec/config.js';
import { describeChange, describeState, traceFocus } from './diff.js';
import { own } from '../model/own-keys.js';

/** "1 step", "3 steps". */
export const stepCount = (n: number): string => `${n} step${n === 1 ? '' : 's'}`;
/** Text outside code spans: GitHub reads `<...>` as HTML and `&...;` as entities (a client named `ATM <net>`); a lone `>` is text. */
const md = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A table cell: also its separator, and a line break as `<br>` (a newline ends the row, D-206). */
const esc = (s: string): string => md(s).replace(/[|]/g, '\\|').replace(/\r\n?|\n/g, '<br>');
/** Mermaid message text: without the characters its grammar (and HTML in labels) takes. */
const mer = (s: string): string => s.replace(/[;#:<>]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * The keywords of Mermaid's sequence-diagram grammar that can stand where an actor id does (its
 * lexer matches them case-insensitively); a stack of that name gets an id of its own (D-200).
 */
const MERMAID_WORDS = new Set(['participant', 'actor', 'create', 'destroy', 'box', 'as', 'loop', 'rect', 'opt', 'alt', 'else', 'par', 'and', 'critical', 'option', 'break', 'end',
  'left', 'right', 'of', 'over', 'note', 'links', 'link', 'properties', 'details', 'activate', 'deactivate', 'title', 'acctitle', 'accdescr', 'autonumber', 'off', 'sequencediagram']);

/** A Mermaid sequence diagram of a trace: stacks and the routers as participants, events as messages. */
export function mermaid(cfg: Config, trace: Trace): string[] {
  // A stack name is a Mermaid actor id only where the grammar takes it (not `@TCP`, legal on z/OS)
  // and it is not one of our own two participants; other stacks get an id and their name as alias.
  // nor a word of the sequence-diagram grammar (a stack named END or LOOP is legal on z/OS, D-200)
  const id = new Map(cfg.stacks.map((s, i) => [s.name, /^[A-Za-z][A-Za-z0-9#$]*$/.test(s.name) && !['OPS', 'RTR'].includes(s.name) && !MERMAID_WORDS.has(s.name.toLowerCase()) ? s.name : `stack_${i}`]));
  const who = (name: string): string => id.get(name) ?? name;
  const out = ['```mermaid', 'sequenceDiagram', '  participant OPS as Operator/failures'];
  for (const s of cfg.stacks) out.push(who(s.name) === s.name ? `  participant ${s.name}` : `  participant ${who(s.name)} as ${s.name}`);
  out.push('  participant RTR as Routers');
  trace.steps.forEach((step, k) => {
    if (k === 0) {
      // a zero-step counterexample (the initial state violates it) still shows what is violated
      if (step.violations.length > 0) out.push('  Note over OPS,RTR: initial state');
      for (const v of step.violations) out.push(`  Note over OPS,RTR: ${mer(`violated ${v.property}`)}`);
      return;
    }
    const prev = trace.steps[k - 1]!.state;
    const stack = step.event.split(' ')[1];
    const target = who(cfg.stacks.some((s) => s.name === stack) ? stack! : cfg.stacks[0]!.name);
    out.push(`  OPS->>${target}: ${k}. ${mer(step.event)}`);
    for (const [addr, d] of Object.entries(step.state.dvipas)) {
      const before = prev.dvipas[addr]!;
      if (before.owner !== d.owner && d.owner) out.push(`  ${who(d.owner)}->>RTR: ${d.advertised ? 'advertise' : 'holds (NOT advertised)'} ${addr}`);
      if (before.owner !== d.owner && !d.owner && before.owner) out.push(`  Note over ${who(before.owner)}: ${addr} lost`);
      else if (before.owner === d.owner && before.advertised && !d.advertised && d.owner) out.push(`  ${who(d.owner)}--xRTR: ${addr} no longer advertised`);
      // a distributed DVIPA (SEMANTICS §10): the distributor forwards a new connection to its target
      if (d.distribution && d.owner) {
        for (const [t, n] of Object.entries(d.connections)) if (n > (own(before.connections, t) ?? 0) && t !== d.owner) out.push(`  ${who(d.owner)}->>${who(t)}: forward ${addr} connection`);
        if (before.owner !== d.owner) out.push(`  Note over ${who(d.owner)}: distributor of ${addr}`);
      }
    }
    for (const v of step.violations) out.push(`  Note over OPS,RTR: ${mer(`violated ${v.property}`)}`);
  });
  out.push('```');
  return out;
}

export function traceSteps(cfg: Config, trace: Trace): string[] {
  const out: string[] = [];
  const only = traceFocus(trace); // D-334
  trace.steps.forEach((step, k) => {
    out.push(k === 0 ? '0. **initial state**' : `${k}. **${md(step.event)}**`);
    const lines = k === 0 ? describeState(step.state, only) : describeChange(cfg, trace.steps[k - 1]!.state, step.state, only);
    for (const l of lines) out.push(`   - ${md(l)}`);
    if (step.note) out.push(`   - _note: ${md(step.note)}_`);
    if (step.assumed) out.push(`   - _assumed: ${md(step.assumed.join(', '))}_`);
    for (const v of step.violations) out.push(`   - ❌ \`${v.property}\`: ${md(v.message)}`);
  });
  return out;
}

/** A report for a pull-request comment. */
export function renderMarkdown(cfg: Config, r: CheckReport): string {
  const icon = r.result === 'pass' ? '✅' : r.result === 'fail' ? '❌' : '⚠️';
  const out = [`## ${icon} dvipa-verify: \`${r.spec}\` (sysplex ${md(cfg.sysplex)}): ${r.result}`, ''];
  if (r.reason) out.push(`**${md(r.reason)}**`, '');
  out.push(`${r.states} distinct states, ${r.transitions} transitions, depth ${r.depth}; ${r.complete ? 'complete' : `incomplete (${r.termination})`}.`, '');
  if (cfg.findings.some((f) => f.severity !== 'info')) {
    out.push('Profile findings:', '');
    for (const f of cfg.findings.filter((x) => x.severity !== 'info')) out.push(`- \`${f.pos.file}:${f.pos.line}:${f.pos.column}\` ${f.severity}: [${f.stack}] ${md(f.message)}`);
    out.push('');
  }
  out.push('| property | status | why |', '|---|---|---|');
  const expected = (name: string): boolean => r.expect?.violated.includes(name) === true;
  for (const p of r.properties) out.push(`| \`${p.name}\` | ${p.status === 'violated' ? (expected(p.name) ? '☑️ violated (expected)' : '❌ violated') : p.status === 'holds' ? '✅ holds' : '⚠️ unknown'} | ${esc(p.message ?? (p.vacuous ? `nothing to check: ${p.vacuous}` : ''))} |`);
  for (const p of r.properties) {
    if (!p.trace) continue;
    out.push('', `### Counterexample for \`${p.name}\` (${stepCount(p.trace.steps.length - 1)})`, '', ...mermaid(cfg, p.trace), '', ...traceSteps(cfg, p.trace));
  }
  return `${out.join('\n')}\n`;
}
