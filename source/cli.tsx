// The `atlas-export-bucket` executable. Kept tiny on purpose: colour settings first, then the parser
// (commander only); every command module and the wizard are loaded on demand.
import {runCli} from './commands/program.js';
import {processIo} from './commands/io.js';

// chalk (under Ink) ignores NO_COLOR and knows nothing of --no-color: decide before any UI loads.
const argv = process.argv.slice(2);
const optionArgs = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
if (process.env.NO_COLOR || process.env.TERM === 'dumb' || optionArgs.includes('--no-color')) {
	process.env.FORCE_COLOR = '0';
}

// Ctrl-C while a command runs aborts its requests and prompts; the command then returns 130. A
// second Ctrl-C leaves at once. (The wizard reads Ctrl-C itself in raw mode.)
const interrupt = new AbortController();
process.on('SIGINT', () => {
	if (interrupt.signal.aborted) process.exit(130);
	interrupt.abort();
	process.exitCode = 130;
});

process.exitCode = await runCli(argv, processIo(interrupt.signal));
