import type { Scalar } from 'yaml';
import type { SourcePos } from './config.js';
import type { PosMapper } from './profile-tokens.js';
import type { YamlReader } from './yaml-reader.js';

/**
 * Where each character of a YAML scalar's value comes from in the source, for the five scalar
 * styles: plain and quoted scalars fold line breaks into spaces (and drop the indentation),
 * double quotes have escapes, block scalars drop their indentation and `>` folds lines. The
 * folding is redone here with an offset kept per character, and the result must equal the value
 * yaml produced; otherwise null (the caller then points at the scalar itself).
 */
export function valueOffsets(src: string, node: Scalar, value: string): Int32Array | null {
  const range = node.range;
  if (!range) return null;
  const [a, b] = range;
  let got: Built | null;
  switch (node.type) {
    case 'PLAIN': got = flow(src, a, b, false); break;
    case 'QUOTE_SINGLE': got = src[a] === "'" ? flow(src, a + 1, b - 1, 'single') : null; break;
    case 'QUOTE_DOUBLE': got = src[a] === '"' ? flow(src, a + 1, b - 1, 'double') : null; break;
    case 'BLOCK_LITERAL': case 'BLOCK_FOLDED': return block(src, a, b, value, node.type === 'BLOCK_FOLDED');
    default: got = null;
  }
  if (!got || got.text !== value) return null;
  return Int32Array.from(got.offs);
}

interface Built { text: string; offs: number[] }

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Plain (quote false) and quoted scalars between `from` and `to`: YAML's flow folding. */
function flow(src: string, from: number, to: number, quote: false | 'single' | 'double'): Built {
  const chars: string[] = [];
  const offs: number[] = [];
  const raw: boolean[] = []; // an unescaped blank: dropped before a line break
  const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c === '\n' || (c === '\r' && src[i + 1] === '\n')) {
      while (raw.length > 0 && raw[raw.length - 1]) { chars.pop(); offs.pop(); raw.pop(); }
      i += c === '\r' ? 2 : 1;
      let breaks = 0;
      for (;;) {
        while (i < to && isBlank(src[i])) i++;
        if (src[i] === '\n') { breaks++; i++; continue; }
        if (src[i] === '\r' && src[i + 1] === '\n') { breaks++; i += 2; continue; }
        break;
      }
      const fill = breaks > 0 ? '\n'.repeat(breaks) : ' ';
      for (const f of fill) { chars.push(f); offs.push(Math.min(i, to - 1)); raw.push(false); }
      continue;
    }
    if (quote === 'single' && c === "'" && src[i + 1] === "'") { chars.push("'"); offs.push(i); raw.push(false); i += 2; continue; }
    if (quote === 'double' && c === '\\') {
      const n = src[i + 1] ?? '';
      if (n === '\n' || (n === '\r' && src[i + 2] === '\n')) { // an escaped line break joins the lines
        i += n === '\r' ? 3 : 2;
        while (i < to && isBlank(src[i])) i++;
        continue;
      }
      let out = ESCAPES[n];
      let len = 2;
      if (out === undefined && HEX[n]) {
        len = 2 + HEX[n]!;
        const code = Number.parseInt(src.slice(i + 2, i + len), 16);
        out = Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      for (const u of out ?? n) { chars.push(u); offs.push(i); raw.push(false); }
      i += len;
      continue;
    }
    chars.push(c); offs.push(i); raw.push(isBlank(c));
    i++;
  }
  if (!quote) while (raw.length > 0 && raw[raw.length - 1]) { chars.pop(); offs.pop(); raw.pop(); }
  return { text: chars.join(''), offs };
}

/** Block scalars: the header line, then content lines at some indentation (tried from the first content line's inwards). */
function block(src: string, from: number, to: number, value: string, folded: boolean): Int32Array | null {
  const nl = src.indexOf('\n', from);
  if (nl < 0) return value === '' ? new Int32Array(0) : null;
  const lines: { start: number; text: string }[] = [];
  for (let s = nl + 1; s <= to && s < src.length;) {
    const e = src.indexOf('\n', s);
    const end = e < 0 ? src.length : e;
    lines.push({ start: s, text: src.slice(s, end).replace(/\r$/, '') });
    s = end + 1;
  }
  const first = lines.find((l) => l.text.trim() !== '');
  const most = first ? first.text.length - first.text.trimStart().length : 0;
  const body = value.replace(/\n+$/, '');
  for (let n = most; n >= 0; n--) {
    const got = unfold(lines, n, folded);
    // trailing lines of blanks only are chomped by YAML; what is left must be the value exactly
    if (got && got.text.startsWith(body) && /^\s*$/.test(got.text.slice(body.length))) {
      const offs = got.offs.slice(0, value.length);
      while (offs.length < value.length) offs.push(offs.length > 0 ? offs[offs.length - 1]! + 1 : nl);
      return Int32Array.from(offs);
    }
  }
  return null;
}

function unfold(lines: readonly { start: number; text: string }[], n: number, folded: boolean): Built | null {
  const chars: string[] = [];
  const offs: number[] = [];
  let prev: 'normal' | 'more' | null = null;
  let empty = 0;
  for (const { start, text } of lines) {
    if (text.trim() === '' && text.length <= n) { empty++; continue; }
    if (text.length - text.trimStart().length < n && text.trim() !== '') break; // the scalar ended
    const body = text.slice(n);
    const kind = body.startsWith(' ') || body.startsWith('\t') || body.trim() === '' ? 'more' : 'normal';
    const breaks = prev === null ? empty : !folded ? empty + 1 : prev === 'normal' && kind === 'normal' ? (empty > 0 ? empty : -1) : empty + 1;
    const fill = breaks < 0 ? ' ' : '\n'.repeat(breaks);
    for (const f of fill) { chars.push(f); offs.push(start + n); }
    for (let k = 0; k < body.length; k++) { chars.push(body[k]!); offs.push(start + n + k); }
    prev = kind;
    empty = 0;
  }
  return { text: chars.join(''), offs };
}

/**
 * Maps an inline profile's (line, column) back onto the spec file (SPEC §2), whatever the scalar
 * style (scalar-map.ts); a position just past a line's end stays on that line.
 */
export function inlineMapper(r: YamlReader, node: Scalar, text: string): PosMapper {
  const offs = valueOffsets(r.source, node, text);
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const at = (o: number): SourcePos => { const lp = r.lines.linePos(o); return { file: r.file, line: lp.line, column: lp.col }; };
  return (l, c) => {
    if (!offs || offs.length === 0) return r.pos(node);
    const i = (starts[l] ?? text.length) + c;
    if (i < offs.length && text[i] !== '\n' && text[i] !== '\r') return at(offs[i]!);
    const before = Math.min(i, offs.length) - 1; // the end of a line: just after its last character
    return before >= 0 ? at(offs[before]! + 1) : r.pos(node);
  };
}
