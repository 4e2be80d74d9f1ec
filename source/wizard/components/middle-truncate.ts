import cliTruncate from 'cli-truncate';

/** Long ARNs and URLs keep their start and their end (the account and the role name) when cut. */
export function middleTruncate(text: string, columns: number): string {
	return cliTruncate(text, Math.max(8, columns), {position: 'middle'});
}

/** A line cut at its end to `columns` (a short terminal's one-row header and notes). */
export function endTruncate(text: string, columns: number): string {
	return cliTruncate(text, Math.max(1, columns), {position: 'end'});
}
