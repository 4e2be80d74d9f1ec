// NO_COLOR (any non-empty value, per no-color.org), --no-color and TERM=dumb all mean plain output.
// chalk, under Ink, reads only FORCE_COLOR, so the CLI sets FORCE_COLOR=0 before any UI module loads.
export function wantsPlainOutput(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
	const end = argv.indexOf('--');
	const options = end === -1 ? argv : argv.slice(0, end);
	return Boolean(env.NO_COLOR) || env.TERM === 'dumb' || options.includes('--no-color');
}

export function applyColorPreference(argv: readonly string[], env: NodeJS.ProcessEnv): void {
	if (wantsPlainOutput(argv, env)) env.FORCE_COLOR = '0';
}
