import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import { expandProfile } from './include.js';
import { profileVipaConfig, type VipaConfig } from '../import/vipa-config.js';
import { parseProfile, type ProfileResult } from './profile-parser.js';
import type { PosMapper } from './profile-tokens.js';
import type { YamlReader } from './yaml-reader.js';

/** How the loader reads a stack's profile source: INCLUDEs and symbols first (SPEC §5), then the parser. */
/** A profile's INCLUDEs spliced in and symbols substituted (include.ts), then parsed. */
export function parseExpanded(text: string, map: PosMapper, stack: string, dir: string, file: string | null, symbols: Readonly<Record<string, string>> | ReadonlyMap<string, string>): ProfileResult & { vipa: VipaConfig } {
  const ex = expandProfile(text, map, { dir, file, stack, symbols });
  const p = parseProfile(ex.text, ex.map, stack);
  const vipa = profileVipaConfig(p); // for comparing with VIPADCFG reports (lint)
  return { ...p, findings: ex.findings.length ? [...ex.findings, ...p.findings] : p.findings, vipa };
}

export function readSymbols(r: YamlReader, node: Node | null, stack: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node) return out;
  if (!isMap(node)) { r.error('E_TYPE', node, `symbols of stack ${stack} must be a mapping (NAME: value)`); return out; }
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value as Node | null;
    if (!/^[A-Za-z@#$][A-Za-z0-9@#$_]{0,15}$/.test(k)) { r.error('E_NAME', pair.key as Node, `'${k}' is not a system symbol name (1-16 letters, digits, @ # $ _, the first a letter or @ # $; without & and .)`); continue; }
    if (!isScalar(v) || v.value === null || typeof v.value === 'object') { r.error('E_TYPE', v ?? (pair.key as Node), `symbol ${k} of stack ${stack} needs a value (quote it: "01")`); continue; }
    // a number keeps its digits as written: SYSCLONE: 01 is "01"
    out[k.toUpperCase()] = typeof v.value === 'number' && typeof (v as Scalar).source === 'string' ? (v as Scalar).source! : String(v.value);
  }
  return out;
}

