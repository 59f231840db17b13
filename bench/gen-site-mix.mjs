#!/usr/bin/env node
// Writes the benchmark spec site-mix(n, m, b, f, k) to stdout: site(n, m, b, f, k) of gen-site.mjs
// with what real sites of 16-32 systems also run, in realistic proportions (by j mod 20):
//   j = 0        distributed, DESTIP ALL (every stack is a target), ROUNDROBIN         (5%)
//   j = 5        distributed, HOTSTANDBY: the 1st stack after the owner PREFERRED, the b+1 next
//                ones BACKUP 100, 90, ...                                                (5%)
//   j = 10       distributed, ROUNDROBIN to the 4 stacks after the owner; the backup distributors
//                also code VIPAROUTE to those targets                                   (5%)
//   j = 3, 13    VIPARANGE application DVIPA: every stack has VIPARANGE DEFINE MOVEABLE
//                NONDISRUPTIVE 255.255.0.0 10.60.0.0; the application that binds it is up on
//                stack j mod n, with standby instances (initially: down) on the b next ones  (10%)
//   j = 7, 17    IPv6 DVIPA (interface DV6Jj, 2001:db8:30::/64), MOVEABLE IMMEDIATE, backed up
//                like the IPv4 ones; every stack has IPCONFIG6 DYNAMICXCF                  (10%)
//   otherwise    as gen-site: VIPADEFINE on stack j mod n, VIPABACKUP on the b next ones
//                (every 4th WHENIDLE, every 5th with a MOVEABLE IMMEDIATE first backup)    (65%)
//   A distributed DVIPA is VIPADEFINEd on stack j mod n and backed up on the b next ones, each
//   with its own VIPADISTRIBUTE (the backup distributors do not rely on inheritance); it serves
//   two ports (20000+j, 30000+j) with a client on each and an application on each port on every
//   target (bound to the DVIPA on even DVIPAs, INADDR_ANY on odd ones).
//   Several clients per DVIPA: every 3rd non-distributed DVIPA has a second client on a second
//   port (40000+j) served by a second application on its stacks. Every stack: DELAYJOIN
//   RECOVERY (odd stacks also AUTOREJOIN), OMPROUTE, IPCONFIG and IPCONFIG6 DYNAMICXCF, two CPCs.
//   Start: running; events: start, terminate, leavegroup, routing, connections, distribution
//   (quiesce-target / resume-target) unless EVENTS (comma separated) is given;
//   maxFailures f ("u" = unlimited), maxConnections k.
//   DESTIP: all (default) as above; list: the j = 0 DVIPAs get the DESTIP list of j = 10 instead
//   (the same site without DESTIP ALL, see BENCHMARKS.md "Real-site mix (h14)").
//   Usage: node gen-site-mix.mjs N M B F K [DESTIP [EVENTS]] > site-mix-N-M-B-F-K.yaml
//   N 5..32 (a list-distributed DVIPA needs 4 targets besides its owner), M 1..1000, B 1..N-3.
const [n, m, b, k] = [2, 3, 4, 6].map((i) => Number(process.argv[i]));
const fArg = process.argv[5];
const f = fArg === 'u' ? 'unlimited' : Number(fArg);
const destipAll = (process.argv[7] ?? 'all') === 'all';
const events = process.argv[8] ? process.argv[8].split(',') : ['start', 'terminate', 'leavegroup', 'routing', 'connections', 'distribution'];
if (![n, m, b, k].every(Number.isInteger) || n < 5 || n > 32 || m < 1 || m > 1000 || b < 1 || b > n - 3 || k < 0
    || !(f === 'unlimited' || (Number.isInteger(f) && f >= 0)) || !['all', 'list'].includes(process.argv[7] ?? 'all') || !events.every((e) => /^[a-z-]+$/.test(e))) {
  console.error('usage: gen-site-mix.mjs N(5..32) M(1..1000) B(1..N-3) F(>=0 or u) K(>=0) [all|list [EVENTS,...]]');
  process.exit(2);
}
const kinds = [['CICS', 3000], ['DB2', 446], ['MQ', 1414], ['FTP', 21], ['TN3270', 23], ['WEB', 443], ['IMS', 9999], ['WAS', 9080]];
const kind = (j) => {
  const r = j % 20;
  if (r === 0) return destipAll ? 'all' : 'list';
  if (r === 5) return 'hot';
  if (r === 10) return 'list';
  if (r === 3 || r === 13) return 'range';
  if (r === 7 || r === 17) return 'ipv6';
  return 'plain';
};
const distributed = (j) => ['all', 'hot', 'list'].includes(kind(j));
const dvipa = (j) => (kind(j) === 'ipv6' ? `2001:db8:30::${(j + 1).toString(16)}`
  : kind(j) === 'range' ? `10.60.${Math.floor(j / 200)}.${11 + (j % 200)}` : `10.${20 + Math.floor(j / 200)}.30.${11 + (j % 200)}`);
const xcf = (i) => `193.9.${200 + Math.floor(i / 250)}.${(i % 250) + 1}`;
const rel = (i, j) => ((i - (j % n)) % n + n) % n; // 0: the VIPADEFINE stack, 1..b: backups in rank order
/** Ports with a client: [port, application name] per client of DVIPA j. */
const ports = (j) => {
  const [kn, port] = kinds[j % kinds.length];
  if (distributed(j)) return [[20000 + j, `${kn}${j}`], [30000 + j, `${kn}${j}B`]];
  return j % 3 === 1 ? [[port, `${kn}${j}`], [40000 + j, `${kn}${j}B`]] : [[port, `${kn}${j}`]];
};
/** The DESTIP targets (stack indexes) of a distributed DVIPA. */
const targets = (j) => {
  const o = j % n;
  if (kind(j) === 'all') return [...Array(n).keys()];
  if (kind(j) === 'hot') return [...Array(b + 1).keys()].map((d) => (o + 1 + d) % n);
  return [1, 2, 3, 4].map((d) => (o + d) % n);
};
const distribute = (j) => {
  const t = targets(j);
  const p = ports(j).map(([q]) => q).join(' ');
  if (kind(j) === 'all') return `        VIPADISTRIBUTE DEFINE DISTMETHOD ROUNDROBIN ${dvipa(j)} PORT ${p} DESTIP ALL`;
  if (kind(j) === 'hot') return `        VIPADISTRIBUTE DEFINE DISTMETHOD HOTSTANDBY ${dvipa(j)} PORT ${p} DESTIP ${xcf(t[0])} PREFERRED ${t.slice(1).map((x, r) => `${xcf(x)} BACKUP ${100 - 10 * r}`).join(' ')}`;
  return `        VIPADISTRIBUTE DEFINE DISTMETHOD ROUNDROBIN ${dvipa(j)} PORT ${p} DESTIP ${t.map(xcf).join(' ')}`;
};
const out = [`sysplex: MIX${n}x${m}`, 'stacks:'];
for (let i = 0; i < n; i++) {
  out.push(`  - name: TCP${i}`, `    system: SYS${i}`, `    cpc: CPC${i % 2}`, '    routing: omproute', '    profile: |');
  out.push(`      GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN RECOVERY${i % 2 ? ' AUTOREJOIN' : ''}`);
  out.push(`      IPCONFIG DYNAMICXCF ${xcf(i)} 255.255.255.0 1`);
  out.push(`      IPCONFIG6 DYNAMICXCF 2001:db8:193::${(i + 1).toString(16)}`);
  out.push('      VIPADYNAMIC');
  out.push('        VIPARANGE DEFINE MOVEABLE NONDISRUPTIVE 255.255.0.0 10.60.0.0');
  const routes = new Set();
  for (let j = 0; j < m; j++) {
    const r = rel(i, j);
    const kd = kind(j);
    if (kd === 'range' || r > b) continue;
    const a = kd === 'ipv6' ? `DV6J${j} ${dvipa(j)}` : dvipa(j);
    if (r === 0) {
      out.push(kd === 'ipv6' ? `        VIPADEFINE MOVEABLE IMMEDIATE ${a}`
        : `        VIPADEFINE MOVEABLE ${kd === 'plain' && j % 4 === 3 ? 'WHENIDLE' : 'IMMEDIATE'} 255.255.255.0 ${a}`);
    } else {
      out.push(r === 1 && j % 5 === 4 && kd !== 'ipv6'
        ? `        VIPABACKUP ${110 - 10 * r} MOVEABLE IMMEDIATE 255.255.255.0 ${a}`
        : `        VIPABACKUP ${110 - 10 * r} ${a}`);
    }
    if (distributed(j)) {
      out.push(distribute(j));
      if (r > 0 && kd === 'list') for (const t of targets(j)) if (t !== i) routes.add(t);
    }
  }
  for (const t of [...routes].sort((x, y) => x - y)) out.push(`        VIPAROUTE DEFINE ${xcf(t)} 10.1.${Math.floor(t / 250)}.${(t % 250) + 1}`);
  out.push('      ENDVIPADYNAMIC', '    applications:');
  let apps = 0;
  for (let j = 0; j < m; j++) {
    const kd = kind(j);
    const r = rel(i, j);
    const on = distributed(j) ? targets(j).includes(i) : r <= b;
    if (!on) continue;
    for (const [port, name] of ports(j)) {
      const bind = kd === 'range' || j % 2 === 0 ? `, bind: "${dvipa(j)}"` : '';
      out.push(`      - { name: ${name}, port: ${port}${bind}${kd === 'range' && r > 0 ? ', initially: down' : ''} }`);
      apps++;
    }
  }
  if (!apps) out[out.length - 1] = '    applications: []';
}
out.push('clients:');
for (let j = 0; j < m; j++) {
  for (const [port, name] of ports(j)) out.push(`  - { name: ${name.toLowerCase()} clients, dvipa: "${dvipa(j)}", port: ${port} }`);
}
out.push('environment:', '  start: running', `  events: [${events.join(', ')}]`,
  `  maxFailures: ${f}`, `  maxConnections: ${k}`);
console.log(out.join('\n'));
