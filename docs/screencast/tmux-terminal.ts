// A real terminal for the screencast: the built CLI runs in a private tmux server of a fixed size, keys
// go in through `send-keys` and the screen comes back from `capture-pane -e` (tmux is the terminal
// emulator, so what we record is what a person's terminal shows, colours included). Every wait is
// bounded, and the server is killed when the recording ends.
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {promisify} from 'node:util';

const run = promisify(execFile);

export type TerminalOptions = {
	argv: string[];
	/** The whole environment of the program (nothing else leaks in). */
	env: Record<string, string>;
	columns: number;
	rows: number;
};

export type Terminal = {
	/** The screen as tmux holds it: `rows` lines, with SGR colour sequences when `escapes`. */
	screen(escapes?: boolean): Promise<string>;
	/**
	 * Everything the terminal holds, scrollback first, with each line the terminal soft-wrapped joined
	 * again (`capture-pane -J`): what a person copying a line gets.
	 */
	joined(): Promise<string>;
	/** Keys by tmux name (`Enter`, `Down`, `Escape`, `BSpace`). */
	press(...keys: string[]): Promise<void>;
	/** Literal text, as one burst. */
	type(text: string): Promise<void>;
	/** Resolves with the screen once it matches `until` and has not changed for `quietMs`. */
	settle(until: (plain: string) => boolean, what: string, options?: {quietMs?: number; timeoutMs?: number}): Promise<string>;
	close(): Promise<void>;
};

/** A `capture-pane -e` screen as plain text: its CSI sequences (colours) removed. */
export function plainScreen(screen: string): string {
	// eslint-disable-next-line no-control-regex
	return screen.replace(/\u001B\[[0-?]*[ -/]*[@-~]/g, '');
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export async function openTerminal(options: TerminalOptions): Promise<Terminal> {
	const socket = `aeb-screencast-${randomBytes(4).toString('hex')}`;
	const tmux = async (...args: string[]) => (await run('tmux', ['-L', socket, '-f', '/dev/null', ...args])).stdout;
	const command = ['exec', 'env', '-i', ...Object.entries(options.env).map(([name, value]) => `${name}=${value}`), ...options.argv]
		.map((part, index) => (index === 0 ? part : quote(part)))
		.join(' ');
	await run('env', ['-i', `PATH=${process.env.PATH ?? '/usr/bin:/bin'}`, 'tmux', '-L', socket, '-f', '/dev/null',
		'new-session', '-d', '-x', String(options.columns), '-y', String(options.rows), 'sh', '-c', `${command}; sleep 600`]);

	const screen = async (escapes = false) => (await tmux('capture-pane', '-p', ...(escapes ? ['-e'] : [])));
	return {
		screen,
		async joined() {
			return tmux('capture-pane', '-p', '-J', '-S', '-');
		},
		async press(...keys) {
			await tmux('send-keys', ...keys);
		},
		async type(text) {
			await tmux('send-keys', '-l', text);
		},
		async settle(until, what, {quietMs = 400, timeoutMs = 60_000} = {}) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			let since = Date.now();
			for (;;) {
				const current = await screen(true);
				if (current !== last) {
					last = current;
					since = Date.now();
				} else if (until(plainScreen(current)) && Date.now() - since >= quietMs) {
					// Judged on the very capture returned: a second capture could show a later screen.
					return current;
				}

				if (Date.now() > deadline) throw new Error(`screencast: gave up waiting for ${what}; the screen shows:\n${await screen()}`);
				await pause(50);
			}
		},
		async close() {
			await tmux('kill-server').catch(() => '');
		},
	};
}
