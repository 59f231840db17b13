import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_KINDS, type EventKind } from '../model/actions.js';

/** The package's own package.json, found upwards from this module (dist/src/cli or src/cli). */
function packageJson(): { name: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const f = join(dir, 'package.json');
    if (existsSync(f)) {
      const j = JSON.parse(readFileSync(f, 'utf8')) as { name?: string; version?: string };
      if (j.name === 'dvipa-verify' && j.version) return { name: j.name, version: j.version };
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json of dvipa-verify not found');
    dir = up;
  }
}

/** Name and version, read from package.json (never written by hand elsewhere). */
export const TOOL: { readonly name: string; readonly version: string } = Object.freeze(packageJson());

/** Version of the JSON report's shape (D-85): raised when a field changes meaning or goes away. */
export const SCHEMA_VERSION = 2;

export const EXIT_CODES_HELP = `
Exit codes:
  0  every property holds and the exploration was complete (or the spec's expect block was met)
  1  a property is violated (or expect not met; compare: something newly fails)
  2  bad input or usage (the message names file:line:column)
  3  incomplete: a limit (--max-states, --timeout, memory, Ctrl-C) was hit, nothing violated so far
  With several specs the worst wins, in the order 2, 1, 3, 0.`;

/** Arguments of each event kind in traces and `simulate --events` (SPEC §3). */
const EVENT_ARGS: Record<EventKind, string> = {
  start: 'S', terminate: 'S', 'routing-start': 'S', 'routing-stop': 'S', leavegroup: 'S', joingroup: 'S',
  deactivate: 'S D', reactivate: 'S D', 'app-stop': 'S A', 'app-start': 'S A', connect: 'C', close: 'S C',
  'quiesce-target': 'S', 'resume-target': 'S',
};

export const EVENTS_HELP = `
Events (in traces and in simulate --events "e1; e2"; S stack, D DVIPA, A application, C client):
  ${EVENT_KINDS.map((k) => `${k} ${EVENT_ARGS[k]}`).join(', ').replace(/(.{1,90})(, |$)/g, '$1,\n  ').replace(/,\n  $/, '')}`;
