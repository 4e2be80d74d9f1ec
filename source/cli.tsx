// The program behind the `atlas-export-bucket` executable (bin.ts runs it): colour settings first,
// then the parser (commander only); every command module and the wizard start on demand.
import {applyColorPreference} from './commands/color.js';
import {processIo, type ProcessHooks} from './commands/io.js';
import {runCli} from './commands/program.js';

export function main(hooks: ProcessHooks = {}): void {
	const argv = process.argv.slice(2);
	// A reader that leaves early (`| head`) ends the output, not the program with a stack trace.
	for (const stream of [process.stdout, process.stderr]) {
		stream.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EPIPE') throw error;
			process.exit(process.exitCode ?? 0);
		});
	}

	// Before any UI module loads: chalk (under Ink) ignores NO_COLOR and knows nothing of --no-color.
	applyColorPreference(argv, process.env);

	// Ctrl-C while a command runs aborts its requests and prompts; the command then returns 130. A
	// second Ctrl-C leaves at once. (The wizard reads Ctrl-C itself, as a key in raw mode.)
	const interrupt = new AbortController();
	process.on('SIGINT', () => {
		if (interrupt.signal.aborted) process.exit(130);
		interrupt.abort();
		process.exitCode = 130;
	});

	void runCli(argv, processIo(interrupt.signal, hooks)).then(code => {
		process.exitCode = code;
	});
}
