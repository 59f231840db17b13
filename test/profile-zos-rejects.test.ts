import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIPv6 } from '../src/spec/ipv4.js';
import { parseProfile, type ProfileResult } from '../src/spec/profile-parser.js';

/** Statements z/OS rejects that the parser once took silently (D-153 .. D-157): finding at line:column, effect. */
const map = (l: number, c: number) => ({ file: 'p.txt', line: l + 1, column: c + 1 });
const parse = (text: string): ProfileResult => parseProfile(text, map, 'S', new Map());
const found = (r: { findings: readonly { severity: string; code: string; pos: { line: number; column: number } }[] }): [string, number, number][] =>
  r.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.pos.line, f.pos.column]);
const block = (...lines: string[]): string => ['VIPADYNAMIC', ...lines, 'ENDVIPADYNAMIC'].join('\n');

describe('the canonical IPv6 printer (RFC 5952)', () => {
  it('writes an IPv4-mapped address in the mixed notation of RFC 5952 §5', () => {
    for (const a of ['::ffff:1.2.3.4', '::FFFF:102:304', '0:0:0:0:0:ffff:102:304', '::ffff:0102:0304']) expect(canonicalIPv6(a), a).toBe('::ffff:1.2.3.4');
    expect(canonicalIPv6('::ffff:0:0')).toBe('::ffff:0.0.0.0');
  });

  it('agrees with the WHATWG URL parser on every other address (as before), and rejects what it rejects', () => {
    const url = (s: string): string | null => { try { return new URL(`http://[${s}]/`).hostname.slice(1, -1); } catch { return null; } };
    const piece = fc.constantFrom('0', '1', 'a', 'F', 'ffff', '0000', '12345', ':', '::', '.', '1.2.3.4', '255', '01', '192.168.0.1');
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), (parts) => {
      const s = parts.join('');
      if (!s.includes(':')) return;
      const mine = canonicalIPv6(s), theirs = url(s);
      const mapped = (x: string | null): boolean => x !== null && /^::ffff:(\d+\.){3}\d+$|^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(x);
      if (mapped(mine) || mapped(theirs)) expect(mapped(mine) && mapped(theirs)).toBe(true);
      else expect(mine).toBe(theirs);
    }), { numRuns: 3000 });
  });

  it('zero runs: the longest of two or more, the first of equal ones; one zero group stays', () => {
    expect(['2001:db8:0:0:1:0:0:1', '2001:0:0:1:0:0:0:1', '2001:db8:0:1:1:1:1:1', '0:0:0:0:0:0:0:0', '1:0:0:0:0:0:0:0'].map(canonicalIPv6))
      .toEqual(['2001:db8::1:0:0:1', '2001:0:0:1::1', '2001:db8:0:1:1:1:1:1', '::', '1::']);
  });
});
