import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/** The terminal's width, following resizes; 80 when the output is not a terminal. */
export function useColumns(): number {
	const {stdout} = useStdout();
	const [columns, setColumns] = useState(stdout.columns || 80);
	useEffect(() => {
		const update = () => setColumns(stdout.columns || 80);
		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);
	return columns;
}

/** Below this many rows a screen shows what matters first and folds the rest (the request, details). */
export const SHORT_TERMINAL_ROWS = 30;

/** The terminal's height, following resizes; undefined when the output does not tell (not a terminal). */
export function useRows(): number | undefined {
	const {stdout} = useStdout();
	const [rows, setRows] = useState<number | undefined>(stdout.rows || undefined);
	useEffect(() => {
		const update = () => setRows(stdout.rows || undefined);
		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);
	return rows;
}
