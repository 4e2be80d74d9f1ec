// A pseudo-terminal can report a size of 0x0 (a container, `script` before the size is set, some
// CI runners). Ink then lays the wizard out in zero columns: one character per line. The wizard's
// output stream reports 80x24 instead while its real size is 0, and its real size as soon as the
// terminal tells one (tty.WriteStream assigns columns/rows on SIGWINCH, through the setters below).

export const FALLBACK_COLUMNS = 80;
export const FALLBACK_ROWS = 24;

export function withSizeFallback(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	for (const [name, fallback] of [['columns', FALLBACK_COLUMNS], ['rows', FALLBACK_ROWS]] as const) {
		let value = stdout[name];
		Object.defineProperty(stdout, name, {
			configurable: true,
			enumerable: true,
			get: () => (value > 0 ? value : fallback),
			set(next: number) {
				value = next;
			},
		});
	}

	return stdout;
}
