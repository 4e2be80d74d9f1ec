// The process exit codes every command uses, documented in `--help` and the README.
export const ExitCode = {
	ok: 0,
	/** The API answered with an error, or the network failed. */
	failure: 1,
	/** Usage or validation error: nothing was sent. */
	usage: 2,
	/** Authentication or authorization refused (401/403). */
	auth: 3,
	/** Cancelled by the user (Ctrl-C, or a confirmation answered no). */
	cancelled: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodeHelp = [
	'Exit codes:',
	'  0    success',
	'  1    API or network error',
	'  2    usage or validation error (nothing was sent)',
	'  3    authentication or authorization refused (401/403)',
	'  130  cancelled',
].join('\n');
