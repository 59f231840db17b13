import { describe, expect, it } from 'vitest';
import { simulate } from '../src/check/simulate.js';
import { PLAIN, renderTrace } from '../src/render/text.js';
import { config } from './helpers.js';

// D-220: an `assumed:` line of a text trace cites the profile statement the assumed rule rested on.
const D = '10.1.1.1';
function text(spec: string, events: string): string[] {
  const cfg = config(spec);
  const r = simulate(cfg, events);
  if (!r.ok) throw new Error(r.message);
  return renderTrace(cfg, r.trace, PLAIN).filter((l) => l.includes('assumed:'));
}
const stack = (name: string, profile: string, routing = 'static'): string =>
  `  - name: ${name}\n    routing: ${routing}\n    profile: |\n${profile.split('\n').map((l) => `      ${l}`).join('\n')}\n`;

describe('assumed rules cite their profile statement (D-220)', () => {
  it('recovery-trigger names the GLOBALCONFIG that set RECOVERY', () => {
    const spec = `sysplex: P\nstacks:\n${stack('S1', `GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN\nGLOBALCONFIG SYSPLEXMONITOR RECOVERY\nVIPADYNAMIC VIPADEFINE 255.255.255.0 ${D} ENDVIPADYNAMIC`, 'omproute')}${stack('S2', `VIPADYNAMIC VIPABACKUP ${D} ENDVIPADYNAMIC`)}`;
    const lines = text(spec, 'routing-stop S1');
    const rec = lines.find((l) => l.includes('SYSPLEXMONITOR RECOVERY an OMPROUTE failure'));
    expect(rec).toContain('(S1: GLOBALCONFIG SYSPLEXMONITOR RECOVERY at inline.yaml:7:7)');
    // the leave assumption is shown only where connections were lost on the leave (D-227): none here
    expect(lines.find((l) => l.includes('deletes its DVIPAs'))).toBeUndefined();
  });

  it('no-preemption names the joining backup\'s VIPABACKUP, not the holder\'s', () => {
    const spec = `sysplex: P\nstacks:\n${stack('S1', `VIPADYNAMIC VIPADEFINE 255.255.255.0 ${D} ENDVIPADYNAMIC`)}${stack('S2', `VIPADYNAMIC VIPABACKUP 200 ${D} ENDVIPADYNAMIC`)}${stack('S3', `VIPADYNAMIC VIPABACKUP 10 ${D} ENDVIPADYNAMIC`)}environment:\n  maxFailures: 2\n`;
    const lines = text(spec, 'terminate S2; terminate S1; start S2');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('does not take the DVIPA');
    expect(lines[0]).toContain(`(S2: VIPABACKUP 200 ${D} at inline.yaml:10:19)`);
    expect(lines[0]).not.toContain('VIPABACKUP 10 ');
  });
});
