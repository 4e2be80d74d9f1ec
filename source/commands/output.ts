// What goes to stdout: with --json exactly the API object or array as Atlas sent it (the client's
// `withRaw` answers: `_id`, `links` and all; envelope removed, pages joined), nothing else; otherwise human text.
import {terminalSafeJson} from '../text/terminal-safe.js';
import {writeLine, type CommandIo} from './io.js';

/** JSON escaping keeps server text inert: C0 by JSON.stringify, DEL and C1 as \u escapes here. */
export function printJson(io: CommandIo, value: unknown): void {
	writeLine(io.stdout, terminalSafeJson(JSON.stringify(value, null, 2)));
}

/** Progress and warnings: stderr, so that stdout holds only the result. */
export function note(io: CommandIo, text: string): void {
	writeLine(io.stderr, text);
}
