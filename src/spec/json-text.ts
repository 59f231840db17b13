/**
 * Positions in a JSON text (D-153): where a value of a parsed document was written, and where
 * and why a text is not JSON. JSON.parse gives neither (V8's "Unexpected token" messages have no
 * offset), so both come from one scan of the text. Iterative (a stack of open containers): a
 * hostile nesting depth cannot overflow the call stack. Used on the error path only.
 */

export type JsonPath = readonly (string | number)[];

export interface LineColumn { line: number; column: number }

/** 1-based line and column of an offset (a line ends at \n; \r\n counts as one end). */
export function lineColumn(text: string, offset: number): LineColumn {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) { line++; start = i + 1; }
  return { line, column: end - start + 1 };
}

/** The text without a leading UTF-8 byte order mark (as the yaml package reads spec files). */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

interface Scan { error?: { offset: number; message: string }; found?: number; ancestor?: number }

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const show = (text: string, i: number): string => (i >= text.length ? 'the end of the text' : `'${String.fromCodePoint(text.codePointAt(i)!)}'`);

function scan(text: string, target: JsonPath | null): Scan {
  let i = 0;
  const n = text.length;
  const path: (string | number)[] = [];
  const open: boolean[] = []; // true: an object
  let found: number | undefined;
  let ancestor: number | undefined;
  let ancestorDepth = -1;
  const ws = (): void => {
    for (; i < n; i++) { const c = text.charCodeAt(i); if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break; }
  };
  const fail = (message: string, at = i): Scan => ({ error: { offset: at, message } });
  /** A string at i (its opening quote); its end offset, or an error. */
  const string = (): number | Scan => {
    const start = i++;
    for (;;) {
      if (i >= n) return fail('a string that is never closed (no ending ")', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) return ++i;
      if (c < 0x20) return fail('a control character (a line end or a tab) inside a string: write it as an escape (\\n, \\t)');
      if (c !== 0x5c) { i++; continue; }
      const e = text[i + 1];
      if (e !== undefined && '"\\/bfnrt'.includes(e)) { i += 2; continue; }
      if (e === 'u') { HEX4.lastIndex = i + 2; if (HEX4.test(text)) { i += 6; continue; } }
      return fail(`a bad escape in a string: \\${e ?? ''} (JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
    }
  };
  /** A property name and its ':' at i; the name, or an error. */
  const key = (): string | Scan => {
    ws();
    if (text[i] !== '"') return fail(`expected a property name in double quotes, found ${show(text, i)}`);
    const start = i;
    const end = string();
    if (typeof end !== 'number') return end;
    ws();
    if (text[i] !== ':') return fail(`expected ':' after the property name, found ${show(text, i)}`);
    i++;
    return JSON.parse(text.slice(start, end)) as string;
  };
  const onPath = (): boolean => target !== null && path.length <= target.length && path.every((p, k) => p === target[k]);
  for (;;) {
    // a value starts here
    ws();
    if (onPath()) {
      if (path.length === target!.length) found = i; // the last one wins, as in JSON.parse
      else if (path.length >= ancestorDepth) { ancestor = i; ancestorDepth = path.length; }
    }
    const c = text[i];
    let opened = false;
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else if (c === '{') {
        const k = key();
        if (typeof k !== 'string') return k;
        open.push(true); path.push(k); opened = true;
      } else { open.push(false); path.push(0); opened = true; }
    } else if (c === '"') {
      const end = string();
      if (typeof end !== 'number') return end;
    } else if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail(`a bad number: ${show(text, i + 1)} after '-'`);
      i = NUMBER.lastIndex;
    } else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (!word) return fail(i >= n ? 'the text ends where a value should be' : `expected a value (an object, array, string, number, true, false or null), found ${show(text, i)}`);
      i += word.length;
    }
    if (opened) continue;
    // after a value: close containers, or go on to the next element
    for (;;) {
      ws();
      if (open.length === 0) {
        if (i < n) return fail(`unexpected ${show(text, i)} after the end of the JSON value`);
        return { found, ancestor };
      }
      const obj = open[open.length - 1]!;
      if (text[i] === ',') {
        i++;
        if (obj) { const k = key(); if (typeof k !== 'string') return k; path[path.length - 1] = k; }
        else path[path.length - 1] = (path[path.length - 1] as number) + 1;
        break;
      }
      if (text[i] === (obj ? '}' : ']')) { i++; open.pop(); path.pop(); continue; }
      return fail(obj ? `expected ',' or '}' after a property value, found ${show(text, i)}` : `expected ',' or ']' after an array element, found ${show(text, i)}`);
    }
  }
}

/** The first reason the text is not JSON, with its offset; null for a JSON text. */
export function jsonSyntaxError(text: string): { offset: number; message: string } | null {
  return scan(text, null).error ?? null;
}

/**
 * Offset of the value at `path` in a JSON text; where it is missing, of the deepest value on
 * the way to it (the object that lacks the key); 0 when nothing is.
 */
export function jsonValueOffset(text: string, path: JsonPath): number {
  const r = scan(text, path);
  return r.found ?? r.ancestor ?? 0;
}

/** Reads a JSON text: the document, or the reason with its line and column. */
export function parseJson(text: string): { doc: unknown } | { error: string; at: LineColumn } {
  try { return { doc: JSON.parse(text) as unknown }; } catch (e) {
    const s = jsonSyntaxError(text);
    if (s) return { error: s.message, at: lineColumn(text, s.offset) };
    return { error: e instanceof Error ? e.message : String(e), at: { line: 1, column: 1 } }; // not expected: the scan accepts what JSON.parse accepts
  }
}
