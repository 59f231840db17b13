import type { CheckReport } from '../check/check.js';
import type { Config } from '../spec/config.js';
import { PLAIN, renderTrace } from './text.js';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** A failing test case: a violation not asked for by `expect`, or an expected one that holds. */
function failing(r: CheckReport, p: CheckReport['properties'][number]): boolean {
  if (!r.expect) return p.status === 'violated';
  return p.status !== 'unknown' && (p.status === 'violated') !== r.expect.violated.includes(p.name);
}

/** JUnit XML: one test suite per spec, one test case per property, the trace in the failure. */
export function renderJunit(runs: { cfg: Config; report: CheckReport }[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = runs.reduce((n, r) => n + r.report.properties.length, 0);
  const failures = runs.reduce((n, r) => n + r.report.properties.filter((p) => failing(r.report, p)).length, 0);
  const seconds = Math.round(runs.reduce((n, r) => n + r.report.seconds, 0) * 1000) / 1000;
  // junit-10.xsd (Jenkins xunit): the root takes name, time, tests, failures, errors; no `skipped`
  out.push(`<testsuites name="dvipa-verify" tests="${tests}" failures="${failures}" errors="0" time="${seconds}">`);
  for (const { cfg, report: r } of runs) {
    const f = r.properties.filter((p) => failing(r, p)).length;
    const s = r.properties.filter((p) => p.status === 'unknown').length;
    out.push(`  <testsuite name="${xml(r.spec)}" tests="${r.properties.length}" failures="${f}" errors="0" skipped="${s}" time="${r.seconds}">`);
    out.push(`    <properties><property name="states" value="${r.states}"/><property name="complete" value="${r.complete}"/><property name="result" value="${r.result}"/></properties>`);
    for (const p of r.properties) {
      out.push(`    <testcase classname="${xml(r.spec)}" name="${xml(p.name)}" time="0">`);
      const text = p.trace ? renderTrace(cfg, p.trace, PLAIN, false, p.name).join('\n') : '';
      if (failing(r, p) && p.status === 'violated') {
        out.push(`      <failure message="${xml(p.message ?? 'violated')}" type="${xml(p.name)}">${xml(text)}</failure>`);
      } else if (failing(r, p)) {
        out.push(`      <failure message="expected to be violated (expect block), but it holds" type="${xml(p.name)}"/>`);
      } else if (p.status === 'violated') {
        out.push(`      <system-out>${xml(`expected violation: ${p.message ?? ''}\n${text}`)}</system-out>`);
      } else if (p.status === 'unknown') out.push(`      <skipped message="exploration incomplete (${xml(r.termination)})"/>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
