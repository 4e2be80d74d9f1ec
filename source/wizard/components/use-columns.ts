import {useCallback, useSyncExternalStore} from 'react';
import {useStdout} from 'ink';

// One 'resize' listener per output stream, whatever the number of components that follow its size:
// a listener each (every FieldRow, every step) passed Node's limit of ten and printed a
// MaxListenersExceededWarning into the terminal.
const watchers = new WeakMap<NodeJS.WriteStream, Set<() => void>>();

function watchSize(stdout: NodeJS.WriteStream, callback: () => void): () => void {
	let callbacks = watchers.get(stdout);
	if (!callbacks) {
		const set = new Set<() => void>();
		callbacks = set;
		watchers.set(stdout, set);
		stdout.on('resize', () => {
			for (const notify of [...set]) notify();
		});
	}

	callbacks.add(callback);
	return () => {
		callbacks.delete(callback);
	};
}

function useStdoutSize<T>(read: (stdout: NodeJS.WriteStream) => T): T {
	const {stdout} = useStdout();
	const subscribe = useCallback((callback: () => void) => watchSize(stdout, callback), [stdout]);
	return useSyncExternalStore(subscribe, () => read(stdout));
}

/** The terminal's width, following resizes; 80 when the output is not a terminal. */
export function useColumns(): number {
	return useStdoutSize(stdout => stdout.columns || 80);
}

/** Below this many rows a screen shows what matters first and folds the rest (the request, details). */
export const SHORT_TERMINAL_ROWS = 30;

/** The terminal's height, following resizes; undefined when the output does not tell (not a terminal). */
export function useRows(): number | undefined {
	return useStdoutSize(stdout => stdout.rows || undefined);
}
