import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourcePos } from './config.js';
import { didYouMean, type SpecError } from './errors.js';

/** Reads typed values out of a YAML AST, collecting spec errors with file:line:column. */
export class YamlReader {
  readonly errors: SpecError[] = [];
  constructor(readonly file: string, readonly lines: LineCounter, readonly source: string) {}

  pos(node: Node | Pair | null | undefined): SourcePos {
    const n = node as { range?: [number, number, number]; key?: { range?: [number, number, number] } } | null | undefined;
    const off = n?.range?.[0] ?? n?.key?.range?.[0] ?? 0;
    const lp = this.lines.linePos(off);
    return { file: this.file, line: lp.line, column: lp.col };
  }

  error(code: string, at: Node | Pair | SourcePos | null | undefined, message: string, hint?: string): void {
    const pos = at && 'file' in at ? at : this.pos(at as Node);
    this.errors.push({ code, pos, message, ...(hint ? { hint } : {}) });
  }

  /** The map's pairs, reporting keys outside `allowed` (with a "did you mean"). */
  map(node: Node | null | undefined, what: string, allowed: readonly string[]): Map<string, { key: Node; value: Node | null }> | null {
    if (!isMap(node)) { this.error('E_TYPE', node, `${what} must be a mapping`); return null; }
    const out = new Map<string, { key: Node; value: Node | null }>();
    for (const pair of (node as YAMLMap).items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : '';
      if (!allowed.includes(name)) {
        this.error('E_UNKNOWN_KEY', key, `unknown key '${name}' in ${what}`, didYouMean(name, allowed) ?? `allowed: ${allowed.join(', ')}`);
        continue;
      }
      out.set(name, { key, value: (pair.value as Node | null) ?? null });
    }
    return out;
  }

  seq(node: Node | null | undefined, what: string): Node[] | null {
    if (!isSeq(node)) { this.error('E_TYPE', node, `${what} must be a list`); return null; }
    return node.items as Node[];
  }

  string(node: Node | null | undefined, what: string): string | null {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object' || typeof node.value === 'boolean') {
      this.error('E_TYPE', node, `${what} must be a string`);
      return null;
    }
    return String(node.value);
  }

  int(node: Node | null | undefined, what: string, min: number, max: number): number | null {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.error('E_VALUE', node, `${what} must be a whole number from ${min} to ${max}`);
      return null;
    }
    return v;
  }

  /** A list of strings, or one comma-separated string. */
  names(node: Node | null | undefined, what: string): { name: string; node: Node }[] | null {
    if (isScalar(node) && typeof node.value === 'string') {
      return node.value.split(',').map((s) => s.trim()).filter(Boolean).map((name) => ({ name, node }));
    }
    const items = this.seq(node, what);
    if (!items) return null;
    const out: { name: string; node: Node }[] = [];
    for (const it of items) { const s = this.string(it, `each entry of ${what}`); if (s !== null) out.push({ name: s, node: it }); }
    return out;
  }
}
