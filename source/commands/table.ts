// Human output of records: aligned plain-text tables in the Atlas CLI's style (upper-case headers,
// columns separated by at least two spaces, the last column unpadded, an empty cell shown as "-")
// when they fit the width, else the same records as aligned key/value lines, one block per record.
// Nothing is cut: ids, names and ARNs are copied from this output. The width is the terminal's, or
// 80 columns when stdout is not a terminal (or reports no width).
import {terminalSafeLine} from '../text/terminal-safe.js';
import type {OutputStream} from './io.js';

export type Column<Row> = {
	header: string;
	/** The key in the key/value layout; default: the header in sentence case (acronyms kept). */
	label?: string;
	value: (row: Row) => string | undefined;
};

export const DEFAULT_WIDTH = 80;
const ACRONYMS = new Set(['ID', 'IAM', 'ARN', 'URL', 'API', 'AWS', 'S3', 'ORG']);

/** The columns human output may use on this stream. */
export function outputWidth(stream: OutputStream): number {
	return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_WIDTH;
}

// Counted in code points: ids, names and ARNs are what these tables hold.
function width(text: string): number {
	return [...text].length;
}

function labelOf(column: Column<unknown>): string {
	if (column.label) return column.label;
	return column.header.split(' ').map((word, index) => ACRONYMS.has(word) ? word : index === 0 ? word[0] + word.slice(1).toLowerCase() : word.toLowerCase()).join(' ');
}

function cellsOf<Row>(columns: Array<Column<Row>>, row: Row): string[] {
	return columns.map(column => {
		const value = column.value(row);
		// A cell is one line: a newline in a name would fake a row.
		return value === undefined || value === '' ? '-' : terminalSafeLine(value);
	});
}

function aligned(lines: string[][]): string[] {
	const widths = (lines[0] ?? []).map((_, index) => Math.max(...lines.map(line => width(line[index] ?? ''))));
	return lines.map(line => line
		.map((cell, index) => index === line.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - width(cell) + 2))
		.join('')
		.trimEnd());
}

/** One record as aligned "Label  value" lines (describe, and a table too wide for the width). */
export function formatRecord<Row>(columns: Array<Column<Row>>, row: Row): string {
	const cells = cellsOf(columns, row);
	return aligned(columns.map((column, index) => [labelOf(column as Column<unknown>), cells[index]!])).join('\n');
}

/** A table when it fits `maxWidth` columns, otherwise one key/value block per record. */
export function formatTable<Row>(columns: Array<Column<Row>>, rows: Row[], maxWidth = DEFAULT_WIDTH): string {
	const lines = aligned([columns.map(column => column.header), ...rows.map(row => cellsOf(columns, row))]);
	if (lines.every(line => width(line) <= maxWidth)) return lines.join('\n');
	return rows.map(row => formatRecord(columns, row)).join('\n\n');
}
