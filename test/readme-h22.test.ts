import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { chainSpec, config, loadFile, ROOT, runCli, tmp, twoStacks, vipadynShort } from './helpers.js';

/**
 * README walkthrough (h22): what README.md quotes as output is what the tool prints today, so the
 * README cannot drift again. Each quote is looked up in the README first (a README edit must
 * update this test), then in the tool's output. Needs `npm run build` (it spawns the CLI).
 */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** A quote as README.md wraps it (checked to be there), as one line. */
const inReadme = (quote: string): string => { expect(README, 'quoted in README.md').toContain(quote); return quote.replace(/\n\s*/g, ' '); };
/** A README quote with `...` elisions, as a pattern over the tool's output (`spec.yaml:L:C` stands for any file:line:column). */
const elided = (quote: string): RegExp => new RegExp(inReadme(quote).split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?').replace('spec\\.yaml:16:9', '[^ ;]+:\\d+:\\d+'));

describe('README: the site property example', () => {
  it('shows examples/site-properties/web-not-on-test-system.ts as it is, and its command prints the quoted verdict, exit 1', () => {
    const file = readFileSync(join(ROOT, 'examples/site-properties/web-not-on-test-system.ts'), 'utf8');
    const code = file.split('\n').filter((l, i, all) => !all.slice(0, i + 1).every((x) => x.startsWith('//'))).join('\n');
    const block = /Example \(`examples\/site-properties\/web-not-on-test-system\.ts`\):\n\n```ts\n([\s\S]*?)```/.exec(README)![1]!;
    expect(block).toBe(code);
    inReadme('npx dvipa-verify check specs/test-lpar-backup.yaml --properties examples/site-properties');
    const r = runCli(['check', 'specs/test-lpar-backup.yaml', '--properties', 'examples/site-properties']);
    expect(r.code).toBe(1);
    const quoted = /```\n(  VIOLATED web-not-on-test-system[^\n]*)\n```/.exec(README)![1]!;
    expect(r.stdout.split('\n')).toContain(quoted);
    expect(r.stdout).toMatch(/^ {2}holds {4}one-move-at-a-time$/m);
    expect(r.stdout).toContain('Counterexample for \'web-not-on-test-system\' (1 step(s))');
    expect(r.stdout).toMatch(/^ {2}1\. terminate TCPCS$/m);
  });
});

describe('README: the sysplex distributor table', () => {
  it('states (sliced), states and transitions (--no-slice) of every row are what check reports', async () => {
    const rows = [...README.matchAll(/^\| ((?:bad-)?distributor-[a-z0-9-]+\.yaml) \| (\d+) \| (\d+) \| (\d+) \|$/gm)];
    expect(rows.length).toBe(9);
    for (const [, spec, sliced, states, transitions] of rows) {
      const cfg = loadFile(join(ROOT, 'specs', spec!));
      const a = await check(cfg);
      const b = await check(cfg, { slice: false });
      expect([spec, a.states, b.states, b.transitions]).toEqual([spec, Number(sliced), Number(states), Number(transitions)]);
    }
  });

  it('chain(4,4,1) --max-states 100: four slices of 100 reported, each incomplete', async () => {
    inReadme('(chain(4,4,1)\n`--max-states 100`: 100 explored, four slices of 100 reported, each `complete: false`)');
    const r = await check(config(chainSpec(4, 4, 1)), { maxStates: 100 });
    expect(r.slices!.map((s) => [s.states, s.complete])).toEqual([[100, false], [100, false], [100, false], [100, false]]);
    expect(r.states).toBe(400);
  });
});

describe('README: quoted trace notes', () => {
  it('HOTSTANDBY: why a connection lands where it does; a distributor move; connections lost', () => {
    const hs = runCli(['simulate', 'specs/distributor-hot-standby.yaml', '--events', 'app-stop TCPCS2 SERVER; connect app clients']);
    expect(hs.code).toBe(0);
    expect(hs.stdout).toContain(inReadme('note: 10.91.1.1:8080 to TCPCS3: HOTSTANDBY: TCPCS2 preferred, not eligible: no\n  listener on 8080 on TCPCS2; TCPCS3 BACKUP 100, active target: taken'));
    const move = runCli(['simulate', 'specs/distributor-hot-standby.yaml', '--events', 'terminate TCPCS1']);
    expect(move.stdout).toContain(`note: 10.91.1.1: ${inReadme('distributor\n  TCPCS1 -> TCPCS2, with its own VIPADISTRIBUTE')}`);
    const lost = runCli(['check', 'specs/bad-distributor-no-dynamicxcf.yaml']);
    expect(lost.code).toBe(0);
    expect(lost.stdout).toMatch(elided('connections on TCPCS3 lost: TCPCS2 cannot reach\n  TCPCS3 (...)'));
  });

  it('VIPARANGE: a failed bind in z/OS words, and a NONDISRUPTIVE move citing both ranges', () => {
    const noRange = runCli(['check', 'specs/bad-viparange-restart-no-range.yaml']);
    expect(noRange.stdout).toContain(inReadme('note: CDIRECT on TCPCS2: bind to 10.1.9.1 failed with EADDRNOTAVAIL: no VIPARANGE of TCPCS2\ncovers it'));
    const disruptive = runCli(['check', 'specs/bad-viparange-disruptive.yaml']);
    expect(disruptive.stdout).toContain(`failed: ${inReadme('DISRUPTIVE range: the DVIPA is in use on TCPCS1')}`);
    const move = runCli(['simulate', 'specs/zcx-viparange.yaml', '--events', 'app-start TCPCS2 ZCXA']);
    expect(move.code).toBe(0);
    expect(move.stdout).toMatch(elided("TCPCS2 absent -> Active (created by bind under VIPARANGE ... at spec.yaml:16:9; taken from TCPCS1:\nTCPCS1's VIPARANGE ... is NONDISRUPTIVE)"));
  });

  it('several specs end with "N specs: N pass, N fail"', () => {
    inReadme('several specs end with `N specs: N pass, N fail`');
    const r = runCli(['check', 'specs/bad-no-backup.yaml', 'specs/single-stack-backup.yaml', '--quiet']);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 specs: 2 pass, 0 fail');
  });
});

describe('README: --only and --skip replace the spec\'s lists one by one (D-310)', () => {
  const brief = /## A spec in brief\n\n```yaml\n([\s\S]*?)```/.exec(README)![1]!;
  const props = (out: string): string[] => [...out.matchAll(/^ {2}(?:holds|VIOLATED|unknown) +(\S+)/gm)].map((m) => m[1]!);

  it('the brief spec checks its `only` list; --skip takeover leaves single-owner; --only replaces `only`', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'brief.yaml'), brief);
    const plain = runCli(['check', join(dir, 'brief.yaml')]);
    expect(plain.code).toBe(0);
    expect(props(plain.stdout)).toEqual(['single-owner', 'takeover']);
    const skip = runCli(['check', join(dir, 'brief.yaml'), '--skip', 'takeover']);
    expect(props(skip.stdout)).toEqual(['single-owner']);
    const only = runCli(['check', join(dir, 'brief.yaml'), '--only', 'available']);
    expect(props(only.stdout)).toEqual(['available']);
  });

  it("a spec's skip with --only of that property leaves nothing: empty, exit 1", () => {
    const dir = tmp();
    writeFileSync(join(dir, 'brief.yaml'), brief.replace('  skip: []', '  skip: [takeover]'));
    const r = runCli(['check', join(dir, 'brief.yaml'), '--only', 'takeover']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('result: EMPTY: nothing to verify: no property is selected');
  });
});

describe('a NETSTAT start report is cited as the spec names it (D-311)', () => {
  it('check site/plex.yaml cites site/netstat-v.txt:line:column, as it cites the spec; an absolute spec stays absolute', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'site'));
    const prof = 'GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\nIPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1\nVIPADYNAMIC\n  VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0 201.2.10.11\nENDVIPADYNAMIC';
    const back = prof.replace('193.9.200.1', '193.9.200.3').replace('VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0', 'VIPABACKUP 100');
    writeFileSync(join(dir, 'site/plex.yaml'), twoStacks(prof, back, 'environment:\n  start: { netstat: [netstat-v.txt] }\n'));
    // a status for a DVIPA TCPCS does not define: an error finding at the report's line 6
    writeFileSync(join(dir, 'site/netstat-v.txt'), vipadynShort('TCPCS', ['  201.2.10.11     255.255.255.0   Active    VIPADefine', '  201.2.10.99     255.255.255.0   Active    VIPADefine']));
    const r = runCli(['lint', 'site/plex.yaml'], dir);
    expect(r.stdout).toMatch(/^site\/netstat-v\.txt:6:3: error: \[TCPCS\] the report gives 201\.2\.10\.99 status Active/m);
    expect(r.stdout).not.toContain(dir);
    const c = runCli(['check', 'site/plex.yaml'], dir);
    expect(c.stdout).toMatch(/^ {2}site\/netstat-v\.txt:6:3: error:/m);
    const abs = runCli(['lint', join(dir, 'site/plex.yaml')], ROOT);
    expect(abs.stdout).toContain(`${join(dir, 'site/netstat-v.txt')}:6:3: error:`);
    cpSync(join(dir, 'site'), join(dir, 'other'), { recursive: true });
    expect(runCli(['lint', 'plex.yaml'], join(dir, 'other')).stdout).toMatch(/^netstat-v\.txt:6:3: error:/m);
  });
});
