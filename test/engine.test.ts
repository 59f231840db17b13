// Long because the engine's parts (BFS on toy models, fingerprint set, edge store, frontier layers,
// shared table) are tested against the same toy models, which are defined once at the top.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfs } from '../src/engine/bfs.js';
import type { EngineProperty, PackedModel } from '../src/engine/model.js';
import { replay } from '../src/engine/model.js';
import { fingerprint, FingerprintSet } from '../src/engine/fingerprint-set.js';

/** A directed graph as a model: the state is the node number; action k follows edge k. */
function graphModel(adj: number[][], start = 0): PackedModel {
  const maxDeg = Math.max(1, ...adj.map((a) => a.length));
  const buf = new Uint8Array(4);
  const view = new DataView(buf.buffer);
  return {
    stateBytes: 4,
    actionCount: maxDeg,
    initialStates: () => { const s = new Uint8Array(4); new DataView(s.buffer).setUint32(0, start, true); return [s]; },
    successors(state, a, emit) {
      const node = new DataView(state.buffer, state.byteOffset, 4).getUint32(0, true);
      const to = adj[node]![a];
      if (to === undefined) return;
      view.setUint32(0, to, true);
      emit(buf, 0);
    },
  };
}
const nodeOf = (s: Uint8Array): number => new DataView(s.buffer, s.byteOffset, 4).getUint32(0, true);

function referenceBfs(adj: number[][], start: number): Map<number, number> {
  const dist = new Map([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const n = queue.shift()!;
    for (const m of adj[n]!) if (!dist.has(m)) { dist.set(m, dist.get(n)! + 1); queue.push(m); }
  }
  return dist;
}

const graphs = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.tuple(fc.constant(n), fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), { minLength: n, maxLength: n })));

describe('engine: BFS on toy models', () => {
  it('counts the states and transitions of a 2-counter grid', async () => {
    const N = 30;
    const model: PackedModel = {
      stateBytes: 4, actionCount: 2,
      initialStates: () => [new Uint8Array(4)],
      successors(s, a, emit) {
        if (s[a]! >= N) return;
        const t = s.slice();
        t[a]!++;
        emit(t, 0);
      },
    };
    const r = await bfs(model, []);
    expect(r.termination).toBe('exhausted');
    expect(r.states).toBe((N + 1) * (N + 1));
    expect(r.transitions).toBe(2 * N * (N + 1));
    expect(r.depth).toBe(2 * N);
  });

  it('counts one transition per successor of a nondeterministic action', async () => {
    const model: PackedModel = {
      stateBytes: 4, actionCount: 1,
      initialStates: () => [new Uint8Array(4)],
      successors(s, _a, emit) {
        if (s[0]! >= 3) return;
        for (let c = 0; c < 3; c++) { const t = s.slice(); t[0] = s[0]! + 1; t[1] = c; emit(t, c); }
      },
    };
    const r = await bfs(model, []);
    expect(r.states).toBe(1 + 3 + 3 + 3);
    expect(r.transitions).toBe(3 + 9 + 9);
  });

  it('reaches exactly the states of a naive reference search, and its traces are shortest and replay', async () => {
    await fc.assert(fc.asyncProperty(graphs, fc.nat(), async ([n, adj], pick) => {
      const dist = referenceBfs(adj, 0);
      const target = [...dist.keys()][pick % dist.size]!;
      const props: EngineProperty[] = [{ name: 'avoid', state: (s) => (nodeOf(s) === target ? `reached ${target}` : null) }];
      const model = graphModel(adj);
      const r = await bfs(model, props);
      expect(r.states).toBe(dist.size);
      expect(r.transitions).toBe([...dist.keys()].reduce((acc, k) => acc + adj[k]!.length, 0));
      const d = r.discoveries.get('avoid')!;
      const path = r.path(d);
      expect(path.steps.length).toBe(dist.get(target));
      const replayed = replay(model, 0, path.steps);
      expect(replayed && nodeOf(replayed.steps.at(-1)?.state ?? replayed.init)).toBe(target);
      void n;
    }), { numRuns: 200 });
  });

  it('finds the shortest trace to a step-property violation', async () => {
    await fc.assert(fc.asyncProperty(graphs, async ([, adj]) => {
      const dist = referenceBfs(adj, 0);
      // the step property fails on any edge into a node with a higher number than its source + 2
      const bad = (a: number, b: number): boolean => b > a + 2;
      let best = Infinity;
      for (const [k, dk] of dist) for (const m of adj[k]!) if (bad(k, m)) best = Math.min(best, dk + 1);
      const props: EngineProperty[] = [{ name: 'jump', step: (b, _a, s) => (bad(nodeOf(b), nodeOf(s)) ? 'jump' : null) }];
      const r = await bfs(graphModel(adj), props);
      const d = r.discoveries.get('jump');
      if (best === Infinity) expect(d).toBeUndefined();
      else expect(r.path(d!).steps.length).toBe(best);
    }), { numRuns: 200 });
  });

  it('checks several state and step properties at once: each finds its own first violation, as if checked alone', async () => {
    // Properties that are often violated by the same state or step, to exercise the removal of
    // several at once (engine/checks.ts) and the checks that go on after one is removed.
    const stateProps: EngineProperty[] = [2, 3, 5, 6].map((m) => ({ name: `mod${m}`, state: (s) => (nodeOf(s) > 0 && nodeOf(s) % m === 0 ? `mod${m}:${nodeOf(s)}` : null) }));
    const stepProps: EngineProperty[] = [1, 2, 3].map((j) => ({ name: `up${j}`, step: (b, _a, s) => (nodeOf(s) > nodeOf(b) + j ? `up${j}:${nodeOf(b)}>${nodeOf(s)}` : null) }));
    const all = [...stateProps, ...stepProps];
    await fc.assert(fc.asyncProperty(graphs, async ([, adj]) => {
      const together = await bfs(graphModel(adj), all);
      for (const p of all) {
        const alone = await bfs(graphModel(adj), [p]);
        const a = alone.discoveries.get(p.name);
        const t = together.discoveries.get(p.name);
        expect(t === undefined).toBe(a === undefined);
        if (a && t) {
          expect(t.message).toBe(a.message);
          expect(t.stateId).toBe(a.stateId);
          expect(t.step).toEqual(a.step);
        }
      }
    }), { numRuns: 200 });
  });

  it('checks a step property with changedWords only on steps that change one of those words', async () => {
    // state: two words (x, y) mod 3; action 0 steps x, action 1 steps y
    const model: PackedModel = {
      stateBytes: 8, actionCount: 2, initialStates: () => [new Uint8Array(8)],
      successors(s, a, emit) { const t = s.slice(); t[a * 4] = (t[a * 4]! + 1) % 3; emit(t, 0); },
    };
    const yMoved = (b: Uint8Array, _a: number, s: Uint8Array): string | null => (b[4] !== s[4] ? 'y moved' : null);
    const first: EngineProperty = { name: 'y-first', step: yMoved };
    const honest: EngineProperty = { name: 'y-honest', step: yMoved, changedWords: [1] };
    const wrong: EngineProperty = { name: 'y-wrong-hint', step: yMoved, changedWords: [0] }; // never checked when y moves alone
    // wrong hint first: the generated check skips it; after y-first: the follow-up checks skip it
    for (const props of [[wrong, honest], [first, honest, wrong], [first, wrong, honest]]) {
      const r = await bfs(model, props);
      expect(r.discoveries.get('y-honest')!.step).toEqual({ action: 1, choice: 0 });
      expect(r.discoveries.get('y-honest')!.stateId).toBe(0);
      expect(r.discoveries.has('y-wrong-hint')).toBe(false);
    }
    expect((await bfs(model, [{ ...wrong, changedWords: undefined }])).discoveries.has('y-wrong-hint')).toBe(true);
  });

  it('stops at --max-states with termination stateLimit', async () => {
    const adj = Array.from({ length: 100 }, (_, i) => [(i + 1) % 100]);
    const r = await bfs(graphModel(adj), [], { maxStates: 10 });
    expect(r.termination).toBe('stateLimit');
    expect(r.states).toBe(10);
  });

  it('stops when the signal aborts', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const model: PackedModel = {
      stateBytes: 4, actionCount: 1, initialStates: () => [new Uint8Array(4)],
      successors(s, _a, emit) { const t = s.slice(); new DataView(t.buffer).setUint32(0, nodeOf(s) + 1, true); emit(t, 0); },
    };
    const r = await bfs(model, [], { signal: ctl.signal, maxStates: 5_000_000 });
    expect(['interrupted', 'stateLimit']).toContain(r.termination);
  });
});

describe('engine: fingerprint set', () => {
  it('behaves as a set of pairs across growth', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer(), fc.integer()), { maxLength: 3000 }), (pairs) => {
      const s = new FingerprintSet(4);
      const ref = new Set<string>();
      for (const [a, b] of pairs) {
        const key = a === 0 && b === 0 ? '0,1' : `${a},${b}`;
        expect(s.add(a, b)).toBe(!ref.has(key));
        ref.add(key);
      }
      expect(s.size).toBe(ref.size);
    }));
  });

  it('keeps every fingerprint through many growths of one segment and of all, and has() agrees', () => {
    for (const sameSegment of [true, false]) {
      const s = new FingerprintSet(4);
      let x = 12345;
      const next = (): number => { x = (Math.imul(x, 1103515245) + 12345) | 0; return x; };
      const pairs: [number, number][] = [];
      for (let k = 0; k < 200_000; k++) {
        const hi = sameSegment ? (0x7a000000 | (next() & 0xffffff)) : next();
        pairs.push([hi, next()]);
      }
      for (const [hi, lo] of pairs) s.add(hi, lo);
      expect(s.size).toBe(new Set(pairs.map((p) => p.join())).size);
      for (const [hi, lo] of pairs) expect(s.has(hi, lo)).toBe(true);
      for (const [hi, lo] of pairs.slice(0, 1000)) expect(s.has(hi, lo ^ 0x5555)).toBe(false);
      expect(s.slots * 0.8).toBeGreaterThanOrEqual(s.size);
    }
  });
});

describe('engine: fingerprints', () => {
  it('structured states (a few small fields varying) do not collide and spread evenly', () => {
    const W = 12, N = 1_000_000;
    const words = new Uint32Array(W), out = new Int32Array(2);
    const set = new FingerprintSet(1 << 20);
    const seg = new Float64Array(256), low = new Float64Array(256);
    let collisions = 0;
    for (let n = 0; n < N; n++) {
      words.fill(0x01020001);
      let x = n;
      for (let d = 0; d < 5; d++) { const w = (d * 5) % W, sh = (d % 4) * 8; words[w] = (words[w]! & ~(0xff << sh)) | ((x & 15) << sh); x >>>= 4; }
      fingerprint(words, out);
      if (!set.add(out[0]!, out[1]!)) collisions++;
      seg[out[0]! >>> 24]!++;
      low[out[1]! & 255]!++;
    }
    const chi2 = (h: Float64Array): number => { const e = N / 256; let c = 0; for (const v of h) c += (v - e) ** 2 / e; return c; };
    expect(collisions).toBe(0);
    // 255 degrees of freedom: above 340 happens by chance with probability < 0.3%.
    expect(chi2(seg)).toBeLessThan(340);
    expect(chi2(low)).toBeLessThan(340);
  });
});

import { ChunkedEdges } from '../src/engine/chunked.js';
describe('engine: edge store', () => {
  it('stores 16-bit values and widens to 32 bits when a larger one comes', () => {
    const e = new ChunkedEdges(4);
    const vals = Array.from({ length: 100 }, (_, k) => (k * 977) % 65536);
    for (const v of vals) e.push(v);
    expect(e.bytes).toBe(7 * 16 * 2);
    e.push(70000);
    for (let k = 0; k < 50; k++) e.push(k * 100_000);
    expect(Array.from({ length: e.length }, (_, k) => e.get(k))).toEqual([...vals, 70000, ...Array.from({ length: 50 }, (_, k) => k * 100_000)]);
    expect(e.bytes).toBe(10 * 16 * 4);
  });
});

import { SharedLayer, StateLayer } from '../src/engine/chunked.js';
describe('engine: frontier layers', () => {
  it('give back what was pushed, packed in nibbles or not', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 40 }), (words, nib, seeds) => {
      const layer = new StateLayer(words, nib);
      const states = seeds.map((sd) => Uint32Array.from({ length: words }, (_, j) => {
        const bytes = [0, 1, 2, 3].map((b) => ((sd >>> ((j + b) % 7)) + b * 5) % (nib ? 16 : 256));
        return (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
      }));
      for (const s of states) layer.push(s);
      const out = new Uint32Array(words);
      states.forEach((s, k) => { layer.read(k, out); expect(Array.from(out)).toEqual(Array.from(s)); });
      // the shared layer of the parallel search: copied from a layer (packed as stored) to ranks in
      // any order, read back by rank with the id
      const shared = new SharedLayer(SharedLayer.create(states.length, words, nib), words, nib);
      const order = states.map((_, k) => (k * 7 + 3) % states.length);
      if (new Set(order).size === states.length) {
        const again = new StateLayer(words, nib);
        for (const s of states) again.push(s);
        order.forEach((r, k) => again.copyTo(k, shared, r, 1000 + k));
        order.forEach((r, k) => { expect(shared.read(r, out)).toBe(1000 + k); expect(Array.from(out)).toEqual(Array.from(states[k]!)); });
      }
    }));
  });
});

import { FULL, NEW, OLD, SEGMENTS, SharedTable } from '../src/engine/shared-table.js';
describe('engine: shared fingerprint table (parallel BFS)', () => {
  /** Two workers' views of one table, driven from one thread. */
  const pair = (slots = 64) => {
    const bufs = SharedTable.create(slots);
    const t = [new SharedTable(bufs, 2, 0), new SharedTable(bufs, 2, 1)];
    for (const x of t) x.limits.fill(1 << 20);
    return t;
  };
  const adoptAll = (t: SharedTable[]) => { const g = t.flatMap((x) => x.takeGrown()); for (const x of t) x.adopt(g); };

  it('a state of this layer held by a higher-numbered worker is taken over by a lower one, never the other way', () => {
    const [w0, w1] = pair();
    expect(w1!.insert(0x12345678, 99)).toBe(NEW);
    expect(w1!.stolen).toBe(-1);
    expect(w0!.insert(0x12345678, 99)).toBe(NEW);
    expect(w0!.stolen).toBe(1);
    expect(w0!.insert(0x12345678, 99)).toBe(OLD);
    expect(w0!.insert(0x7000_0001, 5)).toBe(NEW);
    expect(w0!.stolen).toBe(-1);
    expect(w1!.insert(0x7000_0001, 5)).toBe(OLD);
  });

  it('states of earlier layers are old for every worker, also when the phase comes round again after age()', () => {
    const [w0, w1] = pair();
    w1!.phase = 1; w0!.phase = 1;
    expect(w1!.insert(0xabcdef01, 7)).toBe(NEW);
    for (const x of [w0!, w1!]) x.phase = 2;
    const fresh0 = new SharedTable(tableBuffers(w0!), 2, 0);
    fresh0.phase = 2;
    expect(fresh0.insert(0xabcdef01, 7)).toBe(OLD);
    // phase 1 again: without age() worker 0 would take the state over as if it were new
    w0!.age(); w1!.age();
    const again = new SharedTable(tableBuffers(w0!), 2, 0);
    again.phase = 1;
    expect(again.insert(0xabcdef01, 7)).toBe(OLD);
  });

  it('refuses to claim beyond its share (FULL, nothing written), and keeps every entry when a segment grows', () => {
    const [w0, w1] = pair(16);
    const prints = Array.from({ length: 3000 }, (_, i) => [Math.imul(i + 1, 0x9e3779b1) | 0, (i * 7 + 1) | 0] as const);
    w0!.limits.fill(0);
    expect(w0!.insert(prints[0]![0], prints[0]![1])).toBe(FULL);
    expect(w0!.fullSegment).toBe(prints[0]![0] >>> 24);
    w0!.limits.fill(1 << 20);
    for (const [hi, lo] of prints) {
      const g = hi >>> 24;
      for (;;) {
        const r = w0!.insert(hi, lo);
        if (r !== FULL) { expect(r).toBe(NEW); break; }
        w0!.grow(g, w0!.capacity(g) * 2);
      }
      if (w0!.used[g]! * 10 > w0!.capacity(g) * 8) w0!.grow(g, w0!.capacity(g) * 2);
    }
    adoptAll([w0!, w1!]);
    for (let g = 0; g < SEGMENTS; g++) expect(w1!.capacity(g)).toBe(w0!.capacity(g));
    const reader = new SharedTable(tableBuffers(w0!), 2, 0);
    reader.limits.fill(1);
    for (const [hi, lo] of prints) expect(reader.insert(hi, lo)).toBe(OLD);
    expect(reader.insert(0x0badf00d, 3)).toBe(NEW);
  });
});

/** The current segment buffers of a table (a fresh view has an empty cache of recent prints). */
function tableBuffers(t: SharedTable): SharedArrayBuffer[] {
  return (t as unknown as { segs: Int32Array[] }).segs.map((a) => a.buffer as SharedArrayBuffer);
}
