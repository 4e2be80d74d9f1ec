// What a command needs from its process, injected so that commands run in-process in tests with
// their own streams and environment, and return an exit code instead of exiting.
import {terminalSafe} from '../text/terminal-safe.js';

export type OutputStream = NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
export type InputStream = NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};

export type CommandIo = {
	stdout: OutputStream;
	stderr: OutputStream;
	stdin: InputStream;
	env: NodeJS.ProcessEnv;
	/** Aborted on Ctrl-C: in-flight requests stop and the command returns 130. */
	signal?: AbortSignal;
} & ProcessHooks;

/** What the executable (bin.ts) wants to hear about. */
export type ProcessHooks = {
	/** The wizard's first frame is on screen: start-up work that had to wait can run now. */
	onFirstFrame?: () => void;
};

export function processIo(signal?: AbortSignal, hooks: ProcessHooks = {}): CommandIo {
	return {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal, ...hooks};
}

/** Every line a command writes: server and file text inside it cannot drive the terminal (terminal-safe.ts). */
export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
	stream.write(`${terminalSafe(text)}\n`);
}

/** `CI` set to anything but empty, `0` or `false` (as CI services and Ink's is-in-ci read it). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
	return env.CI !== undefined && !['', '0', 'false'].includes(env.CI);
}

/** The wizard and the y/N prompt need a person at both ends; `CI` says there is none. */
export function isInteractive(io: CommandIo): boolean {
	return Boolean(io.stdin.isTTY) && Boolean(io.stdout.isTTY) && !isCi(io.env);
}
