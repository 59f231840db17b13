import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, out } from './shared.js';
import { writeAtomic, writeRefusal } from './write-file.js';

/**
 * `dvipa-verify init [dir]`: a commented starter spec with its profiles in files, and a GitHub
 * Actions workflow that checks it on every pull request (D-87). Nothing is replaced without
 * --force: if any of the files exists, none is written.
 */
const SPEC = `# yaml-language-server: $schema=../node_modules/dvipa-verify/schema/spec.schema.json
# A starter spec for dvipa-verify (SPEC.md §1). Replace the two stacks with yours; point each
# profileFile at a copy of that stack's PROFILE.TCPIP (statements the model does not use are
# accepted and listed once as "not modelled"). Check it with:  npx dvipa-verify check sysplex/
sysplex: PLEX1                       # a name, shown in reports
stacks:
  - name: TCPCS1                     # the TCP/IP stack (job) name: 1-8 letters, digits, @ # $
    system: SYS1                     # optional z/OS system name, shown in traces
    profileFile: profiles/TCPCS1.txt # or \`profile: |\` with the statements inline
    applications:                    # what listens where (bind: INADDR_ANY unless given)
      - { name: WEB, port: 80 }
  - name: TCPCS2
    system: SYS2
    profileFile: profiles/TCPCS2.txt
    applications:
      - { name: WEB, port: 80 }
clients:                             # who connects to which DVIPA and port
  - { name: web clients, dvipa: 201.2.10.11, port: 80 }
environment:
  start: running                     # or down: explore a sysplex-wide IPL
  events: [terminate, start, connections]   # + routing, leavegroup, deactivate, applications
  maxFailures: 1                     # failures per path (or "unlimited")
# properties: { only: [single-owner, takeover] }   # default: every built-in property
# expect: { violated: [] }           # for specs kept as known-bad regression cases
`;

const PROFILE = (n: number, define: boolean): string => `; TCPCS${n}: the DVIPA statements of its PROFILE.TCPIP (paste the whole profile here)
GLOBALCONFIG SYSPLEXMONITOR DELAYJOIN
IPCONFIG DYNAMICXCF 193.9.200.${n} 255.255.255.0 1
VIPADYNAMIC
  ${define ? 'VIPADEFINE MOVEABLE IMMEDIATE 255.255.255.192 201.2.10.11' : 'VIPABACKUP 100 201.2.10.11'}
ENDVIPADYNAMIC
`;

/** The CI job of the README: text in the log, JUnit, a Markdown PR comment, compared with the base. */
export const WORKFLOW = `# dvipa-verify on every pull request that changes the sysplex (written by dvipa-verify init)
name: sysplex
on:
  pull_request:
    paths: ['sysplex/**']
jobs:
  dvipa-verify:
    runs-on: ubuntu-latest
    permissions: { contents: read, pull-requests: write }
    steps:
      - uses: actions/checkout@v4
        with: { fetch-depth: 0 }        # compare --base needs the base branch
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npm ci
      # one run: text in this log (and annotations on the profile lines), JUnit, a PR comment
      - run: npx dvipa-verify check sysplex/ --report text --report junit=dvipa-verify.xml --report markdown=dvipa-verify.md
      # what changed in the configuration and which verdicts it changed (profiles read at the base too)
      - if: always()
        run: npx dvipa-verify compare --base origin/\${{ github.base_ref }} sysplex/*.yaml
      - if: always() && hashFiles('dvipa-verify.md') != ''
        run: gh pr comment \${{ github.event.pull_request.number }} --edit-last --body-file dvipa-verify.md || gh pr comment \${{ github.event.pull_request.number }} --body-file dvipa-verify.md
        env: { GH_TOKEN: '\${{ github.token }}' }
      - if: always()
        uses: actions/upload-artifact@v4
        with: { name: dvipa-verify-junit, path: dvipa-verify.xml }
`;

export function runInit(dir: string, o: { force?: boolean }): number {
  const files: [string, string][] = [
    [join(dir, 'sysplex', 'plex.yaml'), SPEC],
    [join(dir, 'sysplex', 'profiles', 'TCPCS1.txt'), PROFILE(1, true)],
    [join(dir, 'sysplex', 'profiles', 'TCPCS2.txt'), PROFILE(2, false)],
    [join(dir, '.github', 'workflows', 'dvipa-verify.yml'), WORKFLOW],
  ];
  const existing = files.filter(([f]) => existsSync(f)).map(([f]) => f);
  if (existing.length > 0 && o.force !== true) {
    err(`dvipa-verify: init writes nothing: ${existing.join(', ')} ${existing.length === 1 ? 'exists' : 'exist'} (use --force to replace)`);
    return 2;
  }
  // D-87: every file is checked before any is written (a folder or special file in the way, a parent that is a file)
  const blocked = files.map(([f]) => writeRefusal(f, true)).find((x) => x !== null);
  if (blocked) { err(`dvipa-verify: init writes nothing: ${blocked}`); return 2; }
  for (const [f, text] of files) {
    const refused = writeAtomic(f, text, true);
    if (refused) { err(`dvipa-verify: ${refused}`); return 2; }
    out(`wrote ${f}`);
  }
  // D-279: the workflow's `npm ci` and `npx dvipa-verify`, and the spec's $schema line, need the package in the project
  if (!dependsOnUs(join(dir, 'package.json'))) out(`next: npm install --save-dev dvipa-verify   (in ${dir}: the workflow runs npm ci, then npx dvipa-verify; the spec's $schema line points into node_modules)`);
  out(`next: npx dvipa-verify check ${join(dir, 'sysplex')}/`);
  return 0;
}

/** Whether this package.json lists dvipa-verify (a missing or unreadable one does not). */
function dependsOnUs(file: string): boolean {
  try {
    const p = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies'].some((k) => { const d = p[k]; return d !== null && typeof d === 'object' && 'dvipa-verify' in d; });
  } catch { return false; }
}
