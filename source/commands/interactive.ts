// No subcommand: the wizard, when a person is at the keyboard. Otherwise (stdin or stdout not a
// terminal, or CI set) Ink is never loaded: one message names the command that does the same.
import {CredentialsError} from '../credentials/errors.js';
import {ExitCode} from './exit-codes.js';
import {isCi, isInteractive, writeLine, type CommandIo} from './io.js';
import type {InteractiveOptions} from './options.js';

function whyNotInteractive(io: CommandIo): string {
	if (isCi(io.env)) return 'CI is set';
	if (!io.stdin.isTTY) return 'stdin is not a terminal';
	return 'stdout is not a terminal';
}

export function notATerminalMessage(options: InteractiveOptions, io: CommandIo): string {
	const project = options.projectId ?? '<id>';
	const lines = [
		`atlas-export-bucket: the interactive wizard needs a terminal (${whyNotInteractive(io)}).`,
		'To do the same without prompts, run:',
		`  atlas-export-bucket create --project-id ${project} --iam-role-id <id> --bucket <name> --yes`,
		'with the keys in MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or --private-key-stdin, or a profile saved by `login`).',
		`Find the ids with \`atlas-export-bucket projects\` and \`atlas-export-bucket roles --project-id ${project}\`.`,
	];
	if (options.demo) {
		lines.push('For a demo without a terminal: `atlas-export-bucket simulator` prints a base URL and demo keys to use with --base-url.');
	}

	return lines.join('\n');
}

export async function runInteractive(options: InteractiveOptions, io: CommandIo): Promise<number> {
	if (!isInteractive(io)) {
		writeLine(io.stderr, notATerminalMessage(options, io));
		return ExitCode.usage;
	}

	// Ctrl-C before the wizard takes the keyboard (raw mode) arrives as SIGINT: honour it here.
	if (io.signal?.aborted) return ExitCode.cancelled;
	const {startWizard} = await import('../wizard/start.js');
	if (io.signal?.aborted) return ExitCode.cancelled;
	try {
		return await startWizard({...options, io});
	} catch (error) {
		// A setting the wizard cannot start with (e.g. --base-url that is not a URL): said before any frame.
		if (!(error instanceof CredentialsError)) throw error;
		const {reportError} = await import('./report.js');
		return reportError(error, io);
	}
}
