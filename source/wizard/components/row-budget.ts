// How many terminal rows a screen may use. When Ink's frame is taller than the terminal, its top
// scrolls away (the header, the question): at 80x24 every screen must keep its question and choices
// with the header in view. The wizard knows how many rows its header, demo note and answered rows
// take and hands each step the rest (RowBudget); a step compares what it would show with that and
// folds the rest (behind a choice, or printed whole above the frame) instead of overflowing.
import {createContext, useContext} from 'react';
import wrapAnsi from 'wrap-ansi';
import {useRows} from './use-columns.js';

/** Rows the step below may use; undefined when the output is not a terminal (no limit). */
export const RowBudget = createContext<number | undefined>(undefined);

/**
 * The rows a step may fill: what the wizard left it, or (a step shown on its own) the terminal's rows
 * less the one Ink keeps for the cursor. Undefined: no limit known.
 */
export function useRowBudget(): number | undefined {
	const rows = useRows();
	const given = useContext(RowBudget);
	if (given !== undefined) return given;
	return rows === undefined ? undefined : rows - 1;
}

/** Rows `text` takes in Ink at `columns` (Ink wraps with wrap-ansi, hard, at spaces first). */
export function textRows(text: string, columns: number): number {
	return wrapAnsi(text, Math.max(1, columns), {trim: false, hard: true}).split('\n').length;
}

/** Rows a column of texts takes (each its own Text), at `columns`. */
export function rowsOf(texts: ReadonlyArray<string | undefined | false>, columns: number): number {
	let total = 0;
	for (const text of texts) if (typeof text === 'string') total += textRows(text, columns);
	return total;
}

/** Whether `needed` rows fit the budget (always, when no limit is known). */
export function fits(needed: number, budget: number | undefined): boolean {
	return budget === undefined || needed <= budget;
}

export type Fold = {
	/** The details do not fit with the rest: they are behind the "Show details" choice. */
	folded: boolean;
	/** Whether they are on screen (always, when not folded). */
	shown: boolean;
	/** The choice that shows or hides them, while folded ("details" is its value). */
	choice: {key: 'details'; label: string; value: 'details'};
};

/**
 * Details (a failure's reason and fix) fold behind a choice when `essentialRows` (headline, choices
 * with the fold's own, hints) and `detailRows` together exceed `budget`; `open`: the user asked for them.
 */
export function foldDetails(essentialRows: number, detailRows: number, budget: number | undefined, open: boolean): Fold {
	const folded = !fits(essentialRows + detailRows, budget);
	return {folded, shown: !folded || open, choice: {key: 'details', label: open ? 'Hide details' : 'Show details', value: 'details'}};
}
