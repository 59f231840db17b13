import { describe, expect, it } from 'vitest';
import { runCli, specFile } from './helpers.js';

/** D-333, D-334: the traces of a large sysplex list what the violation is about. */
function oneStack(n: number): string {
  const addresses = Array.from({ length: n }, (_, k) => `10.1.0.${k + 1}`);
  return `sysplex: P
stacks:
  - name: A
    system: SYA
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.1 255.255.255.0 1
      VIPADYNAMIC
        VIPADEFINE 255.255.255.0 ${addresses.join(' ')}
      ENDVIPADYNAMIC
  - name: B
    system: SYB
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.2 255.255.255.0 1
environment:
  events: [terminate]
  maxFailures: 1
`;
}

describe('D-334: a trace of a sysplex of 17 DVIPAs or more lists the DVIPAs its violation names', () => {
  it('text, markdown and html: the named DVIPA, and one line counting the others; --full lists all', () => {
    const spec = specFile(oneStack(20));
    const text = runCli(['check', spec, '--only', 'available']).stdout;
    expect(text).toContain('10.1.0.1: Active on A [A Active]');
    expect(text).toContain('19 other DVIPA(s) not named by the violation (a JSON trace lists every DVIPA)');
    expect(text).toContain('19 other DVIPA(s) changed too (not named by the violation; a JSON trace lists them)');
    expect(text).not.toContain('10.1.0.7: Active on A');
    for (const format of ['markdown', 'html']) expect(runCli(['check', spec, '--only', 'available', '--format', format]).stdout).toContain('19 other DVIPA(s) not named by the violation');
    const full = runCli(['check', spec, '--only', 'available', '--full']).stdout;
    expect(full).toContain('10.1.0.20: Active on A [A Active]');
    expect(full).not.toContain('other DVIPA(s)');
    const json = JSON.parse(runCli(['check', spec, '--only', 'available', '--format', 'json']).stdout) as { properties: { trace?: { steps: { state: { dvipas: object } }[] } }[] };
    expect(Object.keys(json.properties[0]!.trace!.steps[0]!.state.dvipas)).toHaveLength(20);
  });

  it('16 DVIPAs: every one is listed, as before', () => {
    const text = runCli(['check', specFile(oneStack(16)), '--only', 'available']).stdout;
    expect(text).toContain('10.1.0.16: Active on A [A Active]');
    expect(text).not.toContain('other DVIPA(s)');
  });
});

describe('D-333: a long statement is quoted by its head, the DVIPA it is quoted for, and a count', () => {
  it('a VIPADEFINE of 20 addresses', () => {
    const text = runCli(['check', specFile(oneStack(20)), '--only', 'available']).stdout;
    expect(text).toMatch(/profile: A: VIPADEFINE 255\.255\.255\.0 10\.1\.0\.1 10\.1\.0\.2 .* \.\.\. \(\d+ more words\) \(\S+:\d+:\d+\)/);
    const short = runCli(['check', specFile(oneStack(3)), '--only', 'available']).stdout;
    expect(short).toContain('profile: A: VIPADEFINE 255.255.255.0 10.1.0.1 10.1.0.2 10.1.0.3 (');
  });
});

describe('quoted()', () => {
  it('keeps a short statement whole; names a DVIPA past the head', async () => {
    const { quoted } = await import('../src/render/diff.js');
    expect(quoted({ text: 'VIPADEFINE 255.255.255.0 10.1.0.1' })).toBe('VIPADEFINE 255.255.255.0 10.1.0.1');
    const text = `VIPADEFINE 255.255.255.0 ${Array.from({ length: 40 }, (_, k) => `10.1.0.${k + 1}`).join(' ')}`;
    const q = quoted({ text, address: '10.1.0.40' });
    expect(q).toMatch(/^VIPADEFINE 255\.255\.255\.0 10\.1\.0\.1 .* \.\.\. 10\.1\.0\.40 \.\.\. \(\d+ more words\)$/);
    expect(q.length).toBeLessThan(160);
    const words = q.split(' ').slice(0, -6).length; // the head, without "... 10.1.0.40 ... (N more words)"
    expect(Number(/\((\d+) more words\)/.exec(q)![1]) + words + 1).toBe(42);
  });
});
