import { isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { SourcePos } from './config.js';
import { controlIn, didYouMean, printable, type SpecError } from './errors.js';

/** Reads typed values out of a YAML AST, collecting spec errors with file:line:column. */
export class YamlReader {
  readonly errors: SpecError[] = [];
  constructor(readonly file: string, readonly lines: LineCounter, readonly source: string, private readonly doc?: Document) {}

  /** An alias (`*apps`) stands for the node its anchor (`&apps`) marks; yaml counts them against bombs (load.ts). */
  deref(node: Node | null | undefined): Node | null | undefined {
    if (!isAlias(node) || !this.doc) return node;
    return (node.resolve(this.doc) as Node | undefined) ?? node;
  }

  /**
   * D-94: a plain scalar that YAML 1.2's core schema reads as a number or a boolean (1e3, 0x10,
   * 010, true), where a string is wanted, is the string as written: names are never converted.
   */
  private asWritten(node: Scalar): string | null {
    const v = node.value;
    if (typeof v === 'string') return v;
    if ((typeof v === 'number' || typeof v === 'boolean') && node.type === 'PLAIN' && typeof node.source === 'string') return node.source;
    return null;
  }

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
    node = this.deref(node);
    if (!isMap(node)) { this.error('E_TYPE', node, `${what} must be a mapping`); return null; }
    const out = new Map<string, { key: Node; value: Node | null }>();
    for (const pair of (node as YAMLMap).items) {
      const key = this.deref(pair.key as Node) as Node;
      const name = isScalar(key) ? this.asWritten(key) ?? String(key.value) : '';
      if (!allowed.includes(name)) {
        this.error('E_UNKNOWN_KEY', key, `unknown key '${name}' in ${what}`, didYouMean(name, allowed) ?? `allowed: ${allowed.join(', ')}`);
        continue;
      }
      out.set(name, { key, value: this.deref(pair.value as Node | null) ?? null });
    }
    return out;
  }

  seq(node: Node | null | undefined, what: string): Node[] | null {
    node = this.deref(node);
    if (!isSeq(node)) { this.error('E_TYPE', node, `${what} must be a list`); return null; }
    return (node.items as Node[]).map((n) => this.deref(n) as Node);
  }

  string(node: Node | null | undefined, what: string): string | null {
    node = this.deref(node);
    const s = isScalar(node) ? this.asWritten(node) : null;
    if (s === null) {
      this.error('E_TYPE', node, `${what} must be a string`);
      return null;
    }
    return s;
  }

  /**
   * D-164: a name that reports and terminals show (sysplex, system, cpc, application, client): a
   * string without control characters (C0, DEL, C1), else E_NAME at the name.
   */
  name(node: Node | null | undefined, what: string): string | null {
    const s = this.string(node, what);
    if (s === null) return null;
    const c = controlIn(s);
    if (!c) return s;
    this.error('E_NAME', this.deref(node), `${what} must not hold control characters: '${s}' has ${printable(c.char)} at character ${c.index + 1}`, 'a name is shown in reports and on terminals; remove it');
    return null;
  }

  int(node: Node | null | undefined, what: string, min: number, max: number): number | null {
    node = this.deref(node);
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.error('E_VALUE', node, `${what} must be a whole number from ${min} to ${max}`);
      return null;
    }
    return v;
  }

  /** A list of strings, or one comma-separated string. */
  names(node: Node | null | undefined, what: string): { name: string; node: Node }[] | null {
    node = this.deref(node);
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
