import { relative } from 'node:path';
import type { SourcePos } from '../spec/config.js';
import type { ImportModel, Sourced } from './build.js';

/**
 * The spec `import` writes: YAML whose every inferred line ends with a comment naming the input
 * line it came from (or why it was inferred), paths relative to the spec's folder. Deterministic:
 * the same inputs give the same bytes.
 */
export function writeSpec(m: ImportModel, specDir: string, inputs: readonly string[]): string {
  const rel = (f: string): string => relative(specDir, f).split('\\').join('/') || '.';
  const src = (s: Sourced<unknown>): string => (s.at ? `${rel(s.at.file)}:${s.at.line} ${s.why}` : s.why);
  const q = (s: string): string => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
  const plain = (s: string): string => (/^[A-Za-z0-9@#$][A-Za-z0-9@#$._-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/^[\d.]+$/.test(s) ? s : q(s));
  const out: string[] = [];
  const line = (text: string, comment?: string): void => { out.push(comment ? `${text}   # ${comment.replace(/\s+/g, ' ')}` : text); };
  out.push(`# Written by dvipa-verify import from ${inputs.map(rel).join(', ')}.`);
  out.push('# Each inferred line names the input line it came from. Review it, then: dvipa-verify lint / check this file.');
  line(`sysplex: ${plain(m.sysplex.value)}`, src(m.sysplex));
  line('stacks:');
  for (const s of m.stacks) {
    line(`  - name: ${s.name.value}`, src(s.name));
    if (s.system) line(`    system: ${plain(s.system.value)}`, src(s.system));
    if (s.cpc) line(`    cpc: ${plain(s.cpc.value)}`, src(s.cpc));
    if (s.routing) line(`    routing: ${s.routing.value}`, src(s.routing));
    if (s.profileFile) {
      const inc = s.includes.map((i) => `INCLUDE ${rel(i.file)} (${rel(i.at.file)}:${i.at.line})`).join(', ');
      line(`    profileFile: ${q(rel(s.profileFile))}`, `the member itself${inc ? `; ${inc}` : ''}`);
    }
    if (s.statements) {
      line('    profile: |', 'the VIPADCFG report written as profile statements (each names its report line)');
      for (const st of s.statements) out.push(`      ${st}`);
    }
    const known = s.symbols.filter((x) => x.value.value !== null);
    const unknown = s.symbols.filter((x) => x.value.value === null);
    // D-315: a symbol whose value the inputs lack is a commented entry of the one `symbols` mapping
    // (two `# symbols:` lines would be a duplicate key once uncommented)
    const missing = (x: (typeof unknown)[number]): string => `&${x.value.name}. is used but its value is not in the inputs: give it here`;
    if (known.length > 0) {
      line('    symbols:', 'system symbols the profile and its INCLUDEs use');
      for (const x of known) line(`      ${x.value.name}: ${q(x.value.value!)}`, src(x));
      for (const x of unknown) line(`      # ${x.value.name}: "?"`, missing(x));
    } else if (unknown.length === 1) line(`    # symbols: { ${unknown[0]!.value.name}: "?" }`, missing(unknown[0]!));
    else if (unknown.length > 1) {
      line('    # symbols:', 'system symbols the profile uses whose values are not in the inputs: give them here');
      for (const x of unknown) line(`    #   ${x.value.name}: "?"`, missing(x));
    }
    if (s.applications.length > 0) {
      line('    applications:');
      for (const a of s.applications) {
        const v = a.value;
        line(`      - { name: ${plain(v.name)}, port: ${v.port}${v.bind ? `, bind: ${q(v.bind)}` : ''} }`, src(a));
      }
    }
  }
  if (m.clients.length > 0) {
    line('clients:');
    for (const c of m.clients) line(`  - { dvipa: ${q(c.value.dvipa)}, port: ${c.value.port} }`, src(c));
  }
  if (m.netstat.length > 0) {
    line('environment:');
    line(`  start: { netstat: [${m.netstat.map((f) => q(rel(f))).join(', ')}] }`, 'NETSTAT VIPADYN reports: check explores from the statuses they show');
  }
  return `${out.join('\n')}\n`;
}

/** "file:line" of a report line, relative to the spec's folder, for the `;` comments of written statements. */
export function reportWhere(specDir: string): (at: SourcePos) => string {
  return (at) => `${relative(specDir, at.file).split('\\').join('/')}:${at.line}`;
}
