import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { simulate } from '../src/check/simulate.js';
import { loadFile, ROOT } from './helpers.js';

/**
 * Violation messages name the cause a z/OS engineer fixes, read from the configuration and the
 * step: the statement that is missing, not one that is already there (found by an acceptance
 * audit; the verdicts were right, the advice was not).
 */
const fixture = (name: string) => loadFile(join(ROOT, 'test/fixtures/messages', `${name}.yaml`));
const message = async (name: string, property: string): Promise<string> => {
  const r = await check(fixture(name));
  const p = r.properties.find((x) => x.name === property)!;
  expect(p.status).toBe('violated');
  return p.message!;
};

describe('violation messages name what to fix', () => {
  it('routing-ready on a DELAYJOIN stack without RECOVERY: OMPROUTE stopped after it joined, RECOVERY is the fix', async () => {
    const m = await message('delayjoin-no-recovery', 'routing-ready');
    expect(m).toContain('10.9.0.1 became Active on TCPB while its OMPROUTE is down');
    expect(m).not.toContain('no GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN');
    expect(m).toContain('SYSPLEXMONITOR RECOVERY');
  });

  it('connections-preserved for a VIPARANGE DVIPA: an ioctl creation elsewhere deletes a bind DVIPA (SEMANTICS §11), not a takeback', async () => {
    const m = await message('range-ioctl-over-bind', 'connections-preserved');
    expect(m).toContain("broken by 'app-start TCPB APP2'");
    expect(m).toContain('an ioctl (SIOCSVIPA) creation of 10.1.9.1 on TCPB deletes the bind DVIPA on TCPA');
    expect(m).not.toContain('takeback');
  });

  it('an IPv6 VIPARANGE move: [addr]:port, IPCONFIG6, and the stack that lacks it', async () => {
    const m = await message('range-ipv6-move', 'connections-preserved');
    expect(m).toContain('[2001:db8:9::1]:5000');
    expect(m).toContain('IPCONFIG6 DYNAMICXCF on both stacks; TCPB has none');
  });

  it('the old holder of a NONDISRUPTIVE move stops being Moving at its app-stop without the D-135 assumption', () => {
    const r = simulate(fixture('range-move-app-stop'), 'connect app; app-start TCPB APP; connect app; app-stop TCPA APP');
    if (!r.ok) throw new Error(r.message);
    const last = r.trace.steps.at(-1)!;
    expect(r.trace.steps.at(-2)!.state.dvipas['10.1.9.1']!.status).toEqual({ TCPA: 'Moving', TCPB: 'Active' });
    expect(last.state.dvipas['10.1.9.1']!.status).toEqual({ TCPB: 'Active' });
    expect(last.assumed ?? []).not.toContain('range-moving-ends');
    // ...while a close of its last connection does rely on it
    const c = simulate(fixture('range-move-app-stop'), 'connect app; app-start TCPB APP; close TCPA app');
    if (!c.ok) throw new Error(c.message);
    expect(c.trace.steps.at(-1)!.assumed).toContain('range-moving-ends');
  });
});
