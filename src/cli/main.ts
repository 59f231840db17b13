#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { EVENTS_HELP, EXIT_CODES_HELP, TOOL } from './about.js';
import { MAX_WORKERS } from '../engine/parallel.js';
import { SPEC_EXT, integer, nameList, pathArg, positiveInt, positiveNumber, replayPath, shard, sliceShare, wholeIn } from './inputs.js';
import { reportOption } from './reports.js';
import { setColor } from './shared.js';
import { printable } from '../spec/errors.js';

/** Each command's code is loaded when the command runs (a run starts faster: it loads only what it needs). */
const commands = {
  check: () => import('./check-command.js'),
  other: () => import('./commands.js'),
  compare: () => import('./compare-command.js'),
  init: () => import('./init.js'),
  imports: () => import('./import-command.js'),
};

/** The only place that exits: stages return exit codes (SPEC §2). */
async function main(argv: string[]): Promise<number> {
  const program = new Command('dvipa-verify')
    .description('Model checker for dynamic VIPA takeover and takeback on z/OS sysplexes')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(printable(s, true)) }) // D-164: it echoes what was typed
    .option('--color', 'colour the text output even when it is not a terminal (overrides FORCE_COLOR, NO_COLOR)')
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `${EXIT_CODES_HELP}\n${EVENTS_HELP}\n\nEnvironment: NO_COLOR, FORCE_COLOR (colour); GITHUB_ACTIONS=true (check prints annotations).\n`)
    .hook('preAction', (cmd) => { setColor(cmd.getOptionValueSource('color') === 'cli' ? cmd.opts().color as boolean : undefined); });
  let code = 0;
  const set = (p: Promise<number> | number): Promise<void> => Promise.resolve(p).then((c) => { code = c; });

  const sliceFlags = new Set<string>(); // --slice i/n and --no-slice share one value: which were given (D-274)
  program.command('check')
    .on('option:slice', () => sliceFlags.add('--slice')).on('option:no-slice', () => sliceFlags.add('--no-slice'))
    .description('explore every reachable state (BFS) and check the properties')
    .argument('<spec...>', 'spec files or folders of specs')
    .addOption(new Option('--mode <mode>', 'bfs (exhaustive), random (property-based random walks), both (BFS, then walks if incomplete)').choices(['bfs', 'random', 'both']).default('bfs'))
    .option('--runs <n>', 'random mode: number of walks (per round)', positiveInt('--runs'), 1000)
    .option('--depth <n>', 'random mode: steps per walk', positiveInt('--depth'), 50)
    .option('--seed <n>', 'random mode: seed (printed for replay)', integer('--seed'), 1)
    .option('--path <path>', 'random mode: fast-check replay path of a counterexample (with its --seed)', replayPath)
    .option('--shard <i/n>', 'random mode: shard i of n (1-based), disjoint seeds', shard)
    .option('--minimize', 'random mode: shorten each counterexample exactly (bounded BFS)')
    .option('--workers <n>', `worker threads for BFS, 1 to ${MAX_WORKERS} (same results as one)`, wholeIn('--workers', 1, MAX_WORKERS), 1)
    .option('--symmetry', 'treat stacks with identical configuration as interchangeable (fewer states; same verdicts and trace lengths)')
    .option('--slice <i/n>', 'check only the i-th of n shares of the slices (a CI job matrix; the n reports together are the verdict)', sliceShare)
    .option('--no-slice', 'explore the full product of all DVIPAs instead of one exact slice per DVIPA (reference state counts)')
    .addOption(new Option('--cross-check <checker>', 'also run SPIN on the exported model and compare state counts and verdicts').choices(['spin']))
    .option('--max-states <n>', 'stop (incomplete, exit 3) after this many distinct states', wholeIn('--max-states', 1))
    .option('--timeout <seconds>', 'stop (incomplete, exit 3) after this many seconds', positiveNumber('--timeout'))
    .option('--max-memory <MiB>', 'stop (incomplete, exit 3) when the process grows past this size', wholeIn('--max-memory', 1))
    .option('--only <names>', 'check only these properties (comma-separated)', nameList)
    .option('--skip <names>', 'do not check these properties (comma-separated)', nameList)
    .addOption(new Option('--format <format>', 'output format (the one report, on standard output)').choices(['text', 'json', 'itf', 'markdown', 'html', 'junit']).default('text'))
    .option('--report <format[=file]>', 'a report in this format to this file (FILE - or no =FILE: standard output); repeatable: several reports from one run', reportOption)
    .option('--out <dir>', 'write the trace of each violated property into this folder (ITF with an itf report, else JSON)', pathArg('--out'))
    .option('--force', 'with --out: replace existing trace files')
    .option('--full', 'print whole states in traces, not only what changed')
    .option('--quiet', 'print only the result lines and errors')
    .option('--progress', 'print progress on stderr even when it is not a terminal')
    .option('--no-progress', 'never print progress')
    .option('--properties <path...>', 'extra property modules (.ts/.js files or folders), on top of the built-ins')
    .addHelpText('after', `${EXIT_CODES_HELP}\n${EVENTS_HELP}\n`)
    .action((specs: string[], o, cmd: Command) => {
      // D-274: a share of the slices needs the slices; silently one or the other would be a wrong run
      const off = sliceFlags.has('--no-slice') ? '--no-slice' : o.crossCheck === 'spin' ? '--cross-check spin (it explores the full product)' : null;
      if (sliceFlags.has('--slice') && off) cmd.error(`error: --slice i/n checks a share of the slices; it cannot be combined with ${off}`, { exitCode: 2, code: 'dvipa-verify.usage' });
      // D-289: an option the chosen mode does not use is named, not silently dropped
      const given = (names: string[]): string[] => names.filter((n) => cmd.getOptionValueSource(n) === 'cli').map((n) => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
      const walksOnly = o.mode === 'bfs' ? given(['runs', 'depth', 'seed', 'path', 'shard', 'minimize']) : [];
      if (walksOnly.length) process.stderr.write(`dvipa-verify: warning: ${walksOnly.join(', ')} only apply to random walks (--mode random or both): ignored with --mode bfs\n`);
      if (o.mode === 'random' && given(['maxStates']).length) process.stderr.write('dvipa-verify: warning: --max-states bounds the BFS; random walks are bounded by --runs, --depth and --timeout: ignored with --mode random\n');
      return set(commands.check().then((m) => m.runCheck(specs, { ...o, formatGiven: cmd.getOptionValueSource('format') === 'cli' })));
    });

  program.command('simulate')
    .description('apply the given events in order from the start state and check the properties on the way')
    .argument('<spec>', 'spec file')
    .requiredOption('--events <events>', 'events separated by ";", e.g. "terminate TCPCS; start TCPCS"')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--only <names>', 'check only these properties', nameList)
    .option('--skip <names>', 'do not check these properties', nameList)
    .option('--full', 'print whole states, not only what changed')
    .option('--properties <path...>', 'extra property modules (.ts/.js files or folders)')
    .option('--timeout <seconds>', 'with --properties: stop (exit 3) when their checks have not returned after this many seconds (default 60)', positiveNumber('--timeout'))
    .action((spec: string, o) => set(commands.other().then((m) => m.runSimulate(spec, o))));

  program.command('replay')
    .description('re-run a written trace (JSON or ITF) against its spec: does the violation still occur?')
    .argument('<trace>', 'a trace file written by --out (.trace.json or .itf.json)')
    .option('--spec <spec>', 'the spec to replay against (default: the one named in the trace)', pathArg('--spec'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--properties <path...>', 'extra property modules (.ts/.js files or folders)')
    .option('--timeout <seconds>', 'with --properties: stop (exit 3) when their checks have not returned after this many seconds (default 60)', positiveNumber('--timeout'))
    .action((trace: string, o) => set(commands.other().then((m) => m.runReplay(trace, o))));

  program.command('lint')
    .description('static findings (no exploration); exit 1 when any finding is an error')
    .argument('<spec...>', 'spec files or folders of specs; NETSTAT VIPADCFG reports among them are compared with the stacks\' profiles')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((specs: string[], o) => set(commands.other().then((m) => m.runLint(specs, o))));

  program.command('import')
    .description('write a spec from TCPPARMS members (profiles, INCLUDEs, IEASYMxx) and NETSTAT VIPADCFG/VIPADYN reports')
    .argument('<input...>', 'files or folders: profile members, IEASYMxx members, netstat -F and netstat -v reports (recognised from their content)')
    .option('-o, --output <file>', 'write the spec here (default: standard output); an existing file is replaced only with --force', pathArg('-o'))
    .option('--force', 'replace an existing output file')
    .action((inputs: string[], o) => set(commands.imports().then((m) => m.runImport(inputs, o))));

  program.command('properties')
    .description('list the built-in and loaded properties with one-line descriptions')
    .option('--properties <path...>', 'extra property modules (.ts/.js files or folders)')
    .option('--timeout <seconds>', 'stop (exit 3) when a module has not finished loading after this many seconds (default 60)', positiveNumber('--timeout'))
    .action((o) => set(commands.other().then((m) => m.runProperties(o))));

  program.command('export')
    .description('write the same transition system as a SPIN (Promela) model')
    .argument('<spec>', 'spec file')
    .addOption(new Option('--to <language>', 'target language').choices(['promela']).makeOptionMandatory())
    .option('-o, --output <file>', 'write to this file (default: standard output); an existing file is replaced only with --force', pathArg('-o'))
    .option('--force', 'replace an existing output file')
    .option('--only <names>', 'export only these properties', nameList)
    .option('--skip <names>', 'do not export these properties', nameList)
    .action((spec: string, o) => set(commands.other().then((m) => m.runExport(spec, o))));

  program.command('init')
    .description('write a commented starter spec (profiles in files) and a GitHub Actions workflow')
    .argument('[dir]', 'where to write them (default: the current folder)', '.')
    .option('--force', 'replace files that exist')
    .action((dir: string, o) => set(commands.init().then((m) => m.runInit(dir, o))));

  program.command('compare')
    .description('check two versions of a spec; report what changed in the configuration, what newly fails, newly holds or still fails (exit 1 only if something newly fails)')
    .argument('<spec...>', '<old> <new>: the spec before and after the change; with --base: one or more specs, each against itself at that revision')
    .option('--base <revision>', 'compare the spec with itself at this git revision (e.g. origin/main), profile files read at that revision too', pathArg('--base'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--properties <path...>', 'extra property modules (.ts/.js files or folders)')
    .option('--max-states <n>', 'limit per spec', wholeIn('--max-states', 1))
    .option('--timeout <seconds>', 'limit per spec', positiveNumber('--timeout'))
    .option('--only <names>', 'check only these properties', nameList)
    .option('--skip <names>', 'do not check these properties', nameList)
    .action((specs: string[], o) => set(commands.compare().then((m) => m.runCompare(specs, o))));

  // a usage error says what is wrong and where to look, not the whole help
  for (const c of program.commands) c.showHelpAfterError(`(run 'dvipa-verify ${c.name()} --help' for its options)`);
  // D-276: `check --properties dir plex.yaml` read the spec as a module, then missed it
  for (const c of program.commands) {
    const cmd = c as Command & { missingArgument(name: string): void };
    const missing = cmd.missingArgument.bind(cmd);
    cmd.missingArgument = (name) => {
      const props = cmd.opts().properties as string[] | undefined;
      const spec = props?.find((p) => SPEC_EXT.test(p));
      if (spec === undefined) { missing(name); return; }
      cmd.error(`error: missing required argument '${name}': --properties takes every path after it, so ${printable(spec)} was read as a property module; give the spec before --properties, or end its list with --`, { code: 'commander.missingArgument' });
    };
  }
  program.showHelpAfterError(`(run 'dvipa-verify --help' for the commands)`);
  if (argv.length <= 2) { // no command: a usage error
    process.stderr.write(`usage: dvipa-verify <command> [options]   (commands: ${program.commands.map((c) => c.name()).join(', ')})\n(run 'dvipa-verify --help' for more)\n`);
    return 2;
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    throw e;
  }
  return code;
}

// A reader that goes away (`check specs/ | head -1`, also `2>&1 | head`) ends the run at once,
// quietly (D-88).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(141);
  process.stderr.write(`dvipa-verify: cannot write to standard output: ${e.code ?? e.message}\n`);
  process.exit(2);
});
process.stderr.on('error', () => process.exit(141)); // nowhere left to say anything

// A run whose work never finished but left nothing to wait for (a property module's top-level
// `await` on a promise that never settles) would otherwise end silently with exit 0.
let finished = false;
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  process.stderr.write('dvipa-verify: the run ended before it finished: something it waited for never came (a property module whose top-level await never settles?)\n');
  process.exitCode = 2;
});

main(process.argv).then(
  (code) => { finished = true; process.exitCode = code; },
  (e: unknown) => {
    finished = true;
    let text: string;
    try { text = e instanceof Error ? e.message : String(e); } catch { text = 'a value that cannot be printed'; }
    process.stderr.write(`dvipa-verify: internal error: ${text}\n`);
    process.exitCode = 70;
  },
);
