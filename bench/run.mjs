#!/usr/bin/env node
// Benchmark of the BFS engine on the chain(n, m, k) family (see gen-chain.mjs), every built-in
// property on. Each size runs in a fresh process so peak RSS is its own.
//   npm run bench                 default sizes (thousands to ten million states, ~2 minutes)
//   npm run bench -- 5,3,1 6,3,1  chosen sizes;  --max-states N  caps each run;  --workers N  threads
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

if (args[0] === '--child') {
  const [, n, m, k, max, workers] = args;
  const { loadSpecText } = await import('../dist/src/spec/load.js');
  const { check } = await import('../dist/src/check/check.js');
  const text = execFileSync(process.execPath, [join(here, 'gen-chain.mjs'), n, m, k], { encoding: 'utf8' });
  const loaded = loadSpecText(text, `chain-${n}-${m}-${k}.yaml`);
  if (!loaded.ok) throw new Error('generated spec did not load');
  const r = await check(loaded.config, { maxStates: Number(max) || undefined, workers: Number(workers) || 1 });
  const peak = process.resourceUsage().maxRSS * 1024;
  const final = process.memoryUsage.rss();
  console.log(JSON.stringify({ states: r.states, transitions: r.transitions, depth: r.depth, seconds: r.seconds, termination: r.termination, storeBytes: r.storeBytes, peak, final, violated: r.properties.filter((p) => p.status === 'violated').length }));
  process.exit(0);
}

let maxStates = 0;
let workers = 1;
const sizes = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-states') maxStates = Number(args[++i]);
  else if (args[i] === '--workers') workers = Number(args[++i]);
  else sizes.push(args[i].split(',').map(Number));
}
if (sizes.length === 0) sizes.push([3, 3, 1], [4, 2, 1], [3, 3, 2], [4, 3, 1], [5, 2, 1], [4, 4, 1], [4, 3, 2], [5, 3, 1], [4, 4, 2]);

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; workers: ${workers}`);
console.log('| chain | distinct states | transitions | depth | seconds | distinct states/s | peak RSS MiB | bytes/state (store) | bytes/state (peak RSS) | bytes/state (RSS at the end) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [n, m, k] of sizes) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', n, m, k, maxStates, workers], { encoding: 'utf8' });
  if (r.status !== 0) { console.log(`| (${n},${m},${k}) | failed: ${r.stderr.trim().split('\n').pop()} |`); continue; }
  const j = JSON.parse(r.stdout.trim().split('\n').pop());
  const rate = Math.round(j.states / j.seconds);
  console.log(`| (${n},${m},${k})${j.termination === 'exhausted' ? '' : ` (${j.termination})`} | ${j.states.toLocaleString('en')} | ${j.transitions.toLocaleString('en')} | ${j.depth} | ${j.seconds.toFixed(2)} | ${rate.toLocaleString('en')} | ${Math.round(j.peak / 2 ** 20)} | ${(j.storeBytes / j.states).toFixed(1)} | ${(j.peak / j.states).toFixed(0)} | ${(j.final / j.states).toFixed(0)} |`);
}
