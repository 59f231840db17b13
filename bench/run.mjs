#!/usr/bin/env node
// Benchmarks, every built-in property on, each size in a fresh process so peak RSS is its own:
// - the chain(n, m, k) family (gen-chain.mjs): per-state speed of the BFS engine, explored as the
//   full product (--no-slice), comparable with SPIN;
// - the site(n, m, b, f, k) family (gen-site.mjs): real-site scale, with slicing (the default).
//   npm run bench                 default sizes of both (chain: thousands to ten million states, ~2 minutes)
//   npm run bench -- 5,3,1 6,3,1  chosen chain sizes;  site:32,256,3,2,1  a site size;  --max-states N  caps each run
// - the site-mix(n, m, b, f, k) family (gen-site-mix.mjs): site plus distribution (DESTIP ALL, HOTSTANDBY,
//   VIPAROUTE), VIPARANGE and IPv6 DVIPAs, sliced; mix:16,100,2,2,1 a size (mix:16,100,2,2,1,list: no DESTIP ALL)
//   --workers N  threads;  --repeat N  N fresh runs per size: the median time, and the range (shared machines are noisy)
//   --timeout S  stops each run after S seconds (the memory limit is always check's default, 85% of RAM)
//   --symmetry   check --symmetry (D-247): counts of representatives, site and mix runs only
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

if (args[0] === '--child') {
  const [, family, size, max, workers, timeout, symmetry] = args;
  const { loadSpecText } = await import('../dist/src/spec/load.js');
  const { check } = await import('../dist/src/check/check.js');
  const text = execFileSync(process.execPath, [join(here, `gen-${family}.mjs`), ...size.split(',')], { encoding: 'utf8' });
  const loaded = loadSpecText(text, `${family}-${size.replace(/,/g, '-')}.yaml`);
  if (!loaded.ok) throw new Error('generated spec did not load');
  const t0 = performance.now();
  const r = await check(loaded.config, { maxStates: Number(max) || undefined, workers: Number(workers) || 1, slice: family !== 'chain',
    timeout: Number(timeout) || undefined, memoryLimit: Math.floor(totalmem() * 0.85), symmetry: symmetry === '1' && family !== 'chain' });
  const big = (r.slices ?? []).reduce((a, x) => (a === null || x.states > a.states ? x : a), null);
  const wall = (performance.now() - t0) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  const final = process.memoryUsage.rss();
  console.log(JSON.stringify({ states: r.states, transitions: r.transitions, depth: r.depth, seconds: r.seconds, wall, slices: r.slices?.length ?? 0, termination: r.termination, storeBytes: r.storeBytes, peak, final, violated: r.properties.filter((p) => p.status === 'violated').length, big, unfinished: (r.slices ?? []).filter((x) => !x.complete).length }));
  process.exit(0);
}

let maxStates = 0;
let workers = 1;
let repeat = 1;
let timeout = 0;
let symmetry = false;
const sizes = [];
const sites = [];
const mixes = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-states') maxStates = Number(args[++i]);
  else if (args[i] === '--workers') workers = Number(args[++i]);
  else if (args[i] === '--repeat') repeat = Math.max(1, Number(args[++i]) || 1);
  else if (args[i] === '--timeout') timeout = Number(args[++i]);
  else if (args[i] === '--symmetry') symmetry = true;
  else if (args[i].startsWith('mix:')) mixes.push(args[i].slice(4));
  else if (args[i].startsWith('site:')) sites.push(args[i].slice(5));
  else sizes.push(args[i].split(',').map(Number));
}
if (sizes.length === 0 && sites.length === 0 && mixes.length === 0) {
  sizes.push([3, 3, 1], [4, 2, 1], [3, 3, 2], [4, 3, 1], [5, 2, 1], [4, 4, 1], [4, 3, 2], [5, 3, 1], [4, 4, 2]);
  sites.push('6,8,2,2,1', '16,64,2,2,1', '32,256,3,2,1', '32,1000,3,2,1');
}
const child = (family, size) => spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', family, size, maxStates, workers, timeout, symmetry ? '1' : '0'], { encoding: 'utf8' });

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; workers: ${workers}${symmetry ? '; --symmetry' : ''}${repeat > 1 ? `; ${repeat} runs per size, median time` : ''}`);
const extra = repeat > 1 ? ' seconds, min-max | distinct states/s, range |' : '';
if (sizes.length) console.log(`| chain (--no-slice) | distinct states | transitions | depth | seconds | distinct states/s | peak RSS MiB | bytes/state (store) | bytes/state (peak RSS) | bytes/state (RSS at the end) |${extra}`);
if (sizes.length) console.log(`|---|---|---|---|---|---|---|---|---|---|${repeat > 1 ? '---|---|' : ''}`);
const fmt = (x) => Math.round(x).toLocaleString('en');
sizes: for (const [n, m, k] of sizes) {
  const runs = [];
  for (let t = 0; t < repeat; t++) {
    const r = child('chain', `${n},${m},${k}`);
    if (r.status !== 0) { console.log(`| (${n},${m},${k}) | failed: ${r.stderr.trim().split('\n').pop()} |`); continue sizes; }
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  const j = runs[0];
  if (runs.some((x) => x.states !== j.states || x.transitions !== j.transitions)) { console.log(`| (${n},${m},${k}) | failed: runs disagree on the counts |`); continue; }
  const secs = runs.map((x) => x.seconds).sort((a, b) => a - b);
  const median = secs.length % 2 ? secs[secs.length >> 1] : (secs[secs.length / 2 - 1] + secs[secs.length / 2]) / 2;
  const peak = Math.max(...runs.map((x) => x.peak));
  const final = Math.max(...runs.map((x) => x.final));
  const range = repeat > 1 ? ` ${secs[0].toFixed(2)}-${secs[secs.length - 1].toFixed(2)} | ${fmt(j.states / secs[secs.length - 1])}-${fmt(j.states / secs[0])} |` : '';
  console.log(`| (${n},${m},${k})${j.termination === 'exhausted' ? '' : ` (${j.termination})`} | ${j.states.toLocaleString('en')} | ${j.transitions.toLocaleString('en')} | ${j.depth} | ${median.toFixed(2)} | ${fmt(j.states / median)} | ${Math.round(peak / 2 ** 20)} | ${(j.storeBytes / j.states).toFixed(1)} | ${(peak / j.states).toFixed(0)} | ${(final / j.states).toFixed(0)} |${range}`);
}

if (sites.length) {
  console.log('');
  console.log('| site (sliced) | slices | states (sum over slices) | transitions | max depth | seconds (search) | seconds (whole check) | peak RSS MiB | result |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const size of sites) {
    const runs = [];
    for (let t = 0; t < repeat; t++) {
      const r = child('site', size);
      if (r.status !== 0) { console.log(`| (${size}) | failed: ${r.stderr.trim().split('\n').pop()} |`); break; }
      runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
    }
    if (runs.length < repeat) continue;
    const j = runs[0];
    const walls = runs.map((x) => x.wall).sort((a, b) => a - b);
    const wall = walls[walls.length >> 1];
    const peak = Math.max(...runs.map((x) => x.peak));
    console.log(`| (${size}) | ${j.slices} | ${j.states.toLocaleString('en')} | ${j.transitions.toLocaleString('en')} | ${j.depth} | ${j.seconds.toFixed(2)} | ${wall.toFixed(2)} | ${Math.round(peak / 2 ** 20)} | ${j.termination}${j.violated ? `, ${j.violated} violated` : ''} |`);
  }
}

if (mixes.length) {
  console.log('');
  console.log('| site-mix (sliced) | slices | states (sum over slices) | transitions | max depth | seconds (whole check) | peak RSS MiB | result | largest slice: DVIPA, states | slices not finished |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const size of mixes) {
    const r = child('site-mix', size);
    if (r.status !== 0) { console.log(`| (${size}) | failed: ${r.stderr.trim().split('\n').pop()} |`); continue; }
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    console.log(`| (${size}) | ${j.slices} | ${j.states.toLocaleString('en')} | ${j.transitions.toLocaleString('en')} | ${j.depth} | ${j.wall.toFixed(2)} | ${Math.round(j.peak / 2 ** 20)} | ${j.termination}${j.violated ? `, ${j.violated} violated` : ''} | ${j.big ? `${j.big.dvipa}, ${j.big.states.toLocaleString('en')}${j.big.complete ? '' : ' (not finished)'}` : ''} | ${j.unfinished} |`);
  }
}
