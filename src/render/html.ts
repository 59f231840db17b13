import type { NotLoaded } from './junit.js';
import type { CheckReport } from '../check/check.js';
import type { Trace } from '../check/trace.js';
import { FAILURE_KINDS, type EventKind } from '../model/actions.js';
import type { Config } from '../spec/config.js';
import { describeChange, describeState, traceFocus } from './diff.js';
import { own } from '../model/own-keys.js';

const h = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const LEGEND = [
  'filled = Active, ring = Backup, dashed = Moving',
  '× = Quiescing/Deactivated, ✗ = failure event',
  'grey = stack down, yellow = up but not joined',
  'Nc = N connections',
];
const TARGET_LEGEND = 'square = distribution target (filled: eligible)';
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];

/** An SVG timeline: one lane per stack, one column per step; DVIPA ownership coloured per step. */
export function timelineSvg(cfg: Config, trace: Trace, focus: string): string {
  const colW = 104, laneH = 44, left = 96, top = 46;
  const dvipas = Object.keys(trace.steps[0]!.state.dvipas);
  const color = (addr: string): string => PALETTE[dvipas.indexOf(addr) % PALETTE.length]!;
  // wide enough for the legend whatever the number of steps (about 6.5 px a character at 11 px)
  const distributed = dvipas.some((a) => trace.steps[0]!.state.dvipas[a]!.distribution); // SEMANTICS §10: targets shown
  const legend = distributed ? [...LEGEND, TARGET_LEGEND] : LEGEND;
  const legendW = left + Math.ceil(6.5 * Math.max(...legend.map((l) => l.length))) + 8;
  const W = Math.max(left + colW * trace.steps.length + 8, legendW);
  const H = top + laneH * cfg.stacks.length + 30 + 18 * (dvipas.length + legend.length);
  const out = [`<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`];
  trace.steps.forEach((step, k) => {
    const x = left + k * colW;
    const bad = step.violations.some((v) => v.property === focus);
    out.push(`<g class="step${bad ? ' violating' : ''}" data-step="${k}">`);
    if (bad) out.push(`<rect x="${x}" y="0" width="${colW}" height="${top + laneH * cfg.stacks.length}" fill="#fde2e2"/>`);
    out.push(`<text x="${x + colW / 2}" y="14" text-anchor="middle" font-weight="bold">${k}</text>`);
    // the event on two lines (kind, then its arguments), each cut only past the column, with the
    // whole event as a tooltip
    const [kind, ...args] = (k === 0 ? 'initial' : step.event).split(' ');
    const fit = (t: string): string => (t.length > 17 ? `${t.slice(0, 16)}…` : t);
    out.push(`<text x="${x + colW / 2}" y="27" text-anchor="middle"><title>${h(k === 0 ? 'initial state' : step.event)}</title>${h(fit(kind!))}</text>`);
    if (args.length) out.push(`<text x="${x + colW / 2}" y="39" text-anchor="middle"><title>${h(step.event)}</title>${h(fit(args.join(' ')))}</text>`);
    out.push('</g>');
  });
  cfg.stacks.forEach((st, i) => {
    const y = top + i * laneH;
    out.push(`<g class="lane" data-stack="${h(st.name)}"><text x="4" y="${y + laneH / 2 + 4}" font-weight="bold">${h(st.name)}</text>`);
    trace.steps.forEach((step, k) => {
      const x = left + k * colW;
      const s = step.state.stacks[st.name]!;
      const fill = s.status === 'down' ? '#cfcfcf' : s.status === 'up' ? '#fff6cc' : '#ffffff';
      out.push(`<rect class="cell ${s.status}" x="${x + 2}" y="${y + 2}" width="${colW - 4}" height="${laneH - 4}" fill="${fill}" stroke="#999"/>`);
      if (s.routing === 'down' && s.status !== 'down') out.push(`<text x="${x + colW - 6}" y="${y + 13}" text-anchor="end" fill="#b00" font-size="9">no OMPROUTE</text>`);
      dvipas.forEach((addr, j) => {
        const status = own(step.state.dvipas[addr]!.status, st.name);
        const cx = x + 12 + j * 16, cy = y + laneH / 2 + 6;
        const c = color(addr);
        out.push(...targetMark(step.state.dvipas[addr]!, st.name, addr, cx, cy, c, !status || status === 'Inactive'));
        if (!status || status === 'Inactive') return;
        const n = own(step.state.dvipas[addr]!.connections, st.name) ?? 0;
        if (n > 0) out.push(`<text x="${cx}" y="${cy - 9}" text-anchor="middle" font-size="9" fill="${c}">${n}c</text>`);
        if (status === 'Active') out.push(`<circle class="owner" cx="${cx}" cy="${cy}" r="6" fill="${c}"><title>${addr} Active</title></circle>`);
        else if (status === 'Backup') out.push(`<circle cx="${cx}" cy="${cy}" r="5" fill="none" stroke="${c}" stroke-width="2"><title>${addr} Backup</title></circle>`);
        else if (status === 'Moving') out.push(`<circle cx="${cx}" cy="${cy}" r="6" fill="none" stroke="${c}" stroke-dasharray="2 2" stroke-width="2"><title>${addr} Moving</title></circle>`);
        else out.push(`<text x="${cx}" y="${cy + 4}" text-anchor="middle" fill="${c}" font-weight="bold"><title>${addr} ${status}</title>×</text>`);
      });
      const [kind, target] = step.event.split(' ');
      if (k > 0 && target === st.name && FAILURE_KINDS.has(kind as EventKind)) {
        out.push(`<text class="failure" x="${x + colW - 8}" y="${y + laneH - 8}" text-anchor="end" fill="#c00" font-size="14" font-weight="bold">✗</text>`);
      }
    });
    out.push('</g>');
  });
  dvipas.forEach((addr, j) => {
    const y = top + laneH * cfg.stacks.length + 18 + j * 18;
    out.push(`<circle cx="${left + 6}" cy="${y - 4}" r="6" fill="${color(addr)}"/><text x="${left + 18}" y="${y}">${addr}</text>`);
  });
  const ly = top + laneH * cfg.stacks.length + 18 + dvipas.length * 18;
  legend.forEach((l, i) => out.push(`<text class="legend" x="${left}" y="${ly + 16 * i}">${h(l)}</text>`));
  out.push('</svg>');
  return out.join('');
}

/** A distribution target of the DVIPA on this stack (SEMANTICS §10): a square under its status, with its connections when it defines nothing. */
function targetMark(d: Trace['steps'][number]['state']['dvipas'][string], stack: string, addr: string, cx: number, cy: number, c: string, alone: boolean): string[] {
  const ports = Object.values(d.distribution?.ports ?? {});
  const t = ports.map((p) => own(p.targets, stack)).filter((x) => x !== undefined);
  if (!t.length) return [];
  const eligible = t.some((x) => x!.eligible);
  const why = t.map((x) => x!.why).filter(Boolean).join('; ');
  const active = ports.some((p) => p.activeTarget === stack);
  const n = own(d.connections, stack) ?? 0;
  return [
    ...(alone && n > 0 ? [`<text x="${cx}" y="${cy - 9}" text-anchor="middle" font-size="9" fill="${c}">${n}c</text>`] : []),
    `<rect class="target" x="${cx - 4}" y="${cy + 8}" width="8" height="8" fill="${eligible ? c : 'none'}" stroke="${c}" stroke-width="${active ? 2.5 : 1.5}"><title>${addr} target on ${stack}: ${eligible ? 'eligible' : `not eligible (${why})`}${active ? ', HOTSTANDBY active target' : ''}</title></rect>`,
  ];
}

function stepList(cfg: Config, trace: Trace, focus: string): string {
  const only = traceFocus(trace, focus); // D-334
  const items = trace.steps.map((step, k) => {
    const lines = k === 0 ? describeState(step.state, only) : describeChange(cfg, trace.steps[k - 1]!.state, step.state, only);
    const bad = step.violations.filter((v) => v.property === focus);
    return `<li value="${k}"${bad.length ? ' class="violating"' : ''}><b>${h(k === 0 ? 'initial state' : step.event)}</b><ul>${lines.map((l) => `<li>${h(l)}</li>`).join('')}${step.note ? `<li><i>note: ${h(step.note)}</i></li>` : ''}${(step.assumed ?? []).map((a) => `<li><i>assumed: ${h(a)}</i></li>`).join('')}${bad.map((v) => `<li class="why">✗ ${h(v.property)}: ${h(v.message)}</li>`).join('')}</ul></li>`;
  });
  return `<ol class="steps">${items.join('')}</ol>`;
}

/** A many-spec page starts with one line per spec, linked to its section. */
function summaryTable(runs: { cfg: Config; report: CheckReport }[]): string {
  const count = (res: string): number => runs.filter((x) => x.report.result === res).length;
  const rows = runs.map(({ report: r }, i) => {
    const violated = r.properties.filter((p) => p.status === 'violated').map((p) => `${p.name}${r.expect?.violated.includes(p.name) ? ' (expected)' : ''}`);
    return `<tr><td><a href="#spec-${i + 1}">${h(r.spec)}</a></td><td class="${r.result}">${r.result.toUpperCase()}</td><td>${h(violated.join(', ') || '—')}</td></tr>`;
  });
  return `<section class="summary"><p><b>${runs.length} specs: ${count('pass')} pass, ${count('fail')} fail${count('incomplete') ? `, ${count('incomplete')} incomplete` : ''}</b></p><table><tr><th>spec</th><th>result</th><th>violated</th></tr>${rows.join('')}</table></section>`;
}

/** One self-contained page per run (no network access needed to view it). */
export function renderHtml(runs: { cfg: Config; report: CheckReport }[], notLoaded: readonly NotLoaded[] = []): string {
  const body: string[] = [];
  if (runs.length > 1) body.push(summaryTable(runs));
  // D-292: a spec that could not be loaded is on the page with its errors, as in JUnit and Markdown (D-202)
  for (const b of notLoaded) body.push(`<section class="spec"><h2>${h(b.spec)}: <span class="fail">BAD INPUT (exit 2)</span>, nothing checked</h2><pre>${h(b.errors.map((e) => e.text).join('\n'))}</pre></section>`);
  runs.forEach(({ cfg, report: r }, i) => {
    const expected = (name: string): boolean => r.expect?.violated.includes(name) === true;
    body.push(`<section class="spec" id="spec-${i + 1}"><h2>${h(r.spec)} — sysplex ${h(cfg.sysplex)}: <span class="${r.result}">${r.result.toUpperCase()}</span></h2>`);
    if (r.reason) body.push(`<p class="empty">${h(r.reason)}</p>`);
    body.push(`<p>${r.states} distinct states, ${r.transitions} transitions, depth ${r.depth}, ${r.complete ? 'complete' : `incomplete (${h(r.termination)})`}.</p>`);
    body.push('<table><tr><th>property</th><th>status</th><th>why</th></tr>');
    for (const p of r.properties) {
      const exp = p.status === 'violated' && expected(p.name);
      body.push(`<tr class="${p.status}${exp ? ' expected' : ''}"><td>${h(p.name)}</td><td>${p.status}${exp ? ' <span class="tag">expected</span>' : ''}</td><td>${h(p.message ?? (p.vacuous ? `nothing to check: ${p.vacuous}` : ''))}</td></tr>`);
    }
    body.push('</table>');
    for (const p of r.properties) {
      if (!p.trace) continue;
      const n = p.trace.steps.length - 1;
      body.push(`<div class="counterexample" data-property="${h(p.name)}"><h3>${expected(p.name) ? 'Expected counterexample' : 'Counterexample'} for ${h(p.name)} (${n} step${n === 1 ? '' : 's'})</h3><div class="pair"><div class="pic">${timelineSvg(cfg, p.trace, p.name)}</div>${stepList(cfg, p.trace, p.name)}</div></div>`);
    }
    body.push('</section>');
  });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>dvipa-verify report</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}
tr.violated td{background:#fde2e2}tr.violated.expected td{background:#fff3d6}.tag{font-size:11px;background:#e8e8e8;border-radius:3px;padding:0 4px}tr.holds td:nth-child(2){color:#080}.pass{color:#080}.fail{color:#c00}.incomplete{color:#a60}.empty{color:#c00}
.pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}.pic{flex:0 0 auto;max-width:100%;overflow-x:auto}
ol.steps{font-size:13px;margin:0}ol.steps li.violating>b{color:#c00}li.why{color:#c00;font-weight:bold}
</style></head><body><h1>dvipa-verify report</h1>
${body.join('\n')}
</body></html>
`;
}
