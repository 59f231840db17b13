import type { CheckReport } from '../check/check.js';
import type { Config } from '../spec/config.js';
import { PLAIN, renderTrace } from './text.js';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ''); // what XML 1.0 cannot hold

/** A failing test case: a violation not asked for by `expect`, or an expected one that holds. */
function failing(r: CheckReport, p: CheckReport['properties'][number]): boolean {
  if (!r.expect) return p.status === 'violated';
  return p.status !== 'unknown' && (p.status === 'violated') !== r.expect.violated.includes(p.name);
}

/** A spec of the run that could not be loaded (exit 2): its file and the errors printed for it. */
export interface NotLoaded { spec: string; errors: readonly { code: string; text: string }[] }

/**
 * JUnit XML: one test suite per spec, one test case per property, the trace in the failure. A
 * spec that could not be loaded is a suite of one test case in error (D-202), where it stood.
 */
export function renderJunit(entries: readonly ({ cfg: Config; report: CheckReport } | NotLoaded)[]): string {
  const runs = entries.filter((e): e is { cfg: Config; report: CheckReport } => 'report' in e);
  const bad = entries.length - runs.length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const empty = (r: CheckReport): number => (r.result === 'empty' ? 1 : 0); // one failing "nothing to verify" case
  const tests = runs.reduce((n, r) => n + r.report.properties.length + empty(r.report), 0);
  const failures = runs.reduce((n, r) => n + r.report.properties.filter((p) => failing(r.report, p)).length + empty(r.report), 0);
  const seconds = Math.round(runs.reduce((n, r) => n + r.report.seconds, 0) * 1000) / 1000;
  // junit-10.xsd (Jenkins xunit): the root takes name, time, tests, failures, errors; no `skipped`
  out.push(`<testsuites name="dvipa-verify" tests="${tests + bad}" failures="${failures}" errors="${bad}" time="${seconds}">`);
  for (const e of entries) {
    if (!('report' in e)) {
      out.push(`  <testsuite name="${xml(e.spec)}" tests="1" failures="0" errors="1" skipped="0" time="0">`);
      out.push(`    <testcase classname="${xml(e.spec)}" name="the spec loads" time="0">`);
      out.push(`      <error message="${xml(e.errors[0]?.text ?? 'cannot be loaded')}" type="${xml(e.errors[0]?.code ?? 'E_SPEC')}">${xml(e.errors.map((x) => x.text).join('\n'))}</error>`);
      out.push('    </testcase>', '  </testsuite>');
      continue;
    }
    const { cfg, report: r } = e;
    const f = r.properties.filter((p) => failing(r, p)).length + empty(r);
    const s = r.properties.filter((p) => p.status === 'unknown').length;
    out.push(`  <testsuite name="${xml(r.spec)}" tests="${r.properties.length + empty(r)}" failures="${f}" errors="0" skipped="${s}" time="${r.seconds}">`);
    out.push(`    <properties><property name="states" value="${r.states}"/><property name="complete" value="${r.complete}"/><property name="result" value="${r.result}"/></properties>`);
    if (r.result === 'empty') out.push(`    <testcase classname="${xml(r.spec)}" name="nothing to verify" time="0"><failure message="${xml(r.reason ?? 'empty')}" type="empty"/></testcase>`);
    for (const p of r.properties) {
      out.push(`    <testcase classname="${xml(r.spec)}" name="${xml(p.name)}" time="0">`);
      const text = p.trace ? renderTrace(cfg, p.trace, PLAIN, false, p.name).join('\n') : '';
      if (failing(r, p) && p.status === 'violated') {
        out.push(`      <failure message="${xml(p.message ?? 'violated')}" type="${xml(p.name)}">${xml(text)}</failure>`);
      } else if (failing(r, p)) {
        out.push(`      <failure message="expected to be violated (expect block), but it holds" type="${xml(p.name)}"/>`);
      } else if (p.status === 'violated') {
        out.push(`      <system-out>${xml(`expected violation: ${p.message ?? ''}\n${text}`)}</system-out>`);
      } else if (p.status === 'unknown') out.push(`      <skipped message="${r.result === 'empty' ? 'nothing to verify' : `exploration incomplete (${xml(r.termination)})`}"/>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
