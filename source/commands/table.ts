// Aligned plain-text tables in the Atlas CLI's style: upper-case headers, columns separated by
// at least two spaces, the last column unpadded, an empty cell shown as "-".
export type Column<Row> = {
	header: string;
	value: (row: Row) => string | undefined;
};

// Counted in code points: ids, names and ARNs are what these tables hold.
function width(text: string): number {
	return [...text].length;
}

export function formatTable<Row>(columns: Array<Column<Row>>, rows: Row[]): string {
	const cells = rows.map(row => columns.map(column => {
		const value = column.value(row);
		return value === undefined || value === '' ? '-' : value;
	}));
	const lines = [columns.map(column => column.header), ...cells];
	const widths = columns.map((_, index) => Math.max(...lines.map(line => width(line[index] ?? ''))));
	return lines
		.map(line => line
			.map((cell, index) => index === line.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - width(cell) + 2))
			.join('')
			.trimEnd())
		.join('\n');
}
