import { describe, expect, it } from 'vitest';
import { involvedDistribute, involvedLines } from '../src/render/text.js';
import { loadFile } from './helpers.js';

describe('D-305: a distributed DVIPA without an eligible target cites the VIPADISTRIBUTE in use', () => {
  const cfg = loadFile('specs/bad-distributor-no-listener.yaml'); // TCPCS1 distributes 10.91.1.1 PORT 8080 ROUNDROBIN (line 12)
  const msg = (by: string, port = 8080, method = 'ROUNDROBIN'): string => `client 'app clients' reaches 10.91.1.1:${port} distributed by ${by} (${method}), no target is eligible: no listener`;
  it("the distributor's own definition", () => {
    expect(involvedDistribute(cfg, msg('TCPCS1')).map((x) => `${x.stack}:${x.ref.pos.line}`)).toEqual(['TCPCS1:12']);
    expect(involvedLines(cfg, msg('TCPCS1'))).toContain('TCPCS1: VIPADISTRIBUTE DISTMETHOD ROUNDROBIN 10.91.1.1 PORT 8080 DESTIP 10.61.0.2 10.61.0.3 (specs/bad-distributor-no-listener.yaml:12:9)');
  });
  it('a distributor with none of its own inherited one: the matching definitions of the sysplex', () => {
    expect(involvedDistribute(cfg, msg('TCPCS2')).map((x) => x.stack)).toEqual(['TCPCS2']); // its own
    expect(involvedDistribute(cfg, msg('TCPCS3')).map((x) => x.stack)).toEqual(['TCPCS1', 'TCPCS2']); // none of its own
  });
  it('another port, another method, or a message about something else: nothing', () => {
    expect(involvedDistribute(cfg, msg('TCPCS1', 8081))).toEqual([]);
    expect(involvedDistribute(cfg, msg('TCPCS1', 8080, 'BASEWLM'))).toEqual([]);
    expect(involvedDistribute(cfg, "client 'app clients' reaches 10.91.1.1:8080 on TCPCS1, where no application listens on port 8080")).toEqual([]);
  });
});
