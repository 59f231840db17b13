import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { check, type CheckReport } from '../src/check/check.js';
import { loadSpec, loadSpecText } from '../src/spec/load.js';
import type { Config } from '../src/spec/config.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';

export const ROOT = resolve(__dirname, '..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const NAMES = BUILTIN_PROPERTIES.map((p) => p.name);

export function tmp(): string { return mkdtempSync(join(tmpdir(), 'dvipa-')); }

/** Writes a spec text to a temporary file and returns its path. */
export function specFile(text: string, name = 'spec.yaml'): string {
  const f = join(tmp(), name);
  writeFileSync(f, text);
  return f;
}

export function config(text: string): Config {
  const r = loadSpecText(text, 'inline.yaml', { propertyNames: NAMES });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.pos.line}:${e.pos.column} ${e.code} ${e.message}`).join('\n'));
  return r.config;
}

export function loadFile(path: string): Config {
  const r = loadSpec(path, { propertyNames: NAMES });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.config;
}

export function chainSpec(n: number, m: number, k: number): string {
  return execFileSync(process.execPath, [join(ROOT, 'bench/gen-chain.mjs'), String(n), String(m), String(k)], { encoding: 'utf8' });
}

export async function checkText(text: string): Promise<CheckReport> { return check(config(text)); }

export function runCli(args: string[], cwd = ROOT, env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A two-stack spec with the given profiles (lines indented for the block scalar). */
export function twoStacks(p1: string, p2: string, extra = ''): string {
  const ind = (s: string): string => s.split('\n').map((l) => `      ${l}`).join('\n');
  return `sysplex: T
stacks:
  - name: TCPCS
    profile: |
${ind(p1)}
    applications:
      - { name: WEB, port: 80 }
  - name: TCPCS3
    profile: |
${ind(p2)}
    applications:
      - { name: WEB, port: 80 }
clients:
  - { name: web clients, dvipa: 201.2.10.11, port: 80 }
${extra}`;
}

/** A NETSTAT VIPADYN report in the short format (`netstat -v`) of stack `name`, its DVIPA rows as given. */
export const vipadynShort = (name: string, rows: string[]): string => [
  `MVS TCP/IP NETSTAT CS V2R4       TCPIP Name: ${name.padEnd(8)}        09:00:00`,
  'Dynamic VIPA:',
  '  IP Address      AddressMask     Status    Origin       DistStat',
  '  ----------      -----------     ------    ------       --------',
  ...rows, '',
].join('\n');
