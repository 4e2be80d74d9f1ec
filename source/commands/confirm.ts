// The y/N question asked before create and delete in a terminal. The prompt goes to stderr so that
// stdout stays clean for --json. The terminal stays in cooked mode: Ctrl-C raises SIGINT, which
// aborts io.signal and so the question.
import {createInterface} from 'node:readline/promises';
import type {CommandIo} from './io.js';
import {UsageError} from './usage-error.js';

export async function confirm(question: string, io: CommandIo): Promise<boolean> {
	const readline = createInterface({input: io.stdin, output: io.stderr, terminal: false});
	const closed = new Promise<string>(resolve => {
		readline.once('close', () => resolve(''));
	});
	try {
		const answer = await Promise.race([readline.question(`${question} (y/N) `, {signal: io.signal ?? new AbortController().signal}), closed]);
		return /^y(es)?$/i.test(answer.trim());
	} finally {
		readline.close();
	}
}

/**
 * Before anything is sent: without --yes a person must answer the question, so stdin must be a
 * terminal. Otherwise refuse (exit 2) and name the flag.
 */
export function assertCanConfirm(options: {yes?: boolean}, io: CommandIo, command: string): void {
	if (options.yes || io.stdin.isTTY) return;
	throw new UsageError(
		`Refusing to ${command} without confirmation: stdin is not a terminal, so nobody can answer the question.`,
		'Add --yes to confirm on the command line.',
	);
}
