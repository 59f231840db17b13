/**
 * MVS system symbols in a TCP/IP profile (SEMANTICS §8, SPEC §5 `symbols`): `&NAME.` (or `&NAME`
 * before a character that cannot continue a name) is replaced by the stack's value before the
 * statement is parsed, as z/OS does for shared TCPPARMS members.
 */
import { isMap, isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { YamlReader } from './yaml-reader.js';

export type Symbols = ReadonlyMap<string, string>;

const SYMBOL = /&([A-Za-z@#$][A-Za-z0-9@#$_]{0,15})\.?/g;
export const SYMBOL_NAME = /^[A-Za-z@#$][A-Za-z0-9@#$_]{0,15}$/;

/**
 * The stack's symbol table: the spec's `symbols`, `SYSNAME` from `system` unless given, `SYSCLONE`
 * from the last two characters of SYSNAME unless given (z/OS's defaults). Names are upper case.
 */
export function symbolTable(given: ReadonlyMap<string, string>, system: string | null): Symbols {
  const t = new Map<string, string>();
  for (const [k, v] of given) t.set(k.toUpperCase(), v);
  if (!t.has('SYSNAME') && system) t.set('SYSNAME', system);
  const sysname = t.get('SYSNAME');
  if (!t.has('SYSCLONE') && sysname) t.set('SYSCLONE', sysname.slice(-2));
  return t;
}

/** One word with its symbols replaced; `unresolved` names the first symbol the table lacks. */
export function substitute(word: string, symbols: Symbols): { text: string; unresolved: string | null } {
  if (!word.includes('&')) return { text: word, unresolved: null };
  let unresolved: string | null = null;
  const text = word.replace(SYMBOL, (all, name: string) => {
    const v = symbols.get(name.toUpperCase());
    if (v === undefined) { unresolved ??= all.endsWith('.') ? all : `${all}.`; return all; }
    return v;
  });
  return { text, unresolved };
}

/** Reads `stacks[].symbols` (a mapping of names to values; a number keeps its digits: `SYSCLONE: 01`). */
export function readSymbols(r: YamlReader, node: Node | null | undefined, stack: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!node) return out;
  if (!isMap(node)) { r.error('E_TYPE', node, `symbols of stack ${stack} must be a mapping (NAME: value)`); return out; }
  for (const pair of (node as YAMLMap).items) {
    const key = pair.key as Node;
    const raw = isScalar(key) ? String(key.value) : '';
    const name = raw.replace(/^&/, '').replace(/\.$/, '');
    if (!SYMBOL_NAME.test(name)) { r.error('E_NAME', key, `'${raw}' is not a system symbol name (1-16 letters, digits, @ # $ _, not starting with a digit)`); continue; }
    const v = pair.value as Node | null;
    const text = isScalar(v) && typeof v.value === 'number' && typeof (v as Scalar).source === 'string' ? (v as Scalar).source! : r.string(v, `symbol ${name} of stack ${stack}`);
    if (text === null) continue;
    if (out.has(name.toUpperCase())) { r.error('E_DUPLICATE', key, `symbol ${name} is given twice for stack ${stack}`); continue; }
    out.set(name.toUpperCase(), text);
  }
  return out;
}
