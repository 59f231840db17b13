import { describe, expect, it } from 'vitest';
import { ACTIVE, BACKUP, INACTIVE } from '../src/model/codes.js';
import { DvipaModel } from '../src/model/model.js';
import { NotingChooser } from '../src/check/trace.js';
import { makeSysplex } from '../src/properties/bind.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import type { Property } from '../src/properties/api.js';
import { config } from './helpers.js';

const D = '201.2.10.11';
const spec = `stacks:
${['A:VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.0', 'B:VIPABACKUP 100', 'C:VIPABACKUP 50'].map((x) => {
  const [n, stmt] = x.split(':');
  return `  - name: ${n}
    profile: |
      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
      IPCONFIG DYNAMICXCF 193.9.200.${n!.charCodeAt(0)} 255.255.255.0 1
      VIPADYNAMIC
        ${stmt} ${D}
      ENDVIPADYNAMIC
    applications: [{ name: WEB, port: ${n === 'C' ? 81 : 80} }]
`;
}).join('')}clients: [{ name: web, dvipa: ${D}, port: 80 }]
`;

/** Built-in properties judged on hand-made (before, event, after) triples, including wrong ones. */
describe('built-in properties report violations (not only the model agreeing with itself)', () => {
  const model = new DvipaModel(config(spec), true);
  const sys = makeSysplex(model.cfg, model);
  const L = model.layout;
  const ds = (i: number): number => L.statusOffset[0 * L.nStacks + i]!;
  const prop = (name: string): Property => BUILTIN_PROPERTIES.find((p) => p.name === name)!;
  const event = (text: string) => { const a = model.actions.find((x) => x.text === text)!; return { kind: a.kind, text: a.text, stack: a.stack, dvipa: a.dvipa, app: a.app, client: a.client }; };
  const init = model.initialStates()[0]!;
  const step = (text: string, s = init): Uint8Array => { const w = s.slice(); model.applyCounted(w, model.actions.find((x) => x.text === text)!, new NotingChooser(model)); return w; };
  const judge = (name: string, before: Uint8Array, ev: string, after: Uint8Array): unknown => {
    const p = prop(name);
    const b = model.view().at(before);
    const a = model.view().at(after);
    return p.kind === 'step' ? p.check(b, event(ev), a, sys) : p.check(a, sys);
  };

  it('takeover: a DVIPA that lands below the first of the chain', () => {
    const right = step('terminate A');
    expect(judge('takeover', init, 'terminate A', right)).toBe(true);
    const wrong = right.slice();
    wrong[ds(1)] = BACKUP;
    wrong[ds(2)] = ACTIVE;
    expect(judge('takeover', init, 'terminate A', wrong)).toMatch(/first in its backup chain is B, but it is Active on C/);
  });

  it('available: a DVIPA left Active nowhere', () => {
    const lost = step('terminate A');
    lost[ds(1)] = BACKUP;
    expect(judge('available', init, 'terminate A', lost)).toMatch(/Active nowhere/);
  });

  it('routing-ready and no-black-hole: a new owner whose OMPROUTE is down', () => {
    const down = step('routing-stop B');
    const after = step('terminate A', down);
    expect(judge('routing-ready', down, 'terminate A', after)).toMatch(/became Active on B while its OMPROUTE is down/);
    expect(judge('no-black-hole', down, 'terminate A', after)).toMatch(/not advertised/);
  });

  it('service-available: the owner has no application on the port', () => {
    const s = step('terminate A');
    const s2 = step('terminate B', s);
    expect(judge('service-available', s, 'terminate B', s2)).toMatch(/on C, where no application listens on port 80/);
  });

  it('connections-preserved: a connection dropped by an unrelated event', () => {
    const c = step('connect web');
    const wrong = c.slice();
    wrong[L.connOffset[0 * L.nStacks + 0]!] = 0;
    expect(judge('connections-preserved', c, 'app-start B WEB', wrong)).toMatch(/broken by 'app-start B WEB'/);
    expect(judge('connections-preserved', c, 'terminate A', step('terminate A', c))).toBe(true);
  });

  it('single-owner and takeback', () => {
    const two = init.slice();
    two[ds(1)] = ACTIVE;
    expect(judge('single-owner', init, 'start A', two)).toMatch(/Active on A and B/);
    const taken = init.slice();
    taken[ds(0)] = BACKUP;
    taken[ds(1)] = ACTIVE;
    expect(judge('takeback', init, 'start A', taken)).toMatch(/VIPADEFINE stack A is joined, but it is Active on B/);
    const gone = init.slice();
    gone[ds(0)] = INACTIVE;
    gone[0] = 0;
    expect(judge('takeback', init, 'terminate A', gone)).toBe(true);
  });
});
