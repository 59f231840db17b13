/**
 * The hot loop of `--symmetry` (h24): Symmetry.canon compiled once per configuration with
 * `new Function`, as the rules are (lower-js.ts). The representative is the one of
 * Symmetry.canonRows (each group's blocks sorted by their bytes, lexicographically, ties by stack
 * index); only the way to it differs. Each member's block is read with constant offsets into
 * packed keys (4 bytes a word, big-endian, sign bit flipped so that a signed compare is the
 * unsigned one); a group already in order (all adjacent pairs non-decreasing, the common case) is
 * left as it is; otherwise an insertion sort on the keys (groups are small) finds the order and
 * only the members that moved are written back.
 */

/** A group whose members' blocks have one length B: member p's k-th byte is at off[p * B + k]. */
export interface PackedGroup { readonly members: readonly number[]; readonly B: number; readonly off: Int32Array }

export type Canon = (w: Uint8Array, perm?: number[][]) => void;

/** groups[gi] null: blocks of different lengths, done by `slow` (canonRows). */
export function compileCanon(groups: readonly (PackedGroup | null)[], slow: (w: Uint8Array, gi: number, perm?: number[][]) => void): Canon {
  const maxKeys = Math.max(1, ...groups.map((g) => (g ? g.members.length * ((g.B + 3) >> 2) : 0)));
  const keys = new Int32Array(maxKeys);
  const order = new Int32Array(Math.max(1, ...groups.map((g) => g?.members.length ?? 0)));
  const lines: string[] = [];
  groups.forEach((g, gi) => {
    if (!g) { lines.push(`slow(w, ${gi}, perm);`); return; }
    const m = g.members.length;
    const W = (g.B + 3) >> 2;
    const k = (p: number, j: number): string => `k${gi}_${p}_${j}`;
    lines.push('{');
    for (let p = 0; p < m; p++) {
      for (let j = 0; j < W; j++) {
        const bytes: string[] = [];
        for (let t = 4 * j; t < Math.min(4 * j + 4, g.B); t++) bytes.push(`(w[${g.off[p * g.B + t]!}] << ${24 - 8 * (t - 4 * j)})`);
        lines.push(`const ${k(p, j)} = (${bytes.join(' | ')}) ^ -2147483648;`);
      }
    }
    // lexicographic a <= b over the W words
    const le = (a: number, b: number, j: number): string => (j === W - 1 ? `${k(a, j)} <= ${k(b, j)}` : `(${k(a, j)} < ${k(b, j)} || (${k(a, j)} === ${k(b, j)} && ${le(a, b, j + 1)}))`);
    const ordered = Array.from({ length: m - 1 }, (_, p) => le(p, p + 1, 0)).join(' && ');
    lines.push(`if (${ordered}) { if (perm) perm[${gi}] = members[${gi}].slice(); } else {`);
    for (let p = 0; p < m; p++) for (let j = 0; j < W; j++) lines.push(`keys[${p * W + j}] = ${k(p, j)};`);
    lines.push(`sortGroup(w, ${m}, ${W}, ${g.B}, offs[${gi}], members[${gi}], ${gi}, perm); }`, '}');
  });
  const members = groups.map((g) => g?.members ?? []);
  const offs = groups.map((g) => g?.off ?? new Int32Array(0));
  const sortGroup = (w: Uint8Array, m: number, W: number, B: number, off: Int32Array, g: readonly number[], gi: number, perm?: number[][]): void => {
    order[0] = 0;
    for (let p = 1; p < m; p++) {
      // insert p: it goes before every earlier member whose key is greater (equal keys keep member order)
      let q = p - 1;
      for (; q >= 0; q--) {
        const a = p * W, b = order[q]! * W;
        let j = 0;
        while (j < W && keys[a + j] === keys[b + j]) j++;
        if (j === W || keys[a + j]! > keys[b + j]!) break;
        order[q + 1] = order[q]!;
      }
      order[q + 1] = p;
    }
    for (let p = 0; p < m; p++) {
      const src = order[p]!;
      if (src === p) continue;
      const base = p * B;
      for (let t = 0; t < B; t++) w[off[base + t]!] = ((keys[src * W + (t >> 2)]! ^ 0x80000000) >>> (24 - ((t & 3) << 3))) & 255;
    }
    if (perm) perm[gi] = Array.from(order.subarray(0, m), (p) => g[p]!);
  };
  return new Function('slow', 'sortGroup', 'keys', 'offs', 'members', `"use strict"; return (w, perm) => {\n${lines.join('\n')}\n};`)(slow, sortGroup, keys, offs, members) as Canon;
}
