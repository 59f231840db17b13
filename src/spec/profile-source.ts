import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import { expandProfile } from './include.js';
import { profileVipaConfig, type VipaConfig } from '../import/vipa-config.js';
import { parseProfile, type ProfileResult } from './profile-parser.js';
import type { PosMapper } from './profile-tokens.js';
import type { YamlReader } from './yaml-reader.js';
import type { Finding } from './config.js';
import { MAX_SYMBOL_TABLE } from './line-symbols.js';

/** How the loader reads a stack's profile source: INCLUDEs and symbols first (SPEC §5), then the parser. */
/** A profile's INCLUDEs spliced in and symbols substituted (include.ts), then parsed. */
export function parseExpanded(text: string, map: PosMapper, stack: string, dir: string, file: string | null, symbols: Readonly<Record<string, string>> | ReadonlyMap<string, string>): (ProfileResult & { vipa: VipaConfig }) | { limit: Finding } {
  const ex = expandProfile(text, map, { dir, file, stack, symbols });
  if (ex.limit) return { limit: ex.limit }; // D-325, D-326: a spec error, the profile not parsed
  const p = parseProfile(ex.text, ex.map, stack);
  const vipa = profileVipaConfig(p); // for comparing with VIPADCFG reports (lint)
  return { ...p, findings: ex.findings.length ? [...ex.findings, ...p.findings] : p.findings, vipa };
}

/** A stack's `symbols`; null when their values pass the symbol table's maximum (D-324: its profile is then not read). */
export function readSymbols(r: YamlReader, node: Node | null, stack: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  if (!node) return out;
  let total = 0;
  if (!isMap(node)) { r.error('E_TYPE', node, `symbols of stack ${stack} must be a mapping (NAME: value)`); return out; }
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value as Node | null;
    if (!/^[A-Za-z@#$][A-Za-z0-9@#$_]{0,15}$/.test(k)) { r.error('E_NAME', pair.key as Node, `'${k}' is not a system symbol name (1-16 letters, digits, @ # $ _, the first a letter or @ # $; without & and .)`); continue; }
    if (!isScalar(v) || v.value === null || typeof v.value === 'object') { r.error('E_TYPE', v ?? (pair.key as Node), `symbol ${k} of stack ${stack} needs a value (quote it: "01")`); continue; }
    // a number keeps its digits as written: SYSCLONE: 01 is "01"
    const value = typeof v.value === 'number' && typeof (v as Scalar).source === 'string' ? (v as Scalar).source! : String(v.value);
    // D-324: a z/OS symbol table holds at most 32512 bytes; the values alone are counted (a name given twice is the YAML's E_DUPLICATE)
    total += value.length - (out[k.toUpperCase()]?.length ?? 0);
    if (total > MAX_SYMBOL_TABLE) {
      r.error('E_LIMIT', v, `symbol ${k} of stack ${stack} (${value.length} characters) makes the values of the stack's symbols ${total} characters in all, more than the ${MAX_SYMBOL_TABLE} bytes of a z/OS system symbol table`,
        `D-324: IBM wants a symbol's value no longer than its name with the &`);
      return null;
    }
    out[k.toUpperCase()] = value;
  }
  return out;
}

