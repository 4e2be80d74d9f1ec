// Screens to an asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/). Each event
// repaints the whole screen as tmux showed it, at a time taken from the script's pacing rather than
// from the clock, so the same screens always give the same file, byte for byte.
export type Frame = {
	/** Seconds from the start. */
	time: number;
	/** The screen: one string per row, SGR colour sequences allowed. */
	screen: string;
};

export type Cast = {
	columns: number;
	rows: number;
	title: string;
	frames: Frame[];
	/** Seconds: the last screen stays until then. */
	end: number;
};

const HOME_AND_CLEAR = '\u001B[H\u001B[2J';
const HIDE_CURSOR = '\u001B[?25l';

/** Rows of a `capture-pane -p -e` screen, padded or cut to `rows`, each reset at its end. */
export function screenRows(screen: string, rows: number): string[] {
	const lines = screen.replace(/\n$/, '').split('\n');
	return Array.from({length: rows}, (_, index) => `${lines[index] ?? ''}\u001B[0m`);
}

export function toAsciicast(cast: Cast): string {
	const header = {version: 2, width: cast.columns, height: cast.rows, title: cast.title, env: {TERM: 'xterm-256color'}};
	const events: string[] = [];
	let previous: string | undefined;
	for (const frame of cast.frames) {
		if (frame.screen === previous) continue;
		previous = frame.screen;
		const paint = HOME_AND_CLEAR + screenRows(frame.screen, cast.rows).join('\r\n');
		events.push(JSON.stringify([Number(frame.time.toFixed(3)), 'o', events.length === 0 ? HIDE_CURSOR + paint : paint]));
	}

	// An empty output at the end keeps the last screen up for its hold time.
	events.push(JSON.stringify([Number(cast.end.toFixed(3)), 'o', '']));
	return [JSON.stringify(header), ...events].join('\n') + '\n';
}
