import { Composer, isAlias, Parser, visit, YAMLParseError, type Alias, type Document, type Node } from 'yaml';
import { loneCrAsLf } from './ebcdic.js';

/**
 * D-93: how deeply lists and mappings may nest in a spec. A spec needs about 5 levels; the yaml
 * package builds its document recursively and overflows the call stack some hundreds of levels
 * down, so deeper input is refused before it is built.
 */
export const MAX_NESTING = 64;

type Tok = { type?: string; offset?: number; items?: { key?: unknown; value?: unknown }[]; value?: unknown; key?: unknown };
const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * The offset of the first list or mapping nested deeper than MAX_NESTING (where the excess
 * starts), or null. Walks the yaml package's concrete syntax tree, which its parser builds
 * without recursion, with a stack of its own.
 */
export function tooDeep(tokens: readonly unknown[]): number | null {
  const todo: [Tok, number][] = tokens.map((doc) => [doc as Tok, 0]);
  let found: number | null = null;
  while (todo.length > 0) {
    const [t, d] = todo.pop()!;
    const depth = t.type !== undefined && COLLECTIONS.has(t.type) ? d + 1 : d;
    if (depth > MAX_NESTING) { if (found === null || t.offset! < found) found = t.offset!; continue; }
    for (const it of t.items ?? []) {
      if (it.key && typeof it.key === 'object') todo.push([it.key as Tok, depth]);
      if (it.value && typeof it.value === 'object') todo.push([it.value as Tok, depth]);
    }
    if (t.value && typeof t.value === 'object') todo.push([t.value as Tok, depth]);
  }
  return found;
}

/**
 * D-330: YAML 1.2 reads a lone CR (classic Mac line ends, some transfers from z/OS) as a line
 * break, as it reads LF and CRLF; the yaml package does not, and read such a spec as one comment
 * line. Each lone CR becomes an LF (`loneCrAsLf`, which every file read goes through too).
 */
export const yamlLineBreaks = loneCrAsLf;

/**
 * The text's concrete syntax tree (the yaml package's parser, without recursion): `tooDeep` walks
 * it, and `compose` makes the document of it, so a large spec is parsed once.
 */
export const syntaxTree = (text: string): unknown[] => [...new Parser().parse(text)];

/** The first document of the tree, as the yaml package's parseDocument makes it (MULTIPLE_DOCS after a second one). */
export function compose(tokens: readonly unknown[], length: number): Document {
  let doc: Document | null = null;
  for (const d of new Composer({ uniqueKeys: true }).compose(tokens as Parameters<Composer['compose']>[0], true, length)) {
    if (!doc) doc = d as Document;
    else { doc.errors.push(new YAMLParseError(d.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()')); break; }
  }
  return doc!;
}

/**
 * Aliases are resolved (D-94) within the yaml package's own limit against "billion laughs"
 * bombs (maxAliasCount 100, as its toJS applies it); a bomb is reported at the document's first
 * alias. D-330: an alias whose anchor is not set before it is no bomb: it is reported as what it
 * is, at that alias.
 */
export function aliasError(doc: Document): { at: Node; message: string } | null {
  let first: Node | null = null;
  let unresolved: Node | null = null;
  const anchors = new Set<string>();
  // in document order, as the yaml package resolves an alias: the anchor must come before it
  visit(doc, {
    Node(_k, n) {
      if (isAlias(n)) {
        first ??= n as unknown as Node;
        if (!anchors.has(n.source)) { unresolved = n as unknown as Node; return visit.BREAK; }
      } else if (n.anchor) anchors.add(n.anchor);
      return undefined;
    },
  });
  if (unresolved) {
    const name = (unresolved as unknown as Alias).source;
    return { at: unresolved, message: `alias *${name} has no anchor &${name} before it: an alias stands for the node its anchor marks, and the anchor must come first` };
  }
  if (!first) return null;
  try { doc.toJS({ maxAliasCount: 100 }); } catch (e) {
    // only the alias count matters here; anything else toJS may object to is the reader's to report
    if (e instanceof ReferenceError && /alias/i.test(e.message)) return { at: first, message: `too many aliases expand too far (the yaml package's limit of 100 against alias bombs): ${e.message}` };
  }
  return null;
}
