import fc from 'fast-check';
import { parseDocument, stringify, visit, type Scalar } from 'yaml';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCheck } from '../src/cli/check-command.js';
import { runLint } from '../src/cli/commands.js';
import { loadSpecText } from '../src/spec/load.js';
import { valueOffsets } from '../src/spec/scalar-map.js';
import type { SourcePos } from '../src/spec/config.js';
import { NAMES, tmp } from './helpers.js';

/**
 * Issue 20: the loader fed generated YAML and profile text. Whatever it gets: it does not throw,
 * the result is "loaded" (exit 0, 1 or 3 later) or errors (exit 2), and every position it gives
 * is inside the file: a line of it, a column from 1 to just past that line's last character.
 */

/** DVIPA_FUZZ_RUNS=n: a longer campaign with fresh seeds (the suite keeps a few seconds, fixed seeds). */
const CAMPAIGN = Number(process.env.DVIPA_FUZZ_RUNS ?? 0);
// A campaign takes as long as it takes: up to 50 ms a run before a test counts as hung.
if (CAMPAIGN > 0) vi.setConfig({ testTimeout: 60_000 + CAMPAIGN * 50 });
const opts = (runs: number, seed: number): fc.Parameters<unknown> => (CAMPAIGN > 0 ? { numRuns: CAMPAIGN } : { numRuns: runs, seed });

const WORDS = ['VIPADYNAMIC', 'ENDVIPADYNAMIC', 'VIPADEFINE', 'VIPABACKUP', 'MOVEABLE', 'IMMEDIATE', 'WHENIDLE', 'DISRUPTIVE',
  'VIPADELETE', 'GLOBALCONFIG', 'SYSPLEXMONITOR', 'DELAYJOIN', 'RECOVERY', 'AUTOREJOIN', 'IPCONFIG', 'DYNAMICXCF', 'CPCSCOPE',
  'TIER1', 'PORT', '255.255.255.0', '201.2.10.11', '201.2.10.12', '193.9.200.1', '1', '100', '300', ';', '; a comment', 'x', '#', "'", '"', ':'];
const profileLine = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 7 }).chain((ws) => fc.nat(4).map((ind) => ' '.repeat(ind) + ws.join(' ')));
const profileText = fc.array(profileLine, { minLength: 0, maxLength: 8 }).map((ls) => ls.join('\n'));

/** Every YAML scalar style a profile can be written in. */
function styled(text: string, style: number, indent: string): string {
  const lines = text.split('\n');
  switch (style) {
    case 0: return `|\n${lines.map((l) => (l ? indent + l : '')).join('\n')}`;
    case 1: return `|4\n${lines.map((l) => `${indent}    ${l}`).join('\n')}`;
    case 2: return `>\n${lines.map((l) => (l ? indent + l : '')).join('\n')}`;
    case 3: return JSON.stringify(text); // double-quoted with escapes
    case 4: return `"${lines.join(`\n${indent}`).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`; // double-quoted over lines
    case 5: return `'${lines.join(`\n\n${indent}`).replace(/'/g, "''")}'`;
    default: return lines.join(`\n${indent}`); // plain over lines (may well not be valid YAML)
  }
}

const name = fc.oneof(fc.constantFrom('A', 'B', 'TCPCS', '1e3', '0x10', '010', 'true', '~', 'null', '.inf', 'A B', '-', '&x', '*x'), fc.string({ maxLength: 9 }));
const stack = fc.record({
  name, profile: profileText, style: fc.nat(6), apps: fc.array(fc.record({ name, port: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constantFrom('0x50', '1e3', 'x')) }), { maxLength: 3 }),
  system: fc.option(name, { nil: undefined }), alias: fc.boolean(),
});
const spec = fc.record({
  sysplex: fc.option(name, { nil: undefined }), stacks: fc.array(stack, { minLength: 0, maxLength: 3 }),
  clients: fc.array(fc.record({ dvipa: fc.constantFrom('201.2.10.11', '201.2.10.12', '1.2.3', 'x'), port: fc.integer({ min: 0, max: 70000 }) }), { maxLength: 2 }),
  flowApps: fc.boolean(), tail: fc.constantFrom('', 'expect:\n  violated: []\n', 'expect: { violated: [nope] }\n', 'expect:\n', 'environment: { maxFailures: unlimited }\n', 'properties: { only: [single-owner] }\n'),
});

/** Writes a generated spec as YAML text by hand (the styles matter), with anchors and aliases now and then. */
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;
function render(s: Spec): string {
  const out: string[] = [];
  if (s.sysplex !== undefined) out.push(`sysplex: ${s.sysplex}`);
  out.push('stacks:');
  s.stacks.forEach((st, i) => {
    out.push(`  - name: ${st.name}`);
    if (st.system !== undefined) out.push(`    system: ${st.system}`);
    out.push(`    profile: ${styled(st.profile, st.style, '      ')}`);
    if (st.alias && i > 0) out.push('    applications: *apps0');
    else if (s.flowApps) out.push(`    applications:${i === 0 ? ' &apps0' : ''}`, ...st.apps.map((a) => `      - { name: ${a.name}, port: ${a.port} }`));
    else out.push(`    applications:${i === 0 ? ' &apps0' : ''}`, ...st.apps.flatMap((a) => [`      - name: ${a.name}`, `        port: ${a.port}`]));
  });
  if (s.clients.length) out.push('clients:', ...s.clients.map((c) => `  - ${stringify(c, { flow: true }).trim()}`));
  return `${out.join('\n')}\n${s.tail}`;
}

const inside = (text: string, file: string) => (p: SourcePos): void => {
  if (p.file !== file) return; // a profileFile's own positions (none here)
  const lines = text.split('\n');
  expect(p.line, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
  expect(p.line, JSON.stringify(p)).toBeLessThanOrEqual(lines.length);
  expect(p.column, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
  expect(p.column, `${JSON.stringify(p)} on '${lines[p.line - 1]}'`).toBeLessThanOrEqual(lines[p.line - 1]!.replace(/\r$/, '').length + 1);
};

function loads(text: string): void {
  const file = 'fuzz.yaml';
  const r = loadSpecText(text, file, { propertyNames: NAMES }); // must not throw
  const at = inside(text, file);
  if (r.ok) {
    for (const f of r.config.findings) at(f.pos);
    for (const st of r.config.stacks) { at(st.pos); for (const d of st.defs) at(d.pos); }
  } else {
    expect(r.errors.length).toBeGreaterThan(0); // exit 2 with something to say
    for (const e of r.errors) at(e.pos);
    for (const f of r.findings ?? []) at(f.pos);
  }
}

/** lint (the loader, then static findings) in this process, its output caught: the exit code and every printed position. */
async function lintCode(text: string): Promise<number> {
  return inProcess(text, (file) => runLint([file], { format: 'text' }));
}

/** Runs a command on the text written to a file, in this process, its output caught and looked at. */
async function inProcess(text: string, run: (file: string) => number | Promise<number>): Promise<number> {
  const dir = tmp();
  const file = join(dir, 'fuzz.yaml');
  writeFileSync(file, text);
  let printed = '';
  const spy = (s: string | Uint8Array): boolean => { printed += String(s); return true; };
  const so = vi.spyOn(process.stdout, 'write').mockImplementation(spy);
  const se = vi.spyOn(process.stderr, 'write').mockImplementation(spy);
  try {
    const code = await run(file);
    const at = inside(text, file);
    for (const m of printed.matchAll(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g'))) at({ file, line: Number(m[1]), column: Number(m[2]) });
    expect(printed).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)/);
    return code;
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}

describe('scalar-map: where each character of a scalar\'s value comes from (fast-check)', () => {
  it('in every style, a mapped character is that character in the source (an escape: its backslash); almost always mapped', () => {
    let mapped = 0;
    let unmapped = 0;
    const piece = fc.constantFrom('VIPADEFINE', '1', ' ', '  ', '\t', '#', ':', "'", '"', '\\', 'x y', '-', '[', ']', '{', ',', '&', '*', '!', '\\n', '\\t', '\\x41', '\\u00e9', '\\\\');
    const text = fc.array(fc.array(piece, { maxLength: 6 }).map((w) => w.join('')), { maxLength: 6 }).map((l) => l.join('\n'));
    fc.assert(fc.property(text, fc.nat(8), fc.nat(4), (t, style, ind) => {
      const pad = ' '.repeat(ind + 2);
      const ls = t.split('\n');
      const y = [
        `p: |\n${ls.map((l) => pad + l).join('\n')}\n`, `p: |2\n${ls.map((l) => `${pad}  ${l}`).join('\n')}\n`,
        `p: >\n${ls.map((l) => pad + l).join('\n')}\n`, `p: >-\n${ls.map((l) => pad + l).join('\n')}\n`,
        `p: "${ls.join(`\n${pad}`)}"\n`, `p: '${ls.join(`\n${pad}`)}'\n`, `p: ${ls.join(`\n${pad}`)}\n`,
        `p: |+\n${ls.map((l) => pad + l).join('\n')}\n\n`, `p: ${JSON.stringify(t)}\n`,
      ][style]!;
      const doc = parseDocument(y);
      if (doc.errors.length > 0) return;
      visit(doc, { Scalar(_k, n) {
        const sc = n as Scalar;
        if (typeof sc.value !== 'string' || sc.value === 'p') return;
        const offs = valueOffsets(y, sc, sc.value);
        if (!offs) { unmapped++; return; }
        mapped++;
        for (let i = 0; i < sc.value.length; i++) {
          const c = sc.value[i]!;
          if (c === ' ' || c === '\n') continue; // folded line breaks point at the next line's text
          expect(y[offs[i]!] === c || (sc.type === 'QUOTE_DOUBLE' && y[offs[i]!] === '\\'), `${sc.type} ${JSON.stringify(y)} at ${i}`).toBe(true);
        }
      } });
    }), opts(1500, 24));
    expect(unmapped).toBeLessThan((mapped + unmapped) * 0.02); // the rest: lines of tabs only, and the like
  });
});

describe('the loader on generated YAML and profile text (fast-check)', () => {
  it('never throws; loads or errors; every position inside the file', () => {
    fc.assert(fc.property(spec, (s) => loads(render(s))), opts(300, 20));
  });

  it('the same with characters inserted and deleted anywhere', () => {
    const mutated = spec.chain((s) => {
      const text = render(s);
      return fc.array(fc.tuple(fc.nat(text.length), fc.nat(6), fc.constantFrom('', ':', '- ', '\n', '\n  ', '[', ']', '{', '}', '"', "'", '\t', '&a ', '*a', '|', '>', '#', '\\', ' ')), { maxLength: 5 })
        .map((edits) => edits.reduce((t, [i, del, ins]) => t.slice(0, i) + ins + t.slice(i + del), text));
    });
    fc.assert(fc.property(mutated, loads), opts(300, 21));
  });

  it('check on them (a few hundred states at most) exits 0 to 3 and never throws', async () => {
    await fc.assert(fc.asyncProperty(spec, async (s) => {
      expect([0, 1, 2, 3]).toContain(await inProcess(render(s), (file) => runCheck([file], { mode: 'bfs', runs: 1, depth: 1, seed: 1, format: 'json', maxStates: 300, quiet: true, progress: false })));
    }), opts(30, 23));
  });

  it('lint on them exits 0, 1 or 2 (never 70) and prints positions inside the file', async () => {
    await fc.assert(fc.asyncProperty(spec, async (s) => { expect([0, 1, 2, 3]).toContain(await lintCode(render(s))); }), opts(60, 22));
  });
});

// ---- feature combinations: hostile text for the statements of the distributor, VIPARANGE and IPv6 ----
const NEW_LINES = [
  'VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 201.2.10.11 PORT 80 81 DESTIP 193.9.200.1 193.9.200.2',
  'VIPADISTRIBUTE DEFINE 201.2.10.11 DESTIP ALL',
  'VIPADISTRIBUTE DISTMETHOD HOTSTANDBY NOAUTOSWITCHBACK 201.2.10.11 PORT 80 DESTIP 193.9.200.1 PREFERRED 193.9.200.2 BACKUP 10',
  'VIPADISTRIBUTE DELETE 201.2.10.11 DESTIP ALL',
  'VIPADISTRIBUTE 2001:db8::11 PORT 80 DESTIP 2001:db8:200::1',
  'VIPAROUTE DEFINE 193.9.200.2 10.1.1.2', 'VIPAROUTE 2001:db8:200::2 2001:db8:1::2',
  'VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255.255.255.0 10.1.9.0', 'VIPARANGE DEFINE MOVEABLE DISRUPTIVE 255.255.255.252 10.1.9.0',
  'VIPARANGE DELETE 255.255.255.0 10.1.9.0', 'VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE DV6R 2001:db8:9::/64',
  'VIPADEFINE MOVEABLE IMMEDIATE DV6 2001:db8::11', 'VIPADEFINE CPCSCOPE MOVEABLE IMMEDIATE DV6 2001:DB8:0::11',
  'VIPABACKUP 10 DV6 2001:db8::11', 'VIPABACKUP 20 MOVEABLE IMMEDIATE DV6 2001:db8::11', 'VIPADEFINE 255.255.255.0 10.1.9.5',
  'IPCONFIG6 DYNAMICXCF 2001:db8:200::1', 'IPCONFIG6 DYNAMICXCF 2001:db8:200::1 INTFID 0:0:0:1', 'IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1',
];
const NEW_WORDS = [...new Set(NEW_LINES.flatMap((l) => l.split(' '))), '::', '2001:db8::1::2', '/64', '/129', '0', '65536', 'DESTIP', 'ALL', '', '\t', ';', 'x'];
/** A real line, cut anywhere, with random tokens spliced in. */
const hostileLine = fc.oneof(
  fc.tuple(fc.constantFrom(...NEW_LINES), fc.nat(120)).map(([l, k]) => l.slice(0, k % (l.length + 1))),
  fc.tuple(fc.constantFrom(...NEW_LINES), fc.nat(8), fc.array(fc.constantFrom(...NEW_WORDS), { maxLength: 3 }))
    .map(([l, k, ws]) => { const t = l.split(' '); t.splice(k % (t.length + 1), 1, ...ws); return t.join(' '); }),
  fc.array(fc.constantFrom(...NEW_WORDS), { maxLength: 8 }).map((ws) => ws.join(' ')),
);
const hostileSpec = fc.record({
  stacks: fc.array(fc.record({ lines: fc.array(hostileLine, { maxLength: 6 }), xcf: fc.boolean(), xcf6: fc.boolean(),
    apps: fc.array(fc.record({ bind: fc.constantFrom('', ', bind: 10.1.9.5', ', bind: 201.2.10.11', ', bind: 2001:db8::11', ', bind: 10.1.9.1, create: ioctl', ', create: ioctl'), down: fc.boolean() }), { maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
  clients: fc.subarray(['201.2.10.11', '10.1.9.5', '10.1.9.1', '2001:db8::11', '2001:db8:9::1'], { maxLength: 2 }),
  events: fc.subarray(['terminate', 'start', 'applications', 'connections', 'distribution', 'deactivate'], { minLength: 1 }),
}).map((g) => `stacks:\n${g.stacks.map((s, i) => `  - name: S${i}\n    profile: |\n${[s.xcf ? `IPCONFIG DYNAMICXCF 193.9.200.${i + 1} 255.255.255.0 1` : '', s.xcf6 ? `IPCONFIG6 DYNAMICXCF 2001:db8:200::${i + 1}` : '', 'VIPADYNAMIC', ...s.lines, 'ENDVIPADYNAMIC'].map((l) => `      ${l}`).join('\n')}\n`
  + (s.apps.length ? `    applications:\n${s.apps.map((a, k) => `      - { name: A${k}, port: 80${a.bind}${a.down ? ', initially: down' : ''} }`).join('\n')}\n` : '')).join('')}`
  + (g.clients.length ? `clients:\n${g.clients.map((c, k) => `  - { name: c${k}, dvipa: "${c}", port: 80 }`).join('\n')}\n` : '')
  + `environment:\n  events: [${g.events.join(', ')}]\n  maxFailures: 1\n  maxConnections: 1\n`);

describe('hostile profile text for VIPADISTRIBUTE, VIPAROUTE, VIPARANGE, IPv6 VIPADEFINE/VIPABACKUP, IPCONFIG6 (fast-check)', () => {
  it('the loader never throws; every position inside the file', () => {
    fc.assert(fc.property(hostileSpec, loads), opts(400, 30));
  });

  it('check (with and without slicing, symmetry) exits 0 to 3 and prints no stack trace nor "internal error"', async () => {
    await fc.assert(fc.asyncProperty(hostileSpec, fc.constantFrom(true, false), async (text, slice) => {
      expect([0, 1, 2, 3]).toContain(await inProcess(text, (file) => runCheck([file], { mode: 'bfs', runs: 1, depth: 1, seed: 1, format: 'json', maxStates: 3000, quiet: true, progress: false, ...(slice ? {} : { slice: false, symmetry: true }) })));
    }), opts(80, 31));
  });

  it('lint exits 0 to 3', async () => {
    await fc.assert(fc.asyncProperty(hostileSpec, async (text) => { expect([0, 1, 2, 3]).toContain(await lintCode(text)); }), opts(150, 32));
  });
});
