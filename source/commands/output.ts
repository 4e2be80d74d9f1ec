// What goes to stdout: with --json exactly the API object or array as Atlas sent it (the client's
// `withRaw` answers: `_id`, `links` and all; envelope removed, pages joined), nothing else; otherwise human text.
import {terminalSafeJson} from '../text/terminal-safe.js';
import {writeLine, type CommandIo} from './io.js';
import {outputWidth} from './table.js';

/** JSON escaping keeps server text inert: C0 by JSON.stringify, DEL and C1 as \u escapes here. */
export function printJson(io: CommandIo, value: unknown): void {
	writeLine(io.stdout, terminalSafeJson(JSON.stringify(value, null, 2)));
}

/** Progress and warnings: stderr, so that stdout holds only the result. */
export function note(io: CommandIo, text: string): void {
	writeLine(io.stderr, text);
}

/**
 * A list command's answer: with --json Atlas's JSON as sent, else one line when there is nothing,
 * else the table at the terminal's width.
 */
export function printListing<T>(io: CommandIo, json: boolean | undefined, answer: {value: T[]; raw: unknown}, empty: string, table: (items: T[], maxWidth?: number) => string): void {
	if (json) printJson(io, answer.raw);
	else if (answer.value.length === 0) writeLine(io.stdout, empty);
	else writeLine(io.stdout, table(answer.value, outputWidth(io.stdout)));
}
